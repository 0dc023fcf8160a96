package com.taskchain.orchestrator.skill;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.tool.Upstream;
import com.taskchain.orchestrator.tool.company.JiraSearchTickets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Jira ticket as the {@code jira_search_tickets} steps of a run returned it, with its times
 * parsed. Its key is its citation id in the run's evidence.
 *
 * @param severity P1–P3 for incidents, else null
 * @param service null for cross-cutting work
 */
public record JiraTicket(
    String key,
    String project,
    String summary,
    String description,
    String status,
    String severity,
    String service,
    Instant created,
    Instant updated,
    List<String> labels) {
  public JiraTicket {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(project, "project");
    summary = summary == null ? "" : summary;
    description = description == null ? "" : description;
    status = status == null ? "" : status;
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(updated, "updated");
    labels = labels == null ? List.of() : List.copyOf(labels);
  }

  /**
   * Every ticket of the succeeded {@code jira_search_tickets} steps in {@code upstream}, once per
   * key, oldest first (by creation, then key).
   */
  public static List<JiraTicket> from(Upstream upstream) {
    Map<String, JiraTicket> byKey = new LinkedHashMap<>();
    for (JsonNode output : upstream.outputsOf(JiraSearchTickets.NAME)) {
      for (JsonNode node : output.path("tickets")) {
        parse(node).ifPresent(ticket -> byKey.putIfAbsent(ticket.key(), ticket));
      }
    }
    List<JiraTicket> tickets = new ArrayList<>(byKey.values());
    tickets.sort(Comparator.comparing(JiraTicket::created).thenComparing(JiraTicket::key));
    return List.copyOf(tickets);
  }

  /** One ticket of a {@code jira_search_tickets} output; empty when it lacks a key or times. */
  static Optional<JiraTicket> parse(JsonNode node) {
    if (!node.path("key").isTextual() || !node.path("project").isTextual()) {
      return Optional.empty();
    }
    try {
      List<String> labels = new ArrayList<>();
      node.path("labels").forEach(label -> labels.add(label.asText()));
      return Optional.of(
          new JiraTicket(
              node.path("key").asText(),
              node.path("project").asText(),
              nullable(node, "summary"),
              nullable(node, "description"),
              nullable(node, "status"),
              nullable(node, "severity"),
              nullable(node, "service"),
              Instant.parse(node.path("created").asText()),
              Instant.parse(node.path("updated").asText()),
              labels));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static String nullable(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** Whether the ticket is an incident (it has a severity and is in the incident project). */
  public boolean isIncident(String incidentProject) {
    return severity != null && project.equals(incidentProject);
  }

  /** Whether its status is one of {@code doneStatuses}. */
  public boolean isDone(List<String> doneStatuses) {
    return doneStatuses.stream().anyMatch(s -> s.equalsIgnoreCase(status));
  }

  /** Whether its summary or description names {@code otherKey}. */
  public boolean mentions(String otherKey) {
    return !otherKey.equals(key)
        && (Text.containsId(summary, otherKey) || Text.containsId(description, otherKey));
  }
}
