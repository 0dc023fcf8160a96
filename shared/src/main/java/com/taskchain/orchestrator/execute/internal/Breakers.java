package com.taskchain.orchestrator.execute.internal;

import com.taskchain.orchestrator.tool.ToolException;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per tool, shared by every run of the process, and the per-attempt policies
 * around it (breaker outside, interrupting timeout inside), so that a tool whose dependency is down
 * fails fast for all runs instead of costing each run its timeouts and retries.
 *
 * <p>A breaker counts only the failures that say the dependency is in trouble: timeouts and {@link
 * ToolException.Retriable}. A {@link ToolException.Permanent} is about the input, not the tool, and
 * counts as a success (the tool answered). After {@code failures} such failures in a row the
 * breaker opens and refuses calls for {@code open}; then one trial call decides whether it closes
 * again. Thread-safe.
 */
public final class Breakers {
  private final int failures;
  private final Duration open;
  private final Timeout<Object> attemptTimeout;
  private final Map<String, Entry> byTool = new ConcurrentHashMap<>();

  private record Entry(CircuitBreaker<Object> breaker, FailsafeExecutor<Object> attempt) {}

  /**
   * @param failures consecutive failures that open a tool's breaker
   * @param open how long an open breaker refuses calls
   * @param attemptTimeout the longest one attempt may take; it is interrupted then
   */
  public Breakers(int failures, Duration open, Duration attemptTimeout) {
    this.failures = failures;
    this.open = Objects.requireNonNull(open, "open");
    this.attemptTimeout = Timeout.builder(attemptTimeout).withInterrupt().build();
  }

  /** Breaker and per-attempt timeout for one attempt of the tool. */
  public FailsafeExecutor<Object> attempt(String tool) {
    return entry(tool).attempt();
  }

  /** The tool's breaker (for the state in messages and tests). */
  public CircuitBreaker<Object> breaker(String tool) {
    return entry(tool).breaker();
  }

  /** Whether a timeout came from one attempt's limit (rather than an outer deadline). */
  public boolean isAttemptTimeout(TimeoutExceededException e) {
    return e.getTimeout() == attemptTimeout;
  }

  public Duration attemptTimeout() {
    return attemptTimeout.getConfig().getTimeout();
  }

  public int failures() {
    return failures;
  }

  private Entry entry(String tool) {
    return byTool.computeIfAbsent(
        tool,
        name -> {
          CircuitBreaker<Object> breaker =
              CircuitBreaker.builder()
                  .handle(ToolException.Retriable.class, TimeoutExceededException.class)
                  .withFailureThreshold(failures)
                  .withDelay(open)
                  .withSuccessThreshold(1)
                  .build();
          return new Entry(breaker, Failsafe.with(breaker).compose(attemptTimeout));
        });
  }
}
