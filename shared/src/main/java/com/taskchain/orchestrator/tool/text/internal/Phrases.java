package com.taskchain.orchestrator.tool.text.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds word phrases in tokenised text with hash lookups: one pass over the tokens, however many
 * phrases there are (a regular expression with a hundred alternatives tries each at every word).
 * Matches are leftmost, then longest, and do not overlap. Immutable and thread-safe once built.
 *
 * <p>Phrases are written in lower case, words separated by spaces; {@code a/b} offers alternative
 * forms of one word ({@code "blocker/blockers"}), {@code #} stands for any number. Text is split
 * into tokens at every character that is not a letter or digit, so {@code "customer facing"}
 * matches "customer-facing" too.
 *
 * @param <T> what a phrase stands for
 */
public final class Phrases<T> {

  /**
   * A run of letters and digits.
   *
   * @param text the token, as in the text it was cut from (lower-cased text gives lower-case
   *     tokens)
   * @param start its start in that text
   * @param end its end (exclusive)
   */
  public record Token(String text, int start, int end) {
    boolean isNumber() {
      for (int i = 0; i < text.length(); i++) {
        if (!Character.isDigit(text.charAt(i))) {
          return false;
        }
      }
      return !text.isEmpty();
    }
  }

  /**
   * One phrase found.
   *
   * @param value what the phrase stands for
   * @param canonical the phrase in its first-listed forms, e.g. {@code blocker} for "blockers"
   * @param firstToken index of its first token
   * @param endToken index after its last token
   * @param start its start in the text
   * @param end its end in the text (exclusive)
   */
  public record Hit<T>(
      T value, String canonical, int firstToken, int endToken, int start, int end) {}

  private record Phrase<T>(List<String> words, String canonical, T value) {}

  private static final String NUMBER = "#";

  private final Map<String, List<Phrase<T>>> byFirstWord;

  private Phrases(Map<String, List<Phrase<T>>> byFirstWord) {
    this.byFirstWord = byFirstWord;
  }

  /** The tokens of {@code text}: maximal runs of letters and digits, in order. */
  public static List<Token> tokens(String text) {
    List<Token> tokens = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      boolean word = i < text.length() && Character.isLetterOrDigit(text.charAt(i));
      if (word && start < 0) {
        start = i;
      } else if (!word && start >= 0) {
        tokens.add(new Token(text.substring(start, i), start, i));
        start = -1;
      }
    }
    return tokens;
  }

  /** A builder of phrase sets. */
  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /** Collects phrases; not thread-safe. */
  public static final class Builder<T> {
    private final Map<String, List<Phrase<T>>> byFirstWord = new HashMap<>();

    private Builder() {}

    /**
     * Adds phrases that stand for {@code value}.
     *
     * @param phrases comma-separated phrases, e.g. {@code "blocker/blockers/blocked, waiting
     *     on/for"}
     */
    public Builder<T> add(String phrases, T value) {
      Objects.requireNonNull(value, "value");
      for (String phrase : phrases.split(",", -1)) {
        List<String[]> forms = new ArrayList<>();
        for (String word : phrase.strip().split(" +", -1)) {
          if (word.isEmpty()) {
            throw new IllegalArgumentException("empty word in phrase '" + phrase + "'");
          }
          forms.add(word.split("/", -1));
        }
        String canonical =
            String.join(" ", forms.stream().map(alternatives -> alternatives[0]).toList());
        expand(forms, 0, new ArrayList<>(), canonical, value);
      }
      return this;
    }

    private void expand(
        List<String[]> forms, int index, List<String> words, String canonical, T value) {
      if (index == forms.size()) {
        Phrase<T> phrase = new Phrase<>(List.copyOf(words), canonical, value);
        List<Phrase<T>> sameStart =
            byFirstWord.computeIfAbsent(words.get(0), k -> new ArrayList<>());
        sameStart.add(phrase);
        // Longest first, so that "single point of failure" wins over "single".
        sameStart.sort((a, b) -> Integer.compare(b.words().size(), a.words().size()));
        return;
      }
      for (String form : forms.get(index)) {
        words.add(form);
        expand(forms, index + 1, words, canonical, value);
        words.remove(words.size() - 1);
      }
    }

    public Phrases<T> build() {
      Map<String, List<Phrase<T>>> copy = new HashMap<>();
      byFirstWord.forEach((word, phrases) -> copy.put(word, List.copyOf(phrases)));
      return new Phrases<>(Map.copyOf(copy));
    }
  }

  /**
   * The phrases in the tokens, leftmost and longest first, not overlapping.
   *
   * @param skip tokens that may not be part of a match (null: none), indexed like {@code tokens}
   */
  public List<Hit<T>> find(List<Token> tokens, boolean[] skip) {
    List<Hit<T>> hits = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      Phrase<T> match = longestAt(tokens, skip, i);
      if (match == null) {
        i++;
        continue;
      }
      int end = i + match.words().size();
      hits.add(
          new Hit<>(
              match.value(),
              match.canonical(),
              i,
              end,
              tokens.get(i).start(),
              tokens.get(end - 1).end()));
      i = end;
    }
    return hits;
  }

  /** Whether any phrase occurs in the tokens. */
  public boolean any(List<Token> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      if (longestAt(tokens, null, i) != null) {
        return true;
      }
    }
    return false;
  }

  private Phrase<T> longestAt(List<Token> tokens, boolean[] skip, int i) {
    if (skip != null && skip[i]) {
      return null;
    }
    Token first = tokens.get(i);
    List<Phrase<T>> candidates = byFirstWord.get(first.isNumber() ? NUMBER : first.text());
    List<Phrase<T>> exact = first.isNumber() ? byFirstWord.get(first.text()) : null;
    Phrase<T> best = longestOf(candidates, tokens, skip, i);
    Phrase<T> other = longestOf(exact, tokens, skip, i);
    if (best == null || (other != null && other.words().size() > best.words().size())) {
      return other;
    }
    return best;
  }

  private static <T> Phrase<T> longestOf(
      List<Phrase<T>> candidates, List<Token> tokens, boolean[] skip, int i) {
    if (candidates == null) {
      return null;
    }
    for (Phrase<T> phrase : candidates) {
      if (matchesAt(phrase, tokens, skip, i)) {
        return phrase;
      }
    }
    return null;
  }

  private static boolean matchesAt(Phrase<?> phrase, List<Token> tokens, boolean[] skip, int i) {
    List<String> words = phrase.words();
    if (i + words.size() > tokens.size()) {
      return false;
    }
    for (int k = 0; k < words.size(); k++) {
      Token token = tokens.get(i + k);
      if (skip != null && skip[i + k]) {
        return false;
      }
      String word = words.get(k);
      boolean same = NUMBER.equals(word) ? token.isNumber() : word.equals(token.text());
      if (!same) {
        return false;
      }
    }
    return true;
  }
}
