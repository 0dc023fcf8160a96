package com.taskchain.orchestrator.plan;

import com.taskchain.orchestrator.tool.ArgumentProblem;
import com.taskchain.orchestrator.tool.InvalidArgumentsException;
import com.taskchain.orchestrator.tool.ToolDescriptor;
import com.taskchain.orchestrator.tool.ToolRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Judges a plan before anything of it runs, whichever planner wrote it (rules today, an LLM later).
 * A plan is rejected, with one {@link PlanRejection} per problem, when:
 *
 * <ul>
 *   <li>it has more steps than {@link PlanLimits#maxSteps()}, or than {@link
 *       PlanLimits#maxToolCalls()} (each step needs at least one call);
 *   <li>a step id is blank or used twice;
 *   <li>a step names a tool the registry does not have;
 *   <li>a step's arguments, after {@link ArgumentRepair}, do not bind to its tool's input ({@link
 *       ToolRegistry#bind}: unknown fields, wrong types, missing required fields, values the input
 *       refuses), each problem naming the argument;
 *   <li>a step depends on itself, on a step the plan does not have, or on a cycle of steps.
 * </ul>
 *
 * Plans in the seed's shape (no {@code depends_on}) stay valid. A dependency may name a later step:
 * only cycles are refused. Thread-safe (immutable); never throws for any plan.
 */
public final class PlanValidator {
  /** Reports at most this many problems, so that a runaway plan gives a readable verdict. */
  static final int MAX_PROBLEMS = 50;

  private final ToolRegistry registry;
  private final PlanLimits limits;

  public PlanValidator(ToolRegistry registry, PlanLimits limits) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  public PlanLimits limits() {
    return limits;
  }

  /** Every problem of the plan (none when it may run) and the repairs its arguments will get. */
  public PlanValidation validate(Plan plan) {
    List<PlanRejection> problems = new ArrayList<>();
    List<String> repairs = new ArrayList<>();
    List<PlanStep> steps = plan.steps();
    if (steps.size() > limits.maxSteps()) {
      problems.add(
          PlanRejection.ofPlan(
              "steps",
              "the plan has " + steps.size() + " steps; the limit is " + limits.maxSteps()));
    }
    if (steps.size() > limits.maxToolCalls()) {
      problems.add(
          PlanRejection.ofPlan(
              "steps",
              "the plan needs at least "
                  + steps.size()
                  + " tool calls; a run may make "
                  + limits.maxToolCalls()));
    }

    Map<String, PlanStep> byId = new LinkedHashMap<>();
    for (PlanStep step : steps) {
      if (step.id().isBlank()) {
        problems.add(PlanRejection.ofStep(step, "id", "must not be blank"));
      } else if (byId.putIfAbsent(step.id(), step) != null) {
        problems.add(PlanRejection.ofStep(step, "id", "is used by more than one step"));
      }
      checkArguments(step, problems, repairs);
    }
    for (PlanStep step : steps) {
      for (String dependency : new LinkedHashSet<>(step.dependsOn())) {
        if (dependency.equals(step.id())) {
          problems.add(PlanRejection.ofStep(step, "depends_on", "depends on itself"));
        } else if (!byId.containsKey(dependency)) {
          problems.add(
              PlanRejection.ofStep(
                  step, "depends_on", "depends on " + dependency + ", which is not in the plan"));
        }
      }
    }
    for (List<String> cycle : cycles(byId)) {
      PlanStep first = byId.get(cycle.get(0));
      problems.add(
          PlanRejection.ofStep(
              first, "depends_on", "dependency cycle " + String.join(" -> ", cycle)));
    }

    if (problems.size() > MAX_PROBLEMS) {
      int more = problems.size() - MAX_PROBLEMS;
      problems = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
      problems.add(PlanRejection.ofPlan("steps", "and " + more + " more problems"));
    }
    return PlanValidation.of(problems, repairs);
  }

  private void checkArguments(PlanStep step, List<PlanRejection> problems, List<String> repairs) {
    Optional<ToolDescriptor> descriptor = registry.descriptor(step.tool());
    if (descriptor.isEmpty()) {
      problems.add(
          PlanRejection.ofStep(
              step,
              "tool",
              "unknown tool '" + step.tool() + "'; known: " + String.join(", ", registry.names())));
      return;
    }
    ArgumentRepair.Result repair =
        ArgumentRepair.repair(descriptor.get().inputSchema(), step.args());
    for (String change : repair.changes()) {
      repairs.add(step.id() + " (" + step.tool() + "): " + change);
    }
    try {
      registry.bind(step.tool(), repair.args());
    } catch (InvalidArgumentsException e) {
      for (ArgumentProblem problem : e.problems()) {
        problems.add(PlanRejection.ofStep(step, problem.field(), problem.problem()));
      }
    }
  }

  /**
   * The dependency cycles among known steps, each as step ids from the step where the search met it
   * back to that step ({@code s1 -> s3 -> s1}: s1 depends on s3, which depends on s1).
   * Self-dependencies are reported on their own. Iterative, so that a long chain cannot overflow
   * the stack.
   */
  private static List<List<String>> cycles(Map<String, PlanStep> byId) {
    Set<String> done = new HashSet<>();
    List<List<String>> found = new ArrayList<>();
    for (String start : byId.keySet()) {
      if (done.contains(start)) {
        continue;
      }
      // The current path, and for each of its steps the dependencies still to look at.
      List<String> path = new ArrayList<>();
      Set<String> onPath = new HashSet<>();
      Deque<Iterator<String>> pending = new ArrayDeque<>();
      path.add(start);
      onPath.add(start);
      pending.push(dependencies(byId, start));
      while (!pending.isEmpty()) {
        Iterator<String> next = pending.peek();
        if (!next.hasNext()) {
          pending.pop();
          String finished = path.remove(path.size() - 1);
          onPath.remove(finished);
          done.add(finished);
          continue;
        }
        String dependency = next.next();
        if (onPath.contains(dependency)) {
          List<String> cycle = new ArrayList<>(path.subList(path.indexOf(dependency), path.size()));
          cycle.add(dependency);
          found.add(cycle);
        } else if (!done.contains(dependency)) {
          path.add(dependency);
          onPath.add(dependency);
          pending.push(dependencies(byId, dependency));
        }
      }
    }
    return found;
  }

  /** A step's dependencies on other known steps, each once. */
  private static Iterator<String> dependencies(Map<String, PlanStep> byId, String id) {
    Set<String> dependencies = new LinkedHashSet<>(byId.get(id).dependsOn());
    dependencies.removeIf(dependency -> dependency.equals(id) || !byId.containsKey(dependency));
    return dependencies.iterator();
  }
}
