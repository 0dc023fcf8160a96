package com.taskchain.orchestrator.verify;

import com.taskchain.orchestrator.execute.ExecutionResult;
import com.taskchain.orchestrator.plan.Plan;
import com.taskchain.orchestrator.plan.TaskInput;

/**
 * Judges an execution against its plan. Thread-safe; never throws for bad content, it fails a
 * check.
 */
public interface Verifier {
  Verification verify(TaskInput input, Plan plan, ExecutionResult result);
}
