package com.taskchain.company;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The golden metrics of every service, computed on demand from {@code systems/metrics.json}: a
 * baseline times a daily cycle times deterministic noise, replaced inside an anomaly's span by its
 * interpolated keyframes. Each 1-minute sample depends only on the random seed, the service, the
 * metric and the minute, so any range gives the same values every time. Samples exist from the
 * data's {@code start} up to (not including) its {@code as_of}. Immutable and thread-safe.
 */
final class MetricsModel {
  static final Set<String> METRICS = Set.of("p95_latency_ms", "error_rate");
  private static final double MINUTES_PER_DAY = 24 * 60;

  private final long seed;
  private final Instant start;
  private final Instant asOf;
  private final double dailyPeakMinute;
  private final double dailyAmplitude;
  private final double noise;
  private final double anomalyNoise;
  private final Map<String, Double> baselines = new HashMap<>();
  private final List<Anomaly> anomalies = new ArrayList<>();

  /** One anomaly: piecewise-linear keyframes (epoch minute, value) for one service and metric. */
  static final class Anomaly {
    private final String incident;
    private final String service;
    private final String metric;
    private final long[] minutes;
    private final double[] values;

    Anomaly(String incident, String service, String metric, long[] minutes, double[] values) {
      this.incident = incident;
      this.service = service;
      this.metric = metric;
      this.minutes = minutes.clone();
      this.values = values.clone();
    }

    String incident() {
      return incident;
    }

    String service() {
      return service;
    }

    String metric() {
      return metric;
    }

    Instant first() {
      return Instant.ofEpochSecond(minutes[0] * 60);
    }

    Instant last() {
      return Instant.ofEpochSecond(minutes[minutes.length - 1] * 60);
    }

    /** The highest keyframe value. */
    double peak() {
      double peak = values[0];
      for (double v : values) {
        peak = Math.max(peak, v);
      }
      return peak;
    }

    boolean covers(long minute) {
      return minute >= minutes[0] && minute <= minutes[minutes.length - 1];
    }

    double valueAt(long minute) {
      for (int i = 1; i < minutes.length; i++) {
        if (minute <= minutes[i]) {
          double fraction = (double) (minute - minutes[i - 1]) / (minutes[i] - minutes[i - 1]);
          return values[i - 1] + fraction * (values[i] - values[i - 1]);
        }
      }
      return values[values.length - 1];
    }
  }

  MetricsModel(JsonNode root) {
    seed = root.required("seed").asLong();
    start = Instant.parse(root.required("start").asText());
    asOf = Instant.parse(root.required("as_of").asText());
    dailyPeakMinute =
        LocalTime.parse(root.required("daily_peak_utc").asText()).toSecondOfDay() / 60.0;
    dailyAmplitude = root.required("daily_amplitude").asDouble();
    noise = root.required("noise").asDouble();
    anomalyNoise = root.required("anomaly_noise").asDouble();
    root.required("services")
        .fields()
        .forEachRemaining(
            service ->
                service
                    .getValue()
                    .fields()
                    .forEachRemaining(
                        metric ->
                            baselines.put(
                                key(service.getKey(), metric.getKey()),
                                metric.getValue().required("baseline").asDouble())));
    for (JsonNode node : root.required("anomalies")) {
      JsonNode frames = node.required("keyframes");
      long[] minutes = new long[frames.size()];
      double[] values = new double[frames.size()];
      for (int i = 0; i < frames.size(); i++) {
        minutes[i] = epochMinute(Instant.parse(frames.get(i).get(0).asText()));
        values[i] = frames.get(i).get(1).asDouble();
        if (i > 0 && minutes[i] <= minutes[i - 1]) {
          throw new IllegalArgumentException(
              "keyframes of " + node.required("incident").asText() + " are not in time order");
        }
      }
      anomalies.add(
          new Anomaly(
              node.required("incident").asText(),
              node.required("service").asText(),
              node.required("metric").asText(),
              minutes,
              values));
    }
  }

  /** Reads {@code systems/metrics.json} from the classpath. */
  static MetricsModel load() {
    try {
      return new MetricsModel(new ObjectMapper().readTree(SystemsData.read("metrics.json")));
    } catch (IOException e) {
      throw new UncheckedIOException("metrics.json is not valid", e);
    }
  }

  Instant start() {
    return start;
  }

  /** The simulated "now": no sample exists at or after it. */
  Instant asOf() {
    return asOf;
  }

  boolean knows(String service) {
    return baselines.containsKey(key(service, "error_rate"));
  }

  List<Anomaly> anomalies() {
    return List.copyOf(anomalies);
  }

  /** The 1-minute sample of a metric at the minute that contains {@code time}. */
  double sample(String service, String metric, Instant time) {
    long minute = epochMinute(time);
    double jitter = unitNoise(service, metric, minute);
    for (Anomaly anomaly : anomalies) {
      if (anomaly.service().equals(service)
          && anomaly.metric().equals(metric)
          && anomaly.covers(minute)) {
        return anomaly.valueAt(minute) * (1 + anomalyNoise * jitter);
      }
    }
    Double baseline = baselines.get(key(service, metric));
    if (baseline == null) {
      throw new IllegalArgumentException("no baseline for " + service + " " + metric);
    }
    double minuteOfDay = Math.floorMod(minute, (long) MINUTES_PER_DAY);
    double cycle =
        1
            + dailyAmplitude
                * Math.cos(2 * Math.PI * (minuteOfDay - dailyPeakMinute) / MINUTES_PER_DAY);
    return baseline * cycle * (1 + noise * jitter);
  }

  /** One point of a series: the mean of the 1-minute samples in {@code [t, t + step)}. */
  record Point(Instant t, double value) {}

  /**
   * The series on the grid {@code start, start + step, ...} before {@code end}, clipped to the
   * data's range; a point covering fewer minutes (at the clip) averages the minutes it has.
   */
  List<Point> series(String service, String metric, Instant from, Instant to, Duration step) {
    List<Point> points = new ArrayList<>();
    Instant gridStart = from.truncatedTo(ChronoUnit.MINUTES);
    Instant last = to.isBefore(asOf) ? to : asOf;
    for (Instant t = gridStart; t.isBefore(last); t = t.plus(step)) {
      Instant bucketEnd = t.plus(step).isBefore(last) ? t.plus(step) : last;
      double sum = 0;
      int count = 0;
      for (Instant m = t; m.isBefore(bucketEnd); m = m.plus(Duration.ofMinutes(1))) {
        if (!m.isBefore(start)) {
          sum += sample(service, metric, m);
          count++;
        }
      }
      if (count > 0) {
        points.add(new Point(t, round(metric, sum / count)));
      }
    }
    return points;
  }

  static double round(String metric, double value) {
    double scale = metric.equals("error_rate") ? 1000 : 10;
    return Math.round(value * scale) / scale;
  }

  private double unitNoise(String service, String metric, long minute) {
    long h = seed;
    h = mix(h ^ service.hashCode());
    h = mix(h ^ metric.hashCode());
    h = mix(h ^ minute);
    // The top 53 bits as a double in [0, 1), moved to [-1, 1).
    return ((h >>> 11) * 0x1.0p-53) * 2 - 1;
  }

  /** SplitMix64's finalizer: a fixed, well-spread hash, so noise is reproducible on every JVM. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static long epochMinute(Instant time) {
    return Math.floorDiv(time.getEpochSecond(), 60);
  }

  private static String key(String service, String metric) {
    return service + "/" + metric;
  }
}
