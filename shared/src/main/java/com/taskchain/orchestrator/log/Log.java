package com.taskchain.orchestrator.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

/**
 * Structured logs: one JSON object per line on standard output, in the shape Cloud Logging parses
 * ({@code severity}, {@code message}, {@code time}, plus fields such as {@code task_id}, {@code
 * run_id} and {@code stage}). Thread-safe; a line is written with one call so lines never
 * interleave.
 */
public final class Log {
  private final String logger;

  private Log(String logger) {
    this.logger = logger;
  }

  public static Log get(Class<?> type) {
    return new Log(type.getSimpleName());
  }

  /**
   * Logs at INFO.
   *
   * @param fields alternating names and values, e.g. {@code "task_id", id, "stage", "plan"}
   */
  public void info(String message, Object... fields) {
    write("INFO", message, null, fields);
  }

  public void warn(String message, Object... fields) {
    write("WARNING", message, null, fields);
  }

  public void error(String message, Throwable error, Object... fields) {
    write("ERROR", message, error, fields);
  }

  private void write(String severity, String message, Throwable error, Object... fields) {
    ObjectNode line = Json.object();
    line.put("severity", severity);
    line.put("message", error == null ? message : message + ": " + error);
    line.put("time", Instant.now().toString());
    line.put("logger", logger);
    for (int i = 0; i + 1 < fields.length; i += 2) {
      Object value = fields[i + 1];
      if (value != null) {
        boolean structured =
            value instanceof Number
                || value instanceof Boolean
                || value instanceof com.fasterxml.jackson.databind.JsonNode
                || value instanceof java.util.Map<?, ?>
                || value instanceof java.util.Collection<?>
                || value instanceof Record
                || value instanceof Enum<?>;
        line.set(
            String.valueOf(fields[i]),
            structured
                ? Json.tree(value)
                : Json.mapper().getNodeFactory().textNode(value.toString()));
      }
    }
    if (error != null) {
      StringWriter trace = new StringWriter();
      error.printStackTrace(new PrintWriter(trace));
      line.put("stack_trace", trace.toString());
    }
    System.out.println(Json.write(line));
  }
}
