package com.taskchain.orchestrator.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A validated create-task request: {@code {"task": "...", "context": {...}}}.
 *
 * @param task the task text, 1 to {@value #MAX_TASK_CHARS} characters, not blank
 * @param context a JSON object, empty when absent
 */
public record NewTask(String task, ObjectNode context) {
  public static final int MAX_TASK_CHARS = 20_000;
  private static final Set<String> FIELDS = Set.of("task", "context");

  /** Validates a parsed body. */
  public static NewTask parse(JsonNode body) throws InvalidRequestException {
    if (body == null || !body.isObject()) {
      throw new InvalidRequestException("", "request body must be a JSON object");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new InvalidRequestException(
            name, "unknown field '" + name + "'; allowed fields are task and context");
      }
    }
    JsonNode task = body.get("task");
    if (task == null || task.isNull()) {
      throw new InvalidRequestException("task", "task is required");
    }
    if (!task.isTextual()) {
      throw new InvalidRequestException("task", "task must be a string");
    }
    if (task.asText().isBlank()) {
      throw new InvalidRequestException("task", "task must not be empty");
    }
    if (task.asText().length() > MAX_TASK_CHARS) {
      throw new InvalidRequestException(
          "task", "task must be at most " + MAX_TASK_CHARS + " characters");
    }
    var textProblem = StorableText.problem(task.asText());
    if (textProblem.isPresent()) {
      throw new InvalidRequestException("task", "task " + textProblem.get());
    }
    JsonNode context = body.get("context");
    if (context == null || context.isNull()) {
      return new NewTask(task.asText(), Json.object());
    }
    if (!context.isObject()) {
      throw new InvalidRequestException("context", "context must be a JSON object");
    }
    var found = StorableText.find(context, "context");
    if (found.isPresent()) {
      throw new InvalidRequestException(
          found.get().path(), found.get().path() + " " + found.get().problem());
    }
    return new NewTask(task.asText(), ((ObjectNode) context).deepCopy());
  }

  /** A hash of the request's content, independent of key order: equal requests hash equal. */
  public String contentHash() {
    ObjectNode canonical = Json.object();
    canonical.put("task", task);
    canonical.set("context", sorted(context));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(Json.write(canonical).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> fields = new TreeMap<>();
      node.fields().forEachRemaining(e -> fields.put(e.getKey(), sorted(e.getValue())));
      ObjectNode out = Json.object();
      fields.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      var out = Json.mapper().createArrayNode();
      node.forEach(item -> out.add(sorted(item)));
      return out;
    }
    return node;
  }
}
