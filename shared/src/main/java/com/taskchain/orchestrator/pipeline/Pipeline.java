package com.taskchain.orchestrator.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.answer.ComposeAnswer;
import com.taskchain.orchestrator.execute.ExecutionResult;
import com.taskchain.orchestrator.execute.Executor;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.plan.Plan;
import com.taskchain.orchestrator.plan.PlanValidation;
import com.taskchain.orchestrator.plan.PlanValidator;
import com.taskchain.orchestrator.plan.Planner;
import com.taskchain.orchestrator.plan.TaskInput;
import com.taskchain.orchestrator.queue.Stage;
import com.taskchain.orchestrator.task.RunRecord;
import com.taskchain.orchestrator.task.RunStatus;
import com.taskchain.orchestrator.task.TaskRecord;
import com.taskchain.orchestrator.verify.Verification;
import com.taskchain.orchestrator.verify.Verifier;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The planner → executor → verifier work of the three stages. Thread-safe.
 *
 * <p>A plan is judged by a {@link PlanValidator} before anything of it runs. The PLAN stage stores
 * the plan with the verdict, {@code plan_json = {...the plan..., "validation": {"valid",
 * "problems", "repairs"}}}, so that a rejected plan's structured reasons stay on the task. The
 * EXECUTE stage then refuses a plan whose verdict is invalid with {@link StageFailure.Permanent}:
 * the run fails with the reasons as its {@code failure_reason} and no tool is called. (Failing in
 * the PLAN stage itself would lose the plan and its structured reasons: a failed stage commits no
 * artifact.) The EXECUTE stage also judges the plan again, so that a plan stored without a verdict,
 * or under other limits, cannot run unchecked.
 */
public final class Pipeline implements StageWork {
  /** The key of the validator's verdict in {@code plan_json}. */
  public static final String VALIDATION = "validation";

  private final Planner planner;
  private final PlanValidator validator;
  private final Executor executor;
  private final Verifier verifier;

  /** A pipeline whose validator uses the executor's tools and limits. */
  public Pipeline(Planner planner, Executor executor, Verifier verifier) {
    this(
        planner,
        new PlanValidator(executor.registry(), executor.config().planLimits()),
        executor,
        verifier);
  }

  public Pipeline(Planner planner, PlanValidator validator, Executor executor, Verifier verifier) {
    this.planner = Objects.requireNonNull(planner, "planner");
    this.validator = Objects.requireNonNull(validator, "validator");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
  }

  @Override
  public Artifact perform(Stage stage, TaskRecord task, RunRecord run) throws StageFailure {
    TaskInput input = new TaskInput(task.inputTask(), task.context());
    return switch (stage) {
      case PLAN -> {
        Plan plan = planner.plan(input);
        ObjectNode planJson = (ObjectNode) Json.tree(plan);
        planJson.set(VALIDATION, Json.tree(validator.validate(plan)));
        yield new Artifact(planJson, Optional.empty());
      }
      case EXECUTE -> {
        JsonNode planJson = required(run.planJson(), "plan_json");
        Plan plan = readPlan(planJson);
        refuseIfInvalid(storedValidation(planJson));
        refuseIfInvalid(Optional.of(validator.validate(plan)));
        yield new Artifact(
            Json.tree(withAnswer(executor.execute(plan, run.runId().toString()))),
            Optional.empty());
      }
      case VERIFY -> {
        Plan plan = readPlan(required(run.planJson(), "plan_json"));
        ExecutionResult result =
            read(required(run.resultJson(), "result_json"), ExecutionResult.class, "result_json");
        Verification verdict = verifier.verify(input, plan, result);
        yield verdict.passed()
            ? new Artifact(Json.tree(verdict), Optional.of(RunStatus.SUCCEEDED))
            : new Artifact(
                Json.tree(verdict),
                Optional.of(RunStatus.FAILED),
                Optional.of(failureReason(verdict)));
      }
    };
  }

  /**
   * The result with {@code answer} set from the plan's {@code compose_answer} step, with the
   * answer's fields at its top level.
   */
  public static ExecutionResult withAnswer(ExecutionResult result) {
    return result
        .lastOutputOf(ComposeAnswer.NAME)
        .map(
            output ->
                result.withAnswer(
                    Json.tree(Json.convert(output, ComposeAnswer.Output.class).toAnswer())))
        .orElse(result);
  }

  /** The verifier's reasons as the run's {@code failure_reason}. */
  static String failureReason(Verification verdict) {
    return verdict.reasons().isEmpty()
        ? "verification failed"
        : "verification failed: " + String.join("; ", verdict.reasons());
  }

  private static void refuseIfInvalid(Optional<PlanValidation> validation)
      throws StageFailure.Permanent {
    if (validation.isPresent() && !validation.get().valid()) {
      throw new StageFailure.Permanent("plan rejected: " + validation.get().summary());
    }
  }

  /** The plan without its verdict. */
  private static Plan readPlan(JsonNode planJson) throws StageFailure.Permanent {
    JsonNode plan = planJson;
    if (planJson.isObject() && planJson.has(VALIDATION)) {
      plan = planJson.deepCopy();
      ((ObjectNode) plan).remove(VALIDATION);
    }
    return read(plan, Plan.class, "plan_json");
  }

  private static Optional<PlanValidation> storedValidation(JsonNode planJson)
      throws StageFailure.Permanent {
    JsonNode validation = planJson.get(VALIDATION);
    if (validation == null || validation.isNull()) {
      return Optional.empty();
    }
    return Optional.of(read(validation, PlanValidation.class, "plan_json.validation"));
  }

  private static JsonNode required(Optional<JsonNode> json, String name)
      throws StageFailure.Permanent {
    if (json.isEmpty()) {
      throw new StageFailure.Permanent(name + " is missing from the run");
    }
    return json.get();
  }

  private static <T> T read(JsonNode json, Class<T> type, String name)
      throws StageFailure.Permanent {
    try {
      return Json.convert(json, type);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      throw new StageFailure.Permanent(name + " cannot be read: " + e.getMessage(), e);
    }
  }
}
