package com.taskchain.orchestrator.plan;

import com.taskchain.orchestrator.answer.AnswerType;
import java.util.List;

/**
 * The steps one answer type needs beyond the evidence the other rules already planned: the evidence
 * its skills read that no rule fetched yet, and the skill steps themselves, each {@code after} the
 * evidence steps it reads. A proposed step may name in {@link ProposedStep#after()} either a key of
 * another step it proposes or the id ({@code s3}) of a step already planned. Implementations are
 * pure and thread-safe.
 */
public interface AnswerRecipe {

  /** The type this recipe answers. */
  AnswerType type();

  /**
   * The steps to add, in order.
   *
   * @param input the task
   * @param planned the steps planned so far by the earlier rules, with their ids
   */
  List<ProposedStep> steps(TaskInput input, List<PlanStep> planned);
}
