package com.taskchain.orchestrator.llm.planner;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.taskchain.orchestrator.plan.Plan;
import java.util.Objects;

/**
 * What the LLM planner decided.
 *
 * @param plan the plan to run
 * @param producedBy {@code llm}, or {@code deterministic} after a fallback
 * @param fallbackReason why the deterministic planner's plan is used; null when the model's is
 * @param repaired whether the model's plan needed the repair round
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PlanOutcome(
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) Plan plan,
    @JsonProperty("produced_by") String producedBy,
    @JsonProperty("fallback_reason") String fallbackReason,
    boolean repaired) {
  public PlanOutcome {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(producedBy, "producedBy");
  }
}
