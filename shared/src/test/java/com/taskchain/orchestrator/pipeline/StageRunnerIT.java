package com.taskchain.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.execute.Executor;
import com.taskchain.orchestrator.execute.ExecutorConfig;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.plan.DeterministicPlanner;
import com.taskchain.orchestrator.plan.TextPlanRules;
import com.taskchain.orchestrator.queue.Stage;
import com.taskchain.orchestrator.queue.StageMessage;
import com.taskchain.orchestrator.store.TaskStore;
import com.taskchain.orchestrator.store.TaskStore.CreateResult;
import com.taskchain.orchestrator.store.TaskStore.TaskSnapshot;
import com.taskchain.orchestrator.task.RunRecord;
import com.taskchain.orchestrator.task.RunStatus;
import com.taskchain.orchestrator.task.TaskEvent;
import com.taskchain.orchestrator.task.TaskService;
import com.taskchain.orchestrator.task.TaskService.RunResult;
import com.taskchain.orchestrator.task.TaskStatus;
import com.taskchain.orchestrator.testing.PgExtension;
import com.taskchain.orchestrator.testing.TestDatabase;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.text.TextTools;
import com.taskchain.orchestrator.verify.RuleVerifier;
import com.taskchain.orchestrator.verify.Verification;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The stage chain's exactly-once effect on real PostgreSQL, driven delivery by delivery. */
@ExtendWith(PgExtension.class)
class StageRunnerIT {
  private static final Delivery FIRST = new Delivery(0, false);

  private final TaskStore store;
  private RecordingQueue queue;
  private Pipeline pipeline;
  private TaskService tasks;

  StageRunnerIT(TestDatabase database) {
    this.store = new TaskStore(database.dataSource());
  }

  @BeforeEach
  void setUp() {
    queue = new RecordingQueue();
    ToolRegistry tools = ToolRegistry.of(TextTools.all());
    pipeline =
        new Pipeline(
            // The text rules only, matching the text tools registered here.
            new DeterministicPlanner(TextPlanRules.all()),
            new Executor(tools, ExecutorConfig.defaults()),
            new RuleVerifier(tools));
    tasks = new TaskService(store, () -> queue);
  }

  private StageRunner runner(StageWork work, PipelineConfig config) {
    return new StageRunner(store, queue, work, config);
  }

  private StageRunner runner() {
    return runner(pipeline, new PipelineConfig(Duration.ofMinutes(10), Duration.ofMinutes(15), 3));
  }

  private UUID newTask() {
    ObjectNode context = Json.object().put("project", "Atlas Checkout").put("priority", "high");
    CreateResult created =
        store.createTask(
            "Prepare an executive update for Atlas Checkout migration and include risks.",
            context,
            Optional.empty(),
            "hash");
    return ((CreateResult.Created) created).task().taskId();
  }

  private UUID startRun(UUID taskId) {
    return ((RunResult.Started) tasks.run(taskId)).runId();
  }

  /** Delivers every pending message once, in order, until the queue is empty. */
  private List<StageOutcome> drain(StageRunner runner) {
    List<StageOutcome> outcomes = new ArrayList<>();
    for (Optional<StageMessage> next = queue.poll(); next.isPresent(); next = queue.poll()) {
      outcomes.add(runner.run(next.get(), FIRST));
    }
    return outcomes;
  }

  private TaskSnapshot snapshot(UUID taskId) {
    return store.snapshot(taskId).orElseThrow();
  }

  private static long count(TaskSnapshot snapshot, UUID runId, String kind, String stage) {
    return snapshot.events().stream()
        .filter(e -> runId.equals(e.runId()) && e.kind().equals(kind))
        .filter(e -> stage == null || stage.equals(e.stage()))
        .count();
  }

  @Test
  void chain_runsPlanExecuteVerify_toSucceededWithThreeArtifacts() {
    UUID taskId = newTask();
    UUID runId = startRun(taskId);

    List<StageOutcome> outcomes = drain(runner());

    assertThat(outcomes).hasSize(3).allMatch(o -> o instanceof StageOutcome.Written);
    TaskSnapshot snapshot = snapshot(taskId);
    assertThat(snapshot.task().status()).isEqualTo(TaskStatus.SUCCEEDED);
    RunRecord run = snapshot.runs().get(0);
    assertThat(run.stage()).isEqualTo("done");
    assertThat(run.planJson()).isPresent();
    assertThat(run.resultJson()).isPresent();
    assertThat(run.verificationJson().orElseThrow().get("passed").asBoolean()).isTrue();
    for (Stage stage : Stage.values()) {
      assertThat(count(snapshot, runId, "stage_claimed", stage.wire())).isEqualTo(1);
      assertThat(count(snapshot, runId, "stage_written", stage.wire())).isEqualTo(1);
    }
    assertThat(count(snapshot, runId, "run_finished", null)).isEqualTo(1);
  }

