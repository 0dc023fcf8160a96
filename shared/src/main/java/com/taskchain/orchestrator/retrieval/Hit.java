package com.taskchain.orchestrator.retrieval;

import java.util.Map;
import java.util.Objects;

/**
 * One retrieved passage.
 *
 * @param citationId what to cite: a record's id ({@code INC-2291}) or a document section ({@code
 *     runbooks/atlas-checkout.md#mitigation})
 * @param citationSource where the passage lives: the record's system ({@code jira}, {@code
 *     incident}) or the document's path under {@code company_sim/}
 * @param source the kind of passage
 * @param title the record's title or the section's heading
 * @param score the BM25 score (comparable within one search only)
 * @param coverage the share of the query's information, weighted by rarity (inverse document
 *     frequency), that the passage contains, 0 to 1
 * @param snippet the passage's most relevant part
 * @param metadata the passage's attributes (project, priority, severity, status, service,
 *     dates...), sorted by name
 */
public record Hit(
    String citationId,
    String citationSource,
    Source source,
    String title,
    double score,
    double coverage,
    String snippet,
    Map<String, String> metadata) {
  public Hit {
    Objects.requireNonNull(citationId, "citationId");
    Objects.requireNonNull(citationSource, "citationSource");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(snippet, "snippet");
    // Sorted, so that outputs are the same bytes from run to run.
    metadata = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(metadata));
  }
}
