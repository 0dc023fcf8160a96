package com.taskchain.orchestrator.llm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * The LLM part of a stage's artifact: {@code plan_json.llm} and {@code result_json.metadata.llm}.
 *
 * @param stage {@code plan} or {@code execute}
 * @param mode the configured mode of that stage ({@code llm} or {@code deterministic})
 * @param model the configured model
 * @param calls every call of the stage, in order
 * @param fallbacks every deterministic fallback of the stage
 * @param stageTokens tokens of this stage's calls
 * @param runTokens tokens of the run so far (earlier stages plus this one)
 * @param stageCostUsd estimated cost of this stage; null when a call's model has no price
 * @param runCostUsd estimated cost of the run so far; null when unknown
 * @param budgetTokens the run's token budget
 * @param budgetExhausted whether the budget stopped a call in this stage
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LlmUsageReport(
    String stage,
    String mode,
    String model,
    List<LlmCall> calls,
    List<Fallback> fallbacks,
    @JsonProperty("stage_tokens") TokenUsage stageTokens,
    @JsonProperty("run_tokens") TokenUsage runTokens,
    @JsonProperty("stage_cost_usd") BigDecimal stageCostUsd,
    @JsonProperty("run_cost_usd") BigDecimal runCostUsd,
    @JsonProperty("budget_tokens") long budgetTokens,
    @JsonProperty("budget_exhausted") boolean budgetExhausted) {
  public LlmUsageReport {
    calls = List.copyOf(calls);
    fallbacks = List.copyOf(fallbacks);
  }
}
