package com.taskchain.orchestrator.plan;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * One rule of the {@link DeterministicPlanner}: looks at a task and proposes steps, or none. Rules
 * run in order and their steps are appended in that order, so a new family of tools (company,
 * incident, retrieval) is a new rule in the list, not a rewrite. Implementations are pure and
 * thread-safe.
 */
public interface PlanRule {

  /** A stable name, quoted in the plan's notes, e.g. {@code risk_like}. */
  String name();

  /**
   * What this rule adds for the task.
   *
   * @param input the task as given
   * @param text the task rendered by {@link TaskText#render}, capped to what the text tools accept
   */
  Proposal propose(TaskInput input, String text);

  /**
   * What this rule adds, knowing the steps planned before it (with their ids, which its steps may
   * name in {@link ProposedStep#after()}). By default the same as {@link #propose(TaskInput,
   * String)}.
   */
  default Proposal propose(TaskInput input, String text, List<PlanStep> planned) {
    return propose(input, text);
  }

  /**
   * What a rule decided.
   *
   * @param reason why the rule added its steps, or why it added none; written into the plan's notes
   * @param steps the steps to append, in order; empty when the rule does not apply
   */
  record Proposal(String reason, List<ProposedStep> steps) {
    public Proposal {
      Objects.requireNonNull(reason, "reason");
      steps = List.copyOf(steps);
    }

    public static Proposal of(String reason, ProposedStep... steps) {
      return new Proposal(reason, List.of(steps));
    }

    public static Proposal none(String reason) {
      return new Proposal(reason, List.of());
    }
  }

  /** A rule from a name and a function. */
  static PlanRule of(String name, BiFunction<TaskInput, String, Proposal> propose) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(propose, "propose");
    return new PlanRule() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Proposal propose(TaskInput input, String text) {
        return propose.apply(input, text);
      }

      @Override
      public String toString() {
        return "PlanRule[" + name + "]";
      }
    };
  }
}
