package com.taskchain.orchestrator.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.tool.text.ClassifyPriority;
import com.taskchain.orchestrator.tool.text.ExtractActionItems;
import com.taskchain.orchestrator.tool.text.ExtractDeadlines;
import com.taskchain.orchestrator.tool.text.ExtractEntities;
import com.taskchain.orchestrator.tool.text.ExtractRisks;
import com.taskchain.orchestrator.tool.text.Summarize;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's planning rules over the six text tools. Every step reads only the rendered task text,
 * so none depends on another. In order:
 *
 * <ol>
 *   <li>{@code text_signals}: always {@code extract_entities}, {@code extract_deadlines} (with the
 *       context's {@code reference_date} when it is an ISO date) and {@code extract_action_items};
 *   <li>{@code risk_like}: {@code extract_risks} when the text uses a risk word (risk, risky,
 *       blocker, concern, threat, mitigation, rollback, dependency, impact, vulnerability...);
 *   <li>{@code priority}: always {@code classify_priority};
 *   <li>{@code summary}: always {@code summarize} with {@code max_words} {@value
 *       #SUMMARY_MAX_WORDS}, last, so that rules added later (retrieval, incidents) go before it.
 * </ol>
 */
public final class TextPlanRules {
  /** The summary length the planner asks for. */
  public static final int SUMMARY_MAX_WORDS = 60;

  private static final Pattern RISK_WORD =
      Pattern.compile(
          "\\b(?:risks?|risky|blockers?|blocked|concerns?|threats?|mitigat(?:e|ion|ions)"
              + "|rollbacks?|roll back|dependenc(?:y|ies)|impact|failure modes?|vulnerabilit(?:y|ies)"
              + "|contingenc(?:y|ies)|exposure)\\b",
          Pattern.CASE_INSENSITIVE);

  public static final PlanRule TEXT_SIGNALS =
      PlanRule.of(
          "text_signals",
          (input, text) ->
              PlanRule.Proposal.of(
                  "always: every task is read for entities, deadlines and action items",
                  ProposedStep.of(ExtractEntities.NAME, textArgs(text)),
                  ProposedStep.of(ExtractDeadlines.NAME, deadlineArgs(input, text)),
                  ProposedStep.of(ExtractActionItems.NAME, textArgs(text))));

  public static final PlanRule RISK_LIKE =
      PlanRule.of(
          "risk_like",
          (input, text) ->
              riskWord(text)
                  .map(
                      word ->
                          PlanRule.Proposal.of(
                              "the task mentions '" + word + "'",
                              ProposedStep.of(ExtractRisks.NAME, textArgs(text))))
                  .orElseGet(() -> PlanRule.Proposal.none("the task mentions no risk words")));

  public static final PlanRule PRIORITY =
      PlanRule.of(
          "priority",
          (input, text) ->
              PlanRule.Proposal.of(
                  "always: every task gets a priority",
                  ProposedStep.of(ClassifyPriority.NAME, textArgs(text))));

  public static final PlanRule SUMMARY =
      PlanRule.of(
          "summary",
          (input, text) -> {
            ObjectNode args = textArgs(text);
            args.put("max_words", SUMMARY_MAX_WORDS);
            return PlanRule.Proposal.of(
                "always: every run ends with a summary", ProposedStep.of(Summarize.NAME, args));
          });

  private TextPlanRules() {}

  /** The four rules, in plan order. */
  public static List<PlanRule> all() {
    return List.of(TEXT_SIGNALS, RISK_LIKE, PRIORITY, SUMMARY);
  }

  /** The first risk word in the text, lower-cased, if any. */
  static Optional<String> riskWord(String text) {
    Matcher m = RISK_WORD.matcher(text);
    return m.find() ? Optional.of(m.group().toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  private static ObjectNode textArgs(String text) {
    ObjectNode args = Json.object();
    args.put("text", text);
    return args;
  }

  private static ObjectNode deadlineArgs(TaskInput input, String text) {
    ObjectNode args = textArgs(text);
    JsonNode reference = input.context().get("reference_date");
    if (reference != null && reference.isTextual() && isIsoDate(reference.asText())) {
      args.put("reference_date", reference.asText());
    }
    return args;
  }

  private static boolean isIsoDate(String value) {
    try {
      LocalDate.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
