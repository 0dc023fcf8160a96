package com.taskchain.orchestrator.tool.text;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.text.internal.Sentences;
import com.taskchain.orchestrator.tool.text.internal.TextChecks;
import com.taskchain.orchestrator.tool.text.internal.Vocabulary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code summarize}: an extractive summary that keeps the most informative sentences, in their
 * original order, within {@code max_words}.
 *
 * <p>A sentence's score is the mean document frequency of its content words (words that are not
 * stop words), plus a bonus for the first sentence (it usually states the point) and for numbers,
 * tickets and capitalised names mid-sentence (they carry the specifics); ties go to the earlier
 * sentence. Sentences are taken by score while they fit. When not even one fits, the best one is
 * cut to {@code max_words} words and ends with "...". So the summary never exceeds {@code
 * max_words} words and is never empty for non-blank text; {@code truncated} says whether anything
 * of the text was left out.
 */
public final class Summarize implements Tool<Summarize.Input, Summarize.Output> {
  public static final String NAME = "summarize";

  /** The summary length when {@code max_words} is not given. */
  public static final int DEFAULT_MAX_WORDS = 60;

  /** The smallest {@code max_words} accepted. */
  public static final int MIN_WORDS = 5;

  /** The largest {@code max_words} accepted. */
  public static final int MAX_WORDS = 500;

  /**
   * The arguments.
   *
   * @param text the text to summarise, at most {@link TextTools#MAX_TEXT_CHARS} characters
   * @param maxWords the longest summary, in words, {@value #MIN_WORDS} to {@value #MAX_WORDS};
   *     {@value #DEFAULT_MAX_WORDS} when not given
   */
  @JsonClassDescription("Arguments of summarize.")
  public record Input(
      @JsonProperty(required = true) @JsonPropertyDescription("The text to summarise.") String text,
      @JsonProperty("max_words")
          @JsonPropertyDescription("Optional: the longest summary in words, 5 to 500 (default 60).")
          Integer maxWords) {
    public Input {
      TextChecks.text("text", text, TextTools.MAX_TEXT_CHARS);
      maxWords =
          TextChecks.intInRange("max_words", maxWords, MIN_WORDS, MAX_WORDS, DEFAULT_MAX_WORDS);
    }

    public Input(String text) {
      this(text, null);
    }
  }

  /**
   * The result.
   *
   * @param summary the summary; empty only for blank text
   * @param wordCount the words in the summary
   * @param truncated whether part of the text was left out
   */
  public record Output(
      @JsonProperty(required = true) String summary,
      @JsonProperty(value = "word_count", required = true) int wordCount,
      @JsonProperty(required = true) boolean truncated) {
    public Output {
      TextChecks.required("summary", summary);
      int actual = Sentences.wordCount(summary);
      if (wordCount != actual) {
        throw new IllegalArgumentException(
            "word_count: must equal the words in summary (" + actual + "), got " + wordCount);
      }
    }
  }

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*");
  private static final Pattern SPECIFIC =
      Pattern.compile("\\b(?:\\d[\\d.,:%]*|[A-Z][A-Z0-9]+-\\d+)\\b|(?<=\\S\\s)[A-Z][a-z]+");
  private static final double FIRST_SENTENCE_BONUS = 0.5;
  private static final double SPECIFIC_BONUS = 0.25;
  private static final int MAX_SPECIFIC_BONUSES = 4;

  private record Scored(int index, String sentence, int words, double score) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Summarises a text extractively: its most informative sentences, in order, within"
        + " max_words words.";
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
    List<String> sentences = Sentences.split(input.text());
    if (sentences.isEmpty()) {
      return new Output("", 0, false);
    }
    int maxWords = input.maxWords();
    List<Scored> scored = score(sentences);
    List<Scored> ranked = new ArrayList<>(scored);
    ranked.sort(
        Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::index));

    List<Scored> chosen = new ArrayList<>();
    int words = 0;
    for (Scored candidate : ranked) {
      if (words + candidate.words() <= maxWords) {
        chosen.add(candidate);
        words += candidate.words();
      }
    }
    if (chosen.isEmpty()) {
      String[] best = Sentences.normalize(ranked.get(0).sentence()).split(" ");
      String cut = String.join(" ", List.of(best).subList(0, maxWords)) + "...";
      return new Output(cut, maxWords, true);
    }
    chosen.sort(Comparator.comparingInt(Scored::index));
    List<String> parts = new ArrayList<>();
    for (Scored s : chosen) {
      parts.add(terminated(s.sentence()));
    }
    String summary = String.join(" ", parts);
    return new Output(summary, Sentences.wordCount(summary), chosen.size() < sentences.size());
  }

  private static List<Scored> score(List<String> sentences) {
    Map<String, Integer> frequency = new HashMap<>();
    List<List<String>> contentWords = new ArrayList<>();
    for (String sentence : sentences) {
      List<String> content = new ArrayList<>();
      Matcher word = WORD.matcher(sentence);
      while (word.find()) {
        String lower = word.group().toLowerCase(Locale.ROOT);
        if (!Vocabulary.STOPWORDS.contains(lower)) {
          content.add(lower);
          frequency.merge(lower, 1, Integer::sum);
        }
      }
      contentWords.add(content);
    }
    List<Scored> scored = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      String sentence = sentences.get(i);
      List<String> content = contentWords.get(i);
      double score = 0;
      if (!content.isEmpty()) {
        score = content.stream().mapToInt(frequency::get).average().orElse(0);
      }
      if (i == 0) {
        score += FIRST_SENTENCE_BONUS;
      }
      Matcher specific = SPECIFIC.matcher(sentence);
      int bonuses = 0;
      while (bonuses < MAX_SPECIFIC_BONUSES && specific.find()) {
        bonuses++;
      }
      score += bonuses * SPECIFIC_BONUS;
      scored.add(new Scored(i, sentence, Sentences.wordCount(sentence), score));
    }
    return scored;
  }

  /** Ends a sentence with punctuation, so that "key: value" lines read as sentences when joined. */
  private static String terminated(String sentence) {
    char last = sentence.charAt(sentence.length() - 1);
    return ".!?".indexOf(last) >= 0 ? sentence : sentence + ".";
  }
}
