package com.taskchain.orchestrator.skill.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The 1-minute samples of one service's golden metrics, as {@code metrics_query} returned them with
 * step {@code PT1M}, and the policy's "sustained for N minutes" rule over them. Immutable.
 *
 * @param samples in time order, one per minute at most
 */
public record Samples(List<Sample> samples) {
  /** The only step the sustained rule is defined on. */
  public static final Duration MINUTE = Duration.ofMinutes(1);

  public Samples {
    samples = List.copyOf(samples);
  }

  /**
   * One 1-minute sample.
   *
   * @param at the start of the minute
   * @param latencyP95Ms null when not measured
   * @param errorRate percent of requests; null when not measured
   */
  public record Sample(Instant at, Double latencyP95Ms, Double errorRate) {
    /** The value of a metric ({@code error_rate} or {@code p95_latency_ms}), or null. */
    public Double value(String metric) {
      return switch (metric) {
        case Metric.ERROR_RATE -> errorRate;
        case Metric.P95_LATENCY -> latencyP95Ms;
        default -> throw new IllegalArgumentException("unknown metric " + metric);
      };
    }
  }

  /** The metric names of the metrics system and the rule data. */
  public static final class Metric {
    public static final String ERROR_RATE = "error_rate";
    public static final String P95_LATENCY = "p95_latency_ms";

    private Metric() {}
  }

  /**
   * A maximal run of consecutive samples that meet a comparator.
   *
   * @param first the first sample's minute
   * @param last the last sample's minute
   * @param minutes how many samples
   * @param peak the highest value in the run
   */
  public record Run(Instant first, Instant last, int minutes, double peak) {
    /** When the run had lasted {@code n} minutes: the end of its n-th minute. */
    public Instant metAfter(int n) {
      return first.plus(MINUTE.multipliedBy(n));
    }
  }

  /**
   * The 1-minute samples of {@code service} among metrics_query outputs (those with step PT1M),
   * merged by minute; outputs with another step are ignored, since the policy defines "sustained"
   * on 1-minute samples.
   */
  public static Samples from(List<JsonNode> metricsOutputs, String service) {
    Map<Instant, Sample> byMinute = new TreeMap<>();
    for (JsonNode output : metricsOutputs) {
      if (!service.equals(output.path("service").asText())
          || !MINUTE.toString().equals(output.path("step").asText())) {
        continue;
      }
      for (JsonNode point : output.path("points")) {
        Instant at = Instant.parse(point.path("timestamp").asText());
        byMinute.put(
            at,
            new Sample(at, number(point.get("latency_p95_ms")), number(point.get("error_rate"))));
      }
    }
    return new Samples(new ArrayList<>(byMinute.values()));
  }

  private static Double number(JsonNode node) {
    return node == null || !node.isNumber() ? null : node.asDouble();
  }

  /** The samples whose minute is in {@code [from, to)}. */
  public Samples between(Instant from, Instant to) {
    return new Samples(
        samples.stream().filter(s -> !s.at().isBefore(from) && s.at().isBefore(to)).toList());
  }

  public boolean isEmpty() {
    return samples.isEmpty();
  }

  /** The highest value of the metric and its minute, if measured. */
  public Optional<Sample> peak(String metric) {
    Sample best = null;
    for (Sample s : samples) {
      Double v = s.value(metric);
      if (v != null && (best == null || v > best.value(metric))) {
        best = s;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The first maximal run of consecutive 1-minute samples that meet {@code comparator value} and
   * lasts at least {@code minutes} samples: the policy's "sustained for N minutes" ("every 1-minute
   * sample in an N-minute window is at or above the value" for {@code >=}; strictly above for
   * {@code >}). A missing minute or an unmeasured sample breaks a run.
   *
   * @param comparator {@code >=} or {@code >}
   */
  public Optional<Run> sustained(String metric, String comparator, double value, int minutes) {
    if (minutes < 1) {
      throw new IllegalArgumentException("minutes: must be at least 1, got " + minutes);
    }
    Run current = null;
    for (Sample s : samples) {
      Double v = s.value(metric);
      boolean meets = v != null && meets(v, comparator, value);
      boolean continues = current != null && meets && s.at().equals(current.last().plus(MINUTE));
      if (continues) {
        current =
            new Run(current.first(), s.at(), current.minutes() + 1, Math.max(current.peak(), v));
      } else {
        if (current != null && current.minutes() >= minutes) {
          return Optional.of(current);
        }
        current = meets ? new Run(s.at(), s.at(), 1, v) : null;
      }
    }
    return current != null && current.minutes() >= minutes
        ? Optional.of(current)
        : Optional.empty();
  }

  /** Whether {@code v comparator value} holds. */
  public static boolean meets(double v, String comparator, double value) {
    return switch (comparator) {
      case ">=" -> v >= value;
      case ">" -> v > value;
      default -> throw new IllegalArgumentException("unknown comparator " + comparator);
    };
  }
}
