package com.taskchain.orchestrator.tool.text;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.text.internal.Phrases;
import com.taskchain.orchestrator.tool.text.internal.Sentences;
import com.taskchain.orchestrator.tool.text.internal.TextChecks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code classify_priority}: how urgent a text is, as a level, a 0-100 score, the signals that made
 * the score and a one-sentence rationale.
 *
 * <p>The score is the sum of the weights of the signals found, each counted once, clamped to
 * 0..100: an explicit label ("priority: high", "severity: sev1", "P0") weighs most (+60 for high,
 * +35 for medium, -30 for low), then critical words (outage, SEV1, breach, production down: +45),
 * urgency words (urgent, ASAP, blocker, escalation: +30), audience and near deadlines (executive,
 * customer-facing, today, EOD: +15), importance words (important, soon, risk: +10), and words that
 * lower it (nice to have, no rush, backlog: -20). The level is {@code high} from {@value
 * #HIGH_FROM}, {@code medium} from {@value #MEDIUM_FROM}, {@code low} below.
 */
public final class ClassifyPriority
    implements Tool<ClassifyPriority.Input, ClassifyPriority.Output> {
  public static final String NAME = "classify_priority";

  /** The lowest score classified {@code high}. */
  public static final int HIGH_FROM = 60;

  /** The lowest score classified {@code medium}. */
  public static final int MEDIUM_FROM = 25;

  /** A priority level. */
  public enum Priority {
    LOW,
    MEDIUM,
    HIGH;

    @JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The arguments.
   *
   * @param text the text to read, at most {@link TextTools#MAX_TEXT_CHARS} characters
   */
  @JsonClassDescription("Arguments of classify_priority.")
  public record Input(
      @JsonProperty(required = true) @JsonPropertyDescription("The text to read.") String text) {
    public Input {
      TextChecks.text("text", text, TextTools.MAX_TEXT_CHARS);
    }
  }

  /**
   * The result.
   *
   * @param priority the level
   * @param score 0 (no urgency) to 100
   * @param signals what was found, e.g. {@code "explicit priority: high"}, {@code "urgent"}
   * @param rationale one sentence explaining the level
   */
  public record Output(
      @JsonProperty(required = true) Priority priority,
      @JsonProperty(required = true) int score,
      @JsonProperty(required = true) List<String> signals,
      @JsonProperty(required = true) String rationale) {
    public Output {
      TextChecks.required("priority", priority);
      if (score < 0 || score > 100) {
        throw new IllegalArgumentException("score: must be between 0 and 100, got " + score);
      }
      signals = List.copyOf(TextChecks.required("signals", signals));
      TextChecks.nonBlank("rationale", rationale);
    }
  }

  private static final Pattern EXPLICIT_LABEL =
      Pattern.compile(
          "\\b(?:priority|prio|severity|urgency)\\s*[:=]\\s*(critical|urgent|highest|high"
              + "|sev-?[0-4]|p[0-4]|medium|normal|moderate|low|lowest)\\b");
  private static final Phrases<Boolean> EXPLICIT_CODES =
      Phrases.<Boolean>builder()
          .add("p0/p1/p2/p3/p4, sev1/sev2/sev3/sev4, sev 1/2/3/4", true)
          .build();

  /** The weight of each signal phrase. */
  private static final Phrases<Integer> SIGNALS =
      Phrases.<Integer>builder()
          .add(
              "outage/outages, production/prod/site down, production/prod/site is down,"
                  + " security incident, breach, data loss",
              45)
          .add(
              "urgent, urgently, asap, as soon as possible, immediately, emergency, critical,"
                  + " blocker/blockers, blocking, escalate/escalated/escalation, high priority,"
                  + " top priority, time sensitive",
              30)
          .add(
              "executive, exec, ceo, cto, cfo, board, leadership, customer facing, revenue, today,"
                  + " tonight, eod, end of day, end of the day, tomorrow, within # hour/hours,"
                  + " deadline",
              15)
          .add("important, soon, this week, follow up, risk/risks", 10)
          .add(
              "low priority, nice to have, no rush, whenever, backlog, someday,"
                  + " when you have time, fyi, not urgent",
              -20)
          .build();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Classifies how urgent a text is as high, medium or low, with a 0-100 score, the"
        + " signals found and a rationale.";
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Class<Output> outputType() {
    return Output.class;
  }

  @Override
  public Output call(Input input) {
    // Everything below reads the lower-cased text: the phrase tables are lower case.
    String text = input.text().toLowerCase(Locale.ROOT);
    List<Phrases.Token> tokens = Phrases.tokens(text);
    List<String> signals = new ArrayList<>();
    int score = 0;

    // The explicit label, if any, is weighed once; its words are not counted again below.
    int explicitStart = -1;
    int explicitEnd = -1;
    Matcher label = EXPLICIT_LABEL.matcher(text);
    List<Phrases.Hit<Boolean>> codes = EXPLICIT_CODES.find(tokens, null);
    if (hasLabelWord(text) && label.find()) {
      score += explicitWeight(label.group(1));
      signals.add("explicit " + Sentences.normalize(label.group()));
      explicitStart = label.start();
      explicitEnd = label.end();
    } else if (!codes.isEmpty()) {
      Phrases.Hit<Boolean> code = codes.get(0);
      String level = text.substring(code.start(), code.end());
      score += explicitWeight(level);
      signals.add("explicit " + level);
      explicitStart = code.start();
      explicitEnd = code.end();
    }

    // Each signal counts once, whatever its form ("risk", "risks").
    Set<String> counted = new HashSet<>();
    for (Phrases.Hit<Integer> hit : SIGNALS.find(tokens, null)) {
      boolean insideExplicit = hit.start() >= explicitStart && hit.end() <= explicitEnd;
      if (!insideExplicit && counted.add(hit.canonical())) {
        score += hit.value();
        signals.add(Sentences.normalize(text.substring(hit.start(), hit.end())));
      }
    }
    int clamped = Math.max(0, Math.min(100, score));
    Priority priority =
        clamped >= HIGH_FROM
            ? Priority.HIGH
            : clamped >= MEDIUM_FROM ? Priority.MEDIUM : Priority.LOW;
    return new Output(priority, clamped, signals, rationale(priority, clamped, signals));
  }

  private static boolean hasLabelWord(String text) {
    // Spares the label pattern on the many texts that have no label.
    return text.contains("prio") || text.contains("severity") || text.contains("urgency");
  }

  private static int explicitWeight(String level) {
    return switch (level.toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "")) {
      case "critical", "urgent", "highest", "high", "p0", "p1", "sev0", "sev1", "sev2" -> 60;
      case "medium", "normal", "moderate", "p2", "sev3" -> 35;
      default -> -30;
    };
  }

  private static String rationale(Priority priority, int score, List<String> signals) {
    if (signals.isEmpty()) {
      return "No urgency signals found, so the priority is low (score 0).";
    }
    return "Score "
        + score
        + " from "
        + String.join(", ", signals)
        + "; "
        + priority.wire()
        + " is "
        + (priority == Priority.HIGH
            ? HIGH_FROM + " or more"
            : priority == Priority.MEDIUM
                ? MEDIUM_FROM + " to " + (HIGH_FROM - 1)
                : "below " + MEDIUM_FROM)
        + ".";
  }
}
