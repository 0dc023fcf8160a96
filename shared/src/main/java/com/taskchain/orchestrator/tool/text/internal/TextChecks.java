package com.taskchain.orchestrator.tool.text.internal;

/**
 * Validation shared by the text tools' records. Messages have the form {@code "field: problem"},
 * which the tool registry reports against the field named.
 */
public final class TextChecks {
  private TextChecks() {}

  /**
   * Checks a text argument: present and at most {@code maxChars} characters long. Blank text is
   * allowed; the tools answer it with empty results.
   *
   * @return the text, unchanged
   * @throws IllegalArgumentException when absent or too long
   */
  public static String text(String field, String value, int maxChars) {
    if (value == null) {
      throw new IllegalArgumentException(field + ": is required");
    }
    if (value.length() > maxChars) {
      throw new IllegalArgumentException(
          field
              + ": must be at most "
              + maxChars
              + " characters, got "
              + value.length()
              + " characters");
    }
    return value;
  }

  /**
   * Checks an optional integer against an inclusive range, defaulting when absent.
   *
   * @throws IllegalArgumentException when present and out of range
   */
  public static int intInRange(String field, Integer value, int min, int max, int defaultValue) {
    if (value == null) {
      return defaultValue;
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field + ": must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /**
   * Checks a required value of an output record.
   *
   * @throws IllegalArgumentException when null
   */
  public static <T> T required(String field, T value) {
    if (value == null) {
      throw new IllegalArgumentException(field + ": is required");
    }
    return value;
  }

  /**
   * Checks a required, non-blank string of an output record.
   *
   * @throws IllegalArgumentException when null or blank
   */
  public static String nonBlank(String field, String value) {
    required(field, value);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + ": must not be blank");
    }
    return value;
  }
}
