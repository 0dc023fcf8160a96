package com.taskchain.orchestrator.retrieval;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much a search's best hit can be trusted to answer the query. */
public enum Confidence {
  LOW,
  MEDIUM,
  HIGH;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
