package com.taskchain.orchestrator.skill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.tool.Upstream;
import com.taskchain.orchestrator.tool.company.FetchCompanyReference;
import com.taskchain.orchestrator.tool.company.JiraSearchTickets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The company's real files as the skills' upstream: Jira tickets from {@code
 * systems/jira_tickets.json} shaped as a {@code jira_search_tickets} output, and documents shaped
 * as {@code fetch_company_reference} outputs.
 */
final class CompanyFiles {
  static final Path COMPANY = Path.of("..", "company_details", "company_sim");

  private CompanyFiles() {}

  static JsonNode tickets() {
    try {
      return Json.read(Files.readString(COMPANY.resolve("systems/jira_tickets.json")))
          .path("tickets");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A jira_search_tickets output of the tickets that pass {@code filter}. */
  static Upstream.Step jira(String stepId, Predicate<JsonNode> filter) {
    ObjectNode output = Json.object();
    ArrayNode list = output.putArray("tickets");
    for (JsonNode t : tickets()) {
      if (filter.test(t)) {
        list.add(t);
      }
    }
    output.put("total", list.size());
    return new Upstream.Step(stepId, JiraSearchTickets.NAME, true, output, null);
  }

  /** A whole-document fetch_company_reference output. */
  static Upstream.Step document(String stepId, CompanyDocument document) {
    ObjectNode output = Json.object();
    output.put("source", document.id());
    output.put("path", FetchCompanyReference.PATH_PREFIX + document.path());
    output.put("matched", false);
    output.put("excerpt", document.read());
    return new Upstream.Step(stepId, FetchCompanyReference.NAME, true, output, null);
  }

  static Upstream upstream(Upstream.Step... steps) {
    return new Upstream(new ArrayList<>(List.of(steps)));
  }

  static Predicate<JsonNode> project(String key) {
    return t -> key.equals(t.path("project").asText());
  }
}
