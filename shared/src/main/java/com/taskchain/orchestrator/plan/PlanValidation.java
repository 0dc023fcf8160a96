package com.taskchain.orchestrator.plan;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The validator's verdict on a plan. Stored with the plan in {@code plan_json} as {@code
 * "validation"}, so a rejected plan's reasons are visible on the task.
 *
 * @param valid whether the plan may run: no problems
 * @param problems every reason it may not, in plan order (empty when valid)
 * @param repairs the argument repairs the executor will make, e.g. {@code s2 (summarize): text
 *     taken from query}; they do not make a plan invalid
 */
public record PlanValidation(boolean valid, List<PlanRejection> problems, List<String> repairs) {
  public PlanValidation {
    problems = List.copyOf(problems);
    repairs = repairs == null ? List.of() : List.copyOf(repairs);
    if (valid != problems.isEmpty()) {
      throw new IllegalArgumentException("valid: must be true exactly when there are no problems");
    }
  }

  /** The verdict for these problems: valid when there are none. */
  public static PlanValidation of(List<PlanRejection> problems, List<String> repairs) {
    return new PlanValidation(problems.isEmpty(), problems, repairs);
  }

  /** The problems in one line, for a run's failure reason. */
  public String summary() {
    return problems.stream().map(PlanRejection::toString).collect(Collectors.joining("; "));
  }
}
