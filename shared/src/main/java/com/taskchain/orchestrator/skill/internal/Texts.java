package com.taskchain.orchestrator.skill.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the skills write numbers, times and section anchors, as the company's documents do. */
public final class Texts {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Texts() {}

  /** An error rate as the documents write it: {@code 3.8 %}, {@code 0.35 %}. */
  public static String percent(double value) {
    int decimals = Math.abs(value) >= 1 ? 1 : 2;
    return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString() + " %";
  }

  /** A latency as the documents write it: {@code 1,650 ms}. */
  public static String millis(double value) {
    DecimalFormat format =
        new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
    format.setRoundingMode(RoundingMode.HALF_UP);
    return format.format(value) + " ms";
  }

  /** A metric's value with its unit. */
  public static String metricValue(String metric, double value) {
    return Samples.Metric.ERROR_RATE.equals(metric) ? percent(value) : millis(value);
  }

  /** A metric's name in prose. */
  public static String metricName(String metric) {
    return Samples.Metric.ERROR_RATE.equals(metric) ? "error rate" : "p95 latency";
  }

  /** {@code 14:05} (UTC). */
  public static String time(Instant at) {
    return TIME.format(at);
  }

  /** {@code 2026-02-18 14:05} (UTC). */
  public static String dateTime(Instant at) {
    return DATE_TIME.format(at);
  }

  /**
   * A Markdown heading as a section anchor: {@code 5. Rollback triggers} → {@code
   * 5-rollback-triggers}.
   */
  public static String anchor(String heading) {
    return heading
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9 \\-]", "")
        .strip()
        .replaceAll("\\s+", "-");
  }

  /** Markdown emphasis and code marks removed, whitespace collapsed. */
  public static String plain(String markdown) {
    return markdown.replace("**", "").replaceAll("\\s+", " ").strip();
  }

  /** A tier id as the profile writes it: {@code tier0} → {@code Tier 0}. */
  public static String tierName(String tier) {
    return "Tier " + tier.replaceAll("\\D", "");
  }
}
