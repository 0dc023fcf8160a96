package com.taskchain.orchestrator.tool.company.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks for the company tools' input records. Messages have the form {@code "field: problem"},
 * which the tool registry reports against the field named.
 */
public final class Args {
  private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,19}");

  private Args() {}

  /**
   * A required text of {@code min} to {@code max} characters, not blank.
   *
   * @return the text, stripped
   */
  public static String required(String field, String value, int min, int max) {
    if (value == null) {
      throw new IllegalArgumentException(field + ": is required");
    }
    return text(field, value, min, max);
  }

  /**
   * An optional text; when given, not blank and at most {@code max} characters.
   *
   * @return the text stripped, or null when absent
   */
  public static String optional(String field, String value, int max) {
    return value == null ? null : text(field, value, 1, max);
  }

  private static String text(String field, String value, int min, int max) {
    String stripped = value.strip();
    if (stripped.isEmpty()) {
      throw new IllegalArgumentException(field + ": must not be blank (leave it out instead)");
    }
    if (stripped.length() < min || stripped.length() > max) {
      throw new IllegalArgumentException(
          field
              + ": must be "
              + min
              + " to "
              + max
              + " characters, got "
              + stripped.length()
              + " characters");
    }
    return stripped;
  }

  /** An optional project key such as {@code PAY}: letters and digits, upper-cased. */
  public static String projectKey(String field, String value) {
    if (value == null) {
      return null;
    }
    if (!KEY.matcher(value.strip()).matches()) {
      throw new IllegalArgumentException(
          field + ": must be a project key such as PAY or INC, got '" + abbreviate(value) + "'");
    }
    return value.strip().toUpperCase(Locale.ROOT);
  }

  /** An optional integer within {@code [min, max]}, {@code fallback} when absent. */
  public static int intInRange(String field, Integer value, int min, int max, int fallback) {
    if (value == null) {
      return fallback;
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field + ": must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /** One of {@code allowed}, matched case-insensitively, in its canonical spelling. */
  public static String oneOf(String field, String value, Collection<String> allowed) {
    if (value == null) {
      return null;
    }
    for (String candidate : allowed) {
      if (candidate.equalsIgnoreCase(value.strip())) {
        return candidate;
      }
    }
    throw new IllegalArgumentException(
        field
            + ": must be one of "
            + String.join(", ", allowed)
            + ", got '"
            + abbreviate(value)
            + "'");
  }

  /**
   * An optional ISO-8601 time with a zone ({@code 2026-02-18T14:05:00Z}, {@code
   * 2026-02-18T15:05:00+01:00}) or a date ({@code 2026-02-18}).
   *
   * @param endOfDay for a date alone: its last millisecond instead of its start (for upper bounds,
   *     so that "to 2026-02-18" includes that day)
   * @return the instant, or empty when absent
   */
  public static Optional<Instant> instant(String field, String value, boolean endOfDay) {
    if (value == null) {
      return Optional.empty();
    }
    String text = value.strip();
    try {
      if (text.length() == 10) {
        LocalDate date = LocalDate.parse(text);
        return Optional.of(
            endOfDay
                ? date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                : date.atStartOfDay(ZoneOffset.UTC).toInstant());
      }
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          field
              + ": must be an ISO-8601 time with a zone (2026-02-18T14:05:00Z) or a date"
              + " (2026-02-18), got '"
              + abbreviate(value)
              + "'");
    }
  }

  /** A required ISO-8601 time with a zone, or a date (its start). */
  public static Instant requiredInstant(String field, String value) {
    if (value == null) {
      throw new IllegalArgumentException(field + ": is required");
    }
    return instant(field, value, false).orElseThrow();
  }

  /** Checks that {@code from} is not after {@code to} when both are given. */
  public static void ordered(
      String toField, Optional<Instant> from, Optional<Instant> to, String fromField) {
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw new IllegalArgumentException(toField + ": must not be before " + fromField);
    }
  }

  /** An optional ISO-8601 duration of whole minutes within {@code [min, max]}. */
  public static Optional<Duration> duration(
      String field, String value, Duration min, Duration max) {
    if (value == null) {
      return Optional.empty();
    }
    Duration duration;
    try {
      duration = Duration.parse(value.strip().toUpperCase(Locale.ROOT));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          field + ": must be an ISO-8601 duration such as PT5M, got '" + abbreviate(value) + "'");
    }
    if (duration.compareTo(min) < 0
        || duration.compareTo(max) > 0
        || duration.toSecondsPart() != 0
        || duration.toNanosPart() != 0) {
      throw new IllegalArgumentException(
          field + ": must be whole minutes from " + min + " to " + max + ", got " + duration);
    }
    return Optional.of(duration);
  }

  public static String abbreviate(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }
}
