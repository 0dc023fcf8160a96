package com.taskchain.orchestrator.plan;

/**
 * The size a plan may have to be run.
 *
 * @param maxSteps the most steps a plan may have
 * @param maxToolCalls the most tool calls one run may make; every step needs at least one, so a
 *     plan with more steps than this cannot finish and is rejected before it starts
 */
public record PlanLimits(int maxSteps, int maxToolCalls) {
  public PlanLimits {
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps: must be at least 1, got " + maxSteps);
    }
    if (maxToolCalls < 1) {
      throw new IllegalArgumentException("maxToolCalls: must be at least 1, got " + maxToolCalls);
    }
  }
}
