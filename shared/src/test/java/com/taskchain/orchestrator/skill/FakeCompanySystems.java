package com.taskchain.orchestrator.skill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.testing.RepoFiles;
import com.taskchain.orchestrator.tool.company.CompanySystemsConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The company's Jira, metrics and logs, served on loopback from {@code
 * company_details/company_sim/systems/} for in-process runs. A test double of the {@code
 * company_details} functions (which the shared module does not depend on): the same parameters, the
 * same answers; the metrics follow {@code MetricsModel} (baseline × daily cycle × seeded noise,
 * anomaly keyframes inside their span).
 */
final class FakeCompanySystems implements AutoCloseable {
  private final HttpServer server;
  private final List<JsonNode> tickets = new ArrayList<>();
  private final List<JsonNode> events = new ArrayList<>();
  private final JsonNode metrics;

  FakeCompanySystems() throws IOException {
    String dir = "company_details/company_sim/systems/";
    Json.read(Files.readString(RepoFiles.path(dir + "jira_tickets.json")))
        .path("tickets")
        .forEach(tickets::add);
    tickets.sort(
        Comparator.comparing((JsonNode t) -> Instant.parse(t.path("created").asText()))
            .reversed()
            .thenComparing(t -> t.path("key").asText()));
    for (String line : Files.readAllLines(RepoFiles.path(dir + "logs.jsonl"))) {
      if (!line.isBlank()) {
        events.add(Json.read(line));
      }
    }
    events.sort(Comparator.comparing(e -> Instant.parse(e.path("ts").asText())));
    metrics = Json.read(Files.readString(RepoFiles.path(dir + "metrics.json")));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/jira", exchange -> answer(exchange, this::jira));
    server.createContext("/metrics", exchange -> answer(exchange, this::metrics));
    server.createContext("/logs", exchange -> answer(exchange, this::logs));
    server.start();
  }

