package com.taskchain.orchestrator.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskchain.orchestrator.execute.ExecutorConfig;
import com.taskchain.orchestrator.pipeline.LlmPipeline;
import com.taskchain.orchestrator.task.RunStatus;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.text.TextTools;
import com.taskchain.orchestrator.verify.RuleVerifier;
import com.taskchain.orchestrator.wiring.ModeConfig;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * In a mixed configuration the deterministic stages, and the verify stage always, never ask for the
 * LLM client (so they never create it, nor load the SDK). Re-ranking is off here: in {@code auto}
 * mode with a key it asks in the execute stage whatever the executor mode ({@code
 * RerankingSearchToolTest} covers that).
 */
class DeterministicStagesTest {
  private static PipelineRuns.Artifacts run(Map<String, String> env, AtomicInteger asked)
      throws Exception {
    ToolRegistry tools = PipelineRuns.tools();
    LlmPipeline pipeline =
        new LlmPipeline(
            ModeConfig.fromEnv(env),
            LlmConfig.fromEnv(env),
            () -> {
              asked.incrementAndGet();
              throw new IllegalStateException("the client must not be asked for");
            },
            tools,
            ExecutorConfig.fromEnv(env),
            new RuleVerifier(tools));
    return PipelineRuns.run(pipeline, LlmPipelineTest.TASK, LlmPipelineTest.seedContext());
  }

  @Test
  void llmExecutorOnly_planAndVerifyNeverAskForTheClient() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    // Execute asks (and falls back on the failure); plan and verify must not.
    PipelineRuns.Artifacts run =
        run(
            Map.of(
                "ORCHESTRATOR_EXECUTOR_MODE",
                "llm",
                "OPENAI_API_KEY",
                LlmTesting.FAKE_KEY,
                "ORCHESTRATOR_RAG_RERANK_MODE",
                "deterministic"),
            asked);

    assertThat(run.plan().get("planner").asText()).isEqualTo("deterministic");
    assertThat(run.plan().has("llm")).isFalse();
    // One ask per text-tool step and one for the answer's text (the company tools make no LLM
    // call).
    int textSteps = 0;
    for (var result : run.result().get("tool_results")) {
      if (TextTools.NAMES.contains(result.get("tool").asText())
          || result.get("tool").asText().equals("compose_answer")) {
        textSteps++;
      }
    }
    assertThat(asked.get()).isEqualTo(textSteps);
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void llmPlannerOnly_executeAndVerifyNeverAskForTheClient() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    PipelineRuns.Artifacts run =
        run(
            Map.of(
                "ORCHESTRATOR_PLANNER_MODE",
                "llm",
                "OPENAI_API_KEY",
                LlmTesting.FAKE_KEY,
                "ORCHESTRATOR_RAG_RERANK_MODE",
                "deterministic"),
            asked);

    assertThat(asked.get()).isEqualTo(1);
    assertThat(run.result().at("/metadata/llm/calls")).isEmpty();
    assertThat(run.result().at("/metadata/llm/mode").asText()).isEqualTo("deterministic");
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
  }
}
