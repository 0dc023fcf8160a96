package com.taskchain.orchestrator.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.answer.AnswerType;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.skill.AssessSeverity;
import com.taskchain.orchestrator.skill.EvaluateRollback;
import com.taskchain.orchestrator.tool.company.SearchPreviousIssues;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps of an {@code incident_triage} answer, for a task whose context names a known service
 * and an incident window (else the day the task text names): the service's runbook, the policy in
 * force at the window when it is not the current one, its INC and CHG tickets, 1-minute metrics and
 * log lines from one watch window before the window (a deployment then still counts) to its end,
 * and the skills {@code assess_severity} and {@code evaluate_rollback} after all the evidence. Pure
 * and thread-safe.
 */
public final class IncidentTriageRecipe implements AnswerRecipe {
  /** How far before the window deployments are looked for: the policy's watch window. */
  static final Duration LOOKBACK = Duration.ofMinutes(60);

  /** The longest window the recipe asks 1-minute samples for. */
  static final Duration MAX_WINDOW = Duration.ofHours(24);

  /** How many incident records of the window the recipe asks for. */
  static final int RECORDS_TOP_K = 3;

  /** A log line that names a change: deployments and rollbacks. */
  static final String CHANGE_PATTERN = "CHG-[0-9]+";

  @Override
  public AnswerType type() {
    return AnswerType.INCIDENT_TRIAGE;
  }

  @Override
  public List<ProposedStep> steps(TaskInput input, List<PlanStep> planned) {
    Optional<String> service = SkillSteps.service(input);
    Optional<Instant> start = SkillSteps.time(input, "start_time");
    Optional<Instant> end = SkillSteps.time(input, "end_time");
    if (start.isEmpty() && end.isEmpty()) {
      // No window in the context: the day the task names.
      Optional<Instant[]> day = SkillSteps.taskDay(input);
      start = day.map(d -> d[0]);
      end = day.map(d -> d[1]);
    }
    if (service.isEmpty()
        || start.isEmpty()
        || end.isEmpty()
        || !end.get().isAfter(start.get())
        || Duration.between(start.get(), end.get()).compareTo(MAX_WINDOW) > 0) {
      return List.of();
    }
    String svc = service.get();
    Instant from = start.get().minus(LOOKBACK);
    List<ProposedStep> evidence = new ArrayList<>();
    CompanyDocument.runbookOf(svc)
        .ifPresent(
            runbook ->
                evidence.add(
                    SkillSteps.reference(
                        "triage_runbook", runbook, "symptoms log patterns mitigation rollback")));
    CompanyDocument policy = SkillSteps.policyAt(start.get());
    if (policy != CompanyDocument.CURRENT_POLICY) {
      evidence.add(SkillSteps.reference("triage_policy", policy, "severity matrix rollback"));
    }
    evidence.add(SkillSteps.tickets("triage_incidents", "INC", svc));
    // The incident records of the service opened in the window, so that the incident itself (and
    // its history) is among the first hits whatever words the task uses.
    Optional<String> query = CompanyPlanRules.query(input);
    if (query.isPresent()) {
      ObjectNode records = Json.object();
      records.put("query", query.get());
      records.put("top_k", RECORDS_TOP_K);
      records.put("source", "incident");
      records.put("service", svc);
      records.put("opened_from", from.toString());
      records.put("opened_to", end.get().toString());
      evidence.add(
          new ProposedStep("triage_records", SearchPreviousIssues.NAME, records, List.of()));
    }
    evidence.add(SkillSteps.tickets("triage_changes", "CHG", svc));
    evidence.add(SkillSteps.minuteMetrics("triage_metrics", svc, from, end.get()));
    evidence.add(SkillSteps.logs("triage_logs", svc, from, end.get(), "WARN", null));
    evidence.add(SkillSteps.logs("triage_deploys", svc, from, end.get(), null, CHANGE_PATTERN));

    List<String> after = new ArrayList<>(SkillSteps.evidenceIds(planned));
    evidence.forEach(step -> after.add(step.key()));

    ObjectNode severity = Json.object();
    severity.put("service", svc);
    severity.put("start_time", start.get().toString());
    severity.put("end_time", end.get().toString());
    SkillSteps.text(input, "region").ifPresent(region -> severity.put("region", region));
    SkillSteps.text(input, "incident").ifPresent(key -> severity.put("incident", key));
    ObjectNode rollback = Json.object();
    rollback.put("service", svc);
    rollback.put("start_time", start.get().toString());
    rollback.put("end_time", end.get().toString());

    List<ProposedStep> steps = new ArrayList<>(evidence);
    steps.add(new ProposedStep("assess_severity", AssessSeverity.NAME, severity, after));
    steps.add(new ProposedStep("evaluate_rollback", EvaluateRollback.NAME, rollback, after));
    return steps;
  }
}
