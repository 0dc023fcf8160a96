package com.taskchain.orchestrator.tool.text;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import com.taskchain.orchestrator.tool.Tool;
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

  private record Signal(Pattern pattern, int weight) {}

  private static final int FLAGS = Pattern.CASE_INSENSITIVE;

  private static final Pattern EXPLICIT_LABEL =
      Pattern.compile(
          "\\b(?:priority|prio|severity|urgency)\\s*[:=]\\s*(critical|urgent|highest|high"
              + "|sev-?[0-4]|p[0-4]|medium|normal|moderate|low|lowest)\\b",
          FLAGS);
  private static final Pattern EXPLICIT_CODE = Pattern.compile("\\b(p[0-4]|sev-?[1-4])\\b", FLAGS);

  private static final List<Signal> SIGNALS =
      List.of(
          signal(
              "outage|production (?:is )?down|prod (?:is )?down|site (?:is )?down|security incident"
                  + "|breach|data loss",
              45),
          signal(
              "urgent|urgently|asap|as soon as possible|immediately|emergency|critical|blocker"
                  + "|blocking|escalat(?:e|ed|ion)|high priority|top priority|time[- ]sensitive",
              30),
          signal(
              "executive|exec|ceo|cto|cfo|board|leadership|customer[- ]facing|customers are"
                  + "|revenue|today|tonight|eod|end of (?:the )?day|tomorrow|within \\d+ hours?"
                  + "|deadline",
              15),
          signal("important|soon|this week|follow up|risks?", 10),
          signal(
              "low priority|nice to have|no rush|whenever|backlog|someday|when you have time|fyi"
                  + "|not urgent",
              -20));

  private static Signal signal(String alternatives, int weight) {
    return new Signal(Pattern.compile("\\b(?:" + alternatives + ")\\b", FLAGS), weight);
  }

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
    String text = input.text();
    List<String> signals = new ArrayList<>();
    int score = 0;

    // The explicit label, if any, is weighed once; its words are not counted again below.
    int explicitStart = -1;
    int explicitEnd = -1;
    Matcher label = EXPLICIT_LABEL.matcher(text);
    Matcher code = EXPLICIT_CODE.matcher(text);
    if (label.find()) {
      score += explicitWeight(label.group(1));
      signals.add("explicit " + Sentences.normalize(label.group()).toLowerCase(Locale.ROOT));
      explicitStart = label.start();
      explicitEnd = label.end();
    } else if (code.find()) {
      score += explicitWeight(code.group(1));
      signals.add("explicit " + code.group(1).toLowerCase(Locale.ROOT));
      explicitStart = code.start();
      explicitEnd = code.end();
    }

    Set<String> counted = new HashSet<>();
    for (Signal signal : SIGNALS) {
      Matcher m = signal.pattern().matcher(text);
      while (m.find()) {
        String word = Sentences.normalize(m.group()).toLowerCase(Locale.ROOT);
        boolean insideExplicit = m.start() >= explicitStart && m.end() <= explicitEnd;
        // "risk" and "risks" are one signal.
        String key = word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
        if (!insideExplicit && counted.add(key)) {
          score += signal.weight();
          signals.add(word);
        }
      }
    }
    int clamped = Math.max(0, Math.min(100, score));
    Priority priority =
        clamped >= HIGH_FROM
            ? Priority.HIGH
            : clamped >= MEDIUM_FROM ? Priority.MEDIUM : Priority.LOW;
    return new Output(priority, clamped, signals, rationale(priority, clamped, signals));
  }

  private static int explicitWeight(String level) {
    return switch (level.toLowerCase(Locale.ROOT).replace("-", "")) {
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
