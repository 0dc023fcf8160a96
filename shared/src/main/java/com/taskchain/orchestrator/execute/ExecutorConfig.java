package com.taskchain.orchestrator.execute;

import com.taskchain.orchestrator.config.EnvReader;
import com.taskchain.orchestrator.plan.PlanLimits;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the executor runs a plan: the seed's tool settings plus parallelism, the circuit breaker per
 * tool and the budget of one run. Immutable; {@link #fromEnv} checks every value once, at cold
 * start.
 *
 * @param toolTimeout per-attempt timeout ({@code ORCHESTRATOR_TOOL_TIMEOUT_S}, default 10 s); the
 *     attempt is interrupted when it expires
 * @param maxRetries retries after the first attempt, on retriable errors only ({@code
 *     ORCHESTRATOR_TOOL_MAX_RETRIES}, default 2)
 * @param backoff the first retry's delay, doubling up to ten times that, with jitter ({@code
 *     ORCHESTRATOR_TOOL_BACKOFF_S}, default 0.2 s)
 * @param failFast stop scheduling new steps after the first failed step ({@code
 *     ORCHESTRATOR_EXECUTOR_FAIL_FAST=1}); steps already running finish
 * @param parallelism steps of one run that may run at the same time ({@code
 *     ORCHESTRATOR_EXECUTOR_PARALLELISM}, default {@value #DEFAULT_PARALLELISM}); 1 runs the plan
 *     one step after another, as the seed did
 * @param breakerFailures consecutive failed attempts of one tool (timeouts and retriable errors,
 *     over all runs of the process) that open its circuit breaker ({@code
 *     ORCHESTRATOR_TOOL_BREAKER_FAILURES}, default 5)
 * @param breakerOpen how long an open breaker refuses calls before it lets one trial call through
 *     ({@code ORCHESTRATOR_TOOL_BREAKER_OPEN_S}, default 30 s)
 * @param maxSteps the most steps a plan may have ({@code ORCHESTRATOR_PLAN_MAX_STEPS}, default 40,
 *     room for the text, evidence, skill and answer steps); a longer plan is rejected before
 *     anything runs
 * @param maxToolCalls the most tool calls (attempts, retries included) of one run ({@code
 *     ORCHESTRATOR_RUN_MAX_TOOL_CALLS}, default 100); the run stops when they are used up
 * @param runDeadline the longest one run's execution may take ({@code ORCHESTRATOR_RUN_DEADLINE_S},
 *     default 300 s, shorter than the stage lease); running attempts are interrupted and the run
 *     stops
 */
public record ExecutorConfig(
    Duration toolTimeout,
    int maxRetries,
    Duration backoff,
    boolean failFast,
    int parallelism,
    int breakerFailures,
    Duration breakerOpen,
    int maxSteps,
    int maxToolCalls,
    Duration runDeadline) {

  /**
   * Four at a time: the tools wait on I/O (LLM, HTTP) far more than they compute, and a function
   * instance with one vCPU still keeps four waiting calls in flight cheaply.
   */
  public static final int DEFAULT_PARALLELISM = 4;

  public ExecutorConfig {
    Objects.requireNonNull(toolTimeout, "toolTimeout");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(breakerOpen, "breakerOpen");
    Objects.requireNonNull(runDeadline, "runDeadline");
    positive("toolTimeout", toolTimeout);
    positive("breakerOpen", breakerOpen);
    positive("runDeadline", runDeadline);
    if (backoff.isNegative()) {
      throw new IllegalArgumentException("backoff: must not be negative");
    }
    atLeast("maxRetries", maxRetries, 0);
    atLeast("parallelism", parallelism, 1);
    atLeast("breakerFailures", breakerFailures, 1);
    atLeast("maxSteps", maxSteps, 1);
    atLeast("maxToolCalls", maxToolCalls, 1);
  }

  /**
   * Reads the configuration.
   *
   * @throws com.taskchain.orchestrator.config.ConfigException naming the variable at fault
   */
  public static ExecutorConfig fromEnv(Map<String, String> env) {
    EnvReader reader = new EnvReader(env);
    return new ExecutorConfig(
        reader.seconds(
            "ORCHESTRATOR_TOOL_TIMEOUT_S",
            Duration.ofSeconds(10),
            Duration.ofMillis(1),
            Duration.ofMinutes(10)),
        reader.integer("ORCHESTRATOR_TOOL_MAX_RETRIES", 2, 0, 10),
        reader.seconds(
            "ORCHESTRATOR_TOOL_BACKOFF_S",
            Duration.ofMillis(200),
            Duration.ZERO,
            Duration.ofSeconds(60)),
        reader.flag("ORCHESTRATOR_EXECUTOR_FAIL_FAST", false),
        reader.integer("ORCHESTRATOR_EXECUTOR_PARALLELISM", DEFAULT_PARALLELISM, 1, 32),
        reader.integer("ORCHESTRATOR_TOOL_BREAKER_FAILURES", 5, 1, 100),
        reader.seconds(
            "ORCHESTRATOR_TOOL_BREAKER_OPEN_S",
            Duration.ofSeconds(30),
            Duration.ofMillis(100),
            Duration.ofMinutes(10)),
        reader.integer("ORCHESTRATOR_PLAN_MAX_STEPS", 40, 1, 200),
        reader.integer("ORCHESTRATOR_RUN_MAX_TOOL_CALLS", 100, 1, 1000),
        reader.seconds(
            "ORCHESTRATOR_RUN_DEADLINE_S",
            Duration.ofMinutes(5),
            Duration.ofSeconds(1),
            Duration.ofMinutes(30)));
  }

  public static ExecutorConfig defaults() {
    return fromEnv(Map.of());
  }

  /** What a plan must respect to be run: {@link #maxSteps} and {@link #maxToolCalls}. */
  public PlanLimits planLimits() {
    return new PlanLimits(maxSteps, maxToolCalls);
  }

  /** This configuration with another per-attempt timeout. */
  public ExecutorConfig withToolTimeout(Duration value) {
    return new ExecutorConfig(
        value,
        maxRetries,
        backoff,
        failFast,
        parallelism,
        breakerFailures,
        breakerOpen,
        maxSteps,
        maxToolCalls,
        runDeadline);
  }

  /** This configuration with other retry settings. */
  public ExecutorConfig withRetries(int retries, Duration firstBackoff) {
    return new ExecutorConfig(
        toolTimeout,
        retries,
        firstBackoff,
        failFast,
        parallelism,
        breakerFailures,
        breakerOpen,
        maxSteps,
        maxToolCalls,
        runDeadline);
  }

  /** This configuration with fail-fast on or off. */
  public ExecutorConfig withFailFast(boolean value) {
    return new ExecutorConfig(
        toolTimeout,
        maxRetries,
        backoff,
        value,
        parallelism,
        breakerFailures,
        breakerOpen,
        maxSteps,
        maxToolCalls,
        runDeadline);
  }

  /** This configuration with another parallelism. */
  public ExecutorConfig withParallelism(int value) {
    return new ExecutorConfig(
        toolTimeout,
        maxRetries,
        backoff,
        failFast,
        value,
        breakerFailures,
        breakerOpen,
        maxSteps,
        maxToolCalls,
        runDeadline);
  }

  /** This configuration with other circuit breaker settings. */
  public ExecutorConfig withBreaker(int failures, Duration open) {
    return new ExecutorConfig(
        toolTimeout,
        maxRetries,
        backoff,
        failFast,
        parallelism,
        failures,
        open,
        maxSteps,
        maxToolCalls,
        runDeadline);
  }

  /** This configuration with other plan and run limits. */
  public ExecutorConfig withLimits(int steps, int toolCalls, Duration deadline) {
    return new ExecutorConfig(
        toolTimeout,
        maxRetries,
        backoff,
        failFast,
        parallelism,
        breakerFailures,
        breakerOpen,
        steps,
        toolCalls,
        deadline);
  }

  private static void positive(String name, Duration value) {
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + ": must be positive");
    }
  }

  private static void atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + ": must be at least " + min + ", got " + value);
    }
  }
}
