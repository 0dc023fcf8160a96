package com.taskchain.orchestrator.retrieval;

import java.util.List;
import java.util.Objects;

/**
 * What a search found.
 *
 * @param hits the relevant passages, best first; empty when nothing relevant matched even after
 *     relaxing every filter
 * @param applied the filters the hits meet
 * @param relaxed the filters dropped because nothing relevant met them, in the order dropped
 * @param confidence how well the best hit answers the query
 * @param weakReason why confidence is low, when it is; null otherwise
 * @param queryTerms the distinct searchable terms of the query after analysis (0 when the query is
 *     only stop words or punctuation)
 */
public record SearchResult(
    List<Hit> hits,
    List<Filter> applied,
    List<Filter> relaxed,
    Confidence confidence,
    String weakReason,
    int queryTerms) {
  public SearchResult {
    hits = List.copyOf(hits);
    applied = List.copyOf(applied);
    relaxed = List.copyOf(relaxed);
    Objects.requireNonNull(confidence, "confidence");
  }

  /** The arguments of the relaxed filters, in the order dropped. */
  public List<String> relaxedArguments() {
    return relaxed.stream().flatMap(f -> f.arguments().stream()).toList();
  }
}
