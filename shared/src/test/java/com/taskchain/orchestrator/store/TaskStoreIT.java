package com.taskchain.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.store.TaskStore.CreateResult;
import com.taskchain.orchestrator.store.TaskStore.StartRunResult;
import com.taskchain.orchestrator.testing.PgExtension;
import com.taskchain.orchestrator.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgExtension.class)
class TaskStoreIT {
  private final TaskStore store;

  TaskStoreIT(TestDatabase database) {
    this.store = new TaskStore(database.dataSource());
  }

  private static <T> List<T> concurrently(int n, Callable<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(pool.submit(call));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentCreates_withOneIdempotencyKey_makeOneTask() throws Exception {
    String key = "k-" + UUID.randomUUID();
    List<CreateResult> results =
        concurrently(
            8, () -> store.createTask("task", Json.object(), Optional.of(key), "same-hash"));

    assertThat(results.stream().filter(r -> r instanceof CreateResult.Created)).hasSize(1);
    assertThat(
            results.stream()
                .map(
                    r ->
                        r instanceof CreateResult.Created c
                            ? c.task().taskId()
                            : ((CreateResult.Replayed) r).task().taskId())
                .distinct())
        .hasSize(1);
  }

  @Test
  void concurrentRunRequests_startOneRun() throws Exception {
    UUID taskId =
        ((CreateResult.Created) store.createTask("task", Json.object(), Optional.empty(), "h"))
            .task()
            .taskId();

    List<StartRunResult> results = concurrently(8, () -> store.startRun(taskId, UUID.randomUUID()));

    List<StartRunResult> started =
        results.stream().filter(r -> r instanceof StartRunResult.Started).toList();
    assertThat(started).hasSize(1);
    UUID runId = ((StartRunResult.Started) started.get(0)).run().runId();
    assertThat(results.stream().filter(r -> r instanceof StartRunResult.AlreadyRunning))
        .hasSize(7)
        .allMatch(r -> ((StartRunResult.AlreadyRunning) r).currentRunId().equals(runId));
    assertThat(store.snapshot(taskId).orElseThrow().runs()).hasSize(1);
  }

  @Test
  void startRun_onUnknownTask_isNotFound() {
    assertThat(store.startRun(UUID.randomUUID(), UUID.randomUUID()))
        .isInstanceOf(StartRunResult.NotFound.class);
  }
}
