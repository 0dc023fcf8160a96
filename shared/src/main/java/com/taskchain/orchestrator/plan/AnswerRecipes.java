package com.taskchain.orchestrator.plan;

import java.util.ArrayList;
import java.util.List;

/** The recipe of each answer type that has skills. */
public final class AnswerRecipes {
  private AnswerRecipes() {}

  /** Every recipe, one per type at most. */
  public static List<AnswerRecipe> all() {
    List<AnswerRecipe> recipes = new ArrayList<>();
    recipes.add(new EscalationRecipe());
    recipes.add(new ChangeApprovalRecipe());
    recipes.add(new AuditRecipe());
    return List.copyOf(recipes);
  }
}
