package com.taskchain.company;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The mock metrics system: {@code GET
 * ?service=&metric=(p95_latency_ms|error_rate)&start=&end=&step=} answers {@code
 * {"service","metric","unit","start","end","step","points":[{"t","value"}],"aggregates":{"min","max",
 * "avg","p95"}}}. {@code error_rate} is in percent of requests, {@code p95_latency_ms} in
 * milliseconds. Each point is the mean of the 1-minute samples in {@code [t, t + step)}; the
 * aggregates are over the points (nearest-rank p95) and null when there are none. {@code end}
 * defaults to the simulated now ({@code as_of}, 2026-05-20T12:00Z), {@code start} to 24 hours
 * before {@code end}, {@code step} to the smallest of PT1M, PT5M, PT15M, PT1H, PT6H, P1D giving at
 * most 1,440 points. Times are ISO-8601; a bad parameter answers 400 naming it. Deterministic and
 * read-only; thread-safe.
 */
public final class MetricsFunction implements HttpFunction {
  static final Duration DEFAULT_RANGE = Duration.ofHours(24);
  static final Duration MAX_RANGE = Duration.ofDays(190);
  static final int MAX_POINTS = 10_000;
  static final int AUTO_STEP_POINTS = 1_440;
  private static final List<Duration> AUTO_STEPS =
      List.of(
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofHours(1),
          Duration.ofHours(6),
          Duration.ofDays(1));
  private static final Set<String> PARAMETERS = Set.of("service", "metric", "start", "end", "step");

  private final Supplier<MetricsModel> model;

  /** Reads the model from the classpath on first use. */
  public MetricsFunction() {
    this(Holder::model);
  }

  MetricsFunction(Supplier<MetricsModel> model) {
    this.model = model;
  }

  private static final class Holder {
    private static final MetricsModel MODEL = MetricsModel.load();

    static MetricsModel model() {
      return MODEL;
    }
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    if (!Responses.requireGet(request, response)) {
      return;
    }
    MetricsModel metrics = model.get();
    ObjectNode body;
    try {
      body = answer(metrics, Params.of(request.getQueryParameters(), PARAMETERS));
    } catch (BadParameterException e) {
      Responses.badParameter(response, e);
      return;
    }
    Responses.json(response, 200, body);
  }

  private static ObjectNode answer(MetricsModel metrics, Params params)
      throws BadParameterException {
    String service =
        params
            .text("service")
            .orElseThrow(
                () -> new BadParameterException("service", "parameter 'service' is required"));
    if (!metrics.knows(service)) {
      throw new BadParameterException(
          "service",
          "unknown service '"
              + Params.abbreviate(service)
              + "'; known: "
              + String.join(", ", new java.util.TreeSet<>(Services.IDS)));
    }
    String metric =
        params
            .text("metric")
            .orElseThrow(
                () ->
                    new BadParameterException(
                        "metric", "parameter 'metric' is required: p95_latency_ms or error_rate"));
    if (!MetricsModel.METRICS.contains(metric)) {
      throw new BadParameterException(
          "metric",
          "unknown metric '" + Params.abbreviate(metric) + "'; use p95_latency_ms or error_rate");
    }
    Instant end = params.instant("end").orElse(metrics.asOf());
    Instant start = params.instant("start").orElse(end.minus(DEFAULT_RANGE));
    if (!start.isBefore(end)) {
      throw new BadParameterException("end", "'end' must be after 'start'");
    }
    Duration range = Duration.between(start, end);
    if (range.compareTo(MAX_RANGE) > 0) {
      throw new BadParameterException(
          "end", "the range from 'start' to 'end' is longer than " + MAX_RANGE.toDays() + " days");
    }
    Duration step = params.duration("step").orElse(autoStep(range));
    if (step.compareTo(Duration.ofMinutes(1)) < 0
        || step.toSecondsPart() != 0
        || step.toNanosPart() != 0) {
      throw new BadParameterException(
          "step", "'step' must be a whole number of minutes, at least PT1M");
    }
    if (range.dividedBy(step) >= MAX_POINTS) {
      throw new BadParameterException(
          "step",
          "'step' " + step + " gives more than " + MAX_POINTS + " points; use a larger step");
    }

    List<MetricsModel.Point> points = metrics.series(service, metric, start, end, step);
    ObjectNode body = Responses.MAPPER.createObjectNode();
    body.put("service", service)
        .put("metric", metric)
        .put("unit", metric.equals("error_rate") ? "percent" : "ms")
        .put("start", start.toString())
        .put("end", end.toString())
        .put("step", step.toString());
    ArrayNode array = body.putArray("points");
    for (MetricsModel.Point point : points) {
      array.addObject().put("t", point.t().toString()).put("value", point.value());
    }
    ObjectNode aggregates = body.putObject("aggregates");
    if (points.isEmpty()) {
      aggregates.putNull("min").putNull("max").putNull("avg").putNull("p95");
    } else {
      double[] values = points.stream().mapToDouble(MetricsModel.Point::value).sorted().toArray();
      double sum = 0;
      for (double v : values) {
        sum += v;
      }
      int rank = (int) Math.ceil(0.95 * values.length);
      aggregates
          .put("min", values[0])
          .put("max", values[values.length - 1])
          .put("avg", MetricsModel.round(metric, sum / values.length))
          .put("p95", values[rank - 1]);
    }
    return body;
  }

  private static Duration autoStep(Duration range) {
    for (Duration step : AUTO_STEPS) {
      if (range.dividedBy(step) <= AUTO_STEP_POINTS) {
        return step;
      }
    }
    return AUTO_STEPS.get(AUTO_STEPS.size() - 1);
  }
}