  @Test
  void duplicateDelivery_ofEachStage_afterItsCommit_isNoOp() {
    UUID taskId = newTask();
    UUID runId = startRun(taskId);
    drain(runner());
    TaskSnapshot before = snapshot(taskId);

    for (Stage stage : Stage.values()) {
      StageOutcome again = runner().run(new StageMessage(taskId, runId, stage, 0), FIRST);
      assertThat(again).isInstanceOf(StageOutcome.NoOp.class);
    }

    TaskSnapshot after = snapshot(taskId);
    assertThat(after.runs()).isEqualTo(before.runs());
    assertThat(after.events()).isEqualTo(before.events());
    assertThat(queue.created()).hasSize(3);
  }

  @Test
  void duplicateDelivery_whileTheNextStageIsPending_writesNothingTwice() {
    UUID taskId = newTask();
    UUID runId = startRun(taskId);
    StageMessage plan = queue.poll().orElseThrow();
    assertThat(runner().run(plan, FIRST)).isInstanceOf(StageOutcome.Written.class);

    assertThat(runner().run(plan, new Delivery(1, false))).isInstanceOf(StageOutcome.NoOp.class);
    drain(runner());

    TaskSnapshot snapshot = snapshot(taskId);
    assertThat(snapshot.task().status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(count(snapshot, runId, "stage_written", "plan")).isEqualTo(1);
    assertThat(count(snapshot, runId, "stage_written", "execute")).isEqualTo(1);
    assertThat(queue.created().stream().filter(m -> m.stage() == Stage.EXECUTE)).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void concurrentDeliveries_ofEachStage_commitItOnce(Stage target) throws Exception {
    UUID taskId = newTask();
    UUID runId = startRun(taskId);
    StageMessage message = queue.poll().orElseThrow();
    while (message.stage() != target) {
      assertThat(runner().run(message, FIRST)).isInstanceOf(StageOutcome.Written.class);
      message = queue.poll().orElseThrow();
    }
    StageMessage delivered = message;
    CountDownLatch allArrived = new CountDownLatch(4);
    // Holds the winner inside its work until every delivery has started, so they overlap.
    StageWork slow =
        (stage, task, run) -> {
          try {
            allArrived.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return pipeline.perform(stage, task, run);
        };
    StageRunner runner =
        runner(slow, new PipelineConfig(Duration.ofMinutes(10), Duration.ofMinutes(15), 3));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<StageOutcome>> outcomes = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        outcomes.add(
            pool.submit(
                () -> {
                  allArrived.countDown();
                  return runner.run(delivered, FIRST);
                }));
      }
      List<StageOutcome> results = new ArrayList<>();
      for (Future<StageOutcome> outcome : outcomes) {
        results.add(outcome.get(30, TimeUnit.SECONDS));
      }
      assertThat(results.stream().filter(o -> o instanceof StageOutcome.Written)).hasSize(1);
      assertThat(results.stream().filter(o -> !(o instanceof StageOutcome.Written)))
          .allMatch(o -> o instanceof StageOutcome.Busy || o instanceof StageOutcome.NoOp);
    } finally {
      pool.shutdownNow();
    }
    drain(runner());

    TaskSnapshot snapshot = snapshot(taskId);
    assertThat(snapshot.task().status()).isEqualTo(TaskStatus.SUCCEEDED);
    for (Stage stage : Stage.values()) {
      assertThat(count(snapshot, runId, "stage_written", stage.wire())).isEqualTo(1);
      assertThat(count(snapshot, runId, "stage_claimed", stage.wire())).isEqualTo(1);
    }
    assertThat(count(snapshot, runId, "run_finished", null)).isEqualTo(1);
  }

  @Test
  void crashBetweenCommitAndEnqueue_stillCompletes_whenTheStageIsRedelivered() {
    UUID taskId = newTask();
    UUID runId = startRun(taskId);
    StageMessage plan = queue.poll().orElseThrow();
    queue.failNext(1);

    StageOutcome first = runner().run(plan, FIRST);
    assertThat(first.retry()).isTrue();
    assertThat(queue.poll()).isEmpty();
    assertThat(store.findRun(runId).orElseThrow().stage()).isEqualTo("execute");

    // Cloud Tasks redelivers the plan stage after the 503: it finds plan written and re-enqueues
    // execute.
    assertThat(runner().run(plan, new Delivery(1, false))).isInstanceOf(StageOutcome.NoOp.class);
    drain(runner());

    TaskSnapshot snapshot = snapshot(taskId);
    assertThat(snapshot.task().status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(count(snapshot, runId, "stage_written", "plan")).isEqualTo(1);
    assertThat(count(snapshot, runId, "enqueue_failed", "execute")).isEqualTo(1);
  }

  @Test
  void lateDelivery_forAnOlderRun_changesNothing() {
    UUID taskId = newTask();
    UUID oldRun = startRun(taskId);
    StageMessage oldPlan = queue.poll().orElseThrow();
    assertThat(runner().run(oldPlan, FIRST)).isInstanceOf(StageOutcome.Written.class);
    StageMessage oldExecute = queue.poll().orElseThrow();
    assertThat(runner().run(oldExecute, FIRST)).isInstanceOf(StageOutcome.Written.class);
    drain(runner());
    UUID newRun = startRun(taskId);
    TaskSnapshot before = snapshot(taskId);

    assertThat(runner().run(oldPlan, new Delivery(3, false))).isInstanceOf(StageOutcome.NoOp.class);
    assertThat(runner().run(oldExecute, new Delivery(3, false)))
        .isInstanceOf(StageOutcome.NoOp.class);

    TaskSnapshot after = snapshot(taskId);
    assertThat(after.runs()).isEqualTo(before.runs());
    assertThat(after.events()).isEqualTo(before.events());
    drain(runner());
    TaskSnapshot finished = snapshot(taskId);
    assertThat(finished.task().status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(finished.runs()).hasSize(2);
    assertThat(finished.runs().get(0).runId()).isEqualTo(newRun);
    assertThat(finished.runs().get(1).runId()).isEqualTo(oldRun);
    assertThat(finished.runs().get(1).planJson()).isPresent();
  }

  @Test
  void permanentFailure_failsTheRunWithItsReason_andAnswersFinal() {
    UUID taskId = newTask();
    startRun(taskId);
    StageWork broken =
        (stage, task, run) -> {
          throw new StageFailure.Permanent("plan rejected: unknown tool 'shell'");
        };

    StageOutcome outcome =
        runner(broken, new PipelineConfig(Duration.ofMinutes(10), Duration.ofMinutes(15), 3))
            .run(queue.poll().orElseThrow(), FIRST);

    assertThat(outcome).isInstanceOf(StageOutcome.RunFailed.class);
    assertThat(outcome.retry()).isFalse();
    TaskSnapshot snapshot = snapshot(taskId);
    assertThat(snapshot.task().status()).isEqualTo(TaskStatus.FAILED);
    assertThat(snapshot.runs().get(0).failureReason())
        .contains("plan rejected: unknown tool 'shell'");
    assertThat(queue.poll()).isEmpty();
  }

  @Test
  void retriableFailure_releasesForTheNextDelivery_andTheLastAttemptFailsTheRun() {
    UUID taskId = newTask();
    UUID runId = startRun(taskId);
    StageMessage plan = queue.poll().orElseThrow();
    StageWork flaky =
        (stage, task, run) -> {
          throw new StageFailure.Retriable("model endpoint unavailable", null);
        };
    StageRunner runner =
        runner(flaky, new PipelineConfig(Duration.ofMinutes(10), Duration.ofMinutes(15), 3));

    StageOutcome first = runner.run(plan, new Delivery(0, false));
    StageOutcome second = runner.run(plan, new Delivery(1, false));
    StageOutcome last = runner.run(plan, new Delivery(2, true));

    assertThat(first).isInstanceOf(StageOutcome.RetryLater.class);
    assertThat(second).isInstanceOf(StageOutcome.RetryLater.class);
    assertThat(last).isInstanceOf(StageOutcome.RunFailed.class);
    TaskSnapshot snapshot = snapshot(taskId);
    assertThat(snapshot.task().status()).isEqualTo(TaskStatus.FAILED);
    assertThat(snapshot.runs().get(0).failureReason().orElseThrow())
        .contains("gave up after 3 deliveries")
        .contains("model endpoint unavailable");
    assertThat(count(snapshot, runId, "stage_retried", "plan")).isEqualTo(2);
    assertThat(
            snapshot.events().stream()
                .filter(e -> e.kind().equals("stage_claimed"))
                .map(TaskEvent::attempt))
        .containsExactly(1, 2, 3);
  }

  @Test
  void stuckRun_isReenqueuedBySweep_thenFailedAfterMaxRequeues() throws Exception {
    UUID taskId = newTask();
    UUID runId = startRun(taskId);
    queue.poll(); // the plan stage's delivery is lost
    PipelineConfig config = new PipelineConfig(Duration.ofSeconds(1), Duration.ofMillis(200), 2);
    Sweeper sweeper = new Sweeper(store, queue, config);

    Thread.sleep(300);
    Sweeper.Report first = sweeper.sweep();
    assertThat(first.requeued()).containsExactly(runId.toString());
    StageMessage requeued = queue.poll().orElseThrow();
    assertThat(requeued.stage()).isEqualTo(Stage.PLAN);
    assertThat(requeued.generation()).isEqualTo(1);
    assertThat(sweeper.sweep().requeued()).as("not again before stuckAfter").isEmpty();

    Thread.sleep(300);
    assertThat(sweeper.sweep().requeued()).containsExactly(runId.toString());
    queue.poll();
    Thread.sleep(300);
    Sweeper.Report last = sweeper.sweep();

    assertThat(last.failed()).containsExactly(runId.toString());
    TaskSnapshot snapshot = snapshot(taskId);
    assertThat(snapshot.task().status()).isEqualTo(TaskStatus.FAILED);
    assertThat(snapshot.runs().get(0).status()).isEqualTo(RunStatus.FAILED);
    assertThat(snapshot.runs().get(0).failureReason().orElseThrow())
        .contains("stuck in stage plan");
  }

  @Test
  void sweptStage_runsToSuccess_whenTheRequeuedDeliveryArrives() throws Exception {
    UUID taskId = newTask();
    startRun(taskId);
    queue.poll(); // lost
    Sweeper sweeper =
        new Sweeper(
            store, queue, new PipelineConfig(Duration.ofSeconds(1), Duration.ofMillis(100), 3));
    Thread.sleep(200);
    sweeper.sweep();

    drain(runner());

    assertThat(snapshot(taskId).task().status()).isEqualTo(TaskStatus.SUCCEEDED);
  }

  @Test
  void expiredLease_letsAnotherDeliveryTakeOver_andTheOldHolderCannotCommit() throws Exception {
    UUID taskId = newTask();
    UUID runId = startRun(taskId);
    StageMessage plan = queue.poll().orElseThrow();
    // A holder whose heartbeat stopped (its process froze or died) after claiming.
    var held = store.claim(taskId, runId, Stage.PLAN, "frozen-holder", Duration.ofMillis(300));
    assertThat(held).isInstanceOf(TaskStore.ClaimResult.Claimed.class);
    Thread.sleep(400);

    StageOutcome takeover = runner().run(plan, new Delivery(1, false));

    assertThat(takeover).isInstanceOf(StageOutcome.Written.class);
    assertThat(
            store.commit(
                taskId, runId, Stage.PLAN, "frozen-holder", 1, Json.object(), Optional.empty()))
        .as("the old holder's commit")
        .isFalse();
    assertThat(store.renewLease(runId, Stage.PLAN, "frozen-holder", Duration.ofSeconds(30)))
        .as("the old holder's heartbeat")
        .isFalse();
    assertThat(count(snapshot(taskId), runId, "stage_written", "plan")).isEqualTo(1);
  }

  @Test
  void heartbeat_keepsTheLeaseOfAWorkingStage_longAfterTheLeasePeriod() throws Exception {
    UUID taskId = newTask();
    startRun(taskId);
    StageMessage plan = queue.poll().orElseThrow();
    CountDownLatch working = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    StageWork slow =
        (stage, task, run) -> {
          working.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return pipeline.perform(stage, task, run);
        };
    PipelineConfig shortLease =
        new PipelineConfig(Duration.ofMillis(600), Duration.ofMinutes(15), 3);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<StageOutcome> holder = pool.submit(() -> runner(slow, shortLease).run(plan, FIRST));
      working.await(10, TimeUnit.SECONDS);
      Thread.sleep(1_500);

      StageOutcome second = runner(pipeline, shortLease).run(plan, new Delivery(1, false));
      assertThat(second)
          .as("a delivery while the holder works")
          .isInstanceOf(StageOutcome.Busy.class);
      assertThat(new Sweeper(store, queue, shortLease).sweep().requeued())
          .as("the sweep leaves a working stage alone")
          .isEmpty();
      release.countDown();
      assertThat(holder.get(10, TimeUnit.SECONDS)).isInstanceOf(StageOutcome.Written.class);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void sweep_requeuesAnAbandonedClaim_assoonAsItsLeaseExpires_notAfterStuckAfter()
      throws Exception {
    UUID taskId = newTask();
    UUID runId = startRun(taskId);
    queue.poll(); // the delivery that claimed below died with its worker
    PipelineConfig config = new PipelineConfig(Duration.ofMillis(300), Duration.ofMinutes(15), 3);
    store.claim(taskId, runId, Stage.PLAN, "crashed-worker", config.lease());
    Sweeper sweeper = new Sweeper(store, queue, config);
    assertThat(sweeper.sweep().requeued()).as("while the lease is live").isEmpty();

    Thread.sleep(400);

    assertThat(sweeper.sweep().requeued()).containsExactly(runId.toString());
    assertThat(sweeper.sweep().requeued()).as("once per expired lease").isEmpty();
    drain(runner());
    assertThat(snapshot(taskId).task().status()).isEqualTo(TaskStatus.SUCCEEDED);
  }

  @Test
  void commitFailingOnADatabaseError_releasesTheLease_andTheNextDeliveryWrites(
      TestDatabase database) throws Exception {
    UUID taskId = newTask();
    UUID runId = startRun(taskId);
    StageMessage plan = queue.poll().orElseThrow();
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      // The commit's UPDATE fails as it would when the server shuts down under it.
      s.execute(
          """
          CREATE FUNCTION fail_plan_commit() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'terminating connection' USING ERRCODE = '57P01'; END $$;
          CREATE TRIGGER fail_plan_commit BEFORE UPDATE OF plan_json ON runs
            FOR EACH ROW EXECUTE FUNCTION fail_plan_commit();
          """);
    }

    try {
      StageOutcome failed = runner().run(plan, FIRST);

      assertThat(failed).isInstanceOf(StageOutcome.RetryLater.class);
      TaskSnapshot afterFailure = snapshot(taskId);
      assertThat(count(afterFailure, runId, "stage_retried", "plan")).isEqualTo(1);
      try (Connection c = database.dataSource().getConnection();
          Statement s = c.createStatement();
          var rs = s.executeQuery("SELECT lease_owner FROM runs WHERE run_id = '" + runId + "'")) {
        rs.next();
        assertThat(rs.getString(1)).as("lease owner after the failed commit").isNull();
      }
    } finally {
      // The other tests of the class share the database: never leave the failing trigger behind.
      try (Connection c = database.dataSource().getConnection();
          Statement s = c.createStatement()) {
        s.execute("DROP TRIGGER fail_plan_commit ON runs; DROP FUNCTION fail_plan_commit()");
      }
    }
    assertThat(runner().run(plan, new Delivery(1, false))).isInstanceOf(StageOutcome.Written.class);
  }

  @Test
  void failedVerification_setsTheRunsFailureReason_fromTheVerifiersReasons() {
    UUID taskId = newTask();
    UUID runId = startRun(taskId);
    ToolRegistry tools = ToolRegistry.of(TextTools.all());
    Pipeline failing =
        new Pipeline(
            new DeterministicPlanner(TextPlanRules.all()),
            new Executor(tools, ExecutorConfig.defaults()),
            (input, plan, result) ->
                new Verification(
                    false, List.of(), List.of("no risks were found", "the summary is empty")));

    drain(runner(failing, new PipelineConfig(Duration.ofMinutes(10), Duration.ofMinutes(15), 3)));

    TaskSnapshot snapshot = snapshot(taskId);
    assertThat(snapshot.task().status()).isEqualTo(TaskStatus.FAILED);
    RunRecord run = snapshot.runs().get(0);
    assertThat(run.runId()).isEqualTo(runId);
    assertThat(run.failureReason())
        .contains("verification failed: no risks were found; the summary is empty");
  }

  @Test
  void deliveryForUnknownRun_isNoOp() {
    UUID taskId = newTask();
    StageOutcome outcome =
        runner().run(new StageMessage(taskId, UUID.randomUUID(), Stage.PLAN, 0), FIRST);
    assertThat(outcome).isInstanceOf(StageOutcome.NoOp.class);
    assertThat(snapshot(taskId).task().status()).isEqualTo(TaskStatus.QUEUED);
  }

  @Test
  void corruptArtifact_isAPermanentFailure(TestDatabase database) throws Exception {
    UUID taskId = newTask();
    startRun(taskId);
    StageRunner runner = runner();
    runner.run(queue.poll().orElseThrow(), FIRST);
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE runs SET plan_json = '{\"steps\": 5}'::jsonb WHERE task_id = '" + taskId + "'");
    }

    StageOutcome outcome = runner.run(queue.poll().orElseThrow(), FIRST);

    assertThat(outcome).isInstanceOf(StageOutcome.RunFailed.class);
    assertThat(((StageOutcome.RunFailed) outcome).reason()).contains("plan_json cannot be read");
  }
}
