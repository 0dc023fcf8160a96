package com.taskchain.orchestrator.tool.text;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.text.internal.Sentences;
import com.taskchain.orchestrator.tool.text.internal.Spans;
import com.taskchain.orchestrator.tool.text.internal.TextChecks;
import com.taskchain.orchestrator.tool.text.internal.TimeExpressions;
import com.taskchain.orchestrator.tool.text.internal.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code extract_entities}: the named things a text mentions, typed, deduplicated
 * (case-insensitively) and in order of first appearance.
 *
 * <p>Rules, in order of precedence when matches overlap (the earliest and then longest match wins):
 * e-mail addresses, URLs, tickets ({@code ABC-123}), money ({@code $250k}, {@code 1.2 million
 * USD}), percentages, absolute dates, {@code @mentions} (people), lower-case service slugs ({@code
 * payments-api}) and runs of capitalised words. A capitalised run is typed by its surroundings: a
 * label before it ({@code owner:}, {@code project:}, {@code team:}, {@code service:}), an honorific
 * ({@code Dr.}), a suffix ({@code Inc}, {@code Team}, {@code Service}, {@code API}), "Name to
 * review" or "Name, CTO"; otherwise two or more words are a {@code project} and a single word is
 * {@code other}. A capitalised word that merely opens a sentence ("Prepare") is not a name, nor are
 * day and month names and markers like EOD or UTC.
 */
public final class ExtractEntities implements Tool<ExtractEntities.Input, ExtractEntities.Output> {
  public static final String NAME = "extract_entities";

  /** What an entity is. */
  public enum EntityType {
    PROJECT,
    ORGANIZATION,
    PERSON,
    SERVICE,
    TICKET,
    EMAIL,
    URL,
    DATE,
    MONEY,
    PERCENTAGE,
    OTHER;

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
  @JsonClassDescription("Arguments of extract_entities.")
  public record Input(
      @JsonProperty(required = true) @JsonPropertyDescription("The text to read.") String text) {
    public Input {
      TextChecks.text("text", text, TextTools.MAX_TEXT_CHARS);
    }
  }

  /**
   * One entity.
   *
   * @param text the entity as first written
   * @param type what it is
   */
  public record Entity(
      @JsonProperty(required = true) String text, @JsonProperty(required = true) EntityType type) {
    public Entity {
      TextChecks.nonBlank("text", text);
      TextChecks.required("type", type);
    }
  }

  /**
   * The result.
   *
   * @param entities distinct entities in order of first appearance
   * @param count the number of entities
   */
  public record Output(
      @JsonProperty(required = true) List<Entity> entities,
      @JsonProperty(required = true) int count) {
    public Output {
      entities = List.copyOf(TextChecks.required("entities", entities));
      if (count != entities.size()) {
        throw new IllegalArgumentException(
            "count: must equal the number of entities (" + entities.size() + "), got " + count);
      }
    }

    public Output(List<Entity> entities) {
      this(entities, entities.size());
    }
  }

  private record Match(int start, int end, String text, EntityType type) {}

