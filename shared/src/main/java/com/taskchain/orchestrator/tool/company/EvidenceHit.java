package com.taskchain.orchestrator.tool.company;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.taskchain.orchestrator.retrieval.Hit;
import com.taskchain.orchestrator.retrieval.Source;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One retrieved passage, as the search tools return it.
 *
 * @param citationId what to cite: a record id ({@code INC-2291}) or a document section ({@code
 *     runbooks/atlas-checkout.md#mitigation})
 * @param citationSource where it lives: {@code jira} or {@code incident} for records, the
 *     document's path under {@code company_sim/} for sections
 * @param source the kind of passage: jira, incident, runbook, policy, governance, program,
 *     tool_config or profile
 * @param title the record's title or the section's heading path
 * @param score BM25 score, comparable within one search only
 * @param coverage share of the query's information the passage contains, weighted by rarity, 0 to 1
 * @param snippet the passage's most relevant part, within max_snippet_chars
 * @param metadata the passage's attributes (project, issue type, priority, severity, status,
 *     service, dates; document id and path for sections), sorted by name
 */
public record EvidenceHit(
    @JsonProperty(value = "citation_id", required = true) String citationId,
    @JsonProperty(value = "citation_source", required = true) String citationSource,
    @JsonProperty(required = true) Source source,
    @JsonProperty(required = true) String title,
    @JsonProperty(required = true) double score,
    @JsonProperty(required = true) double coverage,
    @JsonProperty(required = true) String snippet,
    @JsonProperty(required = true) Map<String, String> metadata) {
  public EvidenceHit {
    Objects.requireNonNull(citationId, "citation_id");
    Objects.requireNonNull(citationSource, "citation_source");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(snippet, "snippet");
    metadata =
        java.util.Collections.unmodifiableMap(
            new TreeMap<>(Objects.requireNonNull(metadata, "metadata")));
  }

  static EvidenceHit of(Hit hit) {
    return new EvidenceHit(
        hit.citationId(),
        hit.citationSource(),
        hit.source(),
        hit.title(),
        hit.score(),
        hit.coverage(),
        hit.snippet(),
        hit.metadata());
  }
}
