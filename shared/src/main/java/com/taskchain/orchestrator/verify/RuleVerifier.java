package com.taskchain.orchestrator.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.taskchain.orchestrator.execute.ExecutionResult;
import com.taskchain.orchestrator.execute.ToolRun;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.plan.Plan;
import com.taskchain.orchestrator.plan.PlanStep;
import com.taskchain.orchestrator.plan.TaskInput;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.text.ExtractEntities;
import com.taskchain.orchestrator.tool.text.Summarize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The seed's structural and quality gates. Every check is always made, in this order, and the run
 * passes only when all pass:
 *
 * <ol>
 *   <li>{@value #PLAN_NOT_EMPTY}: the plan has at least one step;
 *   <li>{@value #RESULTS_MATCH_PLAN}: exactly one result per step, with the step's id and tool, in
 *       plan order;
 *   <li>{@value #ALL_STEPS_SUCCEEDED}: every step of the plan has a succeeded result;
 *   <li>{@value #OUTPUTS_MATCH_SCHEMA}: every succeeded output binds strictly to its tool's output
 *       record (unknown fields, wrong types and values the record refuses all fail);
 *   <li>{@value #SUMMARY_PRESENT}: when the plan has {@code summarize} steps, each produced a
 *       non-blank summary;
 *   <li>{@value #SUMMARY_GROUNDED}: when {@code extract_entities} found entities, a summary
 *       mentions at least one of them (case-insensitively); with nothing to compare it passes and
 *       says so;
 *   <li>{@value #INCIDENT_EVIDENCE}, {@value #EVIDENCE_CITED}, {@value #POLICY_CITED}: the seed's
 *       evidence gates (see {@link EvidenceChecks}): an incident plan needs non-empty evidence from
 *       an evidence tool and a policy or governance citation, and every search hit a citation;
 *   <li>{@value #ANSWER_COMPLETE}, {@value #CLAIMS_CITED}, {@value #CLAIMS_GROUNDED}, {@value
 *       #POLICY_IN_FORCE}: the answer gates (see {@link AnswerChecks}).
 * </ol>
 *
 * Reasons name the steps and tools concerned. Thread-safe (the registry is immutable); never throws
 * for bad content, it fails a check instead.
 */
public final class RuleVerifier implements Verifier {
  public static final String PLAN_NOT_EMPTY = "plan_not_empty";
  public static final String RESULTS_MATCH_PLAN = "results_match_plan";
  public static final String ALL_STEPS_SUCCEEDED = "all_steps_succeeded";
  public static final String OUTPUTS_MATCH_SCHEMA = "outputs_match_schema";
  public static final String SUMMARY_PRESENT = "summary_present";
  public static final String SUMMARY_GROUNDED = "summary_grounded";
  public static final String INCIDENT_EVIDENCE = EvidenceChecks.INCIDENT_EVIDENCE;
  public static final String EVIDENCE_CITED = EvidenceChecks.EVIDENCE_CITED;
  public static final String POLICY_CITED = EvidenceChecks.POLICY_CITED;
  public static final String ANSWER_COMPLETE = AnswerChecks.ANSWER_COMPLETE;
  public static final String CLAIMS_CITED = AnswerChecks.CLAIMS_CITED;
  public static final String CLAIMS_GROUNDED = AnswerChecks.CLAIMS_GROUNDED;
  public static final String POLICY_IN_FORCE = AnswerChecks.POLICY_IN_FORCE;

  /** How many entities a failing {@value #SUMMARY_GROUNDED} reason lists. */
  private static final int ENTITIES_LISTED = 10;

  private final ToolRegistry registry;

  /** A verifier that checks outputs against the tools of {@code registry}. */
  public RuleVerifier(ToolRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public Verification verify(TaskInput input, Plan plan, ExecutionResult result) {
    List<ToolRun> runs = result.toolResults();
    Map<String, ToolRun> runsById = new LinkedHashMap<>();
    for (ToolRun run : runs) {
      runsById.putIfAbsent(run.stepId(), run);
    }
    List<Check> checks =
        new ArrayList<>(
            List.of(
                planNotEmpty(plan),
                resultsMatchPlan(plan, runs),
                allStepsSucceeded(plan, runsById),
                outputsMatchSchema(runs),
                summaryPresent(plan, runsById),
                summaryGrounded(plan, runsById)));
    checks.addAll(EvidenceChecks.checks(plan, runsById));
    checks.addAll(AnswerChecks.checks(input, plan, result));
    return Verification.of(checks);
  }

  private static Check planNotEmpty(Plan plan) {
    int size = plan.steps().size();
    return size == 0
        ? new Check(PLAN_NOT_EMPTY, false, "the plan has no steps")
        : new Check(PLAN_NOT_EMPTY, true, "the plan has " + steps(size));
  }

  private static Check resultsMatchPlan(Plan plan, List<ToolRun> runs) {
    List<String> planIds = plan.steps().stream().map(PlanStep::id).toList();
    List<String> runIds = runs.stream().map(ToolRun::stepId).toList();
    List<String> problems = new ArrayList<>();

    List<String> missing = planIds.stream().filter(id -> !runIds.contains(id)).toList();
    if (!missing.isEmpty()) {
      problems.add("no result for " + String.join(", ", missing));
    }
    Set<String> unplanned = new LinkedHashSet<>();
    Set<String> repeated = new LinkedHashSet<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String id : runIds) {
      if (!planIds.contains(id)) {
        unplanned.add(id);
      } else if (!seen.add(id)) {
        repeated.add(id);
      }
    }
    if (!unplanned.isEmpty()) {
      problems.add("results for steps not in the plan: " + String.join(", ", unplanned));
    }
    if (!repeated.isEmpty()) {
      problems.add("more than one result for " + String.join(", ", repeated));
    }
    if (problems.isEmpty() && !planIds.equals(runIds)) {
      problems.add(
          "results are not in plan order: expected "
              + String.join(", ", planIds)
              + ", got "
              + String.join(", ", runIds));
    }
    for (PlanStep step : plan.steps()) {
      for (ToolRun run : runs) {
        if (run.stepId().equals(step.id()) && !run.tool().equals(step.tool())) {
          problems.add(step.id() + " ran " + run.tool() + " but the plan says " + step.tool());
        }
      }
    }
    return problems.isEmpty()
        ? new Check(
            RESULTS_MATCH_PLAN,
            true,
            "one result per step (" + planIds.size() + "), in plan order, with the planned tools")
        : new Check(RESULTS_MATCH_PLAN, false, String.join("; ", problems));
  }

  private static Check allStepsSucceeded(Plan plan, Map<String, ToolRun> runsById) {
    List<String> failures = new ArrayList<>();
    for (PlanStep step : plan.steps()) {
      ToolRun run = runsById.get(step.id());
      String label = step.id() + " (" + step.tool() + ")";
      if (run == null) {
        failures.add(label + " has no result");
      } else if (!run.succeeded()) {
        failures.add(
            label
                + " "
                + run.status().wire()
                + (run.error() == null || run.error().isBlank() ? "" : ": " + run.error()));
      }
    }
    if (failures.isEmpty()) {
      return new Check(
          ALL_STEPS_SUCCEEDED,
          true,
          plan.steps().isEmpty()
              ? "no steps to run"
              : "all " + steps(plan.steps().size()) + " succeeded");
    }
    return new Check(
        ALL_STEPS_SUCCEEDED,
        false,
        failures.size()
            + " of "
            + steps(plan.steps().size())
            + " did not succeed: "
            + String.join("; ", failures));
  }

  private Check outputsMatchSchema(List<ToolRun> runs) {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (ToolRun run : runs) {
      if (!run.succeeded()) {
        continue;
      }
      checked++;
      String label = run.stepId() + " (" + run.tool() + ")";
      Optional<Tool<?, ?>> tool = registry.find(run.tool());
      if (tool.isEmpty()) {
        problems.add(label + ": the tool is not in the registry");
      } else if (run.output() == null || !run.output().isObject()) {
        problems.add(label + ": the output is not a JSON object");
      } else {
        bindProblem(run.output(), tool.get().outputType())
            .ifPresent(p -> problems.add(label + ": " + p));
      }
    }
    if (problems.isEmpty()) {
      return new Check(
          OUTPUTS_MATCH_SCHEMA,
          true,
          checked == 0
              ? "no succeeded outputs to check"
              : checked + " succeeded output(s) bind to their tools' output types");
    }
    return new Check(OUTPUTS_MATCH_SCHEMA, false, String.join("; ", problems));
  }

  /** Why the output does not bind to the type, if it does not. */
  private static Optional<String> bindProblem(JsonNode output, Class<? extends Record> type) {
    try {
      Json.mapper().treeToValue(output, type);
      return Optional.empty();
    } catch (JsonMappingException e) {
      String path =
          e.getPath().stream()
              .map(
                  ref ->
                      ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      String problem;
      if (e instanceof UnrecognizedPropertyException unknown) {
        problem = "unknown field '" + unknown.getPropertyName() + "'";
      } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
        problem = String.valueOf(e.getCause().getMessage());
      } else {
        problem = e.getOriginalMessage();
      }
      return Optional.of(path.isEmpty() ? problem : "at " + path + ": " + problem);
    } catch (JsonProcessingException | RuntimeException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  private static Check summaryPresent(Plan plan, Map<String, ToolRun> runsById) {
    List<PlanStep> summarizeSteps = stepsOf(plan, Summarize.NAME);
    if (summarizeSteps.isEmpty()) {
      return new Check(SUMMARY_PRESENT, true, "the plan has no summarize step; nothing to check");
    }
    List<String> problems = new ArrayList<>();
    List<String> found = new ArrayList<>();
    for (PlanStep step : summarizeSteps) {
      ToolRun run = runsById.get(step.id());
      if (run == null || !run.succeeded()) {
        problems.add("summarize step " + step.id() + " did not succeed");
        continue;
      }
      String summary = summaryOf(run);
      if (summary.isBlank()) {
        problems.add("summarize step " + step.id() + " returned an empty summary");
      } else {
        found.add(step.id());
      }
    }
    return problems.isEmpty()
        ? new Check(SUMMARY_PRESENT, true, "summary present from " + String.join(", ", found))
        : new Check(SUMMARY_PRESENT, false, String.join("; ", problems));
  }

  private static Check summaryGrounded(Plan plan, Map<String, ToolRun> runsById) {
    List<PlanStep> entitySteps = stepsOf(plan, ExtractEntities.NAME);
    if (entitySteps.isEmpty()) {
      return new Check(
          SUMMARY_GROUNDED, true, "the plan has no extract_entities step; nothing to check");
    }
    List<String> summaries = new ArrayList<>();
    for (PlanStep step : stepsOf(plan, Summarize.NAME)) {
      ToolRun run = runsById.get(step.id());
      if (run != null && run.succeeded() && !summaryOf(run).isBlank()) {
        summaries.add(summaryOf(run).toLowerCase(Locale.ROOT));
      }
    }
    if (summaries.isEmpty()) {
      return new Check(
          SUMMARY_GROUNDED, true, "there is no summary to check (see " + SUMMARY_PRESENT + ")");
    }
    Set<String> entities = new LinkedHashSet<>();
    for (PlanStep step : entitySteps) {
      ToolRun run = runsById.get(step.id());
      if (run != null && run.succeeded() && run.output() != null) {
        for (JsonNode entity : run.output().path("entities")) {
          JsonNode text = entity.isTextual() ? entity : entity.path("text");
          if (text.isTextual() && !text.asText().isBlank()) {
            entities.add(text.asText().strip());
          }
        }
      }
    }
    if (entities.isEmpty()) {
      return new Check(
          SUMMARY_GROUNDED,
          true,
          "no entities were extracted; nothing to check the summary against");
    }
    for (String entity : entities) {
      String lower = entity.toLowerCase(Locale.ROOT);
      if (summaries.stream().anyMatch(summary -> summary.contains(lower))) {
        return new Check(SUMMARY_GROUNDED, true, "the summary mentions '" + entity + "'");
      }
    }
    List<String> listed = entities.stream().limit(ENTITIES_LISTED).toList();
    return new Check(
        SUMMARY_GROUNDED,
        false,
        "the summary mentions none of the "
            + entities.size()
            + " extracted entities ("
            + String.join(", ", listed)
            + (entities.size() > ENTITIES_LISTED ? ", ..." : "")
            + ")");
  }

  private static List<PlanStep> stepsOf(Plan plan, String tool) {
    return plan.steps().stream().filter(step -> step.tool().equals(tool)).toList();
  }

  private static String summaryOf(ToolRun run) {
    JsonNode summary = run.output() == null ? null : run.output().get("summary");
    return summary != null && summary.isTextual() ? summary.asText() : "";
  }

  private static String steps(int count) {
    return count == 1 ? "1 step" : count + " steps";
  }
}
