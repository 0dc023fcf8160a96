package com.taskchain.orchestrator.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.execute.ExecutorConfig;
import com.taskchain.orchestrator.pipeline.LlmPipeline;
import com.taskchain.orchestrator.pipeline.StageFailure;
import com.taskchain.orchestrator.pipeline.StageWork;
import com.taskchain.orchestrator.queue.Stage;
import com.taskchain.orchestrator.retrieval.RetrievalIndex;
import com.taskchain.orchestrator.task.RunRecord;
import com.taskchain.orchestrator.task.RunStatus;
import com.taskchain.orchestrator.task.TaskRecord;
import com.taskchain.orchestrator.task.TaskStatus;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.company.CompanySystemsConfig;
import com.taskchain.orchestrator.tool.company.CompanyTools;
import com.taskchain.orchestrator.tool.text.TextTools;
import com.taskchain.orchestrator.verify.RuleVerifier;
import com.taskchain.orchestrator.wiring.ModeConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Runs the three stages of {@link LlmPipeline} in memory, as the stage runner would. */
final class PipelineRuns {
  /** The three artifacts of one run. */
  record Artifacts(JsonNode plan, JsonNode result, JsonNode verification, RunStatus status) {
    String all() {
      return plan + "\n" + result + "\n" + verification;
    }
  }

  private PipelineRuns() {}

  /**
   * The text tools and the company tools (no company system configured), as production registers
   * them: the deterministic fallback plans company steps for issue, incident and update tasks.
   */
  static ToolRegistry tools() {
    List<Tool<?, ?>> tools = new ArrayList<>(TextTools.all());
    tools.addAll(com.taskchain.orchestrator.skill.SkillTools.all(CompanySystemsConfig.none()));
    tools.addAll(CompanyTools.all(CompanySystemsConfig.none(), RetrievalIndex::shared));
    return ToolRegistry.of(tools);
  }

  static LlmPipeline pipeline(Map<String, String> env, LlmClient client) {
    ToolRegistry tools = tools();
    return new LlmPipeline(
        ModeConfig.fromEnv(env),
        LlmConfig.fromEnv(env),
        () -> client,
        tools,
        ExecutorConfig.fromEnv(env),
        new RuleVerifier(tools));
  }

  static Artifacts run(StageWork work, String task, ObjectNode context) throws StageFailure {
    Instant now = Instant.now();
    UUID taskId = UUID.randomUUID();
    UUID runId = UUID.randomUUID();
    TaskRecord record =
        new TaskRecord(taskId, task, context, TaskStatus.RUNNING, Optional.of(runId), 1, now, now);
    RunRecord run = run(runId, taskId, Optional.empty(), Optional.empty(), now);
    JsonNode plan = work.perform(Stage.PLAN, record, run).artifact();
    run = run(runId, taskId, Optional.of(plan), Optional.empty(), now);
    JsonNode result = work.perform(Stage.EXECUTE, record, run).artifact();
    run = run(runId, taskId, Optional.of(plan), Optional.of(result), now);
    StageWork.Artifact verify = work.perform(Stage.VERIFY, record, run);
    return new Artifacts(plan, result, verify.artifact(), verify.finalStatus().orElseThrow());
  }

  private static RunRecord run(
      UUID runId, UUID taskId, Optional<JsonNode> plan, Optional<JsonNode> result, Instant now) {
    return new RunRecord(
        runId,
        taskId,
        1,
        RunStatus.RUNNING,
        "plan",
        1,
        1,
        0,
        plan,
        result,
        Optional.empty(),
        Optional.empty(),
        now,
        now,
        now,
        Optional.empty());
  }
}
