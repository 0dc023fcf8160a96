package com.taskchain.orchestrator.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.answer.AnswerType;
import com.taskchain.orchestrator.answer.ComposeAnswer;
import com.taskchain.orchestrator.json.Json;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The last rule: decides the answer type ({@link AnswerTypes}), adds the type's {@link
 * AnswerRecipe} steps, and a final {@code compose_answer} step that depends on every step of the
 * plan. A task with no evidence step and no type of its own (a plain text task) gets no answer
 * step: its deliverable is the text tools' output, as in the Python service. Pure and thread-safe.
 */
public final class AnswerPlanRule implements PlanRule {
  /** The rule's name in the plan's notes. */
  public static final String NAME = "answer";

  /** The compose step's key. */
  static final String COMPOSE_KEY = "compose_answer";

  private final Map<AnswerType, AnswerRecipe> recipes = new EnumMap<>(AnswerType.class);
  private final List<String> evidenceTools;

  /**
   * @param recipes one recipe per type at most; a type without one composes from the evidence
   * @param evidenceTools the tools whose steps count as evidence for a general answer
   */
  public AnswerPlanRule(List<AnswerRecipe> recipes, List<String> evidenceTools) {
    for (AnswerRecipe recipe : recipes) {
      if (this.recipes.put(recipe.type(), recipe) != null) {
        throw new IllegalArgumentException("two recipes for " + recipe.type().wire());
      }
    }
    this.evidenceTools = List.copyOf(evidenceTools);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Proposal propose(TaskInput input, String text) {
    return propose(input, text, List.of());
  }

  @Override
  public Proposal propose(TaskInput input, String text, List<PlanStep> planned) {
    AnswerType type = AnswerTypes.detect(input);
    boolean hasEvidence = planned.stream().anyMatch(step -> evidenceTools.contains(step.tool()));
    if (type == AnswerType.GENERAL && !hasEvidence) {
      return Proposal.none("a plain text task: the text tools' outputs are the deliverable");
    }
    List<ProposedStep> steps = new ArrayList<>();
    AnswerRecipe recipe = recipes.get(type);
    if (recipe != null) {
      steps.addAll(recipe.steps(input, planned));
    }
    List<String> after = new ArrayList<>();
    planned.forEach(step -> after.add(step.id()));
    steps.forEach(step -> after.add(step.key()));
    ObjectNode args = Json.object();
    args.put("type", type.wire());
    steps.add(new ProposedStep(COMPOSE_KEY, ComposeAnswer.NAME, args, after));
    return new Proposal("the task asks for a " + type.wire() + " answer", steps);
  }
}