  CompanySystemsConfig config() {
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    return new CompanySystemsConfig(
        Optional.of(URI.create(base + "/jira")),
        Optional.of(URI.create(base + "/metrics")),
        Optional.of(URI.create(base + "/logs")));
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private interface Handler {
    JsonNode handle(Map<String, String> params);
  }

  private static void answer(HttpExchange exchange, Handler handler) throws IOException {
    Map<String, String> params = new HashMap<>();
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        params.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    byte[] body = Json.write(handler.handle(params)).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private JsonNode jira(Map<String, String> p) {
    List<String> words =
        p.getOrDefault("text", "").isBlank()
            ? List.of()
            : List.of(p.get("text").toLowerCase(Locale.ROOT).strip().split("\\s+"));
    List<JsonNode> matches =
        tickets.stream()
            .filter(t -> matches(p.get("project"), t.path("project").asText()))
            .filter(t -> matches(p.get("status"), t.path("status").asText()))
            .filter(t -> matches(p.get("severity"), t.path("severity").asText()))
            .filter(t -> matches(p.get("service"), t.path("service").asText()))
            .filter(
                t -> {
                  String hay =
                      String.join(
                              " ",
                              t.path("key").asText(),
                              t.path("summary").asText(),
                              t.path("description").asText(),
                              t.path("service").asText(""),
                              String.join(" ", labels(t)))
                          .toLowerCase(Locale.ROOT);
                  return words.stream().allMatch(hay::contains);
                })
            .toList();
    int limit = Integer.parseInt(p.getOrDefault("limit", "20"));
    ObjectNode body = Json.object();
    ArrayNode out = body.putArray("tickets");
    matches.stream().limit(limit).forEach(out::add);
    body.put("total", matches.size());
    return body;
  }

  private static List<String> labels(JsonNode t) {
    List<String> labels = new ArrayList<>();
    t.path("labels").forEach(l -> labels.add(l.asText()));
    return labels;
  }

  private static boolean matches(String filter, String value) {
    return filter == null || filter.isBlank() || Set.of(filter.split(",")).contains(value);
  }

  private JsonNode logs(Map<String, String> p) {
    List<String> levels = List.of("DEBUG", "INFO", "WARN", "ERROR");
    int minimum = p.containsKey("level") ? levels.indexOf(p.get("level")) : 0;
    Pattern pattern =
        p.containsKey("pattern")
            ? Pattern.compile(p.get("pattern"), Pattern.CASE_INSENSITIVE)
            : null;
    Instant start = p.containsKey("start") ? Instant.parse(p.get("start")) : Instant.MIN;
    Instant end = p.containsKey("end") ? Instant.parse(p.get("end")) : Instant.MAX;
    List<JsonNode> matches =
        events.stream()
            .filter(e -> matches(p.get("service"), e.path("service").asText()))
            .filter(
                e -> {
                  Instant at = Instant.parse(e.path("ts").asText());
                  return !at.isBefore(start) && at.isBefore(end);
                })
            .filter(e -> levels.indexOf(e.path("level").asText()) >= minimum)
            .filter(e -> pattern == null || pattern.matcher(e.path("message").asText()).find())
            .toList();
    ObjectNode body = Json.object();
    ArrayNode out = body.putArray("events");
    matches.stream().limit(Integer.parseInt(p.getOrDefault("limit", "100"))).forEach(out::add);
    body.put("total", matches.size());
    return body;
  }

  private JsonNode metrics(Map<String, String> p) {
    String service = p.get("service");
    String metric = p.get("metric");
    Instant asOf = Instant.parse(metrics.path("as_of").asText());
    Instant first = Instant.parse(metrics.path("start").asText());
    Instant end = Instant.parse(p.get("end"));
    Instant start = Instant.parse(p.get("start"));
    Duration step = Duration.parse(p.getOrDefault("step", "PT1M"));
    Instant last = end.isBefore(asOf) ? end : asOf;
    ObjectNode body = Json.object();
    body.put("service", service).put("metric", metric).put("step", step.toString());
    ArrayNode points = body.putArray("points");
    List<Double> values = new ArrayList<>();
    for (Instant t = start.truncatedTo(ChronoUnit.MINUTES); t.isBefore(last); t = t.plus(step)) {
      Instant bucketEnd = t.plus(step).isBefore(last) ? t.plus(step) : last;
      double sum = 0;
      int count = 0;
      for (Instant m = t; m.isBefore(bucketEnd); m = m.plus(Duration.ofMinutes(1))) {
        if (!m.isBefore(first)) {
          sum += sample(service, metric, m);
          count++;
        }
      }
      if (count > 0) {
        double value = round(metric, sum / count);
        values.add(value);
        points.addObject().put("t", t.toString()).put("value", value);
      }
    }
    ObjectNode aggregates = body.putObject("aggregates");
    if (values.isEmpty()) {
      aggregates.putNull("max").putNull("avg");
    } else {
      aggregates.put("max", values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
      aggregates.put(
          "avg",
          round(metric, values.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
    }
    return body;
  }

  private double sample(String service, String metric, Instant time) {
    long minute = Math.floorDiv(time.getEpochSecond(), 60);
    double jitter = unitNoise(service, metric, minute);
    for (JsonNode anomaly : metrics.path("anomalies")) {
      if (!anomaly.path("service").asText().equals(service)
          || !anomaly.path("metric").asText().equals(metric)) {
        continue;
      }
      JsonNode frames = anomaly.path("keyframes");
      long[] minutes = new long[frames.size()];
      double[] vals = new double[frames.size()];
      for (int i = 0; i < frames.size(); i++) {
        minutes[i] =
            Math.floorDiv(Instant.parse(frames.get(i).get(0).asText()).getEpochSecond(), 60);
        vals[i] = frames.get(i).get(1).asDouble();
      }
      if (minute >= minutes[0] && minute <= minutes[minutes.length - 1]) {
        double value = vals[vals.length - 1];
        for (int i = 1; i < minutes.length; i++) {
          if (minute <= minutes[i]) {
            double fraction = (double) (minute - minutes[i - 1]) / (minutes[i] - minutes[i - 1]);
            value = vals[i - 1] + fraction * (vals[i] - vals[i - 1]);
            break;
          }
        }
        return value * (1 + metrics.path("anomaly_noise").asDouble() * jitter);
      }
    }
    double baseline =
        metrics.path("services").path(service).path(metric).path("baseline").asDouble();
    double peakMinute =
        LocalTime.parse(metrics.path("daily_peak_utc").asText()).toSecondOfDay() / 60.0;
    double minuteOfDay = Math.floorMod(minute, 24L * 60);
    double cycle =
        1
            + metrics.path("daily_amplitude").asDouble()
                * Math.cos(2 * Math.PI * (minuteOfDay - peakMinute) / (24 * 60));
    return baseline * cycle * (1 + metrics.path("noise").asDouble() * jitter);
  }

  private static double round(String metric, double value) {
    double scale = metric.equals("error_rate") ? 1000 : 10;
    return Math.round(value * scale) / scale;
  }

  private long seed() {
    return metrics.path("seed").asLong();
  }

  private double unitNoise(String service, String metric, long minute) {
    long h = seed();
    h = mix(h ^ service.hashCode());
    h = mix(h ^ metric.hashCode());
    h = mix(h ^ minute);
    return ((h >>> 11) * 0x1.0p-53) * 2 - 1;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
