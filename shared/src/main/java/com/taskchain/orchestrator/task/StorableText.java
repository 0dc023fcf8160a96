package com.taskchain.orchestrator.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * What PostgreSQL cannot store faithfully in {@code text} or {@code jsonb}, found before anything
 * is written: a NUL character, a lone UTF-16 surrogate (it has no UTF-8 form and would be
 * replaced), and a number that overflowed to infinity when it was parsed. Refusing these keeps a
 * client's mistake a 400 instead of a database error, and stores exactly what was sent.
 */
final class StorableText {
  private StorableText() {}

  /** What is wrong with a string, or empty when it can be stored as it is. */
  static Optional<String> problem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        return Optional.of("contains a NUL character (\\u0000) at index " + i);
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return Optional.of("contains a lone surrogate (\\u" + hex(c) + ") at index " + i);
      }
      if (Character.isLowSurrogate(c)) {
        return Optional.of("contains a lone surrogate (\\u" + hex(c) + ") at index " + i);
      }
    }
    return Optional.empty();
  }

  /** A problem in a JSON value, with the path of the first offending key or value. */
  record Found(String path, String problem) {}

  /**
   * The first unstorable key or value in a JSON tree, depth first.
   *
   * @param path the tree's own path, e.g. {@code context}; keys and indexes are appended to it
   */
  static Optional<Found> find(JsonNode node, String path) {
    if (node.isTextual()) {
      return problem(node.textValue()).map(p -> new Found(path, p));
    }
    if (node.isNumber() && (node.isDouble() || node.isFloat())) {
      double value = node.doubleValue();
      if (Double.isInfinite(value) || Double.isNaN(value)) {
        return Optional.of(new Found(path, "is a number too large to store"));
      }
      return Optional.empty();
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<Found> found = find(node.get(i), path + "[" + i + "]");
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String child = path + "." + field.getKey();
        Optional<String> keyProblem = problem(field.getKey());
        if (keyProblem.isPresent()) {
          return Optional.of(new Found(path, "has a key that " + keyProblem.get()));
        }
        Optional<Found> found = find(field.getValue(), child);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static String hex(char c) {
    return String.format("%04x", (int) c);
  }
}
