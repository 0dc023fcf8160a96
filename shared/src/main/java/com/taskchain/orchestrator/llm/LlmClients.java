package com.taskchain.orchestrator.llm;

/**
 * Creates LLM clients. The OpenAI SDK (25 jars, seconds of class loading) is loaded on the first
 * call of {@link #openAi}, never before: wiring refers to this class, not to the implementation.
 */
public final class LlmClients {
  private LlmClients() {}

  /**
   * The OpenAI-compatible client for the configuration.
   *
   * @throws com.taskchain.orchestrator.config.ConfigException when the key is missing
   */
  public static LlmClient openAi(LlmConfig config) {
    return OpenAiLlmClient.create(config.requireKey("an LLM call"));
  }
}
