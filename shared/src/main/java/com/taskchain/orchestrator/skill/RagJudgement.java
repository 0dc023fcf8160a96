package com.taskchain.orchestrator.skill;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Judges the RAG status from the evidence with the rules of {@link ExecutiveRules#rules()}: the
 * first rule whose condition holds decides, Green when none does. Pure and thread-safe.
 */
public final class RagJudgement {
  private RagJudgement() {}

  /**
   * What the status is judged on.
   *
   * @param at the time of the update
   * @param incidents the incidents in the update's scope
   * @param overdueMilestones planned milestones whose date has passed without being done
   * @param decisions decisions the record asks leadership for
   * @param risks the open risks, by id and likelihood
   */
  public record Signals(
      Instant at,
      List<IncidentTimeline> incidents,
      List<String> overdueMilestones,
      List<String> decisions,
      List<Risk> risks) {
    public Signals {
      Objects.requireNonNull(at, "at");
      incidents = List.copyOf(incidents);
      overdueMilestones = List.copyOf(overdueMilestones);
      decisions = List.copyOf(decisions);
      risks = List.copyOf(risks);
    }
  }

  /** An open risk: its id and likelihood as the register writes it. */
  public record Risk(String id, String likelihood) {}

  /**
   * The status and why.
   *
   * @param status the status
   * @param reads how it reads ("customer harm ongoing"), or "on plan" for Green by default
   * @param because the facts that made the deciding rule hold; empty for Green by default
   */
  public record Verdict(Rag status, String reads, List<String> because) {
    public Verdict {
      Objects.requireNonNull(status, "status");
      because = List.copyOf(because);
    }
  }

  /** The verdict of {@code rules} on {@code signals}. */
  public static Verdict judge(ExecutiveRules rules, Signals signals) {
    for (ExecutiveRules.RagRule rule : rules.rules()) {
      List<String> because = holds(rule, signals);
      if (!because.isEmpty()) {
        return new Verdict(rule.status(), rule.reads(), because);
      }
    }
    return new Verdict(Rag.GREEN, rules.rag().getOrDefault(Rag.GREEN, "on plan"), List.of());
  }

  private static List<String> holds(ExecutiveRules.RagRule rule, Signals signals) {
    List<String> because = new ArrayList<>();
    String at = Text.dateTime(signals.at());
    switch (rule.when()) {
      case "unmitigated_incident" -> {
        for (IncidentTimeline incident : signals.incidents()) {
          if (rule.severities().contains(incident.ticket().severity())
              && incident.openAt(signals.at())
              && !incident.mitigatedAt(signals.at())) {
            because.add(
                incident.ticket().key()
                    + " ("
                    + incident.ticket().severity()
                    + ") was open and not mitigated at "
                    + at);
          }
        }
      }
      case "open_incident" -> {
        for (IncidentTimeline incident : signals.incidents()) {
          if (rule.severities().contains(incident.ticket().severity())
              && incident.openAt(signals.at())) {
            because.add(
                incident.ticket().key()
                    + " ("
                    + incident.ticket().severity()
                    + ") was open at "
                    + at
                    + (incident.mitigatedAt(signals.at()) ? ", mitigated" : ""));
          }
        }
      }
      case "overdue_milestone" ->
          signals.overdueMilestones().forEach(m -> because.add(m + " is overdue at " + at));
      case "decision_needed" ->
          signals
              .decisions()
              .forEach(d -> because.add("decision needed: " + d.replaceFirst("[.\\s]+$", "")));
      case "open_risk" -> {
        for (Risk risk : signals.risks()) {
          if (rule.likelihoods().contains(risk.likelihood().toLowerCase(Locale.ROOT).strip())) {
            because.add(risk.id() + " is open with likelihood " + risk.likelihood());
          }
        }
      }
      default -> throw new IllegalStateException("unknown RAG condition '" + rule.when() + "'");
    }
    return because;
  }
}
