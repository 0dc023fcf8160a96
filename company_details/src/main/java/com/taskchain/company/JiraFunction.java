package com.taskchain.company;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.IOException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The mock Jira search: {@code GET ?project=&status=&severity=&service=&text=&limit=} answers
 * {@code {"tickets":[{key, project, summary, description, status, severity, priority, service,
 * created, updated, assignee, labels}], "total"}}, newest first. {@code project}, {@code status},
 * {@code severity} and {@code service} take one value or a comma-separated list; {@code limit} is
 * 1–100 (default 20); {@code total} counts every match. An unknown parameter or value answers 400
 * naming the parameter. Read-only, so every call is idempotent; thread-safe.
 */
public final class JiraFunction implements HttpFunction {
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  private static final Set<String> PARAMETERS =
      Set.of("project", "status", "severity", "service", "text", "limit");
  private static final Set<String> SEVERITIES = Set.of("P1", "P2", "P3");

  private final Supplier<JiraData> data;

  /** Reads the tickets from the classpath on first use. */
  public JiraFunction() {
    this(Holder::data);
  }

  JiraFunction(Supplier<JiraData> data) {
    this.data = data;
  }

  private static final class Holder {
    private static final JiraData DATA = JiraData.load();

    static JiraData data() {
      return DATA;
    }
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    if (!Responses.requireGet(request, response)) {
      return;
    }
    JiraData jira = data.get();
    JiraData.Result result;
    try {
      Params params = Params.of(request.getQueryParameters(), PARAMETERS);
      result =
          jira.search(
              params.choices("project", jira.projects()),
              params.choices("status", jira.statuses()),
              params.choices("severity", SEVERITIES),
              params.choices("service", Services.IDS),
              params.text("text").orElse(""),
              params.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
    } catch (BadParameterException e) {
      Responses.badParameter(response, e);
      return;
    }
    ObjectNode body = Responses.MAPPER.createObjectNode();
    ArrayNode tickets = body.putArray("tickets");
    for (Ticket t : result.tickets()) {
      ObjectNode node = tickets.addObject();
      node.put("key", t.key())
          .put("project", t.project())
          .put("summary", t.summary())
          .put("description", t.description())
          .put("status", t.status())
          .put("severity", t.severity())
          .put("priority", t.priority())
          .put("service", t.service())
          .put("created", t.created().toString())
          .put("updated", t.updated().toString())
          .put("assignee", t.assignee());
      ArrayNode labels = node.putArray("labels");
      t.labels().forEach(labels::add);
    }
    body.put("total", result.total());
    Responses.json(response, 200, body);
  }
}
