package com.taskchain.orchestrator.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.execute.internal.Breakers;
import com.taskchain.orchestrator.execute.internal.RunBudget;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.plan.ArgumentRepair;
import com.taskchain.orchestrator.plan.PlanStep;
import com.taskchain.orchestrator.tool.EvidenceTool;
import com.taskchain.orchestrator.tool.InvalidArgumentsException;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolDescriptor;
import com.taskchain.orchestrator.tool.ToolException;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.Upstream;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import dev.failsafe.function.CheckedSupplier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one step: repairs and binds its arguments once, then calls the tool through Failsafe,
 * composed outer to inner as run deadline, retry, (budget check), circuit breaker, per-attempt
 * timeout. Invalid arguments, permanent errors, an open breaker and a spent budget are never
 * retried. Thread-safe.
 */
final class StepCaller {

  /**
   * How a step ended, and whether the run must stop because of it.
   *
   * @param run the step's record
   * @param stopReason present when the run's budget ran out during this step
   */
  record Outcome(ToolRun run, Optional<String> stopReason) {}

  /** Thrown inside an execution when the run has no tool calls left; never retried. */
  private static final class CallsSpent extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CallsSpent() {
      super(null, null, false, false);
    }
  }

  private final ToolRegistry registry;
  private final Breakers breakers;
  private final RetryPolicy<Object> retry;

  StepCaller(ToolRegistry registry, Breakers breakers, ExecutorConfig config) {
    this.registry = registry;
    this.breakers = breakers;
    // Failsafe's backoff needs a positive delay; a zero backoff (tests) becomes a token one.
    Duration first = config.backoff().isZero() ? Duration.ofMillis(1) : config.backoff();
    this.retry =
        RetryPolicy.builder()
            .handle(ToolException.Retriable.class, TimeoutExceededException.class)
            .withMaxRetries(config.maxRetries())
            .withBackoff(first, first.multipliedBy(10))
            // Spread retries of many runs against one struggling dependency.
            .withJitter(0.25)
            .build();
  }

  @SuppressWarnings("unchecked") // the registry binds arguments to the tool's own input type
  Outcome call(PlanStep step, Upstream upstream, RunBudget budget) {
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    Optional<ToolDescriptor> descriptor = registry.descriptor(step.tool());
    ArgumentRepair.Result repair =
        descriptor
            .map(d -> ArgumentRepair.repair(d.inputSchema(), step.args()))
            .orElseGet(() -> new ArgumentRepair.Result(step.args(), List.of()));
    boolean repaired = repair.repaired();
    Record input;
    try {
      input = registry.bind(step.tool(), repair.args());
    } catch (InvalidArgumentsException e) {
      // The same arguments fail the same way every time: no attempt, no retry.
      return end(
          step, started, startNanos, StepStatus.FAILED, 0, 1, null, e.getMessage(), repaired);
    }
    Tool<Record, Record> tool = (Tool<Record, Record>) registry.find(step.tool()).orElseThrow();
    Duration remaining = budget.remaining();
    if (remaining.isZero() || remaining.isNegative()) {
      return new Outcome(
          ToolRun.skipped(step.id(), step.tool(), "not started: " + budget.deadlineReason()),
          Optional.of(budget.deadlineReason()));
    }

    AtomicInteger attempts = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicReference<String> lastError = new AtomicReference<>();
    CheckedSupplier<Object> attempt =
        () -> {
          if (!budget.tryTakeCall()) {
            throw new CallsSpent();
          }
          try {
            return breakers
                .attempt(tool.name())
                .get(
                    () -> {
                      attempts.incrementAndGet();
                      return tool instanceof EvidenceTool<Record, Record> evidence
                          ? evidence.call(input, upstream)
                          : tool.call(input);
                    });
          } catch (CircuitBreakerOpenException e) {
            budget.refundCall();
            errors.incrementAndGet();
            throw e;
          } catch (TimeoutExceededException e) {
            errors.incrementAndGet();
            lastError.set("timed out after " + breakers.attemptTimeout().toMillis() + " ms");
            throw e;
          } catch (FailsafeException e) {
            // Failsafe wraps the tool's checked exception; retry decides on the original.
            Throwable cause = e.getCause() == null ? e : e.getCause();
            errors.incrementAndGet();
            lastError.set(describe(cause));
            throw cause;
          } catch (RuntimeException e) {
            errors.incrementAndGet();
            lastError.set(describe(e));
            throw e;
          }
        };
    Timeout<Object> deadline = Timeout.builder(remaining).withInterrupt().build();
    try {
      Object output = Failsafe.with(deadline).compose(retry).get(attempt);
      JsonNode json = Json.tree(output);
      return end(
          step,
          started,
          startNanos,
          StepStatus.SUCCEEDED,
          attempts.get(),
          errors.get(),
          json,
          null,
          repaired);
    } catch (TimeoutExceededException e) {
      if (e.getTimeout() == deadline) {
        String reason = budget.deadlineReason();
        String error =
            lastError.get() == null ? reason : reason + " (last error: " + lastError.get() + ")";
        return stopped(step, started, startNanos, attempts, errors, error, repaired, reason);
      }
      return failed(step, started, startNanos, attempts, errors, lastError.get(), repaired);
    } catch (CircuitBreakerOpenException e) {
      String open = breakerOpen(tool.name());
      String error = lastError.get() == null ? open : lastError.get() + "; then " + open;
      return failed(step, started, startNanos, attempts, errors, error, repaired);
    } catch (CallsSpent e) {
      String reason = budget.callsSpentReason();
      if (attempts.get() == 0) {
        return new Outcome(
            ToolRun.skipped(step.id(), step.tool(), "not started: " + reason), Optional.of(reason));
      }
      String error = lastError.get() + "; no retry: " + reason;
      return stopped(step, started, startNanos, attempts, errors, error, repaired, reason);
    } catch (FailsafeException e) {
      String error = lastError.get() != null ? lastError.get() : describe(causeOf(e));
      return failed(step, started, startNanos, attempts, errors, error, repaired);
    } catch (RuntimeException e) {
      String error = lastError.get() != null ? lastError.get() : describe(e);
      return failed(step, started, startNanos, attempts, errors, error, repaired);
    }
  }

  private String breakerOpen(String tool) {
    CircuitBreaker<Object> breaker = breakers.breaker(tool);
    return "circuit breaker open for "
        + tool
        + " after "
        + breakers.failures()
        + " failures in a row; calls refused for another "
        + Math.max(0, breaker.getRemainingDelay().toMillis())
        + " ms";
  }

  private static Throwable causeOf(FailsafeException e) {
    return e.getCause() == null ? e : e.getCause();
  }

  private static String describe(Throwable error) {
    String message =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    return error instanceof ToolException
        ? message
        : error.getClass().getSimpleName() + ": " + message;
  }

  private static Outcome failed(
      PlanStep step,
      Instant started,
      long startNanos,
      AtomicInteger attempts,
      AtomicInteger errors,
      String error,
      boolean repaired) {
    return end(
        step,
        started,
        startNanos,
        StepStatus.FAILED,
        attempts.get(),
        Math.max(1, errors.get()),
        null,
        error,
        repaired);
  }

  private static Outcome stopped(
      PlanStep step,
      Instant started,
      long startNanos,
      AtomicInteger attempts,
      AtomicInteger errors,
      String error,
      boolean repaired,
      String stopReason) {
    Outcome failed = failed(step, started, startNanos, attempts, errors, error, repaired);
    return new Outcome(failed.run(), Optional.of(stopReason));
  }

  private static Outcome end(
      PlanStep step,
      Instant started,
      long startNanos,
      StepStatus status,
      int attempts,
      int errors,
      JsonNode output,
      String error,
      boolean repaired) {
    long millis = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    return new Outcome(
        new ToolRun(
            step.id(),
            step.tool(),
            status,
            attempts,
            millis,
            started,
            started.plusMillis(millis),
            output,
            error,
            repaired,
            errors),
        Optional.empty());
  }
}
