package com.taskchain.orchestrator.task;

import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.log.Log;
import com.taskchain.orchestrator.queue.EnqueueException;
import com.taskchain.orchestrator.queue.Stage;
import com.taskchain.orchestrator.queue.StageMessage;
import com.taskchain.orchestrator.queue.StageQueue;
import com.taskchain.orchestrator.store.TaskStore;
import com.taskchain.orchestrator.store.TaskStore.CreateResult;
import com.taskchain.orchestrator.store.TaskStore.StartRunResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Creating, reading and running tasks: what the public functions do, without HTTP. Thread-safe. */
public final class TaskService {
  private static final Log LOG = Log.get(TaskService.class);

  /** Longest a caller may block on {@code ?wait=N}. */
  public static final Duration MAX_WAIT = Duration.ofSeconds(60);

  private final TaskStore store;
  private final Supplier<StageQueue> queue;

  /**
   * @param queue supplies the queue on first use, so functions that never enqueue never create a
   *     client
   */
  public TaskService(TaskStore store, Supplier<StageQueue> queue) {
    this.store = Objects.requireNonNull(store, "store");
    this.queue = Objects.requireNonNull(queue, "queue");
  }

  /**
   * Creates a task in status {@code queued}.
   *
   * @param idempotencyKey when present, a repeat with the same key and body returns the first task
   */
  public CreateResult create(NewTask request, Optional<String> idempotencyKey) {
    CreateResult result =
        store.createTask(request.task(), request.context(), idempotencyKey, request.contentHash());
    if (result instanceof CreateResult.Created created) {
      LOG.info("task created", "task_id", created.task().taskId());
    }
    return result;
  }

  /** The task document: bounded, with the current run's artifacts and earlier runs summarised. */
  public Optional<TaskView> get(UUID taskId) {
    return store.document(taskId).map(TaskView::of);
  }

  /** One run of a task with its artifacts and events; empty when the task has no such run. */
  public Optional<RunView> getRun(UUID taskId, UUID runId) {
    return store.runDocument(taskId, runId).map(d -> RunView.of(d.run(), d.events()));
  }

  /**
   * One page of tasks, newest first. The page's {@code next_cursor} is present exactly when more
   * tasks follow: one task more than asked for is read to know it, so the last page is never an
   * empty one.
   */
  public TaskPage list(TaskListQuery query) {
    List<TaskSummary> rows = store.listTasks(query.status(), query.before(), query.limit() + 1);
    if (rows.size() <= query.limit()) {
      return new TaskPage(rows, null);
    }
    List<TaskSummary> page = rows.subList(0, query.limit());
    return new TaskPage(page, TaskCursor.after(page.get(page.size() - 1)).encode());
  }

  /** The outcome of {@link #run}. */
  public sealed interface RunResult {
    record Started(UUID taskId, UUID runId) implements RunResult {}

    record AlreadyRunning(UUID taskId, UUID currentRunId) implements RunResult {}

    record NotFound(UUID taskId) implements RunResult {}
  }

  /**
   * Starts a run and enqueues its plan stage. The run is durable before the enqueue: if the enqueue
   * fails it is recorded on the timeline and the sweep enqueues the stage later, so the caller
   * still gets the run.
   */
  public RunResult run(UUID taskId) {
    // Made before the run is written, so a misconfigured queue is reported instead of leaving a
    // stuck run.
    StageQueue stages = queue.get();
    UUID runId = UUID.randomUUID();
    StartRunResult started = store.startRun(taskId, runId);
    if (started instanceof StartRunResult.NotFound) {
      return new RunResult.NotFound(taskId);
    }
    if (started instanceof StartRunResult.AlreadyRunning running) {
      return new RunResult.AlreadyRunning(taskId, running.currentRunId());
    }
    LOG.info("run started", "task_id", taskId, "run_id", runId);
    try {
      stages.enqueue(new StageMessage(taskId, runId, Stage.PLAN, 0));
    } catch (EnqueueException e) {
      LOG.error("enqueue of plan stage failed; the sweep will retry", e, "task_id", taskId);
      store.recordEvent(
          taskId,
          runId,
          "enqueue_failed",
          Stage.PLAN.wire(),
          Json.object().put("reason", String.valueOf(e.getMessage())));
    }
    return new RunResult.Started(taskId, runId);
  }

  /**
   * Waits until the run is no longer running or {@code max} has passed, whichever is first (capped
   * at {@link #MAX_WAIT}), and returns the task as it is then.
   */
  public Optional<TaskView> awaitRun(UUID taskId, UUID runId, Duration max)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(max.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : max);
    long pause = 25;
    while (true) {
      Optional<RunRecord> run = store.findRun(runId);
      boolean finished = run.isPresent() && run.get().status() != RunStatus.RUNNING;
      if (finished || !Instant.now().isBefore(deadline)) {
        return get(taskId);
      }
      Thread.sleep(
          Math.min(pause, Math.max(1, Duration.between(Instant.now(), deadline).toMillis())));
      pause = Math.min(pause * 2, 250);
    }
  }
}
