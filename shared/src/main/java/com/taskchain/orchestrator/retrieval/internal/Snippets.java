package com.taskchain.orchestrator.retrieval.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/** The part of a hit's text worth showing. Pure and thread-safe. */
public final class Snippets {
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;:])\\s+|\\s*\\n\\s*");
  private static final String ELLIPSIS = "…";

  private Snippets() {}

  /**
   * The body, or when it is longer than {@code maxChars} its part from the sentence richest in
   * query information, cut at word boundaries and marked "…" where cut. The body is analysed once.
   *
   * @param weights each query term's weight (rarer terms weigh more)
   * @param maxChars the longest snippet, at least 2
   */
  public static String of(
      Analyzer analyzer, String body, Map<String, Double> weights, int maxChars) {
    String compact = compact(body);
    if (compact.length() <= maxChars) {
      return compact;
    }
    // Sentences as [start, end) offsets into the body, so that tokens can be placed by offset.
    List<int[]> spans = new ArrayList<>();
    Matcher end = SENTENCE_END.matcher(body);
    int start = 0;
    while (end.find()) {
      if (end.start() > start) {
        spans.add(new int[] {start, end.start()});
      }
      start = end.end();
    }
    if (start < body.length()) {
      spans.add(new int[] {start, body.length()});
    }
    double[] weight = new double[spans.size()];
    try (TokenStream stream = analyzer.tokenStream(Fields.TEXT, body)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      int sentence = 0;
      while (stream.incrementToken()) {
        Double w = weights.get(term.toString());
        if (w == null) {
          continue;
        }
        while (sentence < spans.size() - 1 && offset.startOffset() >= spans.get(sentence)[1]) {
          sentence++;
        }
        weight[sentence] += w;
      }
      stream.end();
    } catch (IOException e) {
      // Analysis reads a String: there is no I/O to fail.
      throw new UncheckedIOException(e);
    }
    int best = 0;
    for (int i = 1; i < weight.length; i++) {
      if (weight[i] > weight[best]) {
        best = i;
      }
    }
    List<String> sentences = new ArrayList<>();
    for (int[] span : spans) {
      sentences.add(compact(body.substring(span[0], span[1])));
    }
    return snippet(sentences, best, maxChars);
  }

  /** The text with every run of whitespace made one space, stripped (no regex: it is hot). */
  static String compact(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The sentences from {@code start} on, within {@code maxChars}, marked where cut. */
  static String snippet(List<String> sentences, int start, int maxChars) {
    String all = String.join(" ", sentences);
    if (all.length() <= maxChars) {
      return all;
    }
    // Keep the opening (a record's title) when the best sentence still fits after it.
    String head = String.join(" ", sentences.subList(0, start + 1));
    if (start == 0 || head.length() <= maxChars) {
      return cut(all, maxChars);
    }
    String from = String.join(" ", sentences.subList(start, sentences.size()));
    return ELLIPSIS + cut(from, maxChars - ELLIPSIS.length());
  }

  /** The text within {@code maxChars}, cut at a word boundary and marked when cut. */
  static String cut(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    int end = maxChars - ELLIPSIS.length();
    int space = text.lastIndexOf(' ', end);
    if (space > end / 2) {
      end = space;
    }
    return text.substring(0, end).stripTrailing() + ELLIPSIS;
  }
}