  private static final Pattern EMAIL =
      Pattern.compile("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b");
  private static final Pattern URL =
      Pattern.compile("\\b(?:https?://|www\\.)[^\\s<>\"']+", Pattern.CASE_INSENSITIVE);
  private static final Pattern TICKET =
      Pattern.compile("\\b(?!SEV-)[A-Z][A-Z0-9]{1,9}-\\d{1,7}\\b");
  private static final Pattern MONEY =
      Pattern.compile(
          "[$€£¥]\\s?\\d[\\d,]*(?:\\.\\d+)?(?:\\s?(?:k|m|bn|million|billion|thousand)\\b)?"
              + "|\\b\\d[\\d,]*(?:\\.\\d+)?\\s?(?:k|m|bn|million|billion|thousand)?\\s?"
              + "(?:usd|eur|gbp|dollars|euros|pounds)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern PERCENTAGE =
      Pattern.compile("\\b\\d+(?:\\.\\d+)?\\s?(?:%|percent\\b)", Pattern.CASE_INSENSITIVE);
  private static final Pattern MENTION = Pattern.compile("(?<![\\w.@])@([A-Za-z][\\w.-]*\\w)");
  private static final Pattern SERVICE_SLUG =
      Pattern.compile(
          "\\b[a-z][a-z0-9]*(?:-[a-z0-9]+)*-(?:service|svc|api|gateway|db|worker|proxy|queue"
              + "|cache|server|backend|frontend)\\b");
  private static final List<String> CURRENCY_CUES =
      List.of("$", "€", "£", "¥", "usd", "eur", "gbp", "dollar", "euro", "pound");
  private static final List<String> SLUG_CUES =
      List.of(
          "-service",
          "-svc",
          "-api",
          "-gateway",
          "-db",
          "-worker",
          "-proxy",
          "-queue",
          "-cache",
          "-server",
          "-backend",
          "-frontend");
  private static final String CAPITALISED_WORD = "[A-Z][A-Za-z0-9]*(?:['’-][A-Za-z0-9]+)*";
  private static final Pattern CAPITALISED_RUN =
      Pattern.compile(
          "\\b" + CAPITALISED_WORD + "(?:[ \\t]+(?:(?:of|&)[ \\t]+)?" + CAPITALISED_WORD + ")*");
  private static final Pattern NOT_AN_ENTITY_CODE =
      Pattern.compile(
          "(?:Q[1-4]|P[0-4]|SEV-?\\d|H[12]|FY\\d{2,4}|\\d.*)", Pattern.CASE_INSENSITIVE);
  private static final int LOOK_BEHIND_CHARS = 32;
  private static final Pattern WORD_GAP = Pattern.compile("[ \\t]+");
  private static final Pattern POSSESSIVE = Pattern.compile("['’]s$");

  // Labels that type the name after them; a colon is optional only where the label reads as a
  // title ("project Atlas", "owned by Jane").
  private static final Set<String> PERSON_LABELS =
      Set.of(
          "owner",
          "owners",
          "assignee",
          "assigned to",
          "owned by",
          "lead",
          "manager",
          "reporter",
          "contact",
          "cc",
          "dri",
          "on-call",
          "oncall",
          "author",
          "approver",
          "reviewer",
          "requested by",
          "ask",
          "ping");
  private static final Set<String> PROJECT_LABELS =
      Set.of("project", "program", "programme", "initiative", "epic");
  private static final Set<String> SERVICE_LABELS =
      Set.of("service", "services", "component", "system", "app", "application");
  private static final Set<String> ORGANIZATION_LABELS =
      Set.of(
          "team",
          "org",
          "organization",
          "organisation",
          "company",
          "customer",
          "client",
          "vendor",
          "partner",
          "supplier",
          "account");
  private static final Pattern ROLE_AFTER =
      Pattern.compile(
          "(?i)^\\s*(?:,\\s*(?:our\\s+|the\\s+)?|\\(\\s*)(?:ceo|cto|cfo|coo|vp|pm|manager|lead"
              + "|engineer|director|head)\\b");
  private static final Pattern TO_VERB_AFTER = Pattern.compile("^\\s+to\\s+([a-z]+)\\b");

  private static final Set<String> HONORIFICS = Set.of("mr", "mrs", "ms", "dr", "prof");
  private static final Set<String> ORGANIZATION_SUFFIXES =
      Set.of(
          "inc",
          "corp",
          "corporation",
          "ltd",
          "llc",
          "llp",
          "gmbh",
          "ag",
          "plc",
          "co",
          "group",
          "bank",
          "university",
          "foundation",
          "labs",
          "partners",
          "holdings",
          "technologies",
          "team",
          "department",
          "dept",
          "division",
          "squad",
          "guild",
          "committee",
          "board");
  private static final Set<String> SERVICE_SUFFIXES =
      Set.of(
          "service",
          "api",
          "gateway",
          "database",
          "db",
          "cluster",
          "queue",
          "cache",
          "server",
          "backend",
          "frontend",
          "worker",
          "proxy");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Lists the people, organizations, projects, services, tickets, e-mails, URLs, dates,"
        + " amounts and percentages a text mentions, in order of first appearance.";
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
    List<Entity> entities = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String sentence : Sentences.split(input.text())) {
      for (Match match : matches(sentence)) {
        if (match.type() != null && seen.add(match.text().toLowerCase(Locale.ROOT))) {
          entities.add(new Entity(match.text(), match.type()));
        }
      }
    }
    return new Output(entities);
  }

