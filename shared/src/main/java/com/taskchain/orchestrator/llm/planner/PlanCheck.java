package com.taskchain.orchestrator.llm.planner;

import com.taskchain.orchestrator.plan.Plan;
import com.taskchain.orchestrator.plan.PlanRejection;
import com.taskchain.orchestrator.plan.PlanValidator;
import java.util.List;

/**
 * Checks a plan before it is accepted; the problems, in words, are sent back to the model for one
 * repair.
 */
@FunctionalInterface
public interface PlanCheck {
  /** The plan's problems; empty when it may run. */
  List<String> problems(Plan plan);

  /**
   * The executor's validator (allow-listed tools, arguments that bind, ids, dependencies, limits)
   * as a check.
   */
  static PlanCheck of(PlanValidator validator) {
    return plan ->
        validator.validate(plan).problems().stream().map(PlanRejection::toString).toList();
  }
}
