package com.taskchain.orchestrator.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.llm.PipelineRuns.Artifacts;
import com.taskchain.orchestrator.task.RunStatus;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one live test: the seed's task through both LLM modes against the real provider. Runs only
 * when {@code RUN_LIVE_LLM_TESTS=1} and {@code OPENAI_API_KEY} are set (the seed's names);
 * otherwise it is skipped with a message. Figures are printed, not asserted: the model may fall
 * back, and the run must still succeed.
 */
class LiveLlmTest {
  @Test
  void seedTask_inLlmMode_againstTheRealProvider_succeeds() throws Exception {
    Map<String, String> process = System.getenv();
    assumeTrue(
        "1".equals(process.get("RUN_LIVE_LLM_TESTS"))
            && process.get("OPENAI_API_KEY") != null
            && !process.get("OPENAI_API_KEY").isBlank(),
        "live LLM test skipped: set RUN_LIVE_LLM_TESTS=1 and OPENAI_API_KEY to run it");
    Map<String, String> env = new HashMap<>(process);
    env.put("ORCHESTRATOR_PLANNER_MODE", "llm");
    env.put("ORCHESTRATOR_EXECUTOR_MODE", "llm");
    try (LlmClient client = LlmClients.openAi(LlmConfig.fromEnv(env))) {
      Artifacts run =
          PipelineRuns.run(
              PipelineRuns.pipeline(env, client),
              LlmPipelineTest.TASK,
              LlmPipelineTest.seedContext());

      System.out.println("plan llm report: " + Json.write(run.plan().get("llm")));
      System.out.println("execute llm report: " + Json.write(run.result().at("/metadata/llm")));
      assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(run.all()).doesNotContain(process.get("OPENAI_API_KEY"));
    }
  }
}
