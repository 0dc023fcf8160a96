package com.taskchain.orchestrator.wiring;

import com.taskchain.orchestrator.config.ConfigException;
import com.taskchain.orchestrator.config.EnvReader;
import com.taskchain.orchestrator.execute.ExecutorConfig;
import com.taskchain.orchestrator.llm.LlmConfig;
import java.util.Map;

/**
 * Which planner and executor run ({@code ORCHESTRATOR_PLANNER_MODE}, {@code
 * ORCHESTRATOR_EXECUTOR_MODE}, the seed's names): {@code deterministic} (the default) or {@code
 * llm}. LLM mode needs {@code OPENAI_API_KEY}; without it the configuration is refused at cold
 * start, as the seed refused to start. Reading it never loads the OpenAI SDK.
 */
public record ModeConfig(String plannerMode, String executorMode) {
  public static final String DETERMINISTIC = "deterministic";
  public static final String LLM = "llm";

  /**
   * Reads and checks the modes, and in LLM mode the LLM settings.
   *
   * @throws ConfigException naming the variable at fault
   */
  public static ModeConfig fromEnv(Map<String, String> env) {
    EnvReader reader = new EnvReader(env);
    String planner = reader.choice("ORCHESTRATOR_PLANNER_MODE", DETERMINISTIC, DETERMINISTIC, LLM);
    String executor =
        reader.choice("ORCHESTRATOR_EXECUTOR_MODE", DETERMINISTIC, DETERMINISTIC, LLM);
    ModeConfig modes = new ModeConfig(planner, executor);
    if (modes.usesLlm()) {
      String which =
          planner.equals(LLM) ? "ORCHESTRATOR_PLANNER_MODE=llm" : "ORCHESTRATOR_EXECUTOR_MODE=llm";
      LlmConfig llm = LlmConfig.fromEnv(env).requireKey(which);
      if (modes.llmExecutor()) {
        ExecutorConfig executorConfig = ExecutorConfig.fromEnv(env);
        if (llm.executorTimeout().compareTo(executorConfig.toolTimeout()) >= 0) {
          throw new ConfigException(
              "ORCHESTRATOR_EXECUTOR_LLM_TIMEOUT_S ("
                  + llm.executorTimeout().toMillis() / 1000d
                  + " s) must be below ORCHESTRATOR_TOOL_TIMEOUT_S ("
                  + executorConfig.toolTimeout().toMillis() / 1000d
                  + " s), so that a slow model leaves time for the deterministic fallback");
        }
      }
    }
    return modes;
  }

  public boolean llmPlanner() {
    return plannerMode.equals(LLM);
  }

  public boolean llmExecutor() {
    return executorMode.equals(LLM);
  }

  /** Whether any stage may call a model. */
  public boolean usesLlm() {
    return llmPlanner() || llmExecutor();
  }
}