  /** The entities of one sentence in text order; matches with a null type name nothing. */
  private static List<Match> matches(String sentence) {
    // Each kind needs a character most sentences lack; testing for it first keeps the tool fast.
    boolean at = sentence.indexOf('@') >= 0;
    boolean hyphen = sentence.indexOf('-') >= 0;
    boolean digit = sentence.chars().anyMatch(Character::isDigit);
    boolean address =
        sentence.contains("://") || sentence.toLowerCase(Locale.ROOT).contains("www.");
    List<Match> specific = new ArrayList<>();
    if (at) {
      addAll(specific, EMAIL, sentence, EntityType.EMAIL);
    }
    if (address) {
      Matcher url = URL.matcher(sentence);
      while (url.find()) {
        // Sentence punctuation after a URL is not part of it.
        String text = Sentences.stripTrailing(url.group(), ".,;:!?)]");
        specific.add(new Match(url.start(), url.start() + text.length(), text, EntityType.URL));
      }
    }
    if (digit) {
      if (hyphen) {
        addAll(specific, TICKET, sentence, EntityType.TICKET);
      }
      String lower = sentence.toLowerCase(Locale.ROOT);
      if (containsAny(lower, CURRENCY_CUES)) {
        addAll(specific, MONEY, sentence, EntityType.MONEY);
      }
      if (lower.indexOf('%') >= 0 || lower.contains("percent")) {
        addAll(specific, PERCENTAGE, sentence, EntityType.PERCENTAGE);
      }
      for (TimeExpressions.Found date : TimeExpressions.absoluteDates(sentence)) {
        specific.add(new Match(date.start(), date.end(), date.text(), EntityType.DATE));
      }
    }
    if (at) {
      Matcher mention = MENTION.matcher(sentence);
      while (mention.find()) {
        specific.add(
            new Match(mention.start(), mention.end(), mention.group(1), EntityType.PERSON));
      }
    }
    if (hyphen && containsAny(sentence, SLUG_CUES)) {
      addAll(specific, SERVICE_SLUG, sentence, EntityType.SERVICE);
    }
    List<Match> found = new ArrayList<>(Spans.nonOverlapping(specific, Match::start, Match::end));

    // Capitalised runs are looked for only between the specific matches, so that "See PAY-12"
    // does not swallow the ticket into a run of capitalised words.
    char[] masked = sentence.toCharArray();
    for (Match match : found) {
      Arrays.fill(masked, match.start(), match.end(), '\u0000');
    }
    Matcher run = CAPITALISED_RUN.matcher(new String(masked));
    while (run.find()) {
      found.add(capitalisedRun(sentence, run.start(), run.end()));
    }
    found.sort(Comparator.comparingInt(Match::start));
    return found;
  }

  private static boolean containsAny(String text, List<String> parts) {
    for (String part : parts) {
      if (text.contains(part)) {
        return true;
      }
    }
    return false;
  }

  private static void addAll(List<Match> found, Pattern pattern, String sentence, EntityType type) {
    Matcher m = pattern.matcher(sentence);
    while (m.find()) {
      found.add(new Match(m.start(), m.end(), Sentences.normalize(m.group()), type));
    }
  }

