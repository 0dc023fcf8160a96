package com.taskchain.orchestrator.tool.company;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolException;
import com.taskchain.orchestrator.tool.company.internal.Args;
import com.taskchain.orchestrator.tool.company.internal.CompanyHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code metrics_query}: a service's p95 latency and error rate over a time window, from the
 * metrics system at {@code COMPANY_METRICS_BASE_URL} over HTTP (two calls, one per metric), with
 * the maximum and mean of each. The step defaults to the smallest of 1 minute, 5 minutes, 15
 * minutes, 1 hour, 6 hours and 1 day that gives at most {@value #AUTO_STEP_POINTS} points, so the
 * result stays small. Metrics down, slow or failing is a retriable error; a refused question is
 * permanent. Thread-safe.
 */
public final class MetricsQuery implements Tool<MetricsQuery.Input, MetricsQuery.Output> {
  public static final String NAME = "metrics_query";

  /** The most points an automatic step gives. */
  public static final int AUTO_STEP_POINTS = 120;

  private static final List<Duration> STEPS =
      List.of(
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofHours(1),
          Duration.ofHours(6),
          Duration.ofDays(1));

  /**
   * The arguments.
   *
   * @param service a service id
   * @param startTime start of the window (ISO-8601 time with zone, or a date)
   * @param endTime end of the window, after the start
   * @param step optional ISO-8601 duration between points, whole minutes from PT1M to P1D
   */
  @JsonClassDescription("Arguments of metrics_query.")
  public record Input(
      @JsonProperty(required = true) @JsonPropertyDescription("Service id, e.g. atlas-checkout.")
          String service,
      @JsonProperty(value = "start_time", required = true)
          @JsonPropertyDescription("Start of the window (ISO-8601 with zone).")
          String startTime,
      @JsonProperty(value = "end_time", required = true)
          @JsonPropertyDescription("End of the window (ISO-8601 with zone).")
          String endTime,
      @JsonPropertyDescription("Optional: ISO-8601 duration between points, PT1M to P1D.")
          String step) {
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
      Args.duration("step", step, Duration.ofMinutes(1), Duration.ofDays(1));
    }

    Instant start() {
      return Args.requiredInstant("start_time", startTime);
    }

    Instant end() {
      return Args.requiredInstant("end_time", endTime);
    }
  }

  /**
   * One sample.
   *
   * @param timestamp the start of the step the values average
   * @param latencyP95Ms p95 latency in milliseconds; null when not measured
   * @param errorRate error rate in percent of requests; null when not measured
   */
  public record Point(
      @JsonProperty(required = true) String timestamp,
      @JsonProperty("latency_p95_ms") Double latencyP95Ms,
      @JsonProperty("error_rate") Double errorRate) {
    public Point {
      Objects.requireNonNull(timestamp, "timestamp");
    }
  }

  /**
   * The result. Aggregates are over the points and null when there are none.
   *
   * @param errorRateMax the highest error rate, in percent
   */
  public record Output(
      @JsonProperty(required = true) String service,
      @JsonProperty(value = "start_time", required = true) String startTime,
      @JsonProperty(value = "end_time", required = true) String endTime,
      @JsonProperty(required = true) String step,
      @JsonProperty(value = "points_count", required = true) int pointsCount,
      @JsonProperty("latency_p95_ms_avg") Double latencyP95MsAvg,
      @JsonProperty("latency_p95_ms_max") Double latencyP95MsMax,
      @JsonProperty("error_rate_avg") Double errorRateAvg,
      @JsonProperty("error_rate_max") Double errorRateMax,
      @JsonProperty(required = true) List<Point> points) {
    public Output {
      points = List.copyOf(Objects.requireNonNull(points, "points"));
      if (pointsCount != points.size()) {
        throw new IllegalArgumentException(
            "points_count: must equal the number of points (" + points.size() + ")");
      }
    }
  }

  private final CompanyHttp metrics;

  public MetricsQuery(CompanySystemsConfig config) {
    this.metrics = new CompanyHttp("metrics", CompanySystemsConfig.METRICS_URL, config.metrics());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Reads a service's p95 latency (ms) and error rate (%) over a time window from the"
        + " metrics system, with their maximum and mean.";
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
    Instant start = input.start();
    Instant end = input.end();
    Duration step =
        Args.duration("step", input.step(), Duration.ofMinutes(1), Duration.ofDays(1))
            .orElseGet(() -> autoStep(Duration.between(start, end)));
    JsonNode latency = series(input.service(), "p95_latency_ms", start, end, step);
    JsonNode errors = series(input.service(), "error_rate", start, end, step);

    Map<String, Point> byTime = new LinkedHashMap<>();
    for (JsonNode p : latency.path("points")) {
      String t = p.path("t").asText();
      byTime.put(t, new Point(t, number(p.get("value")), null));
    }
    for (JsonNode p : errors.path("points")) {
      String t = p.path("t").asText();
      Point known = byTime.get(t);
      byTime.put(
          t, new Point(t, known == null ? null : known.latencyP95Ms(), number(p.get("value"))));
    }
    List<Point> points = new ArrayList<>(byTime.values());
    points.sort((a, b) -> Instant.parse(a.timestamp()).compareTo(Instant.parse(b.timestamp())));
    return new Output(
        input.service(),
        start.toString(),
        end.toString(),
        step.toString(),
        points.size(),
        number(latency.path("aggregates").get("avg")),
        number(latency.path("aggregates").get("max")),
        number(errors.path("aggregates").get("avg")),
        number(errors.path("aggregates").get("max")),
        points);
  }

  private JsonNode series(String service, String metric, Instant start, Instant end, Duration step)
      throws ToolException {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("service", service);
    params.put("metric", metric);
    params.put("start", start.toString());
    params.put("end", end.toString());
    params.put("step", step.toString());
    return metrics.get(params);
  }

  static Duration autoStep(Duration range) {
    for (Duration step : STEPS) {
      if (range.dividedBy(step) <= AUTO_STEP_POINTS) {
        return step;
      }
    }
    return STEPS.get(STEPS.size() - 1);
  }

  private static Double number(JsonNode node) {
    return node == null || !node.isNumber() ? null : node.asDouble();
  }
}
