package com.taskchain.orchestrator.llm.rerank;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The model's relevance per candidate.
 *
 * @param scores one entry per candidate it judged
 */
public record RerankReply(@JsonProperty(required = true) List<Score> scores) {
  public RerankReply {
    scores = scores == null ? List.of() : List.copyOf(scores);
  }

  /**
   * @param citationId a candidate's id, as given
   * @param relevance 0 (unrelated) to 1 (answers the query)
   */
  public record Score(
      @JsonProperty(value = "citation_id", required = true) String citationId,
      @JsonProperty(required = true) double relevance) {
    public Score {
      if (!(relevance >= 0 && relevance <= 1)) {
        throw new IllegalArgumentException("relevance: must be between 0 and 1, got " + relevance);
      }
    }
  }
}