  private static Match capitalisedRun(String sentence, int start, int end) {
    List<String> words =
        new ArrayList<>(WORD_GAP.splitAsStream(sentence.substring(start, end)).toList());
    int textStart = start;
    boolean opensSentence = opensSentence(sentence, start);
    if (opensSentence && isCommonWord(words.get(0))) {
      // "Prepare Atlas Checkout ..." opens with a verb, not with the name.
      textStart += words.get(0).length() + 1;
      words.remove(0);
      opensSentence = false;
      while (!words.isEmpty() && isCommonWord(words.get(0))) {
        textStart += words.get(0).length() + 1;
        words.remove(0);
      }
    }
    if (words.isEmpty()) {
      return new Match(start, end, "", null);
    }
    String text = POSSESSIVE.matcher(String.join(" ", words)).replaceFirst("");
    // Labels and honorifics are short: looking at the last few words keeps this linear.
    String before = sentence.substring(Math.max(0, textStart - LOOK_BEHIND_CHARS), textStart);
    String after = sentence.substring(end);
    EntityType type = classify(words, text, before, after, opensSentence);
    return new Match(start, end, text, type);
  }

  private static boolean opensSentence(String sentence, int start) {
    for (int i = 0; i < start; i++) {
      char c = sentence.charAt(i);
      if (!Character.isWhitespace(c) && "\"'([".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code text} ends with one of the words (or phrases), as a whole word. */
  private static boolean endsWithWord(String text, Set<String> words) {
    for (String word : words) {
      int at = text.length() - word.length();
      if (text.endsWith(word) && (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isCommonWord(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    return Vocabulary.NOT_A_NAME.contains(lower) || Vocabulary.ACTION_VERBS.contains(lower);
  }

  /** The type of a capitalised run, or null when it names nothing. */
  private static EntityType classify(
      List<String> words, String text, String before, String after, boolean opensSentence) {
    String first = words.get(0).toLowerCase(Locale.ROOT);
    String last = words.get(words.size() - 1).toLowerCase(Locale.ROOT);
    if (words.size() == 1
        && (Vocabulary.NOT_A_NAME.contains(first)
            || HONORIFICS.contains(first)
            || Vocabulary.MONTHS.contains(first)
            || Vocabulary.WEEKDAYS.contains(first)
            || Vocabulary.NOT_AN_ENTITY_ACRONYM.contains(first)
            || NOT_AN_ENTITY_CODE.matcher(text).matches())) {
      return null;
    }
    String label = before.toLowerCase(Locale.ROOT).stripTrailing();
    boolean colon = label.endsWith(":");
    if (colon) {
      label = label.substring(0, label.length() - 1).stripTrailing();
    }
    String honorific = label.endsWith(".") ? label.substring(0, label.length() - 1) : label;
    if ((!colon && endsWithWord(honorific, HONORIFICS)) || endsWithWord(label, PERSON_LABELS)) {
      return EntityType.PERSON;
    }
    if (endsWithWord(label, PROJECT_LABELS)) {
      return EntityType.PROJECT;
    }
    if (colon && endsWithWord(label, SERVICE_LABELS)) {
      return EntityType.SERVICE;
    }
    if (colon && endsWithWord(label, ORGANIZATION_LABELS)) {
      return EntityType.ORGANIZATION;
    }
    if (words.size() > 1 && ORGANIZATION_SUFFIXES.contains(last)) {
      return EntityType.ORGANIZATION;
    }
    if (words.size() > 1 && SERVICE_SUFFIXES.contains(last)) {
      return EntityType.SERVICE;
    }
    Matcher toVerb = TO_VERB_AFTER.matcher(after);
    if (ROLE_AFTER.matcher(after).lookingAt()
        || (toVerb.lookingAt() && Vocabulary.ACTION_VERBS.contains(toVerb.group(1)))) {
      return EntityType.PERSON;
    }
    if (opensSentence && words.size() == 1) {
      // A lone capitalised word opening a sentence is as likely a plain word as a name.
      return null;
    }
    return words.size() > 1 ? EntityType.PROJECT : EntityType.OTHER;
  }
}
