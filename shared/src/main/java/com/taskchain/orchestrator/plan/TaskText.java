package com.taskchain.orchestrator.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Renders a task as the one text the text tools read: the task text, then the context as "key:
 * value" lines.
 *
 * <p>Nested objects are flattened to dotted keys ({@code "release.window: Friday"}), arrays of
 * scalars are joined with commas, arrays of objects are indexed ({@code "owners[0].name: Jane"}),
 * nulls and empty values are left out, and line breaks inside values become spaces so that each key
 * stays on one line. Keys are sorted at every level: the same task renders to the same text
 * whatever order its context was stored in (PostgreSQL's {@code jsonb} does not keep key order).
 * Pure and thread-safe.
 */
public final class TaskText {
  private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");

  private TaskText() {}

  /** The task text, trimmed, followed by one line per context value. */
  public static String render(TaskInput input) {
    List<String> lines = contextLines(input.context());
    StringBuilder text = new StringBuilder(input.task().strip());
    for (String line : lines) {
      text.append('\n').append(line);
    }
    return text.toString();
  }

  /** The context alone, as sorted "key: value" lines. */
  public static List<String> contextLines(JsonNode context) {
    List<String> lines = new ArrayList<>();
    flatten("", context, lines);
    return lines;
  }

  private static void flatten(String key, JsonNode node, List<String> lines) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      node.properties().forEach(field -> sorted.put(field.getKey(), field.getValue()));
      sorted.forEach(
          (name, value) -> flatten(key.isEmpty() ? name : key + "." + name, value, lines));
      return;
    }
    if (node.isArray()) {
      if (allScalars(node)) {
        List<String> values = new ArrayList<>();
        node.forEach(element -> values.add(oneLine(element.asText())));
        values.removeIf(String::isEmpty);
        if (!values.isEmpty()) {
          lines.add(key + ": " + String.join(", ", values));
        }
      } else {
        for (int i = 0; i < node.size(); i++) {
          flatten(key + "[" + i + "]", node.get(i), lines);
        }
      }
      return;
    }
    String value = oneLine(node.asText());
    if (!value.isEmpty()) {
      lines.add((key.isEmpty() ? "context" : key) + ": " + value);
    }
  }

  private static boolean allScalars(JsonNode array) {
    for (JsonNode element : array) {
      if (element.isContainerNode() || element.isNull()) {
        return false;
      }
    }
    return true;
  }

  private static String oneLine(String value) {
    return LINE_BREAKS.matcher(value).replaceAll(" ").strip();
  }
}
