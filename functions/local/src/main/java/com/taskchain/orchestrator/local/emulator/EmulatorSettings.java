package com.taskchain.orchestrator.local.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the {@link CloudTasksEmulator} retries and de-duplicates; the queue-level settings of Cloud
 * Tasks. Every emulated queue shares them. Immutable.
 *
 * @param maxAttempts attempts per task, the first included; after the last the task is deleted.
 *     Match it to {@code ORCHESTRATOR_TASKS_MAX_ATTEMPTS} so the stages know their last try
 * @param minBackoff the wait before the first retry
 * @param maxBackoff the longest wait between attempts
 * @param maxDoublings how many times the wait doubles before it grows linearly, as Cloud Tasks'
 *     RetryConfig
 * @param tombstoneWindow how long the name of a finished or deleted task stays taken (Cloud Tasks:
 *     about an hour)
 * @param dispatchConcurrency how many attempts may be in flight at once
 * @param dispatchDeadlineOverride for tests only: when present, every attempt uses this deadline
 *     instead of the task's (Cloud Tasks refuses deadlines under 15 s, too slow for a test)
 */
public record EmulatorSettings(
    int maxAttempts,
    Duration minBackoff,
    Duration maxBackoff,
    int maxDoublings,
    Duration tombstoneWindow,
    int dispatchConcurrency,
    Optional<Duration> dispatchDeadlineOverride) {

  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(100);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_DOUBLINGS = 5;
  public static final Duration DEFAULT_TOMBSTONE_WINDOW = Duration.ofHours(1);
  public static final int DEFAULT_DISPATCH_CONCURRENCY = 8;

  public EmulatorSettings {
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException("maxAttempts must be 1..100, got " + maxAttempts);
    }
    Objects.requireNonNull(minBackoff, "minBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (minBackoff.isNegative() || minBackoff.compareTo(maxBackoff) > 0) {
      throw new IllegalArgumentException(
          "need 0 <= minBackoff <= maxBackoff, got " + minBackoff + " and " + maxBackoff);
    }
    if (maxDoublings < 0 || maxDoublings > 16) {
      throw new IllegalArgumentException("maxDoublings must be 0..16, got " + maxDoublings);
    }
    Objects.requireNonNull(tombstoneWindow, "tombstoneWindow");
    if (tombstoneWindow.isNegative()) {
      throw new IllegalArgumentException("tombstoneWindow must not be negative");
    }
    if (dispatchConcurrency < 1 || dispatchConcurrency > 64) {
      throw new IllegalArgumentException(
          "dispatchConcurrency must be 1..64, got " + dispatchConcurrency);
    }
    Objects.requireNonNull(dispatchDeadlineOverride, "dispatchDeadlineOverride");
    dispatchDeadlineOverride.ifPresent(
        deadline -> {
          if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("dispatchDeadlineOverride must be positive");
          }
        });
  }

  /** 5 attempts, backoff 0.1 s doubling 5 times up to 10 s, 1 h tombstones, 8 in flight. */
  public static EmulatorSettings defaults() {
    return new EmulatorSettings(
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_MIN_BACKOFF,
        DEFAULT_MAX_BACKOFF,
        DEFAULT_MAX_DOUBLINGS,
        DEFAULT_TOMBSTONE_WINDOW,
        DEFAULT_DISPATCH_CONCURRENCY,
        Optional.empty());
  }

  /** A copy with another number of attempts per task. */
  public EmulatorSettings withMaxAttempts(int value) {
    return new EmulatorSettings(
        value,
        minBackoff,
        maxBackoff,
        maxDoublings,
        tombstoneWindow,
        dispatchConcurrency,
        dispatchDeadlineOverride);
  }

  /** A copy with another retry backoff. */
  public EmulatorSettings withBackoff(Duration min, Duration max, int doublings) {
    return new EmulatorSettings(
        maxAttempts,
        min,
        max,
        doublings,
        tombstoneWindow,
        dispatchConcurrency,
        dispatchDeadlineOverride);
  }

  /** A copy with another time during which a used task name stays taken. */
  public EmulatorSettings withTombstoneWindow(Duration value) {
    return new EmulatorSettings(
        maxAttempts,
        minBackoff,
        maxBackoff,
        maxDoublings,
        value,
        dispatchConcurrency,
        dispatchDeadlineOverride);
  }

  /** A copy with another bound on attempts in flight. */
  public EmulatorSettings withDispatchConcurrency(int value) {
    return new EmulatorSettings(
        maxAttempts,
        minBackoff,
        maxBackoff,
        maxDoublings,
        tombstoneWindow,
        value,
        dispatchDeadlineOverride);
  }

  /** For tests: every attempt gets this deadline instead of the task's. */
  public EmulatorSettings withDispatchDeadlineOverride(Duration value) {
    return new EmulatorSettings(
        maxAttempts,
        minBackoff,
        maxBackoff,
        maxDoublings,
        tombstoneWindow,
        dispatchConcurrency,
        Optional.of(value));
  }

  /**
   * The wait after the {@code failedAttempts}-th failed attempt (1 after the first), as Cloud Tasks
   * computes it: {@code minBackoff} doubled per retry for {@code maxDoublings} retries, then grown
   * by the last doubled interval per retry, never above {@code maxBackoff}. With 10 s, 300 s and 3
   * doublings: 10, 20, 40, 80, 160, 240, 300, 300 s.
   */
  public Duration backoff(int failedAttempts) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failedAttempts must be >= 1, got " + failedAttempts);
    }
    Duration wait;
    if (failedAttempts - 1 <= maxDoublings) {
      wait = minBackoff.multipliedBy(1L << (failedAttempts - 1));
    } else {
      wait =
          minBackoff.multipliedBy(1L << maxDoublings).multipliedBy(failedAttempts - maxDoublings);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
