package com.taskchain.orchestrator.tool.text;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.text.internal.Sentences;
import com.taskchain.orchestrator.tool.text.internal.TextChecks;
import com.taskchain.orchestrator.tool.text.internal.TimeExpressions;
import com.taskchain.orchestrator.tool.text.internal.Vocabulary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code extract_action_items}: the things a text asks someone to do, with their owner and due
 * phrase when it names them, in order, deduplicated case-insensitively and capped at {@code
 * max_items}.
 *
 * <p>A sentence (or a clause between semicolons) is an action item when it is not a question and
 * it:
 *
 * <ul>
 *   <li>starts with a marker ({@code TODO}, {@code Action:}, {@code AI:}, {@code Next step:}),
 *       which is dropped from the item;
 *   <li>starts with an imperative verb ("Prepare ...", "Please review ..."), from a fixed list;
 *   <li>has a named subject and a commitment ("Jane to review ...", "Ops will restart ...");
 *   <li>says something must happen ("need to", "must", "should", "have to"), unless what follows is
 *       a state ("should be fine");
 *   <li>mentions someone ({@code @jane}) together with an action verb.
 * </ul>
 *
 * The owner is the first of: an {@code @mention}, a label ("owner: Jane", "assigned to Jane"), the
 * subject of "Jane to ..." / "Jane will ...". The due phrase is the first deadline phrase in the
 * item (as written, unresolved). A text with no such sentence has no action items: the tool does
 * not invent one.
 */
