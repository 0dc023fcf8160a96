package com.taskchain.orchestrator.tool;

/**
 * A tool that also reads what the steps it depends on produced: the company's skills (severity,
 * escalation, change rules...) read the evidence steps' outputs, and the answer composer reads
 * everything. The executor calls {@link #call(Record, Upstream)} with the outcomes of the step's
 * {@code depends_on} steps; {@link #call(Record)} is the same with no upstream.
 *
 * <p>Like every tool, implementations are thread-safe and make exactly one attempt.
 *
 * @param <I> the input record
 * @param <O> the output record
 */
public interface EvidenceTool<I extends Record, O extends Record> extends Tool<I, O> {

  /**
   * Makes one attempt with the outcomes of the step's dependencies.
   *
   * @throws ToolException as {@link Tool#call}
   */
  O call(I input, Upstream upstream) throws ToolException;

  @Override
  default O call(I input) throws ToolException {
    return call(input, Upstream.none());
  }

  /**
   * Whether the step still runs when a dependency failed or was skipped (it then sees the failure
   * in its {@link Upstream}); otherwise it is skipped like any other step. A composer that reports
   * what could not be established answers true.
   */
  default boolean runsAfterFailedDependencies() {
    return false;
  }
}
