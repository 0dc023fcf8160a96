package com.taskchain.orchestrator.answer;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * One fact the answer states, with the citation ids of the evidence that supports it. Every number
 * and ticket id in {@code text} must occur in the cited evidence (the verifier checks it).
 *
 * @param text one sentence
 * @param citations citation ids retrieved in this run: a record id ({@code INC-2291}), a document
 *     path or section ({@code policies/operations_policy_v2.md#5-rollback-triggers}), or the id of
 *     an {@link EvidenceItem} a skill produced
 */
public record Claim(
    @JsonProperty(required = true) String text,
    @JsonProperty(required = true) List<String> citations) {
  public Claim {
    Objects.requireNonNull(text, "text");
    citations = List.copyOf(Objects.requireNonNull(citations, "citations"));
  }

  public static Claim of(String text, String... citations) {
    return new Claim(text, List.of(citations));
  }
}
