package com.taskchain.orchestrator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.execute.ExecutorConfig;
import com.taskchain.orchestrator.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriageRecipesTest {
  private final DeterministicPlanner planner = new DeterministicPlanner();

  private static TaskInput task(String text, String context) {
    return new TaskInput(text, (ObjectNode) Json.read(context));
  }

  private static PlanStep only(Plan plan, String tool) {
    List<PlanStep> steps = plan.steps().stream().filter(s -> s.tool().equals(tool)).toList();
    assertThat(steps).as(tool).hasSize(1);
    return steps.get(0);
  }

  @Test
  void triage_readsMinuteMetricsFromAWatchWindowBefore_andRunsBothSkillsAfterAllEvidence() {
    Plan plan =
        planner.plan(
            task(
                "Triage the Atlas Checkout alert: how severe is it?",
                "{\"service\":\"atlas-checkout\",\"start_time\":\"2026-02-18T13:30:00Z\","
                    + "\"end_time\":\"2026-02-18T15:30:00Z\"}"));
    PlanStep metrics =
        plan.steps().stream()
            .filter(
                s ->
                    s.tool().equals("metrics_query")
                        && s.args().path("step").asText().equals("PT1M"))
            .findFirst()
            .orElseThrow();
    assertThat(metrics.args().path("start_time").asText()).isEqualTo("2026-02-18T12:30:00Z");
    PlanStep severity = only(plan, "assess_severity");
    List<String> evidence =
        plan.steps().stream()
            .filter(s -> SkillSteps.EVIDENCE_TOOLS.contains(s.tool()))
            .map(PlanStep::id)
            .toList();
    assertThat(severity.dependsOn()).containsAll(evidence);
    assertThat(only(plan, "evaluate_rollback").dependsOn()).containsAll(evidence);
    assertThat(plan.steps())
        .anyMatch(s -> s.args().path("source").asText().equals("runbook_atlas_checkout"));
    assertThat(plan.steps().size())
        .isLessThanOrEqualTo(ExecutorConfig.defaults().planLimits().maxSteps());
  }

  @Test
  void triageBeforeFebruary_alsoFetchesPolicyV1() {
    Plan plan =
        planner.plan(
            task(
                "Triage the Checkout Classic outage.",
                "{\"service\":\"checkout-classic\",\"start_time\":\"2026-01-22T19:00:00Z\","
                    + "\"end_time\":\"2026-01-22T21:00:00Z\"}"));
    assertThat(plan.steps()).anyMatch(s -> s.args().path("source").asText().equals("policy_v1"));
  }

  @Test
  void rollbackWithoutAStartTime_takesTheDeploymentTimeFromTheTaskText() {
    Plan plan =
        planner.plan(
            task(
                "Payments Gateway release started at 09:30 on 2026-05-20. Should we roll it back?",
                "{\"service\":\"payments-gateway\",\"change\":\"CHG-4320\"}"));
    PlanStep rollback = only(plan, "evaluate_rollback");
    assertThat(rollback.args().path("deployed_at").asText()).isEqualTo("2026-05-20T09:30:00Z");
    assertThat(rollback.args().path("change").asText()).isEqualTo("CHG-4320");
    assertThat(plan.steps()).anyMatch(s -> s.args().path("text").asText().equals("CHG-4320"));
  }

  @Test
  void rollbackComparingVersions_fetchesTheOtherPolicyToo() {
    Plan plan =
        planner.plan(
            task(
                "Someone says v1 only rolls back at 5 %. Was rolling back right?",
                "{\"service\":\"atlas-checkout\",\"change\":\"CHG-4161\","
                    + "\"start_time\":\"2026-02-18T14:00:00Z\"}"));
    assertThat(plan.steps()).anyMatch(s -> s.args().path("source").asText().equals("policy_v1"));
    assertThat(plan.steps())
        .anyMatch(s -> s.args().path("source").asText().equals("governance_notes"));
  }
}
