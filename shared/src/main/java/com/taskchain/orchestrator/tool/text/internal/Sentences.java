package com.taskchain.orchestrator.tool.text.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits text into sentences: every line is at least one sentence (context is rendered as "key:
 * value" lines and bullet lists carry no full stops), and a line splits after {@code . ! ?}
 * followed by white space, except after common abbreviations and initials. Bullet and numbering
 * markers are dropped and white space is collapsed. Pure and thread-safe.
 */
public final class Sentences {
  private static final Pattern LINE_BREAK = Pattern.compile("\\R");
  private static final Pattern BULLET =
      Pattern.compile("^\\s*(?:[-*•>]+|\\d{1,3}[.)]|[a-z][.)]|\\[[ xX]?\\])\\s+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  // A full stop after these does not end a sentence ("Dr. Lee", "e.g. Atlas", "approx. 5").
  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "eg", "ie",
          "inc", "ltd", "co", "corp", "approx", "est", "dept", "no", "fig", "a.m", "p.m", "u.s",
          "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec");

  private Sentences() {}

  /** The sentences of {@code text} in order; empty for blank text. */
  public static List<String> split(String text) {
    List<String> sentences = new ArrayList<>();
    for (String rawLine : LINE_BREAK.splitAsStream(text).toList()) {
      String line = BULLET.matcher(rawLine).replaceFirst("");
      splitLine(line, sentences);
    }
    return sentences;
  }

  private static void splitLine(String line, List<String> out) {
    int start = 0;
    int length = line.length();
    for (int i = 0; i < length; i++) {
      char c = line.charAt(i);
      if (c != '.' && c != '!' && c != '?') {
        continue;
      }
      int end = i + 1;
      while (end < length && ".!?\"')]".indexOf(line.charAt(end)) >= 0) {
        end++;
      }
      if (end < length && !Character.isWhitespace(line.charAt(end))) {
        continue;
      }
      if (c == '.' && !endsSentence(line, start, i, end)) {
        continue;
      }
      add(line.substring(start, end), out);
      start = end;
      i = end - 1;
    }
    add(line.substring(start), out);
  }

  private static boolean endsSentence(String line, int sentenceStart, int dot, int after) {
    int wordStart = dot;
    while (wordStart > sentenceStart && !Character.isWhitespace(line.charAt(wordStart - 1))) {
      wordStart--;
    }
    String word = line.substring(wordStart, dot).toLowerCase(Locale.ROOT);
    if (word.length() == 1 && Character.isLetter(word.charAt(0))) {
      return false; // an initial, as in "J. Smith"
    }
    if (ABBREVIATIONS.contains(word)) {
      return false;
    }
    // A lower-case continuation means the full stop was not the end ("approx. two days").
    int next = after;
    while (next < line.length() && Character.isWhitespace(line.charAt(next))) {
      next++;
    }
    return next >= line.length() || !Character.isLowerCase(line.charAt(next));
  }

  private static void add(String sentence, List<String> out) {
    String normalized = normalize(sentence);
    if (!normalized.isEmpty()) {
      out.add(normalized);
    }
  }

  /** Collapses runs of white space to one space and trims. */
  public static String normalize(String text) {
    // A hand-written loop: this runs on every sentence of every tool call.
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        pendingSpace = out.length() > 0;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The text without the given characters and white space at its end. */
  public static String stripTrailing(String text, String characters) {
    int end = text.length();
    while (end > 0
        && (Character.isWhitespace(text.charAt(end - 1))
            || characters.indexOf(text.charAt(end - 1)) >= 0)) {
      end--;
    }
    return text.substring(0, end);
  }

  /** The number of white-space separated words in {@code text}. */
  public static int wordCount(String text) {
    String trimmed = text.strip();
    return trimmed.isEmpty() ? 0 : (int) SPACES.splitAsStream(trimmed).count();
  }
}
