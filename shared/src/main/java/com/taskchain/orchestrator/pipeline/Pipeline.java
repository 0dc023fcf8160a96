package com.taskchain.orchestrator.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.execute.ExecutionResult;
import com.taskchain.orchestrator.execute.Executor;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.plan.Plan;
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

/** The planner → executor → verifier work of the three stages. Thread-safe. */
public final class Pipeline implements StageWork {
  private final Planner planner;
  private final Executor executor;
  private final Verifier verifier;

  public Pipeline(Planner planner, Executor executor, Verifier verifier) {
    this.planner = Objects.requireNonNull(planner, "planner");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
  }

  @Override
  public Artifact perform(Stage stage, TaskRecord task, RunRecord run) throws StageFailure {
    TaskInput input = new TaskInput(task.inputTask(), task.context());
    return switch (stage) {
      case PLAN -> new Artifact(Json.tree(planner.plan(input)), Optional.empty());
      case EXECUTE -> {
        Plan plan = read(run.planJson(), Plan.class, "plan_json");
        yield new Artifact(
            Json.tree(executor.execute(plan, run.runId().toString())), Optional.empty());
      }
      case VERIFY -> {
        Plan plan = read(run.planJson(), Plan.class, "plan_json");
        ExecutionResult result = read(run.resultJson(), ExecutionResult.class, "result_json");
        Verification verdict = verifier.verify(input, plan, result);
        yield new Artifact(
            Json.tree(verdict),
            Optional.of(verdict.passed() ? RunStatus.SUCCEEDED : RunStatus.FAILED));
      }
    };
  }

  private static <T> T read(Optional<JsonNode> json, Class<T> type, String name)
      throws StageFailure.Permanent {
    if (json.isEmpty()) {
      throw new StageFailure.Permanent(name + " is missing from the run");
    }
    try {
      return Json.convert(json.get(), type);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      throw new StageFailure.Permanent(name + " cannot be read: " + e.getMessage(), e);
    }
  }
}
