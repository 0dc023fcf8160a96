package com.taskchain.orchestrator.llm.planner;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The plan as the model writes it; bound strictly, then checked by {@link LlmPlanner} before it
 * becomes a {@link com.taskchain.orchestrator.plan.Plan}.
 *
 * @param steps the tool calls in order
 */
public record LlmPlanReply(@JsonProperty(required = true) List<Step> steps) {
  public LlmPlanReply {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /**
   * One proposed step.
   *
   * @param id the model's id for the step, referenced by {@code depends_on}
   * @param tool a tool name from the catalogue
   * @param args the tool's arguments; {@code text} is always replaced by the task's own text
   * @param dependsOn ids of earlier steps
   * @param why one sentence: why the step is needed
   */
  public record Step(
      @JsonProperty(required = true) String id,
      @JsonProperty(required = true) String tool,
      ObjectNode args,
      @JsonProperty("depends_on") List<String> dependsOn,
      String why) {
    public Step {
      dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }
  }
}
