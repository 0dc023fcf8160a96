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
 * {@code extract_risks}: the sentences that state a risk, each with a severity and a category, in
 * order and deduplicated case-insensitively.
 *
 * <p>The rule: a sentence is a risk when it contains a risk signal (an outage, a delay, a blocker,
 * a dependency, a rollback, a security or compliance problem, a budget overrun, a staffing gap, or
 * the words risk, concern, threat...) that is not negated ("no blockers") and is not merely a
 * request to write about risks. "Include risks", "list the key risks" or "assess potential
 * concerns" ask for risks without naming one, so they are not risks themselves: a text that only
 * asks for risks has none, and the answer is an empty list. The tool never invents a generic risk.
 *
 * <p>The category is the most specific one signalled, in the order security, compliance,
 * operational, dependency, schedule, technical, financial, resource; {@code general} (risk,
 * concern, threat) only when nothing more specific is. The severity is the highest of the signals',
 * raised to {@code high} by words like critical, severe, major or customer-facing, and lowered one
 * step by minor, unlikely or low-risk. URLs and e-mail addresses are not read.
 */
public final class ExtractRisks implements Tool<ExtractRisks.Input, ExtractRisks.Output> {
  public static final String NAME = "extract_risks";

  /** How bad a risk is. */
  public enum Severity {
    LOW,
    MEDIUM,
    HIGH;

    /** One step less severe; {@code LOW} stays {@code LOW}. */
    public Severity lower() {
      return this == HIGH ? MEDIUM : LOW;
    }

    @JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What kind of risk it is. */
  public enum Category {
    SECURITY,
    COMPLIANCE,
    OPERATIONAL,
    SCHEDULE,
    DEPENDENCY,
    TECHNICAL,
    FINANCIAL,
    RESOURCE,
    GENERAL;

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
  @JsonClassDescription("Arguments of extract_risks.")
  public record Input(
      @JsonProperty(required = true) @JsonPropertyDescription("The text to read.") String text) {
    public Input {
      TextChecks.text("text", text, TextTools.MAX_TEXT_CHARS);
    }
  }

  /**
   * One risk.
   *
   * @param text the sentence stating it
   * @param severity how bad it is
   * @param category what kind it is
   */
  public record Risk(
      @JsonProperty(required = true) String text,
      @JsonProperty(required = true) Severity severity,
      @JsonProperty(required = true) Category category) {
    public Risk {
      TextChecks.nonBlank("text", text);
      TextChecks.required("severity", severity);
      TextChecks.required("category", category);
    }
  }

  /**
   * The result.
   *
   * @param risks in order of appearance; empty when the text states none
   */
  public record Output(@JsonProperty(required = true) List<Risk> risks) {
    public Output {
      risks = List.copyOf(TextChecks.required("risks", risks));
    }
  }

  private record Signal(Pattern pattern, Category category, Severity severity) {
    Signal(String regex, Category category, Severity severity) {
      this(
          Pattern.compile("\\b(?:" + regex + ")\\b", Pattern.CASE_INSENSITIVE), category, severity);
    }
  }

  private static final List<Signal> SIGNALS =
      List.of(
          new Signal(
              "vulnerabilit(?:y|ies)|breach(?:es|ed)?|exploit(?:s|ed)?|cve-\\d+|leak(?:s|ed|age)?"
                  + "|unauthori[sz]ed|phishing|malware|exposed credentials?",
              Category.SECURITY,
              Severity.HIGH),
          new Signal("security", Category.SECURITY, Severity.MEDIUM),
          new Signal(
              "compliance|non-?compliant|regulat(?:ory|ors?)|gdpr|sox|pci(?:-dss)?|hipaa"
                  + "|audit findings?|legal|penalt(?:y|ies)",
              Category.COMPLIANCE,
              Severity.MEDIUM),
          new Signal(
              "outages?|downtime|incidents?|data loss|corrupt(?:ion|ed)|crash(?:es|ing|ed)?"
                  + "|unavailab(?:le|ility)|sev-?[12]|p[01]",
              Category.OPERATIONAL,
              Severity.HIGH),
          new Signal(
              "degrad(?:ed|ation)|error rates?|latency|failures?|failing|timeouts?",
              Category.OPERATIONAL,
              Severity.MEDIUM),
          new Signal("blockers?|blocked|blocking", Category.DEPENDENCY, Severity.HIGH),
          new Signal(
              "dependenc(?:y|ies)|depends on|dependent on|waiting (?:on|for)|third[- ]party"
                  + "|vendors?|upstream",
              Category.DEPENDENCY,
              Severity.MEDIUM),
          new Signal(
              "delay(?:s|ed)?|slip(?:s|ped|page|ping)?|behind schedule|overdue|late"
                  + "|missed (?:the )?deadlines?|postpone(?:d|ment)?|pushed back",
              Category.SCHEDULE,
              Severity.MEDIUM),
          new Signal(
              "rollbacks?|roll(?:ed)? back|regressions?|bugs?|flaky|untested|tech(?:nical)? debt"
                  + "|incompatib(?:le|ility)|breaking changes?",
              Category.TECHNICAL,
              Severity.MEDIUM),
          new Signal(
              "budget|cost overruns?|over budget|overspend(?:ing)?|overruns?|funding|expensive",
              Category.FINANCIAL,
              Severity.MEDIUM),
          new Signal("single point of failure", Category.RESOURCE, Severity.HIGH),
          new Signal(
              "under-?staffed|short-?staffed|capacity|attrition|bus factor|key person|burnout"
                  + "|headcount",
              Category.RESOURCE,
              Severity.MEDIUM),
          new Signal("at risk|jeopardi[sz]e[ds]?", Category.GENERAL, Severity.MEDIUM),
          new Signal(
              "risks?|risky|concerns?|concerned|threats?|uncertain(?:ty)?|exposure",
              Category.GENERAL,
              Severity.LOW));

