package com.taskchain.orchestrator.answer;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A piece of evidence a skill read or derived in this run, quotable by a {@link Claim}: a rule of
 * the company's data ({@code tool_configs/oncall.yaml#weeks/2026-05-18}), a measurement from the
 * metrics system, or a derivation that shows its arithmetic ("declared 11:05 + 60 minutes =
 * 12:05"). Its text is what the verifier searches for the claim's numbers and ids.
 *
 * @param citationId a stable id, unique within the run
 * @param citationSource where it comes from: a document path, {@code metrics}, {@code logs}, {@code
 *     jira}, or {@code derived}
 * @param text the quoted or derived text
 */
public record EvidenceItem(
    @JsonProperty(value = "citation_id", required = true) String citationId,
    @JsonProperty(value = "citation_source", required = true) String citationSource,
    @JsonProperty(required = true) String text) {
  public EvidenceItem {
    Objects.requireNonNull(citationId, "citation_id");
    Objects.requireNonNull(citationSource, "citation_source");
    Objects.requireNonNull(text, "text");
  }
}
