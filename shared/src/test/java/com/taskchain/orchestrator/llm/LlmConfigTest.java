package com.taskchain.orchestrator.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.taskchain.orchestrator.config.ConfigException;
import com.taskchain.orchestrator.wiring.ModeConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmConfigTest {
  @Test
  void emptyEnvironment_givesTheSeedsDefaults_andNoKey() {
    LlmConfig config = LlmConfig.fromEnv(Map.of());

    assertThat(config.provider()).isEqualTo("openai");
    assertThat(config.model()).isEqualTo("gpt-4o-mini");
    assertThat(config.apiKey()).isEmpty();
    assertThat(config.baseUrl()).isEmpty();
    assertThat(config.maxRetries()).isEqualTo(2);
    assertThat(config.rerankMode()).isEqualTo("auto");
    assertThat(config.prices().price("gpt-4o-mini")).isPresent();
  }

  @Test
  void toString_masksTheKey() {
    LlmConfig config = LlmConfig.fromEnv(Map.of("OPENAI_API_KEY", LlmTesting.FAKE_KEY));

    assertThat(config.toString()).doesNotContain(LlmTesting.FAKE_KEY).contains("apiKey=****");
  }

  @Test
  void everyVariable_isRead() {
    LlmConfig config =
        LlmConfig.fromEnv(
            Map.ofEntries(
                Map.entry("OPENAI_API_KEY", "k-123"),
                Map.entry("ORCHESTRATOR_LLM_MODEL", "gpt-4o"),
                Map.entry("ORCHESTRATOR_LLM_BASE_URL", "http://127.0.0.1:9999/v1"),
                Map.entry("ORCHESTRATOR_LLM_MAX_RETRIES", "4"),
                Map.entry("ORCHESTRATOR_LLM_BACKOFF_S", "0.25"),
                Map.entry("ORCHESTRATOR_LLM_TRACE", "1"),
                Map.entry("ORCHESTRATOR_PLANNER_TIMEOUT_S", "12"),
                Map.entry("ORCHESTRATOR_EXECUTOR_LLM_TIMEOUT_S", "3"),
                Map.entry("ORCHESTRATOR_RAG_RERANK_MODE", "llm"),
                Map.entry("ORCHESTRATOR_RAG_RERANK_TIMEOUT_S", "2"),
                Map.entry("ORCHESTRATOR_LLM_RUN_TOKEN_BUDGET", "777"),
                Map.entry("ORCHESTRATOR_LLM_PRICES", "gpt-4o=1:2")));

    assertThat(config.apiKey()).contains("k-123");
    assertThat(config.model()).isEqualTo("gpt-4o");
    assertThat(config.baseUrl().orElseThrow().getPort()).isEqualTo(9999);
    assertThat(config.maxRetries()).isEqualTo(4);
    assertThat(config.backoff()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.trace()).isTrue();
    assertThat(config.plannerTimeout()).isEqualTo(Duration.ofSeconds(12));
    assertThat(config.executorTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.rerankMode()).isEqualTo("llm");
    assertThat(config.rerankTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.runTokenBudget()).isEqualTo(777);
    assertThat(config.prices().price("gpt-4o-mini")).isEmpty();
    assertThat(config.prices().cost("gpt-4o", new TokenUsage(1_000_000, 500_000, 1_500_000)))
        .contains(new BigDecimal("2.000000"));
  }

  @Test
  void malformedPriceEntry_isAConfigErrorNamingTheVariable() {
    assertThatThrownBy(() -> LlmConfig.fromEnv(Map.of("ORCHESTRATOR_LLM_PRICES", "gpt-4o=cheap")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_LLM_PRICES");
  }

  @Test
  void llmModeWithoutKey_isRefusedNamingTheModeAndTheKey() {
    assertThatThrownBy(() -> ModeConfig.fromEnv(Map.of("ORCHESTRATOR_PLANNER_MODE", "llm")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_PLANNER_MODE=llm")
        .hasMessageContaining("OPENAI_API_KEY");
    assertThatThrownBy(() -> ModeConfig.fromEnv(Map.of("ORCHESTRATOR_EXECUTOR_MODE", "llm")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_EXECUTOR_MODE=llm");
  }

  @Test
  void llmToolDeadlineNotBelowTheToolTimeout_isRefused() {
    assertThatThrownBy(
            () ->
                ModeConfig.fromEnv(
                    Map.of(
                        "ORCHESTRATOR_EXECUTOR_MODE", "llm",
                        "OPENAI_API_KEY", "k",
                        "ORCHESTRATOR_EXECUTOR_LLM_TIMEOUT_S", "10",
                        "ORCHESTRATOR_TOOL_TIMEOUT_S", "10")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_EXECUTOR_LLM_TIMEOUT_S");
  }

  @Test
  void llmModeWithKey_isAccepted_andDeterministicNeedsNoKey() {
    ModeConfig modes =
        ModeConfig.fromEnv(
            Map.of("ORCHESTRATOR_PLANNER_MODE", "llm", "OPENAI_API_KEY", LlmTesting.FAKE_KEY));
    assertThat(modes.llmPlanner()).isTrue();
    assertThat(modes.llmExecutor()).isFalse();
    assertThat(ModeConfig.fromEnv(Map.of()).usesLlm()).isFalse();
  }
}
