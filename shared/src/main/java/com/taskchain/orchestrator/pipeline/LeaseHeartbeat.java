package com.taskchain.orchestrator.pipeline;

import com.taskchain.orchestrator.log.Log;
import com.taskchain.orchestrator.queue.StageMessage;
import com.taskchain.orchestrator.store.StoreException;
import com.taskchain.orchestrator.store.TaskStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Renews a claimed stage's lease while its work runs, so the lease can be short: a live worker
 * keeps its claim however long the stage takes, and a crashed one loses it within one lease, after
 * which the queue's next attempt or the sweep takes the stage over. Stops when closed or when the
 * lease turns out to be lost. A renewal that fails (the database is away) is tried again at the
 * next beat; the lease is long enough to miss two.
 */
final class LeaseHeartbeat implements AutoCloseable {
  private static final Log LOG = Log.get(LeaseHeartbeat.class);

  /**
   * Shared by every stage of the instance; daemon threads, so a heartbeat never keeps the JVM
   * alive. Two threads, so one renewal stuck on a frozen database does not stop all the others.
   */
  private static final ScheduledExecutorService BEATS =
      Executors.newScheduledThreadPool(
          2,
          r -> {
            Thread thread = new Thread(r, "stage-lease-heartbeat");
            thread.setDaemon(true);
            return thread;
          });

  private final AtomicReference<ScheduledFuture<?>> beat = new AtomicReference<>();

  private LeaseHeartbeat() {}

  static LeaseHeartbeat start(
      TaskStore store, StageMessage message, String owner, Duration lease, Duration every) {
    LeaseHeartbeat heartbeat = new LeaseHeartbeat();
    heartbeat.beat.set(
        BEATS.scheduleWithFixedDelay(
            () -> heartbeat.renew(store, message, owner, lease),
            every.toMillis(),
            every.toMillis(),
            TimeUnit.MILLISECONDS));
    return heartbeat;
  }

  private void renew(TaskStore store, StageMessage message, String owner, Duration lease) {
    try {
      if (!store.renewLease(message.runId(), message.stage(), owner, lease)) {
        // Taken over after a long pause, or already finished: the commit will find out too.
        LOG.warn(
            "stage lease lost while working",
            "task_id",
            message.taskId(),
            "run_id",
            message.runId(),
            "stage",
            message.stage());
        close();
      }
    } catch (StoreException | IllegalStateException e) {
      LOG.warn(
          "stage lease renewal failed; will try again",
          "task_id",
          message.taskId(),
          "run_id",
          message.runId(),
          "stage",
          message.stage(),
          "reason",
          e.getMessage());
    }
  }

  @Override
  public void close() {
    ScheduledFuture<?> future = beat.getAndSet(null);
    if (future != null) {
      future.cancel(false);
    }
  }
}
