package com.taskchain.company;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * One log line of the mock logging system, as stored in {@code systems/logs.jsonl} and as answered.
 */
public record LogEvent(
    Instant ts,
    String service,
    String level,
    String message,
    @JsonProperty("trace_id") String traceId) {
  public LogEvent {
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(message, "message");
  }
}
