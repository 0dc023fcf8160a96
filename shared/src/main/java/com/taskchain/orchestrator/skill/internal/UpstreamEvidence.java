package com.taskchain.orchestrator.skill.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.tool.Upstream;
import com.taskchain.orchestrator.tool.company.FetchCompanyReference;
import com.taskchain.orchestrator.tool.company.JiraSearchTickets;
import com.taskchain.orchestrator.tool.company.LogsSearch;
import com.taskchain.orchestrator.tool.company.MetricsQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the evidence steps of a run brought back, in the shapes the skills read: tickets by key, a
 * service's log events in time order, its 1-minute samples, and the documents fetched, with the
 * citation ids the verifier knows them by. Immutable.
 */
public final class UpstreamEvidence {
  private final Map<String, JsonNode> tickets = new LinkedHashMap<>();
  private final List<JsonNode> events = new ArrayList<>();
  private final List<JsonNode> metrics;
  private final Set<String> documents = new LinkedHashSet<>();

  private UpstreamEvidence(Upstream upstream) {
    for (JsonNode output : upstream.outputsOf(JiraSearchTickets.NAME)) {
      for (JsonNode ticket : output.path("tickets")) {
        tickets.putIfAbsent(ticket.path("key").asText(), ticket);
      }
    }
    Set<String> seen = new LinkedHashSet<>();
    for (JsonNode output : upstream.outputsOf(LogsSearch.NAME)) {
      for (JsonNode event : output.path("events")) {
        if (seen.add(logId(event) + "\n" + event.path("message").asText())) {
          events.add(event);
        }
      }
    }
    events.sort(Comparator.comparing(e -> Instant.parse(e.path("timestamp").asText())));
    metrics = upstream.outputsOf(MetricsQuery.NAME);
    for (JsonNode output : upstream.outputsOf(FetchCompanyReference.NAME)) {
      String path = output.path("path").asText();
      documents.add(
          path.startsWith(FetchCompanyReference.PATH_PREFIX)
              ? path.substring(FetchCompanyReference.PATH_PREFIX.length())
              : path);
    }
  }

  public static UpstreamEvidence of(Upstream upstream) {
    return new UpstreamEvidence(upstream);
  }

  /** Every ticket retrieved, by key, in the order first met. */
  public Map<String, JsonNode> tickets() {
    return tickets;
  }

  public Optional<JsonNode> ticket(String key) {
    return Optional.ofNullable(tickets.get(key));
  }

  /** The log events of {@code service} in {@code [from, to)}, in time order. */
  public List<JsonNode> events(String service, Instant from, Instant to) {
    return events.stream()
        .filter(e -> service.equals(e.path("service").asText()))
        .filter(
            e -> {
              Instant at = Instant.parse(e.path("timestamp").asText());
              return !at.isBefore(from) && at.isBefore(to);
            })
        .toList();
  }

  /** The service's 1-minute samples. */
  public Samples samples(String service) {
    return Samples.from(metrics, service);
  }

  /** The citation ids of the metric windows with 1-minute samples of {@code service}. */
  public List<String> metricWindows(String service) {
    return metrics.stream()
        .filter(m -> service.equals(m.path("service").asText()))
        .filter(m -> Samples.MINUTE.toString().equals(m.path("step").asText()))
        .map(
            m ->
                "metrics/"
                    + service
                    + "/"
                    + m.path("start_time").asText()
                    + "/"
                    + m.path("end_time").asText())
        .toList();
  }

  /** Whether the document (path under the company folder) was fetched in this run. */
  public boolean fetched(String path) {
    return documents.contains(path);
  }

  /** The citation id of a log event. */
  public static String logId(JsonNode event) {
    return "logs/" + event.path("service").asText() + "/" + event.path("timestamp").asText();
  }

  /** When a ticket was created. */
  public static Instant created(JsonNode ticket) {
    return Instant.parse(ticket.path("created").asText());
  }

  /** The ticket's key, severity, status and summary, and its description, as one quote. */
  public static String quote(JsonNode ticket) {
    String severity = ticket.path("severity").asText("");
    String status = ticket.path("status").asText("");
    String head =
        ticket.path("key").asText()
            + " ("
            + (severity.isEmpty() || "null".equals(severity) ? "" : severity + ", ")
            + status
            + ") "
            + ticket.path("summary").asText();
    String description = ticket.path("description").asText("").strip();
    return description.isEmpty() ? head : head + ": " + description;
  }
}