public final class ExtractActionItems
    implements Tool<ExtractActionItems.Input, ExtractActionItems.Output> {
  public static final String NAME = "extract_action_items";

  /** The number of items returned when {@code max_items} is not given. */
  public static final int DEFAULT_MAX_ITEMS = 10;

  /** The largest {@code max_items} accepted. */
  public static final int MAX_ITEMS = 50;

  /**
   * The arguments.
   *
   * @param text the text to read, at most {@link TextTools#MAX_TEXT_CHARS} characters
   * @param maxItems how many items at most, 1 to {@value #MAX_ITEMS}; {@value #DEFAULT_MAX_ITEMS}
   *     when not given
   */
  @JsonClassDescription("Arguments of extract_action_items.")
  public record Input(
      @JsonProperty(required = true) @JsonPropertyDescription("The text to read.") String text,
      @JsonProperty("max_items")
          @JsonPropertyDescription("Optional: how many items at most, 1 to 50 (default 10).")
          Integer maxItems) {
    public Input {
      TextChecks.text("text", text, TextTools.MAX_TEXT_CHARS);
      maxItems = TextChecks.intInRange("max_items", maxItems, 1, MAX_ITEMS, DEFAULT_MAX_ITEMS);
    }

    public Input(String text) {
      this(text, null);
    }
  }

  /**
   * One action item.
   *
   * @param text what is to be done
   * @param owner who is to do it, or null
   * @param due the deadline phrase as written, or null
   */
  public record ActionItem(
      @JsonProperty(required = true) String text,
      @JsonProperty(required = true) String owner,
      @JsonProperty(required = true) String due) {
    public ActionItem {
      TextChecks.nonBlank("text", text);
    }
  }

  /**
   * The result.
   *
   * @param actionItems in order of appearance
   */
  public record Output(
      @JsonProperty(value = "action_items", required = true) List<ActionItem> actionItems) {
    public Output {
      actionItems = List.copyOf(TextChecks.required("action_items", actionItems));
    }
  }

  private static final Pattern CLAUSE_BREAK = Pattern.compile("\\s*;\\s*");
  private static final Pattern MARKER =
      Pattern.compile(
          "^(?:todo|to-do|action items?|action|ai|next steps?|follow-?ups?)\\s*[:\\-]\\s*(.+)$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern TODO_WORD = Pattern.compile("^(?:todo|to-do)\\s+(.+)$");
  private static final Pattern PLEASE = Pattern.compile("^please\\s+", Pattern.CASE_INSENSITIVE);
  private static final Pattern FIRST_WORD = Pattern.compile("^([A-Za-z]+)\\b");
  private static final Pattern SUBJECT_COMMITMENT =
      Pattern.compile(
          "^([A-Z][\\w'-]*(?:\\s+[A-Z][\\w'-]*)?)\\s+(?:to|will|should|must|needs to|has to|is"
              + " to)\\s+(?:please\\s+)?([a-z]+)\\b");
  private static final Pattern OBLIGATION =
      Pattern.compile(
          "\\b(?:needs? to|must|should|have to|has to|required to|action required)\\s+(\\w+)"
              + "(?:\\s+(\\w+))?",
          Pattern.CASE_INSENSITIVE);
  private static final Set<String> STATES =
      Set.of(
          "fine",
          "ok",
          "okay",
          "good",
          "great",
          "possible",
          "likely",
          "unlikely",
          "true",
          "noted",
          "enough",
          "the");
  private static final Pattern MENTION = Pattern.compile("(?<![\\w.@])@([A-Za-z][\\w.-]*\\w)");
  private static final Pattern OWNER_LABEL =
      Pattern.compile(
          "\\b(?:owner|assignee|assigned to|owned by|dri)\\s*[:\\-]?\\s*"
              + "([A-Z][\\w'-]*(?:\\s+[A-Z][\\w'-]*)?|[a-z][\\w.-]*\\w)",
          Pattern.CASE_INSENSITIVE);
  private static final Set<String> PRONOUNS =
      Set.of("i", "we", "you", "they", "he", "she", "it", "someone", "somebody", "everyone");
  private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Lists the things a text asks someone to do, with the owner and due phrase when named.";
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
    List<ActionItem> items = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String sentence : Sentences.split(input.text())) {
      for (String clause : CLAUSE_BREAK.splitAsStream(sentence).toList()) {
        ActionItem item = actionItem(clause);
        if (item != null && seen.add(item.text().toLowerCase(Locale.ROOT))) {
          items.add(item);
          if (items.size() == input.maxItems()) {
            return new Output(items);
          }
        }
      }
    }
    return new Output(items);
  }

  /** The clause as an action item, or null when it asks for nothing. */
  private static ActionItem actionItem(String clause) {
    String body = Sentences.stripTrailing(clause.strip(), ".!");
    if (body.isEmpty() || body.endsWith("?")) {
      return null;
    }
    boolean action = false;
    Matcher marker = MARKER.matcher(body);
    Matcher todo = TODO_WORD.matcher(body);
    if (marker.matches()) {
      body = marker.group(1).strip();
      action = true;
    } else if (todo.matches()) {
      body = todo.group(1).strip();
      action = true;
    }
    String owner = null;
    String command = PLEASE.matcher(body).replaceFirst("");
    Matcher first = FIRST_WORD.matcher(command);
    if (first.find() && Vocabulary.ACTION_VERBS.contains(first.group(1).toLowerCase(Locale.ROOT))) {
      action = true;
    }
    Matcher subject = SUBJECT_COMMITMENT.matcher(body);
    if (subject.find() && Vocabulary.ACTION_VERBS.contains(subject.group(2))) {
      action = true;
      String name = subject.group(1);
      if (!PRONOUNS.contains(name.toLowerCase(Locale.ROOT))) {
        owner = name;
      }
    }
    if (!action && hasObligation(body)) {
      action = true;
    }
    Matcher mention = MENTION.matcher(body);
    boolean mentioned = mention.find();
    if (!action && mentioned && hasActionVerb(body)) {
      action = true;
    }
    if (!action) {
      return null;
    }
    if (mentioned) {
      owner = mention.group(1);
    } else {
      Matcher label = OWNER_LABEL.matcher(body);
      if (label.find()) {
        owner = label.group(1);
      }
    }
    List<TimeExpressions.Found> due = TimeExpressions.deadlines(body, null);
    return new ActionItem(body, owner, due.isEmpty() ? null : due.get(0).text());
  }

  private static boolean hasObligation(String body) {
    Matcher m = OBLIGATION.matcher(body);
    while (m.find()) {
      String next = m.group(1).toLowerCase(Locale.ROOT);
      String after = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
      // "should be fine" states something; "must be sent" still asks for something.
      if (!(next.equals("be") && STATES.contains(after)) && !next.equals("not")) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasActionVerb(String body) {
    Matcher word = WORD.matcher(body);
    while (word.find()) {
      if (Vocabulary.ACTION_VERBS.contains(word.group().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
