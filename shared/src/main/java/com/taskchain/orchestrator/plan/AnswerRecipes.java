package com.taskchain.orchestrator.plan;

import java.util.List;

/** The recipe of each answer type that has skills. */
public final class AnswerRecipes {
  private AnswerRecipes() {}

  /**
   * Every recipe, one per type at most, in {@link com.taskchain.orchestrator.answer.AnswerType}
   * order.
   */
  public static List<AnswerRecipe> all() {
    return List.of(
        new IncidentTriageRecipe(),
        new EscalationRecipe(),
        new ChangeApprovalRecipe(),
        new RollbackDecisionRecipe(),
        new AuditRecipe(),
        new ExecutiveUpdateRecipe());
  }
}
