package com.taskchain.orchestrator.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.answer.AnswerType;
import com.taskchain.orchestrator.answer.ComposeAnswer;
import com.taskchain.orchestrator.answer.Findings;
import com.taskchain.orchestrator.execute.ExecutionResult;
import com.taskchain.orchestrator.execute.StepStatus;
import com.taskchain.orchestrator.execute.ToolRun;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.pipeline.Pipeline;
import com.taskchain.orchestrator.plan.Plan;
import com.taskchain.orchestrator.plan.PlanStep;
import com.taskchain.orchestrator.plan.TaskInput;
import com.taskchain.orchestrator.tool.Upstream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerChecksTest {
  private static final Instant AT = Instant.parse("2026-03-04T10:00:00Z");
  private static final String POLICY_V2 = "policies/operations_policy_v2.md";
  private static final String POLICY_V1 = "policies/operations_policy_v1.md";

  private static final JsonNode TICKET =
      Json.read(
          "{\"tickets\": [{\"key\": \"INC-2291\", \"summary\": \"Atlas latency\","
              + " \"description\": \"error rate 3.8 %, p95 1,650 ms\"}]}");

  private static JsonNode policy(String path) {
    return Json.read(
        "{\"source\": \"x\", \"path\": \"company_sim/"
            + path
            + "\", \"matched\": true,"
            + " \"excerpt\": \"error rate >= 2 % sustained for 10 minutes\"}");
  }

  private static ToolRun ok(String id, String tool, JsonNode output) {
    return new ToolRun(id, tool, StepStatus.SUCCEEDED, 1, 5, AT, AT, output, null, false);
  }

  /** Verifies a run whose skill found {@code findings}, composed for real. */
  private static List<Check> verify(TaskInput input, Findings findings, String policyPath) {
    List<ToolRun> runs = new ArrayList<>();
    runs.add(ok("s1", "jira_search_tickets", TICKET));
    runs.add(ok("s2", "fetch_company_reference", policy(policyPath)));
    runs.add(ok("s3", findings.skill(), Json.tree(findings)));
    List<Upstream.Step> upstream = new ArrayList<>();
    runs.forEach(
        r -> upstream.add(new Upstream.Step(r.stepId(), r.tool(), true, r.output(), null)));
    ComposeAnswer.Output composed =
        new ComposeAnswer()
            .call(new ComposeAnswer.Input(AnswerType.ROLLBACK_DECISION), new Upstream(upstream));
    runs.add(ok("s4", ComposeAnswer.NAME, Json.tree(composed)));
    List<PlanStep> steps = new ArrayList<>();
    runs.forEach(r -> steps.add(new PlanStep(r.stepId(), r.tool(), Json.object(), List.of())));
    Plan plan = new Plan("test", steps, List.of());
    ExecutionResult result = Pipeline.withAnswer(new ExecutionResult(runs, null));
    return AnswerChecks.checks(input, plan, result);
  }

  private static Check check(List<Check> checks, String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  private static TaskInput at(String time) {
    return new TaskInput("Should it be rolled back?", Json.object().put("start_time", time));
  }

  @Test
  void groundedCitedAnswer_passesEveryCheck() {
    Findings findings =
        Findings.builder("evaluate_rollback")
            .field("rollback", true)
            .claim("INC-2291: error rate 3.8 % against the trigger of 2 %.", "INC-2291", POLICY_V2)
            .build();

    List<Check> checks = verify(at("2026-02-18T14:00:00Z"), findings, POLICY_V2);

    assertThat(checks).allSatisfy(c -> assertThat(c.passed()).as(c.reason()).isTrue());
  }

  @Test
  void fabricatedCitation_failsClaimsCited() {
    Findings findings =
        Findings.builder("evaluate_rollback")
            .field("rollback", true)
            .claim("Error rate 3.8 %.", "INC-9999")
            .build();

    Check cited = check(verify(at("2026-02-18T14:00:00Z"), findings, POLICY_V2), "claims_cited");

    assertThat(cited.passed()).isFalse();
    assertThat(cited.reason()).contains("INC-9999", "did not retrieve");
  }

  @Test
  void numberNotInTheCitedEvidence_failsClaimsGrounded() {
    Findings findings =
        Findings.builder("evaluate_rollback")
            .field("rollback", true)
            .claim("Error rate 4.7 % on INC-2291.", "INC-2291")
            .build();

    Check grounded =
        check(verify(at("2026-02-18T14:00:00Z"), findings, POLICY_V2), "claims_grounded");

    assertThat(grounded.passed()).isFalse();
    assertThat(grounded.reason()).contains("4.7");
  }

  @Test
  void requiredFieldMissing_failsAnswerComplete_namingIt() {
    Findings findings =
        Findings.builder("evaluate_rollback").claim("INC-2291 was slow.", "INC-2291").build();

    Check complete =
        check(verify(at("2026-02-18T14:00:00Z"), findings, POLICY_V2), "answer_complete");

    assertThat(complete.passed()).isFalse();
    assertThat(complete.reason()).contains("rollback");
  }

  @Test
  void policyVersion_mustBeTheOneInForceAtTheTasksTime() {
    Findings findings =
        Findings.builder("evaluate_rollback")
            .field("rollback", true)
            .field("policy_version", "v2")
            .claim("INC-2291: error rate 3.8 %.", "INC-2291", POLICY_V2)
            .build();

    Check before =
        check(verify(at("2026-01-31T23:59:00Z"), findings, POLICY_V2), "policy_in_force");
    Check after = check(verify(at("2026-02-01T00:00:00Z"), findings, POLICY_V2), "policy_in_force");

    assertThat(before.passed()).isFalse();
    assertThat(before.reason()).contains("v1 was in force");
    assertThat(after.passed()).as(after.reason()).isTrue();
  }

  @Test
  void citingOnlyASupersededPolicy_fails() {
    Findings findings =
        Findings.builder("evaluate_rollback")
            .field("rollback", true)
            .claim("The trigger is 2 %.", POLICY_V1)
            .build();

    Check check = check(verify(at("2026-05-20T09:30:00Z"), findings, POLICY_V1), "policy_in_force");

    assertThat(check.passed()).isFalse();
    assertThat(check.reason()).contains(POLICY_V2);
  }
}
