package com.taskchain.orchestrator.plan;

import java.util.List;
import java.util.Objects;

/**
 * A typed plan: the tool calls to make, in order. This is {@code plan_json}.
 *
 * @param planner which planner produced it ({@code deterministic}, later {@code llm})
 * @param steps the steps in plan order; results keep this order
 * @param notes why each step is there, in words (the rules that fired)
 */
public record Plan(String planner, List<PlanStep> steps, List<String> notes) {
  public Plan {
    Objects.requireNonNull(planner, "planner");
    steps = List.copyOf(steps);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }
}
