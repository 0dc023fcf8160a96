package com.taskchain.orchestrator.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One reason a plan cannot run, in the structured form stored on the task.
 *
 * @param step the step at fault, or null for the plan as a whole (too many steps)
 * @param tool the step's tool, or null for the plan as a whole
 * @param field what is wrong: an argument's path ({@code text}, {@code items[2].name}), or one of
 *     the step's own fields ({@code id}, {@code tool}, {@code depends_on}), or the plan's list of
 *     steps for problems of the whole plan
 * @param problem what is wrong, in words
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PlanRejection(String step, String tool, String field, String problem) {
  public PlanRejection {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(problem, "problem");
  }

  /** A problem of the plan as a whole. */
  public static PlanRejection ofPlan(String field, String problem) {
    return new PlanRejection(null, null, field, problem);
  }

  /** A problem of one step. */
  public static PlanRejection ofStep(PlanStep step, String field, String problem) {
    return new PlanRejection(step.id(), step.tool(), field, problem);
  }

  /** E.g. {@code step s2 (summarize) text: is required}, or {@code steps: ...} for the plan. */
  @Override
  public String toString() {
    String where = step == null ? "" : "step " + step + " (" + tool + ") ";
    return where + (field.isEmpty() ? "" : field + ": ") + problem;
  }
}
