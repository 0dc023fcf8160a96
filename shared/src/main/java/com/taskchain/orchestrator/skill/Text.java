package com.taskchain.orchestrator.skill;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small text helpers the skills share: sentences, Markdown clean-up and UTC times. */
final class Text {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  /** A sentence ends at '.', '!' or '?' followed by a space and a capital, a digit or a quote. */
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z0-9\"“])");

  private Text() {}

  /** The sentences of a prose text, stripped; decimals and abbreviations stay whole. */
  static List<String> sentences(String text) {
    List<String> sentences = new ArrayList<>();
    for (String part : SENTENCE_END.split(text.strip())) {
      if (!part.isBlank()) {
        sentences.add(part.strip());
      }
    }
    return sentences;
  }

  /** Markdown emphasis and code marks removed, whitespace flattened. */
  static String plain(String markdown) {
    return markdown.replace("**", "").replace("`", "").replaceAll("\\s+", " ").strip();
  }

  /** {@code 2026-05-20 12:00 UTC}. */
  static String dateTime(Instant at) {
    return DATE_TIME.format(at) + " UTC";
  }

  /** {@code 12:00}. */
  static String time(Instant at) {
    return TIME.format(at);
  }

  /** {@code 2026-05-20}. */
  static String date(Instant at) {
    return DATE.format(at);
  }

  /** Whether {@code text} names the ticket id {@code id} as a whole id (not INC-23 in INC-2351). */
  static boolean containsId(String text, String id) {
    Matcher m =
        Pattern.compile("(?<![A-Za-z0-9-])" + Pattern.quote(id) + "(?![0-9])").matcher(text);
    return m.find();
  }

  /** The text with a full stop at its end. */
  static String sentence(String text) {
    String t = text.strip();
    return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
  }
}
