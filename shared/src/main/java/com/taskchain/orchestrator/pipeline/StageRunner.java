package com.taskchain.orchestrator.pipeline;

import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.log.Log;
import com.taskchain.orchestrator.queue.EnqueueException;
import com.taskchain.orchestrator.queue.Stage;
import com.taskchain.orchestrator.queue.StageMessage;
import com.taskchain.orchestrator.queue.StageQueue;
import com.taskchain.orchestrator.store.StoreException;
import com.taskchain.orchestrator.store.TaskStore;
import com.taskchain.orchestrator.store.TaskStore.ClaimResult;
import com.taskchain.orchestrator.task.RunRecord;
import com.taskchain.orchestrator.task.RunStatus;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs one delivery of one stage so that its effect happens exactly once over at-least-once
 * delivery:
 *
 * <ol>
 *   <li>claim the stage (compare-and-set; a duplicate, late or stale delivery is a no-op, and one
 *       that finds a live lease is told to come back later);
 *   <li>compute the artifact ({@link StageWork}, which writes nothing);
 *   <li>commit artifact, next stage and events in one transaction, only if this delivery still
 *       holds the lease;
 *   <li>enqueue the next stage under a deterministic name, so a repeated enqueue is de-duplicated.
 * </ol>
 *
 * A delivery that finds its stage already written re-enqueues the next stage: this completes a run
 * whose worker crashed between commit and enqueue. Thread-safe.
 */
public final class StageRunner {
  private static final Log LOG = Log.get(StageRunner.class);

  private final TaskStore store;
  private final StageQueue queue;
  private final StageWork work;
  private final PipelineConfig config;

