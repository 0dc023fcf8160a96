package com.taskchain.orchestrator.pipeline;

import com.taskchain.orchestrator.log.Log;
import com.taskchain.orchestrator.queue.EnqueueException;
import com.taskchain.orchestrator.queue.StageMessage;
import com.taskchain.orchestrator.queue.StageQueue;
import com.taskchain.orchestrator.store.TaskStore;
import com.taskchain.orchestrator.store.TaskStore.StuckRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds runs stuck in a stage (no progress for {@link PipelineConfig#stuckAfter()} and no live
 * lease, or a lease that expired because its worker died) and re-enqueues their stage under a new
 * generation, or fails them with a reason after {@link PipelineConfig#maxRequeues()} re-enqueues.
 * Safe to call concurrently and repeatedly.
 */
public final class Sweeper {
  private static final Log LOG = Log.get(Sweeper.class);
  private static final int BATCH = 100;
  private static final int MAX_BATCHES = 20;

  private final TaskStore store;
  private final StageQueue queue;
  private final PipelineConfig config;

  public Sweeper(TaskStore store, StageQueue queue, PipelineConfig config) {
    this.store = Objects.requireNonNull(store, "store");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.config = Objects.requireNonNull(config, "config");
  }

  /** What one sweep did. */
  public record Report(int examined, List<String> requeued, List<String> failed) {
    public Report {
      requeued = List.copyOf(requeued);
      failed = List.copyOf(failed);
    }
  }

  /**
   * Re-enqueues stages stuck past {@link PipelineConfig#stuckAfter()} and stages whose worker died
   * (their lease expired without a commit), or fails them after {@link
   * PipelineConfig#maxRequeues()}.
   */
  public Report sweep() {
    return sweep(Instant.now().minus(config.stuckAfter()));
  }

  /**
   * Re-enqueues every running stage that holds no live lease, however recent: for a queue that has
   * lost its messages (the local emulator, which keeps them in memory, after a restart). Duplicates
   * of messages that were not lost are harmless no-ops.
   */
  public Report recoverLostMessages() {
    return sweep(Instant.now());
  }

  private Report sweep(Instant cutoff) {
    List<String> requeued = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    int examined = 0;
    // A swept run is not selected again by the same cutoff, so full batches are read until the
    // stuck runs are all handled (a crash can leave hundreds), within a bound.
    for (int batch = 0; batch < MAX_BATCHES; batch++) {
      List<StuckRun> stuck = store.stuckRuns(cutoff, BATCH);
      examined += stuck.size();
      int handled = requeued.size() + failed.size();
      sweepBatch(stuck, requeued, failed);
      if (stuck.size() < BATCH || requeued.size() + failed.size() == handled) {
        break;
      }
    }
    return new Report(examined, requeued, failed);
  }

  private void sweepBatch(List<StuckRun> stuck, List<String> requeued, List<String> failed) {
    for (StuckRun run : stuck) {
      if (run.sweepCount() >= config.maxRequeues()) {
        String reason =
            "stuck in stage "
                + run.stage().wire()
                + " since "
                + run.since()
                + " after "
                + run.sweepCount()
                + " re-enqueues";
        if (store.failRun(run.taskId(), run.runId(), run.stage(), Optional.empty(), null, reason)) {
          failed.add(run.runId().toString());
          LOG.warn("sweep failed a stuck run", "task_id", run.taskId(), "run_id", run.runId());
        }
        continue;
      }
      Optional<Integer> generation = store.markSwept(run);
      if (generation.isEmpty()) {
        continue;
      }
      try {
        queue.enqueue(new StageMessage(run.taskId(), run.runId(), run.stage(), generation.get()));
        requeued.add(run.runId().toString());
        LOG.info(
            "sweep re-enqueued a stuck stage",
            "task_id",
            run.taskId(),
            "run_id",
            run.runId(),
            "stage",
            run.stage());
      } catch (EnqueueException e) {
        // Counted as a sweep anyway; the next sweep tries again with the next generation.
        LOG.error("sweep could not re-enqueue", e, "task_id", run.taskId(), "run_id", run.runId());
      }
    }
  }
}
