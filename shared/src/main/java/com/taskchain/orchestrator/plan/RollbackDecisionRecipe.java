package com.taskchain.orchestrator.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.answer.AnswerType;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.skill.EvaluateRollback;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The steps of a {@code rollback_decision} answer, for a task whose context names a known service
 * and the deployment's start ({@code start_time}, else a time the task text names), optionally its
 * CHG key ({@code change}): the runbook, {@code cicd.yaml}, the governance notes (which policy
 * applies), the policy in force at the deployment (and the other version when the task compares
 * versions), the change ticket and the service's INC tickets, 1-minute metrics and logs over the
 * 60-minute watch window, and {@code evaluate_rollback} after them. Pure and thread-safe.
 */
public final class RollbackDecisionRecipe implements AnswerRecipe {
  /** The watch window the metrics cover (policy §5; cicd.yaml rollout.watch_window). */
  static final Duration WATCH_WINDOW = Duration.ofMinutes(60);

  private static final Pattern VERSION_WORDS =
      Pattern.compile(
          "\\bv[12]\\b|\\bversion\\b|\\bsupersed\\w*|\\bold policy\\b", Pattern.CASE_INSENSITIVE);

  @Override
  public AnswerType type() {
    return AnswerType.ROLLBACK_DECISION;
  }

  @Override
  public List<ProposedStep> steps(TaskInput input, List<PlanStep> planned) {
    Optional<String> service = SkillSteps.service(input);
    Optional<Instant> deployed =
        SkillSteps.time(input, "start_time").or(() -> SkillSteps.taskTime(input));
    if (service.isEmpty() || deployed.isEmpty()) {
      return List.of();
    }
    String svc = service.get();
    // The deployment may have started up to a watch window before or after the time given (the
    // skill reads its real start from the deploy log or the CHG ticket), so the metrics and logs
    // cover a watch window on either side.
    Instant from = deployed.get().minus(WATCH_WINDOW);
    Instant until =
        SkillSteps.time(input, "end_time")
            .filter(end -> end.isAfter(deployed.get().plus(WATCH_WINDOW)))
            .orElse(deployed.get().plus(WATCH_WINDOW))
            .plus(WATCH_WINDOW);
    Optional<String> change =
        SkillSteps.text(input, "change").filter(key -> key.matches("[A-Z][A-Z0-9]+-\\d+"));
    List<ProposedStep> evidence = new ArrayList<>();
    CompanyDocument.runbookOf(svc)
        .ifPresent(
            runbook ->
                evidence.add(
                    SkillSteps.reference("rollback_runbook", runbook, "rollback mitigation")));
    evidence.add(
        SkillSteps.reference(
            "rollback_cicd", CompanyDocument.CICD_CONFIG, "automatic_rollback rollback_workflow"));
    evidence.add(
        SkillSteps.reference(
            "rollback_governance", CompanyDocument.GOVERNANCE_NOTES, "Document precedence"));
    CompanyDocument policy = SkillSteps.policyAt(deployed.get());
    if (policy != CompanyDocument.CURRENT_POLICY) {
      evidence.add(SkillSteps.reference("rollback_policy", policy, "Rollback triggers"));
    }
    if (VERSION_WORDS.matcher(input.task()).find()) {
      CompanyDocument other =
          policy == CompanyDocument.POLICY_V2
              ? CompanyDocument.POLICY_V1
              : CompanyDocument.POLICY_V2;
      evidence.add(SkillSteps.reference("rollback_other_policy", other, "Rollback triggers"));
    }
    change.ifPresent(key -> evidence.add(SkillSteps.ticketText("rollback_change", key)));
    evidence.add(SkillSteps.tickets("rollback_incidents", "INC", svc));
    evidence.add(SkillSteps.minuteMetrics("rollback_metrics", svc, from, until));
    evidence.add(SkillSteps.logs("rollback_logs", svc, from, until, null, null));

    List<String> after = new ArrayList<>(SkillSteps.evidenceIds(planned));
    evidence.forEach(step -> after.add(step.key()));
    ObjectNode args = Json.object();
    args.put("service", svc);
    change.ifPresent(key -> args.put("change", key));
    args.put("deployed_at", deployed.get().toString());
    List<ProposedStep> steps = new ArrayList<>(evidence);
    steps.add(new ProposedStep("evaluate_rollback", EvaluateRollback.NAME, args, after));
    return steps;
  }
}
