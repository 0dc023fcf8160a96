package com.taskchain.orchestrator.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.answer.AnswerType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides what kind of answer a task asks for from cue phrases in its text and the keys of its
 * context. Each cue adds its weight to its type; the highest total wins (ties go to the earlier
 * type in {@link AnswerType} order), and no cue at all means {@link AnswerType#GENERAL}. The cues
 * are data: a new phrasing is a new row. Pure and thread-safe.
 */
public final class AnswerTypes {
  private record Cue(AnswerType type, int weight, Pattern pattern) {}

  private static Cue cue(AnswerType type, int weight, String regex) {
    return new Cue(type, weight, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
  }

  private static final List<Cue> CUES =
      List.of(
          cue(AnswerType.INCIDENT_TRIAGE, 4, "\\btriag(?:e|ed|ing)\\b"),
          cue(AnswerType.INCIDENT_TRIAGE, 4, "\\bhow (?:severe|bad|serious)\\b"),
          cue(
              AnswerType.INCIDENT_TRIAGE,
              3,
              "\\bwhat severity\\b|\\bseverity (?:is|of) (?:this|it)\\b"),
          cue(
              AnswerType.INCIDENT_TRIAGE,
              3,
              "\\bclassify\\b|\\bassess (?:the|this) (?:incident|alert|problem)\\b"),
          cue(
              AnswerType.INCIDENT_TRIAGE,
              2,
              "\\blikely cause\\b|\\broot cause\\b|\\bwhat is going wrong\\b"),
          cue(
              AnswerType.INCIDENT_TRIAGE,
              1,
              "\\b(?:alerts?|incident|outage|looks (?:high|slow|stuck)|got slow|lagged|could not)\\b"),
          cue(AnswerType.ESCALATION, 3, "\\bescalat(?:e|es|ed|ing|ion)\\b"),
          cue(
              AnswerType.ESCALATION,
              3,
              "\\bwho (?:do|should|must|did) (?:we|i|they)? ?page\\b|\\bpage[sd]?\\b|\\bpaging\\b"),
          cue(AnswerType.ESCALATION, 3, "\\bbrought in\\b|\\bpaged or informed\\b|\\binformed\\b"),
          cue(
              AnswerType.ESCALATION,
              3,
              "\\bwho (?:was|is) (?:the )?(?:primary|secondary|backup|on-?call|incident commander)\\b"),
          cue(AnswerType.ESCALATION, 2, "\\bincident commander\\b|\\bbackup\\b|\\bon-?call\\b"),
          cue(
              AnswerType.ESCALATION,
              1,
              "\\bnot (?:yet )?acknowledged\\b|\\bnobody has acknowledged\\b"),
          cue(
              AnswerType.ESCALATION,
              3,
              "\\bwho else\\b|\\b(?:must|should|has to|have to) be (?:told|informed|paged|notified)\\b"),
          cue(AnswerType.CHANGE_APPROVAL, 3, "\\bapprov(?:e|al|als|ed|er|ers)\\b"),
          cue(
              AnswerType.CHANGE_APPROVAL,
              3,
              "\\bgo ahead\\b|\\bis (?:it|this|that) allowed\\b|\\bbefore it can deploy\\b"),
          cue(
              AnswerType.CHANGE_APPROVAL,
              3,
              "\\b(?:another|a new|other) slot\\b|\\breschedul\\w*\\b|\\bchange window\\b"),
          cue(
              AnswerType.CHANGE_APPROVAL,
              2,
              "\\bwants? to (?:ship|deploy|release|run)\\b|\\bplanned for\\b|\\bis planned\\b|\\bcan .{0,40}\\bdeploy\\b"),
          cue(
              AnswerType.ROLLBACK_DECISION,
              4,
              "\\broll(?:ed)? (?:it )?back\\b(?! (?:of|was))|\\brolling back\\b|\\brolls back\\b"),
          cue(
              AnswerType.ROLLBACK_DECISION,
              4,
              "\\bfix forward\\b|\\brequire a rollback\\b|\\brollback\\?|\\bbe rolled back\\b|\\bhave been rolled back\\b"),
          cue(AnswerType.ROLLBACK_DECISION, 2, "\\bwatch window\\b"),
          cue(
              AnswerType.ROLLBACK_DECISION,
              4,
              "\\broll(?:ing|ed)? (?:\\w+ ){1,3}back\\b(?! (?:of|was))"
                  + "|\\b(?:was|is) (?:a|the) rollback (?:the )?right\\b"),
          cue(
              AnswerType.AUDIT,
              4,
              "\\baudit\\w*\\b|\\bcomplian(?:t|ce)\\b|\\bpolicy breach\\b|\\bbreach\\b"),
          cue(
              AnswerType.AUDIT,
              4,
              "\\bwithin policy\\b|\\bon time\\b|\\bmet (?:their|its|the) deadlines?\\b|\\bdeadlines? (?:were|was) met\\b"),
          cue(
              AnswerType.AUDIT,
              3,
              "\\bdid (?:it|they|we|the \\w+) (?:have|follow|meet|get|respect)\\b"
                  + "|\\brequired at the time\\b"),
          cue(
              AnswerType.AUDIT,
              4,
              "\\bthe way the policy requires\\b|\\bfollow(?:ed)? the .{0,40}rules\\b|\\brecorded (?:correctly|properly|as required)\\b"),
          cue(
              AnswerType.EXECUTIVE_UPDATE,
              5,
              "\\bexecutive\\b|\\bleadership\\b|\\bexec update\\b|\\bsteering committee\\b|\\bstatus update\\b|\\bboard\\b"),
          cue(
              AnswerType.EXECUTIVE_UPDATE,
              3,
              "\\bupdate for\\b|\\bsummar(?:y|ise|ize) for\\b|\\bwhat is going on\\b|\\bincident summary\\b|\\bstatus report\\b"));

  private AnswerTypes() {}

  /** The answer type of a task, from its text and context. */
  public static AnswerType detect(TaskInput input) {
    Map<AnswerType, Integer> scores = new EnumMap<>(AnswerType.class);
    String text = input.task();
    for (Cue cue : CUES) {
      if (cue.pattern().matcher(text).find()) {
        scores.merge(cue.type(), cue.weight(), Integer::sum);
      }
    }
    JsonNode context = input.context();
    if (context.hasNonNull("change")) {
      scores.computeIfPresent(AnswerType.CHANGE_APPROVAL, (type, score) -> score + 1);
      scores.computeIfPresent(AnswerType.ROLLBACK_DECISION, (type, score) -> score + 1);
    }
    if (context.hasNonNull("database")
        || "AUD".equalsIgnoreCase(context.path("project_key").asText())) {
      scores.computeIfPresent(AnswerType.AUDIT, (type, score) -> score + 1);
    }
    AnswerType best = AnswerType.GENERAL;
    int bestScore = 0;
    for (AnswerType type : AnswerType.values()) {
      int score = scores.getOrDefault(type, 0);
      if (score > bestScore) {
        best = type;
        bestScore = score;
      }
    }
    return best;
  }
}
