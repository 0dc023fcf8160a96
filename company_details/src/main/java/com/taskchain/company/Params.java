package com.taskchain.company;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of one request, checked strictly: an unknown or repeated parameter is
 * refused, so a caller with a typo learns it at once instead of getting an unfiltered answer.
 */
final class Params {
  private final Map<String, List<String>> raw;

  private Params(Map<String, List<String>> raw) {
    this.raw = raw;
  }

  /**
   * Checks that every parameter is one of {@code allowed} and appears once.
   *
   * @throws BadParameterException naming the first unknown or repeated parameter
   */
  static Params of(Map<String, List<String>> query, Set<String> allowed)
      throws BadParameterException {
    for (Map.Entry<String, List<String>> entry : new java.util.TreeMap<>(query).entrySet()) {
      if (!allowed.contains(entry.getKey())) {
        throw new BadParameterException(
            entry.getKey(),
            "unknown parameter '"
                + entry.getKey()
                + "'; allowed: "
                + String.join(", ", new TreeSet<>(allowed)));
      }
      if (entry.getValue().size() > 1) {
        throw new BadParameterException(
            entry.getKey(), "parameter '" + entry.getKey() + "' is given more than once");
      }
    }
    return new Params(query);
  }

  /** The trimmed value, or empty when absent or blank. */
  Optional<String> text(String name) {
    List<String> values = raw.get(name);
    if (values == null || values.isEmpty() || values.get(0) == null) {
      return Optional.empty();
    }
    String value = values.get(0).trim();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /**
   * An ISO-8601 instant: {@code 2026-02-18T14:05:00Z}, with an offset ({@code +01:00}), or a date
   * alone ({@code 2026-02-18}, meaning its start in UTC). A time without a zone is refused as
   * ambiguous.
   */
  Optional<Instant> instant(String name) throws BadParameterException {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String text = value.get();
    try {
      if (text.length() == 10) {
        return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      throw new BadParameterException(
          name,
          "parameter '"
              + name
              + "' must be an ISO-8601 time with a zone, such as 2026-02-18T14:05:00Z, or a date; got '"
              + abbreviate(text)
              + "'");
    }
  }

  /** An ISO-8601 duration such as {@code PT5M}. */
  Optional<Duration> duration(String name) throws BadParameterException {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.parse(value.get().toUpperCase(Locale.ROOT)));
    } catch (DateTimeException e) {
      throw new BadParameterException(
          name,
          "parameter '"
              + name
              + "' must be an ISO-8601 duration such as PT5M or PT1H; got '"
              + abbreviate(value.get())
              + "'");
    }
  }

  /** A whole number within {@code [min, max]}, or {@code fallback} when absent. */
  int integer(String name, int fallback, int min, int max) throws BadParameterException {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value.get());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // Reported below with the allowed range, like an out-of-range number.
    }
    throw new BadParameterException(
        name,
        "parameter '"
            + name
            + "' must be a whole number from "
            + min
            + " to "
            + max
            + "; got '"
            + abbreviate(value.get())
            + "'");
  }

  /**
   * A comma-separated list of values, each matched case-insensitively against {@code allowed} and
   * returned in its canonical spelling; empty when the parameter is absent.
   */
  Set<String> choices(String name, Set<String> allowed) throws BadParameterException {
    Optional<String> value = text(name);
    Set<String> chosen = new TreeSet<>();
    if (value.isEmpty()) {
      return chosen;
    }
    for (String part : value.get().split(",", -1)) {
      String wanted = part.trim();
      String match =
          allowed.stream()
              .filter(candidate -> candidate.equalsIgnoreCase(wanted))
              .findFirst()
              .orElseThrow(
                  () ->
                      new BadParameterException(
                          name,
                          "unknown "
                              + name
                              + " '"
                              + abbreviate(wanted)
                              + "'; known: "
                              + String.join(", ", new TreeSet<>(allowed))));
      chosen.add(match);
    }
    return chosen;
  }

  static String abbreviate(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }
}
