package com.taskchain.orchestrator.llm;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Tokens one or more LLM calls consumed, as the provider reported them.
 *
 * @param promptTokens tokens sent (system prompt, task data, schema)
 * @param completionTokens tokens the model wrote
 * @param totalTokens their sum as reported; the provider's figure, kept as given
 */
public record TokenUsage(
    @JsonProperty("prompt_tokens") long promptTokens,
    @JsonProperty("completion_tokens") long completionTokens,
    @JsonProperty("total_tokens") long totalTokens) {
  public static final TokenUsage ZERO = new TokenUsage(0, 0, 0);

  public TokenUsage {
    if (promptTokens < 0 || completionTokens < 0 || totalTokens < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
  }

  /** The sum of this and {@code other}. */
  public TokenUsage plus(TokenUsage other) {
    return new TokenUsage(
        promptTokens + other.promptTokens,
        completionTokens + other.completionTokens,
        totalTokens + other.totalTokens);
  }
}
