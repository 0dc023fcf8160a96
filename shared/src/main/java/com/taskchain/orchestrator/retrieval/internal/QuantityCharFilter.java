package com.taskchain.orchestrator.retrieval.internal;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.charfilter.BaseCharFilter;

/**
 * Rewrites quantities to one spelling before tokenization, so that the same amount written in
 * different units or styles gives the same terms at index and at query time:
 *
 * <ul>
 *   <li>a duration gets its value in milliseconds as a term of its own beside the number as
 *       written: "3.95 s", "3.95s", "3950 ms" and "3950ms" all contain {@code 3950ms}; so do
 *       ISO-8601 durations ("PT10M" and "10 minutes" both contain {@code 600000ms});
 *   <li>a percentage gets a {@code pct} term: "12 %", "12%" and "12 percent" all give {@code 12}
 *       and {@code 12pct};
 *   <li>thousands separators and a {@code k} suffix are resolved: "1,650" and "1.65k" are {@code
 *       1650};
 *   <li>an underscore between word characters is a space, and a word glued to a number of one or
 *       two digits is split, so that configuration keys ("p95_latency_ms", "tier0") are searchable
 *       by their words ("tier 0", "Tier-0").
 * </ul>
 *
 * Offsets are corrected, so highlighting still points into the original text. Reads the whole input
 * on the first read (passages are a few kilobytes).
 */
public final class QuantityCharFilter extends BaseCharFilter {
  private static final String NUMBER = "(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)";

  /**
   * A number, an optional {@code k} and an optional unit. Not inside a word or an identifier
   * ("p95", "INC-2291", "2.14.3") and not followed by more of one.
   */
  private static final Pattern QUANTITY =
      Pattern.compile(
          "(?<![\\w.,-])"
              + NUMBER
              + "(k\\b)?"
              + "(?:\\s?((?:milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h"
              + "|days?|percent|per\\s+cent)\\b|%))?"
              + "(?![\\w%]|[.,]\\d)",
          Pattern.CASE_INSENSITIVE);

  /** An ISO-8601 duration of days and time, e.g. {@code PT10M}, {@code P30D}, {@code PT1H30M}. */
  private static final Pattern ISO_DURATION =
      Pattern.compile("\\bP(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?\\b");

  private static final Pattern UNDERSCORE = Pattern.compile("(?<=\\w)_(?=\\w)");

  /** A word glued to a small number, as configuration keys write it: "tier0" is "tier 0". */
  private static final Pattern GLUED_NUMBER =
      Pattern.compile("(?<![A-Za-z0-9])([A-Za-z]{3,})(\\d{1,2})(?![A-Za-z0-9])");

  private static final Map<String, Long> MILLIS_PER_UNIT =
      Map.ofEntries(
          Map.entry("ms", 1L),
          Map.entry("msec", 1L),
          Map.entry("millisecond", 1L),
          Map.entry("s", 1_000L),
          Map.entry("sec", 1_000L),
          Map.entry("second", 1_000L),
          Map.entry("min", 60_000L),
          Map.entry("minute", 60_000L),
          Map.entry("h", 3_600_000L),
          Map.entry("hr", 3_600_000L),
          Map.entry("hour", 3_600_000L),
          Map.entry("day", 86_400_000L));

  private final Reader source;
  private CharSequence rewritten;
  private int position;

  public QuantityCharFilter(Reader in) {
    super(in);
    this.source = in;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (rewritten == null) {
      StringBuilder all = new StringBuilder();
      char[] chunk = new char[1024];
      int n;
      while ((n = source.read(chunk)) != -1) {
        all.append(chunk, 0, n);
      }
      rewritten = rewriteAll(all);
    }
    if (position >= rewritten.length()) {
      return -1;
    }
    int count = Math.min(length, rewritten.length() - position);
    for (int i = 0; i < count; i++) {
      buffer[offset + i] = rewritten.charAt(position + i);
    }
    position += count;
    return count;
  }

  /** The text as the tokenizer sees it. */
  public static String normalize(String text) {
    return new QuantityCharFilter(Reader.nullReader()).rewriteAll(text).toString();
  }

  private CharSequence rewriteAll(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length() + 32);
    int cumulative = 0;
    int last = 0;
    Matcher m = COMBINED.matcher(text);
    while (m.find()) {
      String replacement = replacement(m);
      if (replacement == null) {
        continue;
      }
      out.append(text, last, m.start());
      int before = out.length();
      out.append(replacement);
      int original = m.end() - m.start();
      // As Lucene's PatternReplaceCharFilter does: map the offsets after the replacement back.
      if (replacement.length() < original) {
        cumulative += original - replacement.length();
        addOffCorrectMap(before + replacement.length(), cumulative);
      } else {
        for (int i = original; i < replacement.length(); i++) {
          addOffCorrectMap(before + i, --cumulative);
        }
      }
      last = m.end();
    }
    out.append(text, last, text.length());
    return out;
  }

  private static final Pattern COMBINED =
      Pattern.compile(
          QUANTITY.pattern()
              + "|"
              + ISO_DURATION.pattern()
              + "|"
              + UNDERSCORE.pattern()
              + "|"
              + GLUED_NUMBER.pattern(),
          Pattern.CASE_INSENSITIVE);

  /** The replacement of a match, or null to leave it as written. */
  private static String replacement(Matcher m) {
    String whole = m.group();
    if (whole.equals("_")) {
      return " ";
    }
    if (m.group(1) != null) {
      return quantity(m.group(1), m.group(2) != null, m.group(3));
    }
    if (m.group(8) != null) {
      return m.group(8) + " " + m.group(9);
    }
    if (whole.length() < 2 || whole.equalsIgnoreCase("P") || whole.equalsIgnoreCase("PT")) {
      return null;
    }
    return isoDuration(m.group(4), m.group(5), m.group(6), m.group(7), whole);
  }

  private static String quantity(String number, boolean thousands, String unit) {
    BigDecimal value = new BigDecimal(number.replace(",", ""));
    if (thousands) {
      value = value.multiply(BigDecimal.valueOf(1_000));
    }
    String plain = value.stripTrailingZeros().toPlainString();
    if (unit == null) {
      return plain.equals(number) ? null : plain;
    }
    String lower = unit.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (lower.equals("%") || lower.equals("percent") || lower.equals("per cent")) {
      return plain + " " + plain + "pct";
    }
    String singular =
        lower.endsWith("s") && lower.length() > 2 ? lower.substring(0, lower.length() - 1) : lower;
    Long millis = MILLIS_PER_UNIT.get(singular);
    if (millis == null) {
      millis = MILLIS_PER_UNIT.get(lower);
    }
    if (millis == null) {
      return plain.equals(number) ? null : plain + " " + unit;
    }
    String inMillis =
        value.multiply(BigDecimal.valueOf(millis)).stripTrailingZeros().toPlainString();
    return plain + " " + inMillis + "ms";
  }

  private static String isoDuration(
      String days, String hours, String minutes, String seconds, String whole) {
    if (days == null && hours == null && minutes == null && seconds == null) {
      return null;
    }
    BigDecimal millis = BigDecimal.ZERO;
    millis = add(millis, days, 86_400_000L);
    millis = add(millis, hours, 3_600_000L);
    millis = add(millis, minutes, 60_000L);
    millis = add(millis, seconds, 1_000L);
    return whole + " " + millis.stripTrailingZeros().toPlainString() + "ms";
  }

  private static BigDecimal add(BigDecimal sum, String amount, long unit) {
    return amount == null
        ? sum
        : sum.add(new BigDecimal(amount).multiply(BigDecimal.valueOf(unit)));
  }
}
