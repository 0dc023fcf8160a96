package com.taskchain.orchestrator.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the deliverable: a heading, one line with the answer's fields, the claims as bullets in
 * their order, and what could not be established. Markdown; no citation markers in the text (the
 * claims carry them).
 */
final class AnswerText {
  private AnswerText() {}

  static String render(
      AnswerType type, ObjectNode fields, List<Claim> claims, List<Unknown> unknowns) {
    StringBuilder text = new StringBuilder("**").append(type.title()).append("**\n\n");
    List<String> parts = new ArrayList<>();
    fields
        .fields()
        .forEachRemaining(
            field -> {
              String value = value(field.getValue());
              if (!value.isEmpty()) {
                parts.add(label(field.getKey()) + ": " + value);
              }
            });
    if (!parts.isEmpty()) {
      text.append(String.join(" · ", parts)).append("\n\n");
    }
    for (Claim claim : claims) {
      text.append("- ").append(claim.text()).append('\n');
    }
    if (!unknowns.isEmpty()) {
      text.append("\nNot established:\n");
      for (Unknown unknown : unknowns) {
        text.append("- ")
            .append(unknown.field() == null ? "" : label(unknown.field()) + ": ")
            .append(unknown.reason())
            .append('\n');
      }
    }
    return text.toString().strip();
  }

  /** A scalar or a list of scalars as text; objects are left to the claims. */
  private static String value(JsonNode value) {
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(value(item)));
      return String.join(", ", items);
    }
    if (value.isBoolean()) {
      return value.asBoolean() ? "yes" : "no";
    }
    return value.isValueNode() && !value.isNull() ? value.asText() : "";
  }

  private static String label(String field) {
    String words = field.replace('_', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
