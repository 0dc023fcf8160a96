package com.taskchain.orchestrator.tool.company;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolException;
import com.taskchain.orchestrator.tool.company.internal.Args;
import com.taskchain.orchestrator.tool.company.internal.CompanyHttp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code jira_search_tickets}: the company's Jira tickets matching filters, newest first, from the
 * Jira system at {@code COMPANY_JIRA_BASE_URL} over HTTP. Jira down, slow or failing is a retriable
 * error; a refused question (unknown project or status) is permanent. Thread-safe; one HTTP call
 * per attempt.
 */
public final class JiraSearchTickets
    implements Tool<JiraSearchTickets.Input, JiraSearchTickets.Output> {
  public static final String NAME = "jira_search_tickets";

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;
  private static final int MAX_TEXT_CHARS = 200;
  private static final int MAX_STATUS_CHARS = 40;

  /**
   * The arguments; every one is optional.
   *
   * @param projectKey a project key, e.g. INC or PAY
   * @param status a status, e.g. Resolved
   * @param severity an incident severity
   * @param service a service id
   * @param text words that must all occur in the key, summary, description, service or labels
   * @param limit the most tickets, 1 to {@value #MAX_LIMIT} (default {@value #DEFAULT_LIMIT})
   */
  @JsonClassDescription("Arguments of jira_search_tickets.")
  public record Input(
      @JsonProperty("project_key") @JsonPropertyDescription("Optional: project key, e.g. INC.")
          String projectKey,
      @JsonPropertyDescription("Optional: ticket status, e.g. Resolved.") String status,
      @JsonPropertyDescription("Optional: incident severity.") Severity severity,
      @JsonPropertyDescription("Optional: service id, e.g. payments-gateway.") String service,
      @JsonPropertyDescription(
              "Optional: words that must all occur in the ticket (key, summary, description,"
                  + " labels).")
          String text,
      @JsonPropertyDescription("Optional: the most tickets, 1 to 100 (default 20).")
          Integer limit) {
    public Input {
      projectKey = Args.projectKey("project_key", projectKey);
      status = Args.optional("status", status, MAX_STATUS_CHARS);
      service = CompanyServices.check("service", service);
      text = Args.optional("text", text, MAX_TEXT_CHARS);
      limit = Args.intInRange("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
    }
  }

  /**
   * One ticket.
   *
   * @param severity P1–P3 for incidents; null for other tickets
   * @param priority the Jira priority; null when unset
   * @param service the service; null for cross-cutting work
   * @param assignee null when unassigned
   */
  public record Ticket(
      @JsonProperty(required = true) String key,
      @JsonProperty(required = true) String project,
      @JsonProperty(required = true) String summary,
      @JsonProperty(required = true) String description,
      @JsonProperty(required = true) String status,
      String severity,
      String priority,
      String service,
      @JsonProperty(required = true) String created,
      @JsonProperty(required = true) String updated,
      String assignee,
      @JsonProperty(required = true) List<String> labels) {
    public Ticket {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(project, "project");
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(created, "created");
      Objects.requireNonNull(updated, "updated");
      labels = List.copyOf(Objects.requireNonNull(labels, "labels"));
    }
  }

  /**
   * The result.
   *
   * @param total every matching ticket, also those beyond {@code limit}
   * @param tickets the first {@code limit} matches, newest first
   */
  public record Output(
      @JsonProperty(required = true) int total,
      @JsonProperty(required = true) List<Ticket> tickets) {
    public Output {
      tickets = List.copyOf(Objects.requireNonNull(tickets, "tickets"));
    }
  }

  private final CompanyHttp jira;

  public JiraSearchTickets(CompanySystemsConfig config) {
    this.jira = new CompanyHttp("jira", CompanySystemsConfig.JIRA_URL, config.jira());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Searches the company's Jira (tickets by project, status, severity, service and words),"
        + " newest first.";
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
    Map<String, String> params = new LinkedHashMap<>();
    params.put("project", input.projectKey());
    params.put("status", input.status());
    params.put("severity", input.severity() == null ? null : input.severity().wire());
    params.put("service", input.service());
    params.put("text", input.text());
    params.put("limit", String.valueOf(input.limit()));
    JsonNode answer = jira.get(params);
    List<Ticket> tickets = new ArrayList<>();
    for (JsonNode t : answer.path("tickets")) {
      List<String> labels = new ArrayList<>();
      t.path("labels").forEach(label -> labels.add(label.asText()));
      tickets.add(
          new Ticket(
              text(t, "key"),
              text(t, "project"),
              text(t, "summary"),
              text(t, "description"),
              text(t, "status"),
              nullable(t, "severity"),
              nullable(t, "priority"),
              nullable(t, "service"),
              text(t, "created"),
              text(t, "updated"),
              nullable(t, "assignee"),
              labels));
    }
    return new Output(answer.path("total").asInt(tickets.size()), tickets);
  }

  private static String text(JsonNode node, String field) throws ToolException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new ToolException.Permanent("jira answered a ticket without '" + field + "'");
    }
    return value.asText();
  }

  private static String nullable(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
