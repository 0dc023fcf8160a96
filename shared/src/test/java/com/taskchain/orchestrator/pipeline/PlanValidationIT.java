package com.taskchain.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.execute.Executor;
import com.taskchain.orchestrator.execute.ExecutorConfig;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.plan.DeterministicPlanner;
import com.taskchain.orchestrator.plan.Plan;
import com.taskchain.orchestrator.plan.PlanStep;
import com.taskchain.orchestrator.plan.Planner;
import com.taskchain.orchestrator.plan.TextPlanRules;
import com.taskchain.orchestrator.queue.StageMessage;
import com.taskchain.orchestrator.store.TaskStore;
import com.taskchain.orchestrator.store.TaskStore.CreateResult;
import com.taskchain.orchestrator.store.TaskStore.TaskSnapshot;
import com.taskchain.orchestrator.task.RunRecord;
import com.taskchain.orchestrator.task.RunStatus;
import com.taskchain.orchestrator.task.TaskService;
import com.taskchain.orchestrator.task.TaskService.RunResult;
import com.taskchain.orchestrator.task.TaskStatus;
import com.taskchain.orchestrator.testing.PgExtension;
import com.taskchain.orchestrator.testing.TestDatabase;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.text.TextTools;
import com.taskchain.orchestrator.verify.RuleVerifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A plan is judged before it runs: through the stage chain on real PostgreSQL. */
@ExtendWith(PgExtension.class)
class PlanValidationIT {
  private static final Delivery FIRST = new Delivery(0, false);

  record NoteInput(@JsonProperty(value = "text", required = true) String text) {}

  record NoteOutput(String noted) {}

  /** Counts its calls: the proof that nothing of a rejected plan runs. */
  static final class CountingTool implements Tool<NoteInput, NoteOutput> {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public String name() {
      return "note";
    }

    @Override
    public String description() {
      return "Notes the text.";
    }

    @Override
    public Class<NoteInput> inputType() {
      return NoteInput.class;
    }

    @Override
    public Class<NoteOutput> outputType() {
      return NoteOutput.class;
    }

    @Override
    public NoteOutput call(NoteInput input) {
      calls.incrementAndGet();
      return new NoteOutput(input.text());
    }
  }

  private final TaskStore store;
  private RecordingQueue queue;
  private TaskService tasks;
  private CountingTool note;

  PlanValidationIT(TestDatabase database) {
    this.store = new TaskStore(database.dataSource());
  }

  @BeforeEach
  void setUp() {
    queue = new RecordingQueue();
    tasks = new TaskService(store, () -> queue);
    note = new CountingTool();
  }

  private StageRunner runner(Planner planner) {
    List<Tool<?, ?>> all = new ArrayList<>(TextTools.all());
    all.add(note);
    ToolRegistry tools = ToolRegistry.of(all);
    Pipeline pipeline =
        new Pipeline(
            planner, new Executor(tools, ExecutorConfig.defaults()), new RuleVerifier(tools));
    return new StageRunner(
        store,
        queue,
        pipeline,
        new PipelineConfig(Duration.ofMinutes(10), Duration.ofMinutes(15), 3));
  }

  private UUID newRunningTask() {
    CreateResult created =
        store.createTask(
            "Prepare an executive update for Atlas Checkout and include risks.",
            Json.object().put("project", "Atlas Checkout"),
            Optional.empty(),
            "hash");
    UUID taskId = ((CreateResult.Created) created).task().taskId();
    assertThat(tasks.run(taskId)).isInstanceOf(RunResult.Started.class);
    return taskId;
  }

  private List<StageOutcome> drain(StageRunner runner) {
    List<StageOutcome> outcomes = new ArrayList<>();
    for (Optional<StageMessage> next = queue.poll(); next.isPresent(); next = queue.poll()) {
      outcomes.add(runner.run(next.get(), FIRST));
    }
    return outcomes;
  }

  @Test
  void invalidPlan_failsTheRunWithItsReasons_andRunsNoTool() {
    Planner faulty =
        input ->
            new Plan(
                "test",
                List.of(
                    new PlanStep("s1", "note", Json.object().put("text", "fine")),
                    new PlanStep("s2", "shell", Json.object().put("text", "rm -rf /")),
                    new PlanStep("s3", "note", Json.object(), List.of("s9"))),
                List.of());
    UUID taskId = newRunningTask();

    List<StageOutcome> outcomes = drain(runner(faulty));

    assertThat(outcomes).hasSize(2);
    assertThat(outcomes.get(0)).isInstanceOf(StageOutcome.Written.class);
    assertThat(outcomes.get(1)).isInstanceOf(StageOutcome.RunFailed.class);
    assertThat(note.calls.get()).as("calls of the valid step's tool").isZero();

    TaskSnapshot snapshot = store.snapshot(taskId).orElseThrow();
    assertThat(snapshot.task().status()).isEqualTo(TaskStatus.FAILED);
    RunRecord run = snapshot.runs().get(0);
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.resultJson()).isEmpty();
    assertThat(run.failureReason().orElseThrow())
        .startsWith("plan rejected: ")
        .contains("step s2 (shell) tool: unknown tool 'shell'")
        .contains("step s3 (note) text: is required")
        .contains("step s3 (note) depends_on: depends on s9, which is not in the plan");

    JsonNode validation = run.planJson().orElseThrow().get(Pipeline.VALIDATION);
    assertThat(validation.get("valid").asBoolean()).isFalse();
    assertThat(validation.get("problems")).hasSize(3);
    JsonNode first = validation.get("problems").get(0);
    assertThat(first.get("step").asText()).isEqualTo("s2");
    assertThat(first.get("tool").asText()).isEqualTo("shell");
    assertThat(first.get("field").asText()).isEqualTo("tool");
    assertThat(first.get("problem").asText()).startsWith("unknown tool 'shell'");
  }

  @Test
  void validPlan_isStoredWithItsVerdict_andRunsToSuccess() {
    UUID taskId = newRunningTask();

    drain(runner(new DeterministicPlanner(TextPlanRules.all())));

    TaskSnapshot snapshot = store.snapshot(taskId).orElseThrow();
    assertThat(snapshot.task().status()).isEqualTo(TaskStatus.SUCCEEDED);
    JsonNode validation = snapshot.runs().get(0).planJson().orElseThrow().get(Pipeline.VALIDATION);
    assertThat(validation.get("valid").asBoolean()).isTrue();
    assertThat(validation.get("problems")).isEmpty();
    JsonNode metadata = snapshot.runs().get(0).resultJson().orElseThrow().get("metadata");
    assertThat(metadata.get("parallelism").asInt()).isEqualTo(ExecutorConfig.DEFAULT_PARALLELISM);
    assertThat(metadata.has("critical_path_ms")).isTrue();
    assertThat(metadata.has("saved_by_parallelism_ms")).isTrue();
  }
}
