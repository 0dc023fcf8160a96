package com.taskchain.orchestrator.plan;

import com.taskchain.orchestrator.answer.ComposeAnswer;
import com.taskchain.orchestrator.tool.company.CompanyTools;
import com.taskchain.orchestrator.tool.text.TextTools;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rule-based planner of the seed: renders the task with {@link TaskText}, asks each {@link
 * PlanRule} in order what it adds, numbers the steps {@code s1, s2, ...} and writes into the plan's
 * notes which rule added each step and why (and why a rule added none).
 *
 * <p>The same input always gives the same plan. Thread-safe (immutable); {@link #plan} does not
 * throw for any valid {@link TaskInput}. A text longer than {@link TextTools#MAX_TEXT_CHARS} is cut
 * to that length, with a note, so that the text tools still accept it.
 */
public final class DeterministicPlanner implements Planner {
  /** The {@link Plan#planner()} value of plans written here. */
  public static final String NAME = "deterministic";

  private final List<PlanRule> rules;

  /** The seed's rules: {@link #defaultRules()}. */
  public DeterministicPlanner() {
    this(defaultRules());
  }

  /**
   * The seed's rules: {@link TextPlanRules#all()} with {@link CompanyPlanRules#all()} inserted
   * before the summary, which stays last.
   */
  public static List<PlanRule> defaultRules() {
    List<PlanRule> rules = new ArrayList<>(TextPlanRules.all());
    rules.addAll(rules.indexOf(TextPlanRules.SUMMARY), CompanyPlanRules.all());
    rules.add(new AnswerPlanRule(AnswerRecipes.all(), CompanyTools.NAMES));
    return List.copyOf(rules);
  }

  /**
   * A planner with the given rules, run in order.
   *
   * @throws IllegalArgumentException when there are no rules or two share a name
   */
  public DeterministicPlanner(List<PlanRule> rules) {
    this.rules = List.copyOf(rules);
    if (this.rules.isEmpty()) {
      throw new IllegalArgumentException("rules: must not be empty");
    }
    Set<String> names = new HashSet<>();
    for (PlanRule rule : this.rules) {
      if (!names.add(rule.name())) {
        throw new IllegalArgumentException("rules: duplicate rule name " + rule.name());
      }
    }
  }

  public List<PlanRule> rules() {
    return rules;
  }

  /**
   * Plans the task.
   *
   * @throws IllegalStateException when a rule is faulty (a step depends on an unknown key, or two
   *     steps share a key): a programming error, never a property of the input
   */
  @Override
  public Plan plan(TaskInput input) {
    List<String> notes = new ArrayList<>();
    String text = TaskText.render(input);
    if (text.length() > TextTools.MAX_TEXT_CHARS) {
      int cut = TextTools.MAX_TEXT_CHARS;
      if (Character.isHighSurrogate(text.charAt(cut - 1))) {
        cut--; // never split a character in two
      }
      notes.add(
          "text cut from " + text.length() + " to " + cut + " characters, the text tools' limit");
      text = text.substring(0, cut);
    }

    List<PlanStep> steps = new ArrayList<>();
    Map<String, String> idsByKey = new HashMap<>();
    for (PlanRule rule : rules) {
      PlanRule.Proposal proposal = rule.propose(input, text, List.copyOf(steps));
      notes.add(note(rule, proposal, append(rule, proposal, steps, idsByKey)));
    }
    return new Plan(NAME, steps, notes);
  }

  /**
   * The plan with the answer steps of an {@link AnswerPlanRule} appended (the type's skills and
   * {@code compose_answer}), numbered after its steps; the plan itself when it already composes an
   * answer. Used for plans that another planner (the LLM) wrote, so that every run answers.
   */
  public static Plan withAnswer(Plan plan, TaskInput input) {
    if (plan.steps().stream().anyMatch(s -> s.tool().equals(ComposeAnswer.NAME))) {
      return plan;
    }
    PlanRule rule = new AnswerPlanRule(AnswerRecipes.all(), CompanyTools.NAMES);
    List<PlanStep> steps = new ArrayList<>(plan.steps());
    PlanRule.Proposal proposal = rule.propose(input, TaskText.render(input), List.copyOf(steps));
    List<String> notes = new ArrayList<>(plan.notes());
    notes.add(note(rule, proposal, append(rule, proposal, steps, new HashMap<>())));
    return new Plan(plan.planner(), steps, notes);
  }

  /** Appends the proposal's steps with fresh ids; returns "id tool" of each. */
  private static List<String> append(
      PlanRule rule,
      PlanRule.Proposal proposal,
      List<PlanStep> steps,
      Map<String, String> idsByKey) {
    List<String> added = new ArrayList<>();
    for (ProposedStep proposed : proposal.steps()) {
      int number = steps.size() + 1;
      while (hasId(steps, "s" + number)) {
        number++;
      }
      String id = "s" + number;
      List<String> dependsOn = new ArrayList<>();
      for (String key : proposed.after()) {
        // A key of a step proposed earlier, or the id of a step already planned.
        String dependency = idsByKey.get(key);
        if (dependency == null && hasId(steps, key)) {
          dependency = key;
        }
        if (dependency == null) {
          throw new IllegalStateException(
              "rule " + rule.name() + ": step " + proposed.key() + " is after unknown " + key);
        }
        dependsOn.add(dependency);
      }
      if (idsByKey.putIfAbsent(proposed.key(), id) != null) {
        throw new IllegalStateException(
            "rule " + rule.name() + ": step key " + proposed.key() + " is already used");
      }
      steps.add(new PlanStep(id, proposed.tool(), proposed.args(), dependsOn));
      added.add(id + " " + proposed.tool());
    }
    return added;
  }

  private static boolean hasId(List<PlanStep> steps, String id) {
    return steps.stream().anyMatch(s -> s.id().equals(id));
  }

  private static String note(PlanRule rule, PlanRule.Proposal proposal, List<String> added) {
    String what = added.isEmpty() ? "added no steps" : "added " + String.join(", ", added);
    return "rule " + rule.name() + " " + what + " (" + proposal.reason() + ")";
  }
}
