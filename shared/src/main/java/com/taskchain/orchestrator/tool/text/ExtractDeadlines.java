package com.taskchain.orchestrator.tool.text;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.text.internal.Sentences;
import com.taskchain.orchestrator.tool.text.internal.TextChecks;
import com.taskchain.orchestrator.tool.text.internal.TimeExpressions;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code extract_deadlines}: dates and deadline phrases ("2026-03-05", "March 5", "5 March 2026",
 * "by Friday", "end of week", "EOD", "Q3", "next week", "within 48 hours"), each with the sentence
 * it is in, in order of appearance and deduplicated by phrase (case-insensitively).
 *
 * <p>Phrases are resolved to ISO dates against {@code reference_date} when one is given; a phrase
 * that needs a reference date and has none (or cannot be resolved) has a null date. The rules are
 * those of {@link TimeExpressions}: weeks end on Friday, months, quarters and years on their last
 * day, "next Friday" is the Friday of the following week.
 */
public final class ExtractDeadlines
    implements Tool<ExtractDeadlines.Input, ExtractDeadlines.Output> {
  public static final String NAME = "extract_deadlines";

  /**
   * The arguments.
   *
   * @param text the text to read, at most {@link TextTools#MAX_TEXT_CHARS} characters
   * @param referenceDate the ISO date ({@code 2026-03-02}) relative phrases count from; optional
   */
  @JsonClassDescription("Arguments of extract_deadlines.")
  public record Input(
      @JsonProperty(required = true) @JsonPropertyDescription("The text to read.") String text,
      @JsonProperty("reference_date")
          @JsonPropertyDescription(
              "Optional ISO date (YYYY-MM-DD) that relative phrases like 'by Friday' count from.")
          String referenceDate) {
    public Input {
      TextChecks.text("text", text, TextTools.MAX_TEXT_CHARS);
      if (referenceDate != null) {
        parseDate("reference_date", referenceDate);
      }
    }

    public Input(String text) {
      this(text, null);
    }

    /** The reference date, or null when none was given. */
    public LocalDate reference() {
      return referenceDate == null ? null : LocalDate.parse(referenceDate);
    }
  }

  /**
   * One deadline.
   *
   * @param text the phrase as written
   * @param date the ISO date it resolves to, or null
   * @param sentence the sentence it is in
   */
  public record Deadline(
      @JsonProperty(required = true) String text,
      @JsonProperty(required = true) String date,
      @JsonProperty(required = true) String sentence) {
    public Deadline {
      TextChecks.nonBlank("text", text);
      TextChecks.nonBlank("sentence", sentence);
      if (date != null) {
        parseDate("date", date);
      }
    }
  }

  /**
   * The result.
   *
   * @param deadlines in order of appearance
   */
  public record Output(@JsonProperty(required = true) List<Deadline> deadlines) {
    public Output {
      deadlines = List.copyOf(TextChecks.required("deadlines", deadlines));
    }
  }

  private static LocalDate parseDate(String field, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          field + ": must be an ISO date (YYYY-MM-DD), got '" + value + "'", e);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Finds dates and deadline phrases (by Friday, EOD, Q3, within 48 hours) with their"
        + " sentences, resolved to ISO dates against an optional reference date.";
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
    LocalDate reference = input.reference();
    List<Deadline> deadlines = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String sentence : Sentences.split(input.text())) {
      for (TimeExpressions.Found found : TimeExpressions.deadlines(sentence, reference)) {
        if (seen.add(found.text().toLowerCase(Locale.ROOT))) {
          String date = found.date() == null ? null : found.date().toString();
          deadlines.add(new Deadline(found.text(), date, sentence));
        }
      }
    }
    return new Output(deadlines);
  }
}
