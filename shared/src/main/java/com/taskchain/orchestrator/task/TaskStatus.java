package com.taskchain.orchestrator.task;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A task's status, as the seed reported it. */
public enum TaskStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TaskStatus fromWire(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }
}
