package com.taskchain.orchestrator.execute;

import com.fasterxml.jackson.annotation.JsonValue;

/** How one step of a plan ended. */
public enum StepStatus {
  SUCCEEDED,
  FAILED,
  SKIPPED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
