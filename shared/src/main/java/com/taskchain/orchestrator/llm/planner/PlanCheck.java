package com.taskchain.orchestrator.llm.planner;

import com.taskchain.orchestrator.plan.Plan;
import java.util.List;

/**
 * Checks a plan before it is accepted; the problems, in words, are sent back to the model for one
 * repair. A seam for the executor's plan validator: {@link StructuralPlanCheck} until it lands.
 */
@FunctionalInterface
public interface PlanCheck {
  /** The plan's problems; empty when it may run. */
  List<String> problems(Plan plan);
}
