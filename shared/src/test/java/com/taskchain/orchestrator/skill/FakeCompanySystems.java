package com.taskchain.orchestrator.skill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.tool.company.CompanySystemsConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Jira, metrics and logs for in-process runs, served on loopback from the company's files: Jira
 * filters {@code systems/jira_tickets.json} as the company's Jira function does (project, status,
 * severity, service, all words of text; newest first); logs filter {@code systems/logs.jsonl} by
 * service and window; metrics answer each service's baseline only (the skills of executive updates
 * do not read metrics; the steps only need to succeed). Not a replacement for the company module.
 */
final class FakeCompanySystems implements AutoCloseable {
  private final HttpServer server;
  private final List<JsonNode> tickets = new ArrayList<>();
  private final List<JsonNode> logs = new ArrayList<>();
  private final JsonNode metrics;

  FakeCompanySystems() throws IOException {
    CompanyFiles.tickets().forEach(tickets::add);
    tickets.sort(
        Comparator.comparing((JsonNode t) -> Instant.parse(t.path("created").asText())).reversed());
    for (String line : Files.readAllLines(CompanyFiles.COMPANY.resolve("systems/logs.jsonl"))) {
      if (!line.isBlank()) {
        logs.add(Json.read(line));
      }
    }
    metrics = Json.read(Files.readString(CompanyFiles.COMPANY.resolve("systems/metrics.json")));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/jira", e -> answer(e, jira(query(e))));
    server.createContext("/logs", e -> answer(e, logs(query(e))));
    server.createContext("/metrics", e -> answer(e, metrics(query(e))));
    server.start();
  }

  CompanySystemsConfig config() {
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    return new CompanySystemsConfig(
        Optional.of(URI.create(base + "/jira")),
        Optional.of(URI.create(base + "/metrics")),
        Optional.of(URI.create(base + "/logs")));
  }

  private JsonNode jira(Map<String, String> q) {
    List<String> words =
        q.getOrDefault("text", "").isBlank()
            ? List.of()
            : List.of(q.get("text").toLowerCase(Locale.ROOT).strip().split("\\s+"));
    List<JsonNode> matches = new ArrayList<>();
    for (JsonNode t : tickets) {
      String haystack =
          (t.path("key").asText()
                  + " "
                  + t.path("summary").asText()
                  + " "
                  + t.path("description").asText()
                  + " "
                  + t.path("service").asText()
                  + " "
                  + t.path("labels").toString())
              .toLowerCase(Locale.ROOT);
      if (in(q, "project", t)
          && in(q, "status", t)
          && in(q, "severity", t)
          && in(q, "service", t)
          && words.stream().allMatch(haystack::contains)) {
        matches.add(t);
      }
    }
    int limit = Integer.parseInt(q.getOrDefault("limit", "20"));
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("tickets");
    matches.stream().limit(limit).forEach(list::add);
    body.put("total", matches.size());
    return body;
  }

  private static boolean in(Map<String, String> q, String field, JsonNode t) {
    String wanted = q.get(field);
    return wanted == null || List.of(wanted.split(",")).contains(t.path(field).asText());
  }

  private JsonNode logs(Map<String, String> q) {
    Instant start = Instant.parse(q.get("start"));
    Instant end = Instant.parse(q.get("end"));
    List<JsonNode> matches = new ArrayList<>();
    for (JsonNode e : logs) {
      Instant ts = Instant.parse(e.path("ts").asText());
      if (e.path("service").asText().equals(q.get("service"))
          && !ts.isBefore(start)
          && ts.isBefore(end)) {
        matches.add(e);
      }
    }
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("events");
    matches.stream().limit(Integer.parseInt(q.getOrDefault("limit", "50"))).forEach(list::add);
    body.put("total", matches.size());
    return body;
  }

  private JsonNode metrics(Map<String, String> q) {
    double baseline =
        metrics
            .path("services")
            .path(q.get("service"))
            .path(q.get("metric"))
            .path("baseline")
            .asDouble();
    Instant start = Instant.parse(q.get("start"));
    Instant end = Instant.parse(q.get("end"));
    Duration step = Duration.parse(q.get("step"));
    ObjectNode body = Json.object();
    ArrayNode points = body.putArray("points");
    for (Instant t = start; !t.isAfter(end); t = t.plus(step)) {
      points.addObject().put("t", t.toString()).put("value", baseline);
    }
    body.putObject("aggregates").put("avg", baseline).put("max", baseline);
    return body;
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> q = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          q.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return q;
  }

  private static void answer(HttpExchange exchange, JsonNode body) throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
