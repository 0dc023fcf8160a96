package com.taskchain.orchestrator.task;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A run's status. */
public enum RunStatus {
  RUNNING,
  SUCCEEDED,
  FAILED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RunStatus fromWire(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }
}
