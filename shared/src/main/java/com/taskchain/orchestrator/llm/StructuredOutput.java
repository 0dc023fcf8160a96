package com.taskchain.orchestrator.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.taskchain.orchestrator.json.Json;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The JSON schema a reply must follow and the record it binds to. Schemas are generated once per
 * record type and cached (the SDK's {@code responseFormat(Class)} would regenerate them on every
 * call). A reply is accepted only when it binds strictly to {@link #type()}: unknown fields, wrong
 * types and values the record's constructor refuses are all schema violations. Immutable.
 *
 * @param name the schema's name sent to the provider ({@code [A-Za-z0-9_-]}, at most 64)
 * @param type the record the reply binds to
 * @param schema the JSON schema sent with the request
 * @param strict whether the provider is asked to enforce the schema (OpenAI strict mode needs every
 *     property required and no free-form objects)
 */
public record StructuredOutput<T>(String name, Class<T> type, ObjectNode schema, boolean strict) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Map<Class<?>, ObjectNode> STRICT_SCHEMAS = new ConcurrentHashMap<>();
  private static final SchemaGenerator GENERATOR = generator();

  public StructuredOutput {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(schema, "schema");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name: must match " + NAME + ", got " + name);
    }
    schema = schema.deepCopy();
  }

  /** A strict schema generated from a record, cached per type. */
  public static <T extends Record> StructuredOutput<T> of(String name, Class<T> type) {
    ObjectNode schema =
        STRICT_SCHEMAS.computeIfAbsent(type, t -> strictify(GENERATOR.generateSchema(t)));
    return new StructuredOutput<>(name, type, schema, true);
  }

  /** The schema itself; a copy, so callers cannot change the cached one. */
  @Override
  public ObjectNode schema() {
    return schema.deepCopy();
  }

  private static SchemaGenerator generator() {
    SchemaGeneratorConfigBuilder config =
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(
                new JacksonModule(
                    JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
                    JacksonOption.RESPECT_JSONPROPERTY_ORDER,
                    JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE))
            .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
            .with(Option.NULLABLE_FIELDS_BY_DEFAULT)
            .without(Option.SCHEMA_VERSION_INDICATOR);
    return new SchemaGenerator(config.build());
  }

  /**
   * OpenAI's strict mode wants every property listed in {@code required} (optional ones are
   * nullable instead) and {@code additionalProperties: false} on every object.
   */
  static ObjectNode strictify(JsonNode node) {
    ObjectNode copy = (ObjectNode) node.deepCopy();
    walk(copy);
    return copy;
  }

  private static void walk(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      JsonNode properties = object.get("properties");
      if (properties != null && properties.isObject()) {
        ArrayNode required = Json.mapper().createArrayNode();
        properties.fieldNames().forEachRemaining(required::add);
        object.set("required", required);
        object.put("additionalProperties", false);
      }
      object.elements().forEachRemaining(StructuredOutput::walk);
    } else if (node.isArray()) {
      node.elements().forEachRemaining(StructuredOutput::walk);
    }
  }
}
