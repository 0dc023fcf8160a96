package com.taskchain.orchestrator.local.db;

import com.taskchain.orchestrator.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line on stdout, in the shape Cloud Logging reads ({@code severity}, {@code
 * message}), so the local runner's output looks like a deployed function's. Thread-safe: each line
 * is written whole.
 */
final class JsonLog {
  private static final String COMPONENT = "embedded-postgres";

  private JsonLog() {}

  static void info(String message, Object... keyValues) {
    write("INFO", message, keyValues);
  }

  static void warning(String message, Object... keyValues) {
    write("WARNING", message, keyValues);
  }

  static void error(String message, Object... keyValues) {
    write("ERROR", message, keyValues);
  }

  /**
   * @param keyValues alternating names and values; values are written as JSON numbers, booleans or
   *     text ({@code toString()})
   */
  private static void write(String severity, String message, Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("keyValues: names and values must pair up");
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("severity", severity);
    line.put("message", message);
    line.put("component", COMPONENT);
    for (int i = 0; i < keyValues.length; i += 2) {
      Object value = keyValues[i + 1];
      line.put(
          String.valueOf(keyValues[i]),
          value instanceof Number || value instanceof Boolean || value == null
              ? value
              : value.toString());
    }
    System.out.println(Json.write(line));
  }
}
