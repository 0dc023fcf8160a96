package com.taskchain.orchestrator.local.emulator;

import com.taskchain.orchestrator.local.emulator.EmulatedTask.Attempt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Every live task of every emulated queue, the recently used names, and the counters. One monitor
 * guards it all, including the history fields of each {@link EmulatedTask}; the emulator's load is
 * a few tasks per second, so contention is not a concern.
 */
final class TaskStore {
  private final EmulatorSettings settings;
  private final Clock clock;

  // Insertion order is creation order, which listTasks keeps.
  private final Map<String, EmulatedTask> live = new LinkedHashMap<>();
  // Name -> when it was freed; insertion order is that time's order, so purging stops early.
  private final Map<String, Instant> tombstones = new LinkedHashMap<>();
  private int inFlight;
  private boolean shutDown;
  private long created;
  private long dispatched;
  private long succeeded;
  private long failed;
  private long exhausted;

  TaskStore(EmulatorSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  Instant now() {
    return clock.instant();
  }

  /** Adds a new task, refusing a name that is live or was freed within the tombstone window. */
  synchronized void add(EmulatedTask task) throws ApiError {
    purgeTombstones();
    if (live.containsKey(task.name) || tombstones.containsKey(task.name)) {
      throw new ApiError(RpcCode.ALREADY_EXISTS, "Requested entity already exists: " + task.name);
    }
    live.put(task.name, task);
    created++;
  }

  /** Reads a live task under the monitor. */
  synchronized <T> Optional<T> read(String name, Function<EmulatedTask, T> reader) {
    EmulatedTask task = live.get(name);
    return task == null ? Optional.empty() : Optional.of(reader.apply(task));
  }

  /** Reads a task under the monitor, live or not. */
  synchronized <T> T read(EmulatedTask task, Function<EmulatedTask, T> reader) {
    return reader.apply(task);
  }

  /** Reads the live tasks of a queue, oldest first, under the monitor. */
  synchronized <T> List<T> readQueue(String queuePath, Function<EmulatedTask, T> reader) {
    List<T> result = new ArrayList<>();
    for (EmulatedTask task : live.values()) {
      if (task.queuePath.equals(queuePath)) {
        result.add(reader.apply(task));
      }
    }
    return result;
  }

  /** Deletes a live task; an attempt in flight finishes unseen. */
  synchronized void delete(String name) throws ApiError {
    EmulatedTask task = live.get(name);
    if (task == null) {
      throw ApiError.notFound("Requested entity was not found: " + name);
    }
    free(task);
  }

  /**
   * Starts an attempt, unless the task was deleted or is already in flight (a stale timer).
   *
   * @return what the attempt must send
   */
  synchronized Optional<DispatchTicket> begin(EmulatedTask task) {
    if (shutDown || live.get(task.name) != task || task.inFlight) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    task.inFlight = true;
    inFlight++;
    dispatched++;
    task.dispatchCount++;
    if (task.firstAttempt == null) {
      // As Cloud Tasks: the first attempt records only when it was scheduled and dispatched.
      task.firstAttempt = new Attempt(task.scheduleTime, now, null, null, null);
    }
    return Optional.of(
        new DispatchTicket(
            task,
            task.dispatchCount,
            task.executionCount,
            task.scheduleTime,
            Optional.ofNullable(task.previousResponse),
            Optional.ofNullable(task.retryReason),
            now));
  }

  /**
   * Records the result of an attempt and decides what happens to the task. The attempt still counts
   * as in flight until {@link #release()}, so that {@link #awaitIdle} also waits for what the
   * dispatcher does with the outcome (its log line, the retry's timer).
   */
  synchronized Outcome finish(DispatchTicket ticket, AttemptResult result) {
    EmulatedTask task = ticket.task();
    Instant now = clock.instant();
    task.inFlight = false;
    boolean ok = result.code() == RpcCode.OK;
    if (ok) {
      succeeded++;
    } else {
      failed++;
    }
    try {
      if (live.get(task.name) != task) {
        return new Outcome.Abandoned();
      }
      task.lastAttempt =
          new Attempt(ticket.eta(), ticket.dispatchTime(), now, result.code(), result.message());
      if (result.httpStatus() > 0) {
        task.responseCount++;
        // X-CloudTasks-TaskExecutionCount leaves out 5xx answers, as Cloud Tasks documents.
        if (result.httpStatus() < 500) {
          task.executionCount++;
        }
      }
      if (ok) {
        free(task);
        return new Outcome.Succeeded();
      }
      if (task.dispatchCount >= settings.maxAttempts()) {
        free(task);
        exhausted++;
        return new Outcome.Exhausted(task.dispatchCount);
      }
      Duration backoff = settings.backoff(task.dispatchCount);
      task.scheduleTime = now.plus(backoff);
      task.previousResponse = result.httpStatus();
      task.retryReason = result.code();
      return new Outcome.Retry(task.scheduleTime, backoff);
    } finally {
      notifyAll();
    }
  }

  /** Ends an attempt started by {@link #begin}; call exactly once per ticket, after finish. */
  synchronized void release() {
    inFlight--;
    notifyAll();
  }

  synchronized EmulatorStats stats() {
    return new EmulatorStats(created, dispatched, succeeded, failed, exhausted, live.size());
  }

  /**
   * Waits until no task is pending or in flight.
   *
   * @return false when the timeout passed or the emulator closed first
   */
  synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!live.isEmpty() || inFlight > 0) {
      long left = deadline - System.nanoTime();
      if (shutDown || left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Stops new attempts and wakes waiters. */
  synchronized void shutDown() {
    shutDown = true;
    notifyAll();
  }

  private void free(EmulatedTask task) {
    live.remove(task.name);
    tombstones.put(task.name, clock.instant());
    notifyAll();
  }

  private void purgeTombstones() {
    Instant oldest = clock.instant().minus(settings.tombstoneWindow());
    Iterator<Instant> freedAt = tombstones.values().iterator();
    while (freedAt.hasNext()) {
      if (!freedAt.next().isBefore(oldest)) {
        break;
      }
      freedAt.remove();
    }
  }

  /**
   * What one attempt sends, taken when it starts.
   *
   * @param attempt 1 for the first attempt
   * @param executionCount earlier attempts that the handler answered with other than 5xx
   * @param eta when the attempt was scheduled
   * @param previousResponse the previous attempt's HTTP status, 0 if it got none; empty on the
   *     first attempt
   * @param retryReason why the previous attempt failed; empty on the first attempt
   */
  record DispatchTicket(
      EmulatedTask task,
      int attempt,
      int executionCount,
      Instant eta,
      Optional<Integer> previousResponse,
      Optional<RpcCode> retryReason,
      Instant dispatchTime) {
    int retryCount() {
      return attempt - 1;
    }
  }

  /**
   * How an attempt ended.
   *
   * @param httpStatus the handler's status, 0 when none was received
   * @param code the status Cloud Tasks records for the attempt
   */
  record AttemptResult(int httpStatus, RpcCode code, String message) {}

  /** What happens to a task after an attempt. */
  sealed interface Outcome {
    /** 2xx: the task is deleted. */
    record Succeeded() implements Outcome {}

    /** A failure with attempts left: the task runs again at {@code at}. */
    record Retry(Instant at, Duration backoff) implements Outcome {}

    /** The last attempt failed: the task is deleted, as Cloud Tasks has no dead-letter queue. */
    record Exhausted(int attempts) implements Outcome {}

    /** The task was deleted while the attempt was in flight; the result is dropped. */
    record Abandoned() implements Outcome {}
  }
}
