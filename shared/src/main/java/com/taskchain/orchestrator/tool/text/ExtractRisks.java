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

  /** What kind of risk it is, from the most specific to the least. */
  public enum Category {
    SECURITY,
    COMPLIANCE,
    OPERATIONAL,
    DEPENDENCY,
    SCHEDULE,
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

  private record Signal(Category category, Severity severity) {}

  private static final Phrases<Signal> SIGNALS =
      signals()
          .add(
              "vulnerability/vulnerabilities, breach/breaches/breached, exploit/exploits/exploited,"
                  + " cve, leak/leaks/leaked/leakage, unauthorized/unauthorised, phishing,"
                  + " malware, exposed credential/credentials",
              signal(Category.SECURITY, Severity.HIGH))
          .add("security", signal(Category.SECURITY, Severity.MEDIUM))
          .add(
              "compliance, non compliant, noncompliant, regulatory, regulator/regulators, gdpr,"
                  + " sox, pci, hipaa, audit finding/findings, legal, penalty/penalties",
              signal(Category.COMPLIANCE, Severity.MEDIUM))
          .add(
              "outage/outages, downtime, incident/incidents, data loss, corruption, corrupted,"
                  + " crash/crashes/crashing/crashed, unavailable, unavailability, sev1, sev2,"
                  + " sev 1/2, p0, p1",
              signal(Category.OPERATIONAL, Severity.HIGH))
          .add(
              "degraded, degradation, error rate/rates, latency, failure/failures, failing,"
                  + " timeout/timeouts",
              signal(Category.OPERATIONAL, Severity.MEDIUM))
          .add("blocker/blockers, blocked, blocking", signal(Category.DEPENDENCY, Severity.HIGH))
          .add(
              "dependency/dependencies, depends on, dependent on, waiting on/for, third party,"
                  + " vendor/vendors, upstream",
              signal(Category.DEPENDENCY, Severity.MEDIUM))
          .add(
              "delay/delays/delayed, slip/slips/slipped/slippage/slipping, behind schedule,"
                  + " overdue, late, missed deadline/deadlines, missed the deadline/deadlines,"
                  + " postpone/postponed/postponement, pushed back",
              signal(Category.SCHEDULE, Severity.MEDIUM))
          .add(
              "rollback/rollbacks, roll/rolled back, regression/regressions, bug/bugs, flaky,"
                  + " untested, tech/technical debt, incompatible, incompatibility,"
                  + " breaking change/changes",
              signal(Category.TECHNICAL, Severity.MEDIUM))
          .add(
              "budget, cost overrun/overruns, over budget, overspend/overspending,"
                  + " overrun/overruns, funding, expensive",
              signal(Category.FINANCIAL, Severity.MEDIUM))
          .add("single point of failure", signal(Category.RESOURCE, Severity.HIGH))
          .add(
              "understaffed, under staffed, short staffed, capacity, attrition, bus factor,"
                  + " key person, burnout, headcount",
              signal(Category.RESOURCE, Severity.MEDIUM))
          .add(
              "at risk, jeopardize/jeopardise/jeopardized/jeopardised",
              signal(Category.GENERAL, Severity.MEDIUM))
          .add(
              "risk/risks, risky, concern/concerns, concerned, threat/threats, uncertain,"
                  + " uncertainty, exposure",
              signal(Category.GENERAL, Severity.LOW))
          .build();

  private static Phrases.Builder<Signal> signals() {
    return Phrases.builder();
  }

  private static Signal signal(Category category, Severity severity) {
    return new Signal(category, severity);
  }

  private static final Phrases<Boolean> INTENSIFIERS =
      Phrases.<Boolean>builder()
          .add(
              "critical, severe, major, significant, serious, high risk, high severity, sev1,"
                  + " sev 1, p0, customer facing, customer impact, data loss, revenue",
              true)
          .build();
  private static final Phrases<Boolean> MITIGATORS =
      Phrases.<Boolean>builder()
          .add("minor, low risk, unlikely, small, slight, limited, negligible", true)
          .build();

  // "Include risks", "list the key risks": a request to write about risks names none.
  private static final Set<String> REQUEST_VERBS =
      Set.of(
          "include",
          "list",
          "identify",
          "highlight",
          "cover",
          "outline",
          "assess",
          "document",
          "describe",
          "add",
          "mention",
          "summarize",
          "summarise",
          "capture",
          "flag",
          "note",
          "review",
          "discuss",
          "track",
          "report",
          "call",
          "consider",
          "analyze",
          "analyse",
          "evaluate");
  private static final Set<String> REQUEST_FILLERS =
      Set.of(
          "out",
          "the",
          "any",
          "all",
          "key",
          "top",
          "main",
          "major",
          "potential",
          "possible",
          "known",
          "open",
          "relevant",
          "new",
          "identified",
          "outstanding",
          "remaining",
          "associated",
          "related",
          "and",
          "or",
          "with",
          "its",
          "their",
          "our");
  private static final Set<String> REQUESTED_THINGS =
      Set.of(
          "risk",
          "risks",
          "concern",
          "concerns",
          "threat",
          "threats",
          "blocker",
          "blockers",
          "mitigation",
          "mitigations");
  private static final Set<String> NEGATORS = Set.of("no", "not", "without", "zero", "none");
  private static final int NEGATION_WINDOW_TOKENS = 2;
  private static final int MAX_FILLERS = 4;

  // Addresses are names, not statements: "status.example.com/incidents" reports no incident.
  private static final Pattern ADDRESS = Pattern.compile("\\b(?:https?://|www\\.)\\S+|\\S+@\\S+");

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

  /** The sentence as a risk, or null when it states none. */
  private static Risk risk(String sentence) {
    String lower = sentence.toLowerCase(Locale.ROOT);
    List<Phrases.Token> tokens = Phrases.tokens(lower);
    boolean[] ignored = new boolean[tokens.size()];
    ignoreAddresses(lower, tokens, ignored);
    ignoreRequestsForRisks(tokens, ignored);

    // The most specific category signalled names the risk; the most severe signal rates it.
    Category category = null;
    Severity severity = null;
    for (Phrases.Hit<Signal> hit : SIGNALS.find(tokens, ignored)) {
      if (negated(tokens, hit.firstToken())) {
        continue;
      }
      Signal signal = hit.value();
      if (category == null || signal.category().compareTo(category) < 0) {
        category = signal.category();
      }
      if (severity == null || signal.severity().compareTo(severity) > 0) {
        severity = signal.severity();
      }
    }
    if (category == null) {
      return null;
    }
    if (!INTENSIFIERS.find(tokens, ignored).isEmpty()) {
      severity = Severity.HIGH;
    } else if (!MITIGATORS.find(tokens, ignored).isEmpty()) {
      severity = severity.lower();
    }
    return new Risk(Sentences.stripTrailing(sentence, ".!"), severity, category);
  }

  private static void ignoreAddresses(String lower, List<Phrases.Token> tokens, boolean[] ignored) {
    if (lower.indexOf('@') < 0 && !lower.contains("://") && !lower.contains("www.")) {
      return;
    }
    Matcher address = ADDRESS.matcher(lower);
    while (address.find()) {
      for (int i = 0; i < tokens.size(); i++) {
        if (tokens.get(i).start() >= address.start() && tokens.get(i).end() <= address.end()) {
          ignored[i] = true;
        }
      }
    }
  }

  /** Marks "include (the key) risks (and mitigations)" and the like as ignored. */
  private static void ignoreRequestsForRisks(List<Phrases.Token> tokens, boolean[] ignored) {
    for (int i = 0; i < tokens.size(); i++) {
      if (!REQUEST_VERBS.contains(tokens.get(i).text())) {
        continue;
      }
      int j = i + 1;
      while (j < tokens.size()
          && j - i <= MAX_FILLERS
          && REQUEST_FILLERS.contains(text(tokens, j))) {
        j++;
      }
      if (j >= tokens.size() || !REQUESTED_THINGS.contains(text(tokens, j))) {
        continue;
      }
      // "risks and mitigations", "risks or concerns" are one request.
      while (j + 2 < tokens.size()
          && (text(tokens, j + 1).equals("and") || text(tokens, j + 1).equals("or"))
          && REQUESTED_THINGS.contains(text(tokens, j + 2))) {
        j += 2;
      }
      for (int k = i; k <= j; k++) {
        ignored[k] = true;
      }
      i = j;
    }
  }

  /** Whether "no", "not", "without", "zero" or "none" stands within two words before. */
  private static boolean negated(List<Phrases.Token> tokens, int first) {
    for (int i = Math.max(0, first - NEGATION_WINDOW_TOKENS); i < first; i++) {
      if (NEGATORS.contains(tokens.get(i).text())) {
        return true;
      }
    }
    return false;
  }

  private static String text(List<Phrases.Token> tokens, int index) {
    return tokens.get(index).text();
  }
}