  // "Include risks", "list the key risks": a request to write about risks names none.
  private static final Pattern REQUEST_FOR_RISKS =
      Pattern.compile(
          "\\b(?:include|list|identify|highlight|cover|outline|assess|document|describe|add"
              + "|mention|summari[sz]e|capture|flag|note|review|discuss|track|report|call out"
              + "|consider|analy[sz]e|evaluate)"
              + "(?:\\s+(?:the|any|all|key|top|main|major|potential|possible|known|open|relevant"
              + "|new|identified|outstanding|remaining|associated|related|and|or|with|its|their"
              + "|our))*"
              + "\\s+(?:risks?|concerns?|threats?|blockers?)"
              + "(?:\\s+(?:and|or|&)\\s+(?:mitigations?|risks?|concerns?|blockers?|threats?))*\\b",
          Pattern.CASE_INSENSITIVE);
  // Addresses are names, not statements: "status.example.com/incidents" reports no incident.
  private static final Pattern ADDRESS =
      Pattern.compile("\\b(?:https?://|www\\.)\\S+|\\S+@\\S+", Pattern.CASE_INSENSITIVE);
  private static final Pattern NEGATION_BEFORE =
      Pattern.compile(
          "\\b(?:no|not|without|zero|none of the)\\s+(?:\\w+\\s+)?$", Pattern.CASE_INSENSITIVE);
  private static final Pattern INTENSIFIER =
      Pattern.compile(
          "\\b(?:critical|severe|major|significant|serious|high[- ]risk|high[- ]severity|sev-?1"
              + "|p0|customer[- ]facing|customer impact|data loss|revenue)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern MITIGATOR =
      Pattern.compile(
          "\\b(?:minor|low[- ]risk|unlikely|small|slight|limited|negligible)\\b",
          Pattern.CASE_INSENSITIVE);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Lists the sentences that state a risk, with severity (high, medium, low) and category;"
        + " a text that only asks for risks without naming any yields none.";
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
    List<Risk> risks = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String sentence : Sentences.split(input.text())) {
      Risk risk = risk(sentence);
      if (risk != null && seen.add(risk.text().toLowerCase(Locale.ROOT))) {
        risks.add(risk);
      }
    }
    return new Output(risks);
  }

  /** Replaces every match with as many spaces, so that offsets are kept. */
  private static String blank(Pattern pattern, String text) {
    return pattern.matcher(text).replaceAll(m -> " ".repeat(m.end() - m.start()));
  }

  /** The sentence as a risk, or null when it states none. */
  private static Risk risk(String sentence) {
    String masked = blank(REQUEST_FOR_RISKS, blank(ADDRESS, sentence));
    Category category = null;
    Severity severity = null;
    for (Signal signal : SIGNALS) {
      Matcher m = signal.pattern().matcher(masked);
      while (m.find()) {
        if (NEGATION_BEFORE.matcher(masked.substring(0, m.start())).find()) {
          continue;
        }
        if (category == null || category == Category.GENERAL) {
          category = signal.category();
        }
        if (severity == null || signal.severity().compareTo(severity) > 0) {
          severity = signal.severity();
        }
        break;
      }
    }
    if (category == null) {
      return null;
    }
    if (INTENSIFIER.matcher(masked).find()) {
      severity = Severity.HIGH;
    } else if (MITIGATOR.matcher(masked).find() && severity != Severity.LOW) {
      severity = severity.lower();
    }
    return new Risk(sentence.replaceAll("[.!\\s]+$", ""), severity, category);
  }
}
