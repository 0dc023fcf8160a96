package com.taskchain.orchestrator.tool.company;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** An incident severity of the operations policy (§1): P1 critical, P2 high, P3 moderate. */
public enum Severity {
  P1,
  P2,
  P3;

  @JsonValue
  public String wire() {
    return name();
  }

  /**
   * The severity named, case-insensitively ({@code p2} is {@code P2}).
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  @JsonCreator
  public static Severity of(String value) {
    for (Severity severity : values()) {
      if (severity.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
        return severity;
      }
    }
    throw new IllegalArgumentException("must be one of P1, P2, P3, got '" + value + "'");
  }

  /** Whether the text names a severity. */
  public static boolean isSeverity(String value) {
    return value != null && value.strip().toUpperCase(Locale.ROOT).matches("P[1-3]");
  }
}
