package com.taskchain.orchestrator.wiring;

import com.taskchain.orchestrator.config.ConfigException;
import com.taskchain.orchestrator.config.EnvReader;
import java.util.Map;

/**
 * Which planner and executor run ({@code ORCHESTRATOR_PLANNER_MODE}, {@code
 * ORCHESTRATOR_EXECUTOR_MODE}, the seed's names). Only {@code deterministic} is available in this
 * build; {@code llm} is refused with a clear message rather than silently ignored.
 */
public record ModeConfig(String plannerMode, String executorMode) {
  public static ModeConfig fromEnv(Map<String, String> env) {
    EnvReader reader = new EnvReader(env);
    String planner =
        reader.choice("ORCHESTRATOR_PLANNER_MODE", "deterministic", "deterministic", "llm");
    String executor =
        reader.choice("ORCHESTRATOR_EXECUTOR_MODE", "deterministic", "deterministic", "llm");
    if (planner.equals("llm") || executor.equals("llm")) {
      throw new ConfigException(
          "ORCHESTRATOR_PLANNER_MODE / ORCHESTRATOR_EXECUTOR_MODE = llm is not available in this build"
              + " yet; use deterministic");
    }
    return new ModeConfig(planner, executor);
  }
}
