package com.taskchain.orchestrator.plan;

import java.util.List;

/** The recipe of each answer type that has skills. */
public final class AnswerRecipes {
  private AnswerRecipes() {}

  /** Every recipe, one per type at most. */
  public static List<AnswerRecipe> all() {
    return List.of(
        new IncidentTriageRecipe(), new RollbackDecisionRecipe(), new ExecutiveUpdateRecipe());
  }
}
