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
 * lease) and re-enqueues their stage under a new generation, or fails them with a reason after
 * {@link PipelineConfig#maxRequeues()} re-enqueues. Safe to call concurrently and repeatedly.
 */
public final class Sweeper {
  private static final Log LOG = Log.get(Sweeper.class);
  private static final int BATCH = 100;

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

  public Report sweep() {
    List<StuckRun> stuck = store.stuckRuns(Instant.now().minus(config.stuckAfter()), BATCH);
    List<String> requeued = new ArrayList<>();
    List<String> failed = new ArrayList<>();
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
    return new Report(stuck.size(), requeued, failed);
  }
}
