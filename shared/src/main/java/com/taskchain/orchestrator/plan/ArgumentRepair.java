package com.taskchain.orchestrator.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The seed's argument repair, driven by the tool's input schema so that it applies to any tool. A
 * planner (an LLM above all) often names the text argument after what it holds, or writes a number
 * as a string; these slips are mended once, before binding, instead of failing the step:
 *
 * <ol>
 *   <li>a missing or blank {@code text}, when the tool takes one, is taken from the first non-blank
 *       string among {@code query}, {@code task}, {@code input} and {@code content} (an alias the
 *       tool does not itself declare), and that alias is removed;
 *   <li>an integer argument written as a whole-number string ({@code "40"}) or as a whole float
 *       ({@code 40.0}) becomes that integer;
 *   <li>an optional integer argument that is no whole number at all ({@code "sixty"}) is dropped,
 *       so that the tool's default applies (the seed's default {@code max_words}).
 * </ol>
 *
 * Anything else is left as it is, for strict binding to report. Repairing repaired arguments
 * changes nothing more. Pure and thread-safe; never throws.
 */
public final class ArgumentRepair {
  /** The argument most tools read. */
  public static final String TEXT = "text";

  /** Names a planner may give the text argument, in the order they are tried. */
  public static final List<String> TEXT_ALIASES = List.of("query", "task", "input", "content");

  private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d{1,9}");

  private ArgumentRepair() {}

  /**
   * What repair did.
   *
   * @param args the arguments to bind (a copy; the input is never changed)
   * @param changes each change in words, e.g. {@code text taken from query}; empty when none
   */
  public record Result(JsonNode args, List<String> changes) {
    public Result {
      changes = List.copyOf(changes);
    }

    public boolean repaired() {
      return !changes.isEmpty();
    }
  }

  /**
   * Repairs a step's arguments for a tool.
   *
   * @param inputSchema the tool's input JSON schema (its {@code properties} and {@code required})
   * @param args the arguments as planned; null or a non-object is returned unchanged
   */
  public static Result repair(JsonNode inputSchema, JsonNode args) {
    if (args == null || !args.isObject()) {
      return new Result(args, List.of());
    }
    ObjectNode repaired = ((ObjectNode) args).deepCopy();
    JsonNode properties = inputSchema.path("properties");
    Set<String> required = new HashSet<>();
    inputSchema.path("required").forEach(name -> required.add(name.asText()));
    List<String> changes = new ArrayList<>();

    if (properties.has(TEXT) && isBlank(repaired.get(TEXT))) {
      for (String alias : TEXT_ALIASES) {
        JsonNode value = repaired.get(alias);
        if (!properties.has(alias) && value != null && value.isTextual() && !isBlank(value)) {
          repaired.remove(alias);
          repaired.put(TEXT, value.asText());
          changes.add(TEXT + " taken from " + alias);
          break;
        }
      }
    }

    properties
        .properties()
        .forEach(
            property -> {
              String name = property.getKey();
              JsonNode value = repaired.get(name);
              if (value == null
                  || value.isNull()
                  || value.isInt()
                  || !isInteger(property.getValue())) {
                return;
              }
              if (value.isTextual() && WHOLE_NUMBER.matcher(value.asText().strip()).matches()) {
                repaired.put(name, Integer.parseInt(value.asText().strip()));
                changes.add(name + " read as a whole number from \"" + value.asText() + "\"");
              } else if (value.isFloatingPointNumber()
                  && value.asDouble() == Math.rint(value.asDouble())
                  && Math.abs(value.asDouble()) < Integer.MAX_VALUE) {
                repaired.put(name, (int) value.asDouble());
                changes.add(name + " read as a whole number from " + value);
              } else if (!required.contains(name) && !value.isIntegralNumber()) {
                repaired.remove(name);
                changes.add(name + " dropped (" + value + " is not a whole number); default used");
              }
            });
    return new Result(repaired, changes);
  }

  private static boolean isBlank(JsonNode value) {
    return value == null || value.isNull() || (value.isTextual() && value.asText().isBlank());
  }

  /** Whether a property's schema says integer ({@code "integer"} or {@code ["integer","null"]}). */
  private static boolean isInteger(JsonNode propertySchema) {
    JsonNode type = propertySchema.path("type");
    if (type.isTextual()) {
      return type.asText().equals("integer");
    }
    for (JsonNode option : type) {
      if (option.asText().equals("integer")) {
        return true;
      }
    }
    return false;
  }
}
