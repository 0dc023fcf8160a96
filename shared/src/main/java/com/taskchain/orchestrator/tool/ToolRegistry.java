package com.taskchain.orchestrator.tool;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.taskchain.orchestrator.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The tools the executor may call, by name, with their input binding and JSON schemas. Immutable
 * and thread-safe once built; schemas are generated once, at build time.
 */
public final class ToolRegistry {
  private final Map<String, Entry> tools;

  private record Entry(Tool<?, ?> tool, ToolDescriptor descriptor) {}

  private ToolRegistry(Map<String, Entry> tools) {
    this.tools = tools;
  }

  /** A registry of the given tools, in catalogue order. Duplicate names are a programming error. */
  public static ToolRegistry of(Collection<? extends Tool<?, ?>> tools) {
    SchemaGenerator generator = schemaGenerator();
    Map<String, Entry> byName = new LinkedHashMap<>();
    for (Tool<?, ?> tool : tools) {
      ToolDescriptor descriptor =
          new ToolDescriptor(
              tool.name(),
              tool.description(),
              generator.generateSchema(tool.inputType()),
              generator.generateSchema(tool.outputType()));
      if (byName.putIfAbsent(tool.name(), new Entry(tool, descriptor)) != null) {
        throw new IllegalArgumentException("duplicate tool name: " + tool.name());
      }
    }
    return new ToolRegistry(java.util.Collections.unmodifiableMap(byName));
  }

  private static SchemaGenerator schemaGenerator() {
    SchemaGeneratorConfigBuilder config =
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(
                new JacksonModule(
                    JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
                    JacksonOption.RESPECT_JSONPROPERTY_ORDER,
                    // Enums are written through their @JsonValue (e.g. "high"); the schema must
                    // list those values, not the constant names.
                    JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE))
            .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
            .with(Option.NULLABLE_FIELDS_BY_DEFAULT)
            .without(Option.SCHEMA_VERSION_INDICATOR);
    return new SchemaGenerator(config.build());
  }

  public Optional<Tool<?, ?>> find(String name) {
    Entry entry = tools.get(name);
    return entry == null ? Optional.empty() : Optional.of(entry.tool());
  }

  public boolean contains(String name) {
    return tools.containsKey(name);
  }

  /** Tool names, sorted. */
  public List<String> names() {
    return tools.keySet().stream().sorted().toList();
  }

  /** The catalogue, sorted by name. */
  public List<ToolDescriptor> describe() {
    return tools.values().stream()
        .map(Entry::descriptor)
        .sorted((a, b) -> a.name().compareTo(b.name()))
        .toList();
  }

  public Optional<ToolDescriptor> descriptor(String name) {
    Entry entry = tools.get(name);
    return entry == null ? Optional.empty() : Optional.of(entry.descriptor());
  }

  /**
   * Binds arguments strictly to the tool's input record: unknown fields, wrong types, missing
   * required fields and values the record's constructor refuses are each reported with the field
   * named.
   *
   * @throws InvalidArgumentsException with every problem found; also when the tool is unknown
   */
  public Record bind(String toolName, JsonNode args) throws InvalidArgumentsException {
    Entry entry = tools.get(toolName);
    if (entry == null) {
      throw new InvalidArgumentsException(
          toolName, List.of(new ArgumentProblem("tool", "unknown tool '" + toolName + "'")));
    }
    JsonNode node = args == null || args.isNull() ? Json.object() : args;
    if (!node.isObject()) {
      throw new InvalidArgumentsException(
          toolName, List.of(new ArgumentProblem("", "arguments must be a JSON object")));
    }
    List<ArgumentProblem> missing =
        missingRequired(entry.descriptor().inputSchema(), (ObjectNode) node);
    if (!missing.isEmpty()) {
      throw new InvalidArgumentsException(toolName, missing);
    }
    try {
      return Json.mapper().treeToValue(node, entry.tool().inputType());
    } catch (JsonMappingException e) {
      throw new InvalidArgumentsException(toolName, List.of(problemOf(e)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidArgumentsException(
          toolName, List.of(new ArgumentProblem("", e.getOriginalMessage())));
    }
  }

  private static List<ArgumentProblem> missingRequired(JsonNode schema, ObjectNode args) {
    List<ArgumentProblem> problems = new ArrayList<>();
    JsonNode required = schema.path("required");
    for (JsonNode name : required) {
      JsonNode value = args.get(name.asText());
      if (value == null || value.isNull()) {
        problems.add(new ArgumentProblem(name.asText(), "is required"));
      }
    }
    return problems;
  }

  static ArgumentProblem problemOf(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(
                ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    if (e instanceof UnrecognizedPropertyException unknown) {
      String field = path.isEmpty() ? String.valueOf(unknown.getPropertyName()) : path;
      return new ArgumentProblem(field, "unknown field");
    }
    if (e instanceof InvalidNullException) {
      return new ArgumentProblem(path, "must not be null");
    }
    if (e instanceof ValueInstantiationException instantiation) {
      Throwable cause = instantiation.getCause();
      String message =
          cause != null && cause.getMessage() != null ? cause.getMessage() : "is invalid";
      // Records validate in their compact constructor with messages of the form "field: problem".
      int colon = message.indexOf(": ");
      if (colon > 0 && !message.substring(0, colon).contains(" ")) {
        return new ArgumentProblem(message.substring(0, colon), message.substring(colon + 2));
      }
      return new ArgumentProblem(path, message);
    }
    if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
      return new ArgumentProblem(
          path, "must be " + typeName(mismatched.getTargetType()) + ", got another JSON type");
    }
    return new ArgumentProblem(path, e.getOriginalMessage());
  }

  private static String typeName(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "a boolean";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (List.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }
}
