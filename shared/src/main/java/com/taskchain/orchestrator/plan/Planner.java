package com.taskchain.orchestrator.plan;

/** Writes a plan for a task. Implementations are thread-safe and deterministic ones never throw. */
public interface Planner {
  Plan plan(TaskInput input);
}
