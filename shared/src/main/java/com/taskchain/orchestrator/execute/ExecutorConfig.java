package com.taskchain.orchestrator.execute;

import com.taskchain.orchestrator.config.EnvReader;
import java.time.Duration;
import java.util.Map;

/**
 * How the executor calls tools, with the seed's variable names.
 *
 * @param toolTimeout per-attempt timeout ({@code ORCHESTRATOR_TOOL_TIMEOUT_S}, default 10 s); the
 *     attempt is interrupted when it expires
 * @param maxRetries retries after the first attempt, on retriable errors only ({@code
 *     ORCHESTRATOR_TOOL_MAX_RETRIES}, default 2)
 * @param backoff the first retry's delay, doubling up to ten times that ({@code
 *     ORCHESTRATOR_TOOL_BACKOFF_S}, default 0.2 s)
 * @param failFast stop after the first failed step ({@code ORCHESTRATOR_EXECUTOR_FAIL_FAST=1})
 */
public record ExecutorConfig(
    Duration toolTimeout, int maxRetries, Duration backoff, boolean failFast) {

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
        reader.flag("ORCHESTRATOR_EXECUTOR_FAIL_FAST", false));
  }

  public static ExecutorConfig defaults() {
    return fromEnv(Map.of());
  }
}
