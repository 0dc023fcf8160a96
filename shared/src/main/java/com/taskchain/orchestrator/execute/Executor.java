package com.taskchain.orchestrator.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.plan.Plan;
import com.taskchain.orchestrator.plan.PlanStep;
import com.taskchain.orchestrator.tool.InvalidArgumentsException;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolException;
import com.taskchain.orchestrator.tool.ToolRegistry;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a plan's tool calls through the registry, each with a per-attempt timeout that interrupts
 * and retries with exponential backoff on retriable errors only (Failsafe: retry outside, timeout
 * inside). A step runs after the steps it depends on; a step whose dependency did not succeed is
 * skipped with that reason. Tool failures are recorded in the result, never thrown. Thread-safe.
 */
public final class Executor {
  private final ToolRegistry registry;
  private final ExecutorConfig config;

  public Executor(ToolRegistry registry, ExecutorConfig config) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.config = Objects.requireNonNull(config, "config");
  }

  public ToolRegistry registry() {
    return registry;
  }

  /**
   * Executes the plan. Deterministic for deterministic tools: the same plan gives the same outputs.
   *
   * @param runId recorded in the metadata
   */
  public ExecutionResult execute(Plan plan, String runId) {
    Instant started = Instant.now();
    Map<String, ToolRun> done = new HashMap<>();
    List<ToolRun> inOrder = new ArrayList<>();
    String failedStep = null;
    for (PlanStep step : plan.steps()) {
      ToolRun run;
      if (failedStep != null && config.failFast()) {
        run = skipped(step, "fail-fast: stopped after step " + failedStep + " failed");
      } else {
        run = blockedBy(step, done).orElseGet(() -> call(step));
      }
      done.put(step.id(), run);
      inOrder.add(run);
      if (run.status() == StepStatus.FAILED && failedStep == null) {
        failedStep = step.id();
      }
    }
    Instant finished = Instant.now();
    int calls = inOrder.stream().mapToInt(ToolRun::attempts).sum();
    int retries = inOrder.stream().mapToInt(r -> Math.max(0, r.attempts() - 1)).sum();
    int errors = (int) inOrder.stream().filter(r -> r.status() == StepStatus.FAILED).count();
    boolean stoppedEarly =
        config.failFast()
            && inOrder.stream()
                .anyMatch(
                    r -> r.status() == StepStatus.SKIPPED && r.error().startsWith("fail-fast"));
    return new ExecutionResult(
        inOrder,
        new ExecutionMetadata(
            runId,
            started,
            finished,
            Duration.between(started, finished).toMillis(),
            calls,
            retries,
            errors,
            stoppedEarly));
  }

  private static java.util.Optional<ToolRun> blockedBy(PlanStep step, Map<String, ToolRun> done) {
    for (String dependency : step.dependsOn()) {
      ToolRun before = done.get(dependency);
      if (before == null) {
        return java.util.Optional.of(
            skipped(step, "dependency " + dependency + " has not run before this step"));
      }
      if (!before.succeeded()) {
        return java.util.Optional.of(
            skipped(step, "dependency " + dependency + " " + before.status().wire()));
      }
    }
    return java.util.Optional.empty();
  }

  private static ToolRun skipped(PlanStep step, String reason) {
    return new ToolRun(
        step.id(), step.tool(), StepStatus.SKIPPED, 0, 0, null, null, null, reason, false);
  }

  private ToolRun call(PlanStep step) {
    Instant started = Instant.now();
    Record input;
    try {
      input = registry.bind(step.tool(), step.args());
    } catch (InvalidArgumentsException e) {
      // Invalid arguments fail the same way every time: no retry.
      return failed(step, started, 1, e.getMessage());
    }
    @SuppressWarnings("unchecked")
    Tool<Record, Record> tool = (Tool<Record, Record>) registry.find(step.tool()).orElseThrow();
    AtomicInteger attempts = new AtomicInteger();
    try {
      Record output =
          policies()
              .get(
                  () -> {
                    attempts.incrementAndGet();
                    return tool.call(input);
                  });
      JsonNode json = Json.tree(output);
      Instant finished = Instant.now();
      return new ToolRun(
          step.id(),
          step.tool(),
          StepStatus.SUCCEEDED,
          attempts.get(),
          Duration.between(started, finished).toMillis(),
          started,
          finished,
          json,
          null,
          false);
    } catch (TimeoutExceededException e) {
      return failed(
          step,
          started,
          attempts.get(),
          "timed out after " + config.toolTimeout().toMillis() + " ms");
    } catch (FailsafeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return failed(step, started, attempts.get(), describe(cause));
    } catch (RuntimeException e) {
      return failed(step, started, attempts.get(), describe(e));
    }
  }

  private FailsafeExecutor<Record> policies() {
    RetryPolicy<Record> retry =
        RetryPolicy.<Record>builder()
            .handle(ToolException.Retriable.class, TimeoutExceededException.class)
            .withMaxRetries(config.maxRetries())
            .withBackoff(
                config.backoff().isZero() ? Duration.ofMillis(1) : config.backoff(),
                config.backoff().isZero()
                    ? Duration.ofMillis(2)
                    : config.backoff().multipliedBy(10))
            .withJitter(0.1)
            .build();
    Timeout<Record> timeout = Timeout.<Record>builder(config.toolTimeout()).withInterrupt().build();
    return Failsafe.with(retry).compose(timeout);
  }

  private static String describe(Throwable error) {
    String message =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    return error instanceof ToolException
        ? message
        : error.getClass().getSimpleName() + ": " + message;
  }

  private static ToolRun failed(PlanStep step, Instant started, int attempts, String error) {
    Instant finished = Instant.now();
    return new ToolRun(
        step.id(),
        step.tool(),
        StepStatus.FAILED,
        attempts,
        Duration.between(started, finished).toMillis(),
        started,
        finished,
        null,
        error,
        false);
  }
}