  public StageRunner(TaskStore store, StageQueue queue, StageWork work, PipelineConfig config) {
    this.store = Objects.requireNonNull(store, "store");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.work = Objects.requireNonNull(work, "work");
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Handles one delivery. Idempotent: any number of deliveries of the same message, in any order
   * and concurrently, commit the stage at most once.
   *
   * @param message identifies the task, run and stage; its task and run ids are the idempotency key
   * @param delivery the queue's attempt information
   */
  public StageOutcome run(StageMessage message, Delivery delivery) {
    UUID taskId = message.taskId();
    UUID runId = message.runId();
    Stage stage = message.stage();
    String owner = UUID.randomUUID().toString();
    ClaimResult claim = store.claim(taskId, runId, stage, owner, config.lease());
    if (claim instanceof ClaimResult.NotCurrent notCurrent) {
      return duplicate(message, notCurrent);
    }
    if (claim instanceof ClaimResult.Busy busy) {
      if (delivery.lastAttempt()) {
        // The holder will finish, or the sweep will pick the run up once the lease expires.
        return new StageOutcome.NoOp("stage held by another delivery; last attempt, leaving it");
      }
      return new StageOutcome.Busy(busy.leaseUntil());
    }
    ClaimResult.Claimed claimed = (ClaimResult.Claimed) claim;
    LOG.info(
        "stage claimed",
        "task_id",
        taskId,
        "run_id",
        runId,
        "stage",
        stage,
        "attempt",
        claimed.attempt());
    StageWork.Artifact artifact;
    try (LeaseHeartbeat heartbeat =
        LeaseHeartbeat.start(store, message, owner, config.lease(), config.heartbeatEvery())) {
      artifact = work.perform(stage, claimed.task(), claimed.run());
    } catch (StageFailure e) {
      return e instanceof StageFailure.Permanent
          ? fail(message, owner, claimed.attempt(), e.getMessage())
          : retryOrFail(message, delivery, owner, claimed.attempt(), e);
    } catch (RuntimeException e) {
      // An unexpected error may be passing (the database restarting): retry, and fail on the last
      // attempt.
      return retryOrFail(message, delivery, owner, claimed.attempt(), e);
    }
    boolean committed;
    try {
      committed =
          store.commit(
              taskId,
              runId,
              stage,
              owner,
              claimed.attempt(),
              artifact.artifact(),
              artifact.finalStatus(),
              artifact.failureReason());
    } catch (StoreException e) {
      // The transaction rolled back, so nothing was written but the lease is still ours: give it
      // back for the queue's next attempt (or, if the database is still away, let the short lease
      // expire by itself), and fail the run on the last attempt.
      return retryOrFail(message, delivery, owner, claimed.attempt(), e);
    }
    if (!committed) {
      return new StageOutcome.NoOp("lease lost before commit; another delivery owns the stage");
    }
    LOG.info(
        "stage written",
        "task_id",
        taskId,
        "run_id",
        runId,
        "stage",
        stage,
        "final_status",
        artifact.finalStatus().map(RunStatus::wire).orElse(null));
    if (artifact.finalStatus().isPresent()) {
      return new StageOutcome.Written(stage, Optional.empty(), true);
    }
    Stage next = stage.next().orElseThrow();
    return enqueue(new StageMessage(taskId, runId, next, 0), delivery)
        .orElse(new StageOutcome.Written(stage, Optional.of(next), false));
  }

  private StageOutcome duplicate(StageMessage message, ClaimResult.NotCurrent notCurrent) {
    Optional<RunRecord> run = notCurrent.run();
    if (run.isPresent() && run.get().status() == RunStatus.RUNNING) {
      Optional<Stage> current = Stage.fromWire(run.get().stage());
      if (current.isPresent() && current.get().compareTo(message.stage()) > 0) {
        // Our stage is written; its enqueue may have been lost with a crashed worker. The name is
        // deterministic, so this is a no-op when the first enqueue went through.
        Optional<StageOutcome> failed =
            enqueue(
                new StageMessage(message.taskId(), message.runId(), current.get(), 0),
                new Delivery(0, false));
        if (failed.isPresent()) {
          return failed.get();
        }
      }
    }
    LOG.info(
        "duplicate or stale delivery ignored",
        "task_id",
        message.taskId(),
        "run_id",
        message.runId(),
        "stage",
        message.stage(),
        "reason",
        notCurrent.reason());
    return new StageOutcome.NoOp(notCurrent.reason());
  }

  /** Enqueues; returns an outcome only when the enqueue failed. */
  private Optional<StageOutcome> enqueue(StageMessage next, Delivery delivery) {
    try {
      queue.enqueue(next);
      return Optional.empty();
    } catch (EnqueueException e) {
      LOG.error(
          "enqueue of next stage failed",
          e,
          "task_id",
          next.taskId(),
          "run_id",
          next.runId(),
          "stage",
          next.stage());
      store.recordEvent(
          next.taskId(),
          next.runId(),
          "enqueue_failed",
          next.stage().wire(),
          Json.object().put("reason", String.valueOf(e.getMessage())));
      if (delivery.lastAttempt()) {
        return Optional.of(
            new StageOutcome.NoOp("next stage not enqueued; the sweep will re-enqueue it"));
      }
      return Optional.of(new StageOutcome.RetryLater("enqueue failed: " + e.getMessage()));
    }
  }

  private StageOutcome retryOrFail(
      StageMessage message, Delivery delivery, String owner, int attempt, Exception error) {
    String reason =
        error instanceof StageFailure
            ? error.getMessage()
            : error.getClass().getSimpleName() + ": " + error.getMessage();
    if (delivery.lastAttempt()) {
      return fail(
          message,
          owner,
          attempt,
          "gave up after " + (delivery.retryCount() + 1) + " deliveries: " + reason);
    }
    LOG.warn(
        "stage failed, will retry",
        "task_id",
        message.taskId(),
        "run_id",
        message.runId(),
        "stage",
        message.stage(),
        "reason",
        reason);
    try {
      store.release(message.taskId(), message.runId(), message.stage(), owner, attempt, reason);
    } catch (StoreException e) {
      // The lease then expires by itself within one lease period, and the next delivery claims it.
      LOG.warn(
          "stage could not be released; its lease will expire",
          "task_id",
          message.taskId(),
          "run_id",
          message.runId(),
          "stage",
          message.stage(),
          "reason",
          e.getMessage());
    }
    return new StageOutcome.RetryLater(reason);
  }

  private StageOutcome fail(StageMessage message, String owner, int attempt, String reason) {
    LOG.warn(
        "run failed",
        "task_id",
        message.taskId(),
        "run_id",
        message.runId(),
        "stage",
        message.stage(),
        "reason",
        reason);
    boolean failed =
        store.failRun(
            message.taskId(),
            message.runId(),
            message.stage(),
            Optional.of(owner),
            attempt,
            reason);
    return failed
        ? new StageOutcome.RunFailed(reason)
        : new StageOutcome.NoOp("lease lost before the failure could be recorded");
  }
}
