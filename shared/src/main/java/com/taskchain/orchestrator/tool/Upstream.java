package com.taskchain.orchestrator.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * What the steps a step depends on produced, in plan order, as the executor hands it to an {@link
 * EvidenceTool}. Immutable.
 *
 * @param steps one entry per dependency of the step
 */
public record Upstream(List<Step> steps) {
  private static final Upstream NONE = new Upstream(List.of());

  public Upstream {
    steps = List.copyOf(steps);
  }

  /** No dependencies. */
  public static Upstream none() {
    return NONE;
  }

  /**
   * One dependency's outcome.
   *
   * @param stepId the step's id in the plan
   * @param tool the tool it called
   * @param succeeded whether it succeeded
   * @param output its output (null unless it succeeded)
   * @param error why it failed or was skipped (null when it succeeded)
   */
  public record Step(String stepId, String tool, boolean succeeded, JsonNode output, String error) {
    public Step {
      Objects.requireNonNull(stepId, "step_id");
      Objects.requireNonNull(tool, "tool");
    }
  }

  /** The outputs of the succeeded steps that called {@code tool}, in plan order. */
  public List<JsonNode> outputsOf(String tool) {
    return steps.stream()
        .filter(s -> s.succeeded() && s.tool().equals(tool))
        .map(Step::output)
        .toList();
  }

  /** The first succeeded output of {@code tool}, or null. */
  public JsonNode firstOutputOf(String tool) {
    List<JsonNode> outputs = outputsOf(tool);
    return outputs.isEmpty() ? null : outputs.get(0);
  }

  /** The dependencies that did not succeed. */
  public List<Step> unsuccessful() {
    return steps.stream().filter(s -> !s.succeeded()).toList();
  }
}
