package com.taskchain.orchestrator.llm.planner;

import com.taskchain.orchestrator.plan.Plan;
import com.taskchain.orchestrator.plan.PlanStep;
import com.taskchain.orchestrator.tool.InvalidArgumentsException;
import com.taskchain.orchestrator.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The checks every plan must pass: at least one and at most {@value #MAX_STEPS} steps, unique ids,
 * only tools of the registry (the allow-list), dependencies on earlier steps only (so no cycles),
 * arguments that bind to the tool's input. Thread-safe.
 */
public final class StructuralPlanCheck implements PlanCheck {
  /** The most steps an LLM plan may have. */
  public static final int MAX_STEPS = 12;

  private final ToolRegistry registry;

  public StructuralPlanCheck(ToolRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public List<String> problems(Plan plan) {
    List<String> problems = new ArrayList<>();
    if (plan.steps().isEmpty()) {
      problems.add("the plan has no steps");
    }
    if (plan.steps().size() > MAX_STEPS) {
      problems.add("the plan has " + plan.steps().size() + " steps; at most " + MAX_STEPS);
    }
    Set<String> seen = new HashSet<>();
    for (PlanStep step : plan.steps()) {
      if (!seen.add(step.id())) {
        problems.add("step id " + step.id() + " is used twice");
      }
      if (!registry.contains(step.tool())) {
        problems.add(
            "step "
                + step.id()
                + ": tool '"
                + step.tool()
                + "' is not in the catalogue; use one of "
                + registry.names());
        continue;
      }
      for (String dependency : step.dependsOn()) {
        if (dependency.equals(step.id()) || !seen.contains(dependency)) {
          problems.add(
              "step " + step.id() + ": depends_on " + dependency + " is not an earlier step");
        }
      }
      try {
        registry.bind(step.tool(), step.args());
      } catch (InvalidArgumentsException e) {
        problems.add("step " + step.id() + ": " + e.getMessage());
      }
    }
    return problems;
  }
}
