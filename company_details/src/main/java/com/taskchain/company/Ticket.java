package com.taskchain.company;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One Jira ticket of the mock Jira, as stored in {@code systems/jira_tickets.json} and as answered.
 */
public record Ticket(
    String key,
    String project,
    String summary,
    String description,
    String status,
    String severity,
    String priority,
    String service,
    Instant created,
    Instant updated,
    String assignee,
    List<String> labels) {
  public Ticket {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(updated, "updated");
    description = description == null ? "" : description;
    labels = labels == null ? List.of() : List.copyOf(labels);
  }
}
