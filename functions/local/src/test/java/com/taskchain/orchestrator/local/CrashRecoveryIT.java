package com.taskchain.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.queue.Stage;
import com.taskchain.orchestrator.store.TaskStore;
import com.taskchain.orchestrator.testing.PgExtension;
import com.taskchain.orchestrator.testing.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a crashed runner leaves behind is finished by the next one, in seconds and with the default
 * lease: stage messages lost with the emulator's in-memory queue, and stages claimed by a worker
 * that died.
 */
@ExtendWith(PgExtension.class)
class CrashRecoveryIT {
  private static final Duration SOON = Duration.ofSeconds(45);

  private final TestDatabase database;
  private final TaskStore store;

  CrashRecoveryIT(TestDatabase database) {
    this.database = database;
    this.store = new TaskStore(database.dataSource());
  }

  /** A task with a run whose plan message was never delivered (the queue lost it). */
  private UUID[] runWithLostMessage(Api api) throws Exception {
    UUID taskId = UUID.fromString(api.createSeedTask());
    UUID runId = UUID.randomUUID();
    assertThat(store.startRun(taskId, runId)).isInstanceOf(TaskStore.StartRunResult.Started.class);
    return new UUID[] {taskId, runId};
  }

  @Test
  void restart_finishesRunsWhoseStageMessagesWereLost() throws Exception {
    UUID[] lost;
    try (LocalRunner first = TestRunners.start(database)) {
      lost = runWithLostMessage(new Api(first.baseUrl()));
    }
    try (LocalRunner second = TestRunners.start(database)) {
      JsonNode done = new Api(second.baseUrl()).awaitFinished(lost[0].toString(), SOON);
      assertThat(done.get("status").asText()).isEqualTo("succeeded");
      assertThat(done.get("current_run_id").asText()).isEqualTo(lost[1].toString());
    }
  }

  @Test
  void stageClaimedByADeadWorker_isFinishedOnceItsDefaultLeaseExpires() throws Exception {
    try (LocalRunner runner =
        TestRunners.start(database, Map.of("ORCHESTRATOR_LOCAL_SWEEP_S", "2"))) {
      Api api = new Api(runner.baseUrl());
      UUID[] run = runWithLostMessage(api);
      // The worker that claimed the plan stage died: no heartbeat, no commit, no release.
      assertThat(
              store.claim(
                  run[0],
                  run[1],
                  Stage.PLAN,
                  "dead-worker",
                  com.taskchain.orchestrator.pipeline.PipelineConfig.DEFAULT_LEASE))
          .isInstanceOf(TaskStore.ClaimResult.Claimed.class);

      long start = System.nanoTime();
      JsonNode done = api.awaitFinished(run[0].toString(), SOON);
      long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();

      assertThat(done.get("status").asText()).isEqualTo("succeeded");
      System.out.println("dead worker's stage finished after " + seconds + " s");
    }
  }
}
