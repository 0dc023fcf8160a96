package com.taskchain.orchestrator.execute.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one run may still spend: tool calls and wall-clock time. The clock starts when the budget is
 * made. Thread-safe: the steps of a run draw on it concurrently.
 */
public final class RunBudget {
  private final int maxCalls;
  private final Duration deadline;
  private final long deadlineNanos;
  private final AtomicInteger calls = new AtomicInteger();

  public RunBudget(int maxCalls, Duration deadline) {
    this.maxCalls = maxCalls;
    this.deadline = deadline;
    this.deadlineNanos = System.nanoTime() + deadline.toNanos();
  }

  /** Takes one call from the budget; false, taking nothing, when all are spent. */
  public boolean tryTakeCall() {
    while (true) {
      int made = calls.get();
      if (made >= maxCalls) {
        return false;
      }
      if (calls.compareAndSet(made, made + 1)) {
        return true;
      }
    }
  }

  /** Gives back a call that was taken but not made (a breaker refused it). */
  public void refundCall() {
    calls.decrementAndGet();
  }

  public int maxCalls() {
    return maxCalls;
  }

  public Duration deadline() {
    return deadline;
  }

  /** Time left before the deadline; zero or negative once it has passed. */
  public Duration remaining() {
    return Duration.ofNanos(deadlineNanos - System.nanoTime());
  }

  public boolean expired() {
    return deadlineNanos - System.nanoTime() <= 0;
  }

  /** Why a run stops when its calls are spent. */
  public String callsSpentReason() {
    return "tool-call budget of " + maxCalls + " calls per run used up";
  }

  /** Why a run stops at its deadline. */
  public String deadlineReason() {
    return "run deadline of " + seconds(deadline) + " s passed";
  }

  private static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000d);
  }
}
