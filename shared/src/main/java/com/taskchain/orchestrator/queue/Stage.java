package com.taskchain.orchestrator.queue;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** The three stages of a run, in order. */
public enum Stage {
  PLAN,
  EXECUTE,
  VERIFY;

  /** The lower-case name used in the database, URLs and JSON. */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The stage after this one; empty after verify. */
  public Optional<Stage> next() {
    return switch (this) {
      case PLAN -> Optional.of(EXECUTE);
      case EXECUTE -> Optional.of(VERIFY);
      case VERIFY -> Optional.empty();
    };
  }

  /** Parses a wire name. */
  public static Optional<Stage> fromWire(String wire) {
    for (Stage stage : values()) {
      if (stage.wire().equals(wire)) {
        return Optional.of(stage);
      }
    }
    return Optional.empty();
  }
}
