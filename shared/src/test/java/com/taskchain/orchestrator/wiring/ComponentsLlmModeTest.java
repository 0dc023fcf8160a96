package com.taskchain.orchestrator.wiring;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.taskchain.orchestrator.config.ConfigException;
import com.taskchain.orchestrator.config.Environment;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** LLM mode without a key is refused at cold start, and by every stage that would need it. */
class ComponentsLlmModeTest {
  @AfterEach
  void restore() {
    Environment.install(Map.of());
    Components.reset();
  }

  @Test
  void llmModeWithoutKey_failsTheColdStartCheck_namingTheKey() {
    Environment.install(Map.of("ORCHESTRATOR_EXECUTOR_MODE", "llm", "OPENAI_API_KEY", ""));
    Components.reset();

    assertThatThrownBy(Components::checkConfiguration)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_EXECUTOR_MODE=llm")
        .hasMessageContaining("OPENAI_API_KEY");
  }

  @Test
  void llmModeWithoutKey_failsEveryStageRunnerRequest_notOnlyTheFirst() {
    Environment.install(Map.of("ORCHESTRATOR_PLANNER_MODE", "llm", "OPENAI_API_KEY", ""));
    Components.reset();

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(Components::stageRunner)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("OPENAI_API_KEY");
    }
  }
}
