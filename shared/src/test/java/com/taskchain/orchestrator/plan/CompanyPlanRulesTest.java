package com.taskchain.orchestrator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.retrieval.RetrievalIndex;
import com.taskchain.orchestrator.testing.RepoFiles;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.company.CompanySystemsConfig;
import com.taskchain.orchestrator.tool.company.CompanyTools;
import com.taskchain.orchestrator.tool.text.SampleTexts;
import com.taskchain.orchestrator.tool.text.TextTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompanyPlanRulesTest {
  private static final ToolRegistry REGISTRY = registry();

  private final DeterministicPlanner planner = new DeterministicPlanner();

  private static ToolRegistry registry() {
    List<Tool<?, ?>> tools = new ArrayList<>(TextTools.all());
    tools.addAll(com.taskchain.orchestrator.skill.SkillTools.all(CompanySystemsConfig.none()));
    tools.addAll(CompanyTools.all(CompanySystemsConfig.none(), RetrievalIndex::shared));
    return ToolRegistry.of(tools);
  }

  private static TaskInput task(String task, String contextJson) {
    return new TaskInput(task, (ObjectNode) Json.read(contextJson));
  }

  private static List<String> tools(Plan plan) {
    return plan.steps().stream().map(PlanStep::tool).toList();
  }

  private static List<PlanStep> steps(Plan plan, String tool) {
    return plan.steps().stream().filter(s -> s.tool().equals(tool)).toList();
  }

  /** The company rules' step of the tool: the first (an answer recipe may add more after it). */
  private static PlanStep step(Plan plan, String tool) {
    List<PlanStep> steps = steps(plan, tool);
    assertThat(steps).as(tool).isNotEmpty();
    return steps.get(0);
  }

  private static List<JsonNode> scenarios() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> scenarios = new ArrayList<>();
    for (String line :
        Files.readAllLines(
            RepoFiles.path("company_details/company_sim/scenarios/scenarios.jsonl"),
            StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        scenarios.add(mapper.readTree(line));
      }
    }
    return scenarios;
  }

  private static TaskInput scenario(String id) throws IOException {
    JsonNode scenario =
        scenarios().stream()
            .filter(s -> s.path("id").asText().equals(id))
            .findFirst()
            .orElseThrow();
    return task(scenario.path("task").asText(), scenario.path("context").toString());
  }

  @Test
  void defaultRules_putTheCompanyRulesBetweenThePriorityAndTheSummary() {
    assertThat(DeterministicPlanner.defaultRules())
        .extracting(PlanRule::name)
        .containsExactly(
            "text_signals",
            "risk_like",
            "priority",
            "previous_issues",
            "incident_like",
            "company_systems",
            "executive_update",
            "summary",
            "answer");
  }

  @Test
  void seedTask_searchesPreviousJiraIssues_andReadsTheGovernanceNotesAndTheProgramRecord() {
    Plan plan =
        planner.plan(
            task(
                SampleTexts.SEED_TASK,
                "{\"project\": \"Atlas Checkout\", \"priority\": \"high\"}"));

    PlanStep search = step(plan, "search_previous_issues");
    assertThat(search.args().path("query").asText()).isEqualTo(SampleTexts.SEED_TASK);
    assertThat(search.args().path("source").asText()).isEqualTo("jira");
    assertThat(search.args().has("project")).isFalse();
    assertThat(steps(plan, "fetch_company_reference"))
        .extracting(s -> s.args().path("source").asText())
        .startsWith("governance_notes", "atlas_checkout_program");
    assertThat(tools(plan)).doesNotContain("search_incident_knowledge", "jira_search_tickets");
    assertThat(tools(plan).get(plan.steps().size() - 1)).isEqualTo("compose_answer");
    assertThat(plan.steps().get(plan.steps().size() - 1).dependsOn())
        .hasSize(plan.steps().size() - 1);
  }

  @Test
  void incidentScenario_searchesKnowledgeWithTheContext_readsThePolicy_andAsksTheSystems()
      throws IOException {
    TaskInput input = scenario("SCN-001");
    JsonNode context = input.context();

    Plan plan = planner.plan(input);

    JsonNode knowledge = step(plan, "search_incident_knowledge").args();
    assertThat(knowledge.path("query").asText()).isEqualTo(input.task());
    assertThat(knowledge.path("service")).isEqualTo(context.path("service"));
    assertThat(knowledge.path("time_start")).isEqualTo(context.path("start_time"));
    assertThat(knowledge.path("time_end")).isEqualTo(context.path("end_time"));
    assertThat(step(plan, "fetch_company_reference").args().path("source").asText())
        .isEqualTo("policy_v2");
    JsonNode jira = step(plan, "jira_search_tickets").args();
    assertThat(jira.path("project_key")).isEqualTo(context.path("project_key"));
    assertThat(jira.path("service")).isEqualTo(context.path("service"));
    for (String tool : List.of("metrics_query", "logs_search")) {
      JsonNode args = step(plan, tool).args();
      assertThat(args.path("service")).as(tool).isEqualTo(context.path("service"));
      assertThat(args.path("start_time")).as(tool).isEqualTo(context.path("start_time"));
      assertThat(args.path("end_time")).as(tool).isEqualTo(context.path("end_time"));
    }
    // Incident-like: previous issues are searched broadly, as in the seed.
    JsonNode previous = step(plan, "search_previous_issues").args();
    assertThat(previous.has("source")).isFalse();
    assertThat(previous.has("project")).isFalse();
  }

  @Test
  void severityFromTheContext_filtersKnowledgeAndJira() throws IOException {
    TaskInput input = scenario("SCN-009");

    Plan plan = planner.plan(input);

    assertThat(step(plan, "search_incident_knowledge").args().path("severity").asText())
        .isEqualTo(input.context().path("severity").asText());
    assertThat(step(plan, "jira_search_tickets").args().path("severity").asText())
        .isEqualTo(input.context().path("severity").asText());
  }

  @Test
  void contextValuesTheToolsWouldRefuse_areLeftOut_andTheNotesSayWhy() {
    Plan plan =
        planner.plan(
            task(
                "Triage the checkout alert.",
                "{\"service\": \"checkout\", \"severity\": \"high\", \"start_time\": \"yesterday\","
                    + " \"end_time\": \"2026-02-18T15:30:00Z\"}"));

    JsonNode knowledge = step(plan, "search_incident_knowledge").args();
    assertThat(knowledge.has("service")).isFalse();
    assertThat(knowledge.has("severity")).isFalse();
    assertThat(knowledge.has("time_start")).isFalse();
    assertThat(knowledge.path("time_end").asText()).isEqualTo("2026-02-18T15:30:00Z");
    assertThat(tools(plan)).doesNotContain("jira_search_tickets", "metrics_query", "logs_search");
    assertThat(plan.notes())
        .anySatisfy(note -> assertThat(note).contains("service 'checkout' is not a known service"))
        .anySatisfy(note -> assertThat(note).contains("severity 'high' is not P1, P2 or P3"))
        .anySatisfy(note -> assertThat(note).contains("start_time 'yesterday'"));
  }

  @Test
  void aWindowEndingBeforeItStarts_getsNoMetricsOrLogs() {
    Plan plan =
        planner.plan(
            task(
                "Triage the ledger alert.",
                "{\"service\": \"ledger-core\", \"start_time\": \"2026-05-05T12:00:00Z\","
                    + " \"end_time\": \"2026-05-05T08:00:00Z\"}"));

    assertThat(tools(plan))
        .contains("jira_search_tickets")
        .doesNotContain("metrics_query", "logs_search");
    assertThat(step(plan, "search_incident_knowledge").args().has("time_end")).isFalse();
  }

  @Test
  void issueTask_searchesJiraInTheContextsProject() {
    Plan plan =
        planner.plan(
            task("Find earlier bugs like the 3DS redirect failure.", "{\"project_key\": \"chk\"}"));

    JsonNode args = step(plan, "search_previous_issues").args();
    assertThat(args.path("source").asText()).isEqualTo("jira");
    assertThat(args.path("project").asText()).isEqualTo("CHK");
    assertThat(tools(plan)).doesNotContain("search_incident_knowledge", "fetch_company_reference");
  }

  @Test
  void aTaskWithoutIssueIncidentOrUpdateWords_getsNoCompanySteps_andTheNotesSayWhy() {
    Plan plan = planner.plan(task("Draft the weekly newsletter for the support team.", "{}"));

    assertThat(tools(plan)).doesNotContainAnyElementsOf(CompanyTools.NAMES);
    assertThat(plan.notes())
        .anySatisfy(note -> assertThat(note).contains("previous_issues", "added no steps"));
  }

  @Test
  void companySteps_dependOnNothing() throws IOException {
    for (JsonNode scenario : scenarios()) {
      Plan plan =
          planner.plan(task(scenario.path("task").asText(), scenario.path("context").toString()));
      assertThat(plan.steps())
          .as(scenario.path("id").asText())
          .filteredOn(step -> CompanyTools.NAMES.contains(step.tool()))
          .allSatisfy(step -> assertThat(step.dependsOn()).isEmpty());
    }
  }

  @Test
  void everyScenario_getsAPlanWhoseEveryStepBindsToItsTool() throws Exception {
    for (JsonNode scenario : scenarios()) {
      Plan plan =
          planner.plan(task(scenario.path("task").asText(), scenario.path("context").toString()));
      for (PlanStep step : plan.steps()) {
        assertThat(REGISTRY.bind(step.tool(), step.args()))
            .as(scenario.path("id").asText() + " " + step.tool())
            .isNotNull();
      }
    }
  }

  @Test
  void everyIncidentScenario_isPlannedWithKnowledgeAndThePolicy() throws IOException {
    for (JsonNode scenario : scenarios()) {
      String type = scenario.path("type").asText();
      if (!type.equals("incident_triage") && !type.equals("escalation")) {
        continue;
      }
      Plan plan =
          planner.plan(task(scenario.path("task").asText(), scenario.path("context").toString()));
      assertThat(tools(plan))
          .as(scenario.path("id").asText())
          .contains("search_incident_knowledge", "fetch_company_reference");
    }
  }
}
