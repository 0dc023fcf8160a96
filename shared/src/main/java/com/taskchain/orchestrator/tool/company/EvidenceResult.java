package com.taskchain.orchestrator.tool.company;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.taskchain.orchestrator.retrieval.Confidence;
import com.taskchain.orchestrator.retrieval.Filter;
import com.taskchain.orchestrator.retrieval.SearchResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The output of {@code search_previous_issues} and {@code search_incident_knowledge}.
 *
 * @param total the number of hits
 * @param confidence how well the best hit answers the query: high, medium or low (low when nothing
 *     was found); at most medium when filters had to be relaxed
 * @param recommendFallback whether the caller should not rely on these hits alone (nothing found,
 *     or only weak matches)
 * @param fallbackReason why, when {@code recommend_fallback}; null otherwise
 * @param appliedFilters the filter arguments the hits meet, with their values as given, and {@code
 *     query_period} when the search read a period from the query's words
 * @param relaxedFilters the filter arguments dropped because nothing relevant met them, narrowest
 *     first
 * @param hits the passages, best first, each with {@code citation_id} and {@code citation_source}
 * @param rankingMode what ordered the hits: {@value #BM25} (the search's own order; the default) or
 *     {@value #LLM} (a model's relevance scores, see {@code llm.rerank.RerankingSearchTool})
 * @param rerankFallbackReason why the search's order was kept although a model re-ranking was
 *     wanted; null otherwise
 */
public record EvidenceResult(
    @JsonProperty(required = true) int total,
    @JsonProperty(required = true) Confidence confidence,
    @JsonProperty(value = "recommend_fallback", required = true) boolean recommendFallback,
    @JsonProperty("fallback_reason") String fallbackReason,
    @JsonProperty(value = "applied_filters", required = true) Map<String, String> appliedFilters,
    @JsonProperty(value = "relaxed_filters", required = true) List<String> relaxedFilters,
    @JsonProperty(required = true) List<EvidenceHit> hits,
    @JsonProperty("ranking_mode") String rankingMode,
    @JsonProperty("rerank_fallback_reason") String rerankFallbackReason) {
  /** {@code ranking_mode} when the hits are in the search's own (BM25) order. */
  public static final String BM25 = "bm25";

  /** {@code ranking_mode} when a model's relevance scores ordered the hits. */
  public static final String LLM = "llm";

  public EvidenceResult {
    Objects.requireNonNull(confidence, "confidence");
    appliedFilters =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(Objects.requireNonNull(appliedFilters, "applied_filters")));
    relaxedFilters = List.copyOf(Objects.requireNonNull(relaxedFilters, "relaxed_filters"));
    hits = List.copyOf(Objects.requireNonNull(hits, "hits"));
    if (total != hits.size()) {
      throw new IllegalArgumentException(
          "total: must equal the number of hits (" + hits.size() + "), got " + total);
    }
    if (recommendFallback != (fallbackReason != null)) {
      throw new IllegalArgumentException(
          "fallback_reason: must be given exactly when recommend_fallback is true");
    }
    // Absent in JSON written before re-ranking existed, and always absent from the
    // deterministic tools' own results: both mean the search's order.
    rankingMode = rankingMode == null ? BM25 : rankingMode;
    if (!rankingMode.equals(BM25) && !rankingMode.equals(LLM)) {
      throw new IllegalArgumentException(
          "ranking_mode: must be bm25 or llm, got '" + rankingMode + "'");
    }
    if (rankingMode.equals(LLM) && rerankFallbackReason != null) {
      throw new IllegalArgumentException(
          "rerank_fallback_reason: must be absent when ranking_mode is llm");
    }
  }

  /** A result in the search's own order ({@code ranking_mode} {@value #BM25}). */
  public EvidenceResult(
      int total,
      Confidence confidence,
      boolean recommendFallback,
      String fallbackReason,
      Map<String, String> appliedFilters,
      List<String> relaxedFilters,
      List<EvidenceHit> hits) {
    this(
        total,
        confidence,
        recommendFallback,
        fallbackReason,
        appliedFilters,
        relaxedFilters,
        hits,
        BM25,
        null);
  }

  /**
   * This result with its hits in another order and how that order was decided; everything else
   * (confidence, filters, the hits themselves) unchanged.
   *
   * @param reordered the same hits, in the new order
   * @param rankingMode {@value #BM25} or {@value #LLM}
   * @param rerankFallbackReason why a wanted model ranking was not applied; null otherwise
   * @throws IllegalArgumentException when {@code reordered} is not a permutation of the hits
   */
  public EvidenceResult ranked(
      List<EvidenceHit> reordered, String rankingMode, String rerankFallbackReason) {
    if (reordered.size() != hits.size() || !reordered.containsAll(hits)) {
      throw new IllegalArgumentException("hits: must be a reordering of the result's hits");
    }
    return new EvidenceResult(
        total,
        confidence,
        recommendFallback,
        fallbackReason,
        appliedFilters,
        relaxedFilters,
        reordered,
        rankingMode,
        rerankFallbackReason);
  }

  /**
   * The tool output for a search.
   *
   * @param given the filter arguments as given, in argument order
   * @param nothingFound the reason when there are no hits
   * @param weak the reason's beginning when the hits are weak
   */
  static EvidenceResult of(
      SearchResult result, Map<String, String> given, String nothingFound, String weak) {
    Map<String, String> applied = new LinkedHashMap<>(given);
    for (Filter filter : result.applied()) {
      if (filter.arguments().equals(List.of(Filter.QUERY_PERIOD))) {
        applied.put(Filter.QUERY_PERIOD, filter.describe());
      }
    }
    List<String> relaxed = result.relaxedArguments();
    relaxed.forEach(applied::remove);
    String reason = null;
    if (result.hits().isEmpty()) {
      reason = nothingFound;
    } else if (result.confidence() == Confidence.LOW) {
      reason = weak + ": " + result.weakReason() + "; broaden the query or the filters.";
    }
    return new EvidenceResult(
        result.hits().size(),
        result.confidence(),
        reason != null,
        reason,
        applied,
        relaxed,
        result.hits().stream().map(EvidenceHit::of).toList());
  }
}
