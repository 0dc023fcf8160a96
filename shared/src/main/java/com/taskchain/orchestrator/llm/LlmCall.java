package com.taskchain.orchestrator.llm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * The record of one LLM call in an artifact.
 *
 * @param purpose what it was for ({@code plan}, {@code tool:summarize})
 * @param model the model asked
 * @param outcome {@code ok}, or the {@link LlmException.Reason} in lower case
 * @param attempts requests sent (0 when the budget stopped the call)
 * @param durationMs wall time
 * @param tokens tokens over all attempts
 * @param costUsd estimated cost; null when the model has no price
 * @param error why it failed; null when ok
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LlmCall(
    String purpose,
    String model,
    String outcome,
    int attempts,
    @JsonProperty("duration_ms") long durationMs,
    TokenUsage tokens,
    @JsonProperty("cost_usd") BigDecimal costUsd,
    String error) {}
