package com.taskchain.orchestrator.skill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.tool.Upstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Upstream evidence built from the company's real records, for the skills' unit tests. */
final class CompanyFixtures {
  static final Path COMPANY = Path.of("..", "company_details", "company_sim");

  private CompanyFixtures() {}

  static JsonNode allTickets() {
    try {
      return Json.mapper()
          .readTree(Files.readString(COMPANY.resolve("systems/jira_tickets.json")))
          .path("tickets");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A jira_search_tickets step with the tickets of the given keys. */
  static Upstream.Step jira(String... keys) {
    ArrayNode tickets = Json.mapper().createArrayNode();
    for (String key : keys) {
      for (JsonNode t : allTickets()) {
        if (t.path("key").asText().equals(key)) {
          tickets.add(t);
        }
      }
    }
    return jiraStep(tickets);
  }

  /** A jira_search_tickets step with every ticket of a project. */
  static Upstream.Step project(String project) {
    ArrayNode tickets = Json.mapper().createArrayNode();
    for (JsonNode t : allTickets()) {
      if (t.path("project").asText().equals(project)) {
        tickets.add(t);
      }
    }
    return jiraStep(tickets);
  }

  private static Upstream.Step jiraStep(ArrayNode tickets) {
    ObjectNode out = Json.object();
    out.put("total", tickets.size());
    out.set("tickets", tickets);
    return new Upstream.Step("j" + tickets.size(), "jira_search_tickets", true, out, null);
  }

  /** fetch_company_reference steps of the given document paths. */
  static List<Upstream.Step> fetched(String... paths) {
    List<Upstream.Step> steps = new ArrayList<>();
    for (String path : paths) {
      ObjectNode out = Json.object();
      out.put("source", "x");
      out.put("path", "company_sim/" + path);
      out.put("matched", false);
      out.put("excerpt", "(excerpt)");
      steps.add(new Upstream.Step("f" + steps.size(), "fetch_company_reference", true, out, null));
    }
    return steps;
  }

  /** A logs_search step with the log events of a service between two instants (inclusive). */
  static Upstream.Step logs(String service, String from, String to) {
    ArrayNode events = Json.mapper().createArrayNode();
    try {
      for (String line : Files.readAllLines(COMPANY.resolve("systems/logs.jsonl"))) {
        JsonNode e = Json.mapper().readTree(line);
        String ts = e.path("ts").asText();
        if (e.path("service").asText().equals(service)
            && ts.compareTo(from) >= 0
            && ts.compareTo(to) <= 0) {
          ObjectNode event = Json.object();
          event.put("timestamp", ts);
          event.put("service", service);
          event.put("level", e.path("level").asText());
          event.put("message", e.path("message").asText());
          events.add(event);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode out = Json.object();
    out.put("service", service);
    out.put("start_time", from);
    out.put("end_time", to);
    out.put("total", events.size());
    out.set("events", events);
    return new Upstream.Step("l", "logs_search", true, out, null);
  }

  static Upstream upstream(List<Upstream.Step> fetched, Upstream.Step... more) {
    List<Upstream.Step> steps = new ArrayList<>(fetched);
    steps.addAll(List.of(more));
    return new Upstream(steps);
  }
}
