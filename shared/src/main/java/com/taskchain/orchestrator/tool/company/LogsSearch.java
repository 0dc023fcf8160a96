package com.taskchain.orchestrator.tool.company;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolException;
import com.taskchain.orchestrator.tool.company.internal.Args;
import com.taskchain.orchestrator.tool.company.internal.CompanyHttp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code logs_search}: a service's log events in a time window, in time order, optionally matching
 * a pattern and at least a level, from the log system at {@code COMPANY_LOGS_BASE_URL} over HTTP.
 * Logs down, slow or failing is a retriable error; a refused question is permanent. Thread-safe.
 */
public final class LogsSearch implements Tool<LogsSearch.Input, LogsSearch.Output> {
  public static final String NAME = "logs_search";

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 1_000;
  public static final int MAX_PATTERN_CHARS = 200;

  /** The least severe level kept. */
  public enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR;

    @JsonValue
    public String wire() {
      return name();
    }

    /**
     * The level named, case-insensitively.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    @JsonCreator
    public static Level of(String value) {
      for (Level level : values()) {
        if (level.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
          return level;
        }
      }
      throw new IllegalArgumentException(
          "must be one of DEBUG, INFO, WARN, ERROR, got '" + value + "'");
    }
  }

  /**
   * The arguments.
   *
   * @param service a service id
   * @param startTime start of the window, inclusive (ISO-8601 time with zone, or a date)
   * @param endTime end of the window, exclusive, after the start
   * @param pattern optional case-insensitive regular expression found anywhere in the message (a
   *     plain word works)
   * @param level optional least severe level kept
   * @param limit the most events, 1 to {@value #MAX_LIMIT} (default {@value #DEFAULT_LIMIT})
   */
  @JsonClassDescription("Arguments of logs_search.")
  public record Input(
      @JsonProperty(required = true) @JsonPropertyDescription("Service id, e.g. ledger-core.")
          String service,
      @JsonProperty(value = "start_time", required = true)
          @JsonPropertyDescription("Start of the window, inclusive (ISO-8601 with zone).")
          String startTime,
      @JsonProperty(value = "end_time", required = true)
          @JsonPropertyDescription("End of the window, exclusive (ISO-8601 with zone).")
          String endTime,
      @JsonPropertyDescription(
              "Optional: case-insensitive regular expression searched in the message.")
          String pattern,
      @JsonPropertyDescription("Optional: the least severe level kept.") Level level,
      @JsonPropertyDescription("Optional: the most events, 1 to 1000 (default 50).")
          Integer limit) {
    public Input {
      if (service == null) {
        throw new IllegalArgumentException("service: is required");
      }
      service = CompanyServices.check("service", service);
      Instant start = Args.requiredInstant("start_time", startTime);
      Instant end = Args.requiredInstant("end_time", endTime);
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("end_time: must be after start_time");
      }
      pattern = Args.optional("pattern", pattern, MAX_PATTERN_CHARS);
      if (pattern != null) {
        try {
          Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "pattern: is not a valid regular expression: " + e.getDescription(), e);
        }
      }
      limit = Args.intInRange("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
    }
  }

  /** One log event. */
  public record Event(
      @JsonProperty(required = true) String timestamp,
      @JsonProperty(required = true) String service,
      @JsonProperty(required = true) String level,
      @JsonProperty(required = true) String message,
      @JsonProperty("trace_id") String traceId) {
    public Event {
      Objects.requireNonNull(timestamp, "timestamp");
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The result.
   *
   * @param total every matching event, also those beyond {@code limit}
   * @param events the first {@code limit} matches, in time order
   */
  public record Output(
      @JsonProperty(required = true) String service,
      @JsonProperty(value = "start_time", required = true) String startTime,
      @JsonProperty(value = "end_time", required = true) String endTime,
      String pattern,
      Level level,
      @JsonProperty(required = true) int total,
      @JsonProperty(required = true) List<Event> events) {
    public Output {
      events = List.copyOf(Objects.requireNonNull(events, "events"));
    }
  }

  private final CompanyHttp logs;

  public LogsSearch(CompanySystemsConfig config) {
    this.logs = new CompanyHttp("logs", CompanySystemsConfig.LOGS_URL, config.logs());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Searches a service's log events in a time window (optionally by pattern and least"
        + " level), in time order.";
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Class<Output> outputType() {
    return Output.class;
  }

  @Override
  public Output call(Input input) throws ToolException {
    Instant start = Args.requiredInstant("start_time", input.startTime());
    Instant end = Args.requiredInstant("end_time", input.endTime());
    Map<String, String> params = new LinkedHashMap<>();
    params.put("service", input.service());
    params.put("start", start.toString());
    params.put("end", end.toString());
    params.put("pattern", input.pattern());
    params.put("level", input.level() == null ? null : input.level().wire());
    params.put("limit", String.valueOf(input.limit()));
    JsonNode answer = logs.get(params);
    List<Event> events = new ArrayList<>();
    for (JsonNode e : answer.path("events")) {
      JsonNode trace = e.get("trace_id");
      events.add(
          new Event(
              e.path("ts").asText(),
              e.path("service").asText(),
              e.path("level").asText(),
              e.path("message").asText(),
              trace == null || trace.isNull() ? null : trace.asText()));
    }
    return new Output(
        input.service(),
        start.toString(),
        end.toString(),
        input.pattern(),
        input.level(),
        answer.path("total").asInt(events.size()),
        events);
  }
}
