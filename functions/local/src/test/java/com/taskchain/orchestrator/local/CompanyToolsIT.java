package com.taskchain.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.local.Api.Reply;
import com.taskchain.orchestrator.testing.PgExtension;
import com.taskchain.orchestrator.testing.TestDatabase;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.text.ToolCalls;
import com.taskchain.orchestrator.wiring.Components;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The company tools end to end through the local runner: the mock Jira, metrics and logs served
 * under /company/*, the tools calling them over loopback HTTP, the retrieval index from the
 * classpath, and whole runs of the seed's task, an incident scenario and a task whose evidence
 * tools find nothing.
 */
@ExtendWith(PgExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompanyToolsIT {
  private static final Duration FINISH = Duration.ofSeconds(90);

  private final TestDatabase database;
  private LocalRunner runner;
  private Api api;

  CompanyToolsIT(TestDatabase database) {
    this.database = database;
  }

  @BeforeAll
  void start() throws Exception {
    runner = TestRunners.start(database);
    api = new Api(runner.baseUrl());
  }

  @AfterAll
  void stop() {
    if (runner != null) {
      runner.close();
    }
  }

  private JsonNode run(String createBody) throws Exception {
    Reply created = api.postJson("/tasks", createBody);
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    String id = created.json().get("task_id").asText();
    assertThat(api.postJson("/tasks/" + id + "/run", "{}").status()).isEqualTo(202);
    return api.awaitFinished(id, FINISH);
  }

  private static List<JsonNode> results(JsonNode task, String tool) {
    List<JsonNode> results = new ArrayList<>();
    task.path("result_json")
        .path("tool_results")
        .forEach(
            r -> {
              if (r.path("tool").asText().equals(tool)) {
                results.add(r);
              }
            });
    return results;
  }

  /** The output of the company rules' step of the tool: the first (answer recipes add more). */
  private static JsonNode only(JsonNode task, String tool) {
    List<JsonNode> results = results(task, tool);
    assertThat(results).as(tool).isNotEmpty();
    assertThat(results.get(0).path("status").asText())
        .as(tool + ": " + results.get(0))
        .isEqualTo("succeeded");
    return results.get(0).path("output");
  }

  private static void assertCited(JsonNode output) {
    assertThat(output.path("hits").size()).isPositive();
    output
        .path("hits")
        .forEach(
            hit -> {
              assertThat(hit.path("citation_id").asText()).isNotBlank();
              assertThat(hit.path("citation_source").asText()).isNotBlank();
            });
  }

  @Test
  void mockSystems_areServedUnderCompany() throws Exception {
    Reply jira = api.get("/company/jira?project=INC&service=atlas-checkout&limit=2");
    Reply badParameter = api.get("/company/metrics?service=atlas-checkout&metric=cpu");

    assertThat(jira.status()).isEqualTo(200);
    assertThat(jira.json().path("tickets").size()).isEqualTo(2);
    assertThat(badParameter.status()).isEqualTo(400);
    assertThat(badParameter.json().path("field").asText()).isEqualTo("metric");
  }

  @Test
  void httpTools_answerWhatTheMockSystemsAnswer() throws Exception {
    ToolRegistry tools = Components.tools();

    JsonNode tickets =
        ToolCalls.call(
            tools,
            "jira_search_tickets",
            Json.read("{\"project_key\": \"INC\", \"service\": \"atlas-checkout\", \"limit\": 5}"));
    JsonNode raw = api.get("/company/jira?project=INC&service=atlas-checkout&limit=5").json();
    JsonNode metrics =
        ToolCalls.call(
            tools,
            "metrics_query",
            Json.read(
                "{\"service\": \"atlas-checkout\", \"start_time\": \"2026-02-18T13:30:00Z\","
                    + " \"end_time\": \"2026-02-18T15:30:00Z\"}"));
    JsonNode rawErrors =
        api.get(
                "/company/metrics?service=atlas-checkout&metric=error_rate"
                    + "&start=2026-02-18T13:30:00Z&end=2026-02-18T15:30:00Z&step=PT1M")
            .json();
    JsonNode logs =
        ToolCalls.call(
            tools,
            "logs_search",
            Json.read(
                "{\"service\": \"atlas-checkout\", \"start_time\": \"2026-02-18T13:30:00Z\","
                    + " \"end_time\": \"2026-02-18T15:30:00Z\", \"pattern\": \"pool exhausted\"}"));

    assertThat(tickets.path("total")).isEqualTo(raw.path("total"));
    List<String> keys = new ArrayList<>();
    tickets.path("tickets").forEach(t -> keys.add(t.path("key").asText()));
    List<String> rawKeys = new ArrayList<>();
    raw.path("tickets").forEach(t -> rawKeys.add(t.path("key").asText()));
    assertThat(keys).isNotEmpty().isEqualTo(rawKeys);
    assertThat(metrics.path("points_count").asInt()).isEqualTo(rawErrors.path("points").size());
    assertThat(metrics.path("error_rate_max").asDouble())
        .isEqualTo(rawErrors.path("aggregates").path("max").asDouble());
    assertThat(logs.path("total").asInt()).isPositive();
    logs.path("events")
        .forEach(
            e -> assertThat(e.path("message").asText()).containsIgnoringCase("pool exhausted"));
  }

  @Test
  void seedTask_succeeds_withCitedPreviousIssues_andTheGovernanceCitation() throws Exception {
    JsonNode task =
        run(
            """
            {"task": "Prepare an executive update for Atlas Checkout migration and include risks.",
             "context": {"project": "Atlas Checkout", "priority": "high"}}
            """);

    assertThat(task.path("status").asText())
        .as(task.path("verification_json").toString())
        .isEqualTo("succeeded");
    JsonNode issues = only(task, "search_previous_issues");
    assertCited(issues);
    List<String> sources = new ArrayList<>();
    results(task, "fetch_company_reference")
        .forEach(r -> sources.add(r.path("output").path("source").asText()));
    assertThat(sources).contains("governance_notes");
    assertThat(task.path("verification_json").path("passed").asBoolean()).isTrue();
  }

  @Test
  void incidentScenario_succeeds_withCitedEvidence_thePolicyCitation_andTheSystemsAnswers()
      throws Exception {
    JsonNode task = run(Scenarios.createBody("SCN-001"));

    assertThat(task.path("status").asText())
        .as(task.path("verification_json").toString())
        .isEqualTo("succeeded");
    assertCited(only(task, "search_incident_knowledge"));
    assertCited(only(task, "search_previous_issues"));
    assertThat(only(task, "fetch_company_reference").path("source").asText())
        .isEqualTo("policy_v2");
    List<String> tickets = new ArrayList<>();
    only(task, "jira_search_tickets")
        .path("tickets")
        .forEach(t -> tickets.add(t.path("key").asText()));
    // The scenario's expected incident is among the service's INC tickets.
    assertThat(tickets).contains("INC-2291");
    assertThat(only(task, "metrics_query").path("points_count").asInt()).isPositive();
    assertThat(only(task, "logs_search").path("total").asInt()).isPositive();
    List<String> checks = new ArrayList<>();
    task.path("verification_json")
        .path("checks")
        .forEach(c -> checks.add(c.path("name").asText() + "=" + c.path("passed").asBoolean()));
    assertThat(checks)
        .contains("incident_evidence=true", "evidence_cited=true", "policy_cited=true");
  }

  @Test
  void aTaskWhoseEvidenceToolsFindNothing_failsVerification_withTheSeedsReasons() throws Exception {
    JsonNode task =
        run(
            """
            {"task": "Triage the zorblax quuxification of the frobnicator.", "context": {}}
            """);

    assertThat(task.path("status").asText()).isEqualTo("failed");
    assertThat(only(task, "search_incident_knowledge").path("hits").size()).isZero();
    assertThat(only(task, "search_incident_knowledge").path("recommend_fallback").asBoolean())
        .isTrue();
    List<String> reasons = new ArrayList<>();
    task.path("verification_json").path("reasons").forEach(r -> reasons.add(r.asText()));
    assertThat(String.join(" ", reasons))
        .contains("Incident evidence tool 'search_incident_knowledge' returned no usable evidence.")
        .contains("Incident evidence tool 'search_previous_issues' returned no usable evidence.")
        .contains(
            "Incident plan requires at least one successful evidence source from"
                + " search_incident_knowledge, search_previous_issues, or jira_search_tickets.");
  }

  @Test
  void toolCatalogue_listsTheCompanyTools() throws Exception {
    List<String> names = new ArrayList<>();
    api.get("/tools").json().path("tools").forEach(t -> names.add(t.path("name").asText()));

    assertThat(names)
        .contains(
            "fetch_company_reference",
            "jira_search_tickets",
            "metrics_query",
            "logs_search",
            "search_incident_knowledge",
            "search_previous_issues");
  }
}
