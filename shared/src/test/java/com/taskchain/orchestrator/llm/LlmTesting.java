package com.taskchain.orchestrator.llm;

import java.util.HashMap;
import java.util.Map;

/** Configuration for tests against {@link MockOpenAi}. */
public final class LlmTesting {
  /** A fake key; tests assert it never shows up in artifacts or logs. */
  public static final String FAKE_KEY = "sk-test-4f9c2a7e1b3d5c6a8e0f";

  private LlmTesting() {}

  /** Environment for a client of {@code mock}: no backoff, short deadlines, the given extras. */
  public static Map<String, String> env(MockOpenAi mock, String... extra) {
    Map<String, String> env = new HashMap<>();
    env.put("OPENAI_API_KEY", FAKE_KEY);
    env.put("ORCHESTRATOR_LLM_BASE_URL", mock.baseUrl());
    env.put("ORCHESTRATOR_LLM_BACKOFF_S", "0");
    env.put("ORCHESTRATOR_PLANNER_TIMEOUT_S", "5");
    env.put("ORCHESTRATOR_EXECUTOR_LLM_TIMEOUT_S", "5");
    for (int i = 0; i + 1 < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return env;
  }

  public static LlmConfig config(MockOpenAi mock, String... extra) {
    return LlmConfig.fromEnv(env(mock, extra));
  }
}
