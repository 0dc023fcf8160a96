package com.taskchain.orchestrator.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.execute.ExecutionMetadata;
import com.taskchain.orchestrator.execute.ExecutionResult;
import com.taskchain.orchestrator.execute.StepStatus;
import com.taskchain.orchestrator.execute.ToolRun;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.plan.DeterministicPlanner;
import com.taskchain.orchestrator.plan.Plan;
import com.taskchain.orchestrator.plan.PlanStep;
import com.taskchain.orchestrator.plan.TaskInput;
import com.taskchain.orchestrator.plan.TextPlanRules;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.text.SampleTexts;
import com.taskchain.orchestrator.tool.text.TextTools;
import com.taskchain.orchestrator.tool.text.ToolCalls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RuleVerifierTest {
  private static final ToolRegistry REGISTRY = ToolRegistry.of(TextTools.all());
  private static final Instant AT = Instant.parse("2026-03-04T10:00:00Z");

  private final RuleVerifier verifier = new RuleVerifier(REGISTRY);
  private final TaskInput seed =
      new TaskInput(SampleTexts.SEED_TASK, (ObjectNode) Json.read("{\"priority\": \"high\"}"));
  private final Plan plan = new DeterministicPlanner(TextPlanRules.all()).plan(seed);

  /** Runs every step of the plan for real, as the executor would on a good day. */
  private static List<ToolRun> runAll(Plan plan) throws Exception {
    List<ToolRun> runs = new ArrayList<>();
    for (PlanStep step : plan.steps()) {
      runs.add(
          succeeded(step.id(), step.tool(), ToolCalls.call(REGISTRY, step.tool(), step.args())));
    }
    return runs;
  }

  private static ToolRun succeeded(String stepId, String tool, JsonNode output) {
    return new ToolRun(stepId, tool, StepStatus.SUCCEEDED, 1, 1, AT, AT, output, null, false);
  }

  private static ToolRun failed(String stepId, String tool, String error) {
    return new ToolRun(stepId, tool, StepStatus.FAILED, 3, 5, AT, AT, null, error, false);
  }

  private static ExecutionResult result(List<ToolRun> runs) {
    int errors = (int) runs.stream().filter(run -> !run.succeeded()).count();
    return new ExecutionResult(
        runs, new ExecutionMetadata("run-1", AT, AT, 5, runs.size(), 0, errors, false));
  }

  private Verification verify(Plan plan, List<ToolRun> runs) {
    return verifier.verify(seed, plan, result(runs));
  }

  private static Check check(Verification verification, String name) {
    return verification.checks().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** The runs with the output of the step that ran {@code tool} replaced. */
  private static List<ToolRun> withOutput(
      List<ToolRun> runs, String tool, UnaryOperator<ObjectNode> change) {
    List<ToolRun> changed = new ArrayList<>();
    for (ToolRun run : runs) {
      changed.add(
          run.tool().equals(tool)
              ? succeeded(run.stepId(), run.tool(), change.apply(run.output().deepCopy()))
              : run);
    }
    return changed;
  }

  @Test
  void seedRun_passesEveryCheck_inTheDocumentedOrder() throws Exception {
    Verification verification = verify(plan, runAll(plan));

    assertThat(verification.passed()).isTrue();
    assertThat(verification.reasons()).isEmpty();
    assertThat(verification.checks())
        .extracting(Check::name)
        .containsExactly(
            "plan_not_empty",
            "results_match_plan",
            "all_steps_succeeded",
            "outputs_match_schema",
            "summary_present",
            "summary_grounded",
            "incident_evidence",
            "evidence_cited",
            "policy_cited",
            "answer_complete",
            "claims_cited",
            "claims_grounded",
            "policy_in_force");
    assertThat(check(verification, "summary_grounded").reason()).contains("Atlas Checkout");
    assertThat(check(verification, "answer_complete").reason())
        .isEqualTo("the plan composes no answer");
  }

  @Test
  void emptyPlan_failsPlanNotEmpty() {
    Verification verification = verify(new Plan("deterministic", List.of(), List.of()), List.of());

    assertThat(verification.passed()).isFalse();
    assertThat(check(verification, "plan_not_empty").passed()).isFalse();
    assertThat(verification.reasons()).contains("the plan has no steps");
  }

  @Test
  void missingResult_failsResultsMatchPlan_andAllStepsSucceeded_namingTheStep() throws Exception {
    List<ToolRun> runs = new ArrayList<>(runAll(plan));
    runs.remove(2);

    Verification verification = verify(plan, runs);

    assertThat(check(verification, "results_match_plan").reason()).contains("no result for s3");
    assertThat(check(verification, "all_steps_succeeded").reason())
        .contains("s3 (extract_action_items) has no result");
    assertThat(verification.passed()).isFalse();
  }

  @Test
  void resultsOutOfOrder_failResultsMatchPlan() throws Exception {
    List<ToolRun> runs = new ArrayList<>(runAll(plan));
    runs.add(0, runs.remove(1));

    Check check = check(verify(plan, runs), "results_match_plan");

    assertThat(check.passed()).isFalse();
    assertThat(check.reason()).contains("not in plan order");
  }

  @Test
  void repeatedResult_failsResultsMatchPlan() throws Exception {
    List<ToolRun> runs = new ArrayList<>(runAll(plan));
    runs.add(2, runs.get(1));

    Check check = check(verify(plan, runs), "results_match_plan");

    assertThat(check.passed()).isFalse();
    assertThat(check.reason()).contains("more than one result for s2");
  }

  @Test
  void resultForAnotherTool_failsResultsMatchPlan_namingBoth() throws Exception {
    List<ToolRun> runs = new ArrayList<>(runAll(plan));
    ToolRun second = runs.get(1);
    runs.set(1, succeeded(second.stepId(), "extract_risks", Json.read("{\"risks\": []}")));

    Check check = check(verify(plan, runs), "results_match_plan");

    assertThat(check.passed()).isFalse();
    assertThat(check.reason()).contains("s2 ran extract_risks but the plan says extract_deadlines");
  }

  @Test
  void failedStep_failsAllStepsSucceeded_withItsError() throws Exception {
    List<ToolRun> runs = new ArrayList<>(runAll(plan));
    runs.set(2, failed("s3", "extract_action_items", "timed out after 3 attempts"));

    Verification verification = verify(plan, runs);

    Check check = check(verification, "all_steps_succeeded");
    assertThat(check.passed()).isFalse();
    assertThat(check.reason())
        .contains("s3 (extract_action_items) failed: timed out after 3 attempts");
    assertThat(check(verification, "results_match_plan").passed()).isTrue();
  }

  @Test
  void outputWithAnUnknownField_failsOutputsMatchSchema_namingStepAndField() throws Exception {
    List<ToolRun> runs =
        withOutput(runAll(plan), "classify_priority", output -> output.put("confidence", 0.9));

    Check check = check(verify(plan, runs), "outputs_match_schema");

    assertThat(check.passed()).isFalse();
    assertThat(check.reason()).contains("s5 (classify_priority)", "confidence");
  }

  @Test
  void outputTheRecordRefuses_failsOutputsMatchSchema_withTheRecordsReason() throws Exception {
    List<ToolRun> runs =
        withOutput(runAll(plan), "extract_entities", output -> output.put("count", 7));

    Check check = check(verify(plan, runs), "outputs_match_schema");

    assertThat(check.passed()).isFalse();
    assertThat(check.reason()).contains("s1 (extract_entities)", "count: must equal");
  }

  @Test
  void outputWithAnUnknownEnumValue_failsOutputsMatchSchema() throws Exception {
    List<ToolRun> runs =
        withOutput(runAll(plan), "classify_priority", output -> output.put("priority", "urgent"));

    Check check = check(verify(plan, runs), "outputs_match_schema");

    assertThat(check.passed()).isFalse();
    assertThat(check.reason()).contains("s5 (classify_priority)", "priority");
  }

  @Test
  void outputOfAToolNotInTheRegistry_failsOutputsMatchSchema() {
    PlanStep step = new PlanStep("s1", "summon_dragons", Json.object());
    Plan oddPlan = new Plan("deterministic", List.of(step), List.of());

    Check check =
        check(
            verify(oddPlan, List.of(succeeded("s1", "summon_dragons", Json.object()))),
            "outputs_match_schema");

    assertThat(check.passed()).isFalse();
    assertThat(check.reason()).contains("s1 (summon_dragons): the tool is not in the registry");
  }

  @Test
  void emptySummary_failsSummaryPresent() throws Exception {
    List<ToolRun> runs =
        withOutput(
            runAll(plan), "summarize", output -> output.put("summary", "").put("word_count", 0));

    Check check = check(verify(plan, runs), "summary_present");

    assertThat(check.passed()).isFalse();
    assertThat(check.reason()).contains("summarize step s6 returned an empty summary");
  }

  @Test
  void failedSummarize_failsSummaryPresent() throws Exception {
    List<ToolRun> runs = new ArrayList<>(runAll(plan));
    runs.set(5, failed("s6", "summarize", "boom"));

    Check check = check(verify(plan, runs), "summary_present");

    assertThat(check.passed()).isFalse();
    assertThat(check.reason()).contains("summarize step s6 did not succeed");
  }

  @Test
  void planWithoutSummarize_passesSummaryPresent_sayingSo() throws Exception {
    Plan noSummary =
        new Plan("deterministic", plan.steps().subList(0, plan.steps().size() - 1), List.of());

    Check check = check(verify(noSummary, runAll(noSummary)), "summary_present");

    assertThat(check.passed()).isTrue();
    assertThat(check.reason()).contains("no summarize step");
  }

  @Test
  void summaryMentioningNoEntity_failsSummaryGrounded_listingThem() throws Exception {
    List<ToolRun> runs =
        withOutput(
            runAll(plan),
            "summarize",
            output -> output.put("summary", "Write a short note.").put("word_count", 4));

    Verification verification = verify(plan, runs);

    Check check = check(verification, "summary_grounded");
    assertThat(check.passed()).isFalse();
    assertThat(check.reason()).contains("none of the 1 extracted entities (Atlas Checkout)");
    assertThat(verification.passed()).isFalse();
  }

  @Test
  void summaryGrounding_ignoresCase() throws Exception {
    List<ToolRun> runs =
        withOutput(
            runAll(plan),
            "summarize",
            output -> output.put("summary", "An update on atlas checkout.").put("word_count", 5));

    assertThat(check(verify(plan, runs), "summary_grounded").passed()).isTrue();
  }

  @Test
  void noEntitiesExtracted_passesSummaryGrounded_sayingThereWasNothingToCheck() throws Exception {
    TaskInput plain = new TaskInput("write a short note about lunch", Json.object());
    Plan plainPlan = new DeterministicPlanner().plan(plain);

    Verification verification = verifier.verify(plain, plainPlan, result(runAll(plainPlan)));

    Check check = check(verification, "summary_grounded");
    assertThat(check.passed()).isTrue();
    assertThat(check.reason()).contains("nothing to check");
    assertThat(verification.passed()).isTrue();
  }
}
