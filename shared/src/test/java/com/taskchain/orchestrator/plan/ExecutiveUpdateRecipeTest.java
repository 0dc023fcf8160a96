package com.taskchain.orchestrator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.answer.AnswerType;
import com.taskchain.orchestrator.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the executive-update recipe adds for each kind of update. */
class ExecutiveUpdateRecipeTest {
  private final ExecutiveUpdateRecipe recipe = new ExecutiveUpdateRecipe();

  private static TaskInput task(String text, String context) {
    return new TaskInput(text, (ObjectNode) Json.read(context));
  }

  private static ProposedStep step(List<ProposedStep> steps, String key) {
    return steps.stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
  }

  private static List<String> keys(List<ProposedStep> steps) {
    return steps.stream().map(ProposedStep::key).toList();
  }

  @Test
  void program_fetchesItsRecordAndProjects_andSummarizesAfterThem() {
    List<ProposedStep> steps =
        recipe.steps(
            task(
                "Prepare an executive update for the Atlas Checkout migration",
                "{\"project\":\"Atlas Checkout\",\"project_key\":\"ATLAS\"}"),
            List.of(new PlanStep("s1", "jira_search_tickets", Json.object())));
    assertThat(keys(steps))
        .contains("exec_governance", "exec_policy_v2", "exec_program_record", "exec_jira_program")
        .doesNotContain("count_incidents", "exec_policy_v1");
    ProposedStep summarize = step(steps, "summarize_status");
    assertThat(summarize.args().path("scope").asText()).isEqualTo("program");
    assertThat(summarize.after()).contains("s1", "exec_program_record", "exec_governance");
    assertThat(step(steps, "exec_jira_program").args().path("project_key").asText())
        .isEqualTo("ATLAS");
  }

  @Test
  void program_withoutAProjectKey_needsNoCompanySystem() {
    List<ProposedStep> steps =
        recipe.steps(
            task(
                "Prepare an executive update for the Atlas Checkout migration",
                "{\"project\":\"Atlas Checkout\"}"),
            List.of());
    assertThat(steps).noneMatch(s -> s.tool().equals("jira_search_tickets"));
    assertThat(keys(steps)).contains("exec_program_record", "summarize_status");
  }

  @Test
  void incident_searchesItsKey_andFetchesTheRunbook_asOfTheWindowEnd_onlyForAPointInTime() {
    String context =
        "{\"incident\":\"INC-2304\",\"service\":\"payments-gateway\","
            + "\"start_time\":\"2026-03-03T09:12:00Z\",\"end_time\":\"2026-03-03T10:12:00Z\"}";
    List<ProposedStep> firstHour =
        recipe.steps(
            task("Write the summary as it should have been posted within the first hour", context),
            List.of());
    assertThat(step(firstHour, "exec_jira_incident").args().path("text").asText())
        .isEqualTo("INC-2304");
    assertThat(step(firstHour, "exec_runbook").args().path("source").asText())
        .isEqualTo("runbook_payments_gateway");
    assertThat(step(firstHour, "summarize_status").args().path("as_of").asText())
        .isEqualTo("2026-03-03T10:12:00Z");
    List<ProposedStep> later =
        recipe.steps(task("Prepare an update for leadership", context), List.of());
    assertThat(step(later, "summarize_status").args().has("as_of")).isFalse();
  }

  @Test
  void aWindowAcrossThePolicyChange_fetchesBothPolicies_andCountsWhenAsked() {
    List<ProposedStep> steps =
        recipe.steps(
            task(
                "Give leadership a Q1 2026 incident summary: how many incidents of each severity",
                "{\"project_key\":\"INC\",\"start_time\":\"2026-01-01T00:00:00Z\","
                    + "\"end_time\":\"2026-03-31T23:59:59Z\"}"),
            List.of());
    assertThat(keys(steps)).contains("exec_policy_v1", "exec_policy_v2", "count_incidents");
    assertThat(keys(steps).indexOf("count_incidents"))
        .isLessThan(keys(steps).indexOf("summarize_status"));
    assertThat(step(steps, "count_incidents").after())
        .contains("exec_jira_incidents", "exec_policy_v1", "exec_policy_v2");
    assertThat(step(steps, "summarize_status").args().path("scope").asText())
        .isEqualTo("production");
  }

  @Test
  void aWindowAfterThePolicyChange_fetchesOnlyV2_andDoesNotCountWithoutBeingAsked() {
    List<ProposedStep> steps =
        recipe.steps(
            task(
                "Summarise for leadership what is going on in production right now",
                "{\"start_time\":\"2026-05-20T00:00:00Z\",\"end_time\":\"2026-05-20T12:00:00Z\"}"),
            List.of());
    assertThat(keys(steps))
        .contains("exec_policy_v2")
        .doesNotContain("exec_policy_v1", "count_incidents");
    assertThat(step(steps, "summarize_status").args().path("as_of").asText())
        .isEqualTo("2026-05-20T12:00:00Z");
  }

  @Test
  void isTheExecutiveUpdateRecipe_andRegistered() {
    assertThat(recipe.type()).isEqualTo(AnswerType.EXECUTIVE_UPDATE);
    assertThat(AnswerRecipes.all()).anyMatch(r -> r.type() == AnswerType.EXECUTIVE_UPDATE);
  }
}
