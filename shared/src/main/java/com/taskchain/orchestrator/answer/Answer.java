package com.taskchain.orchestrator.answer;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The deliverable of a run, {@code result_json.answer}: its {@code type}, the type's fields at the
 * top level ({@code severity}, {@code escalate_to}, {@code decision}...), the Markdown {@code text}
 * a person would send, the {@code claims} behind the text with their citations, the {@code
 * unknowns}, and the {@code sources} (every evidence item a skill contributed, so that citations
 * resolve from the answer alone). Immutable.
 */
@JsonPropertyOrder({"type", "text", "claims", "unknowns", "sources"})
public final class Answer {
  /** Names the fields map may not use: they are the answer's own members. */
  public static final Set<String> RESERVED =
      Set.of("type", "text", "claims", "unknowns", "sources");

  private final AnswerType type;
  private final Map<String, JsonNode> fields;
  private final String text;
  private final List<Claim> claims;
  private final List<Unknown> unknowns;
  private final List<EvidenceItem> sources;

  public Answer(
      AnswerType type,
      Map<String, JsonNode> fields,
      String text,
      List<Claim> claims,
      List<Unknown> unknowns,
      List<EvidenceItem> sources) {
    this.type = Objects.requireNonNull(type, "type");
    Map<String, JsonNode> copy = new LinkedHashMap<>();
    fields.forEach(
        (name, value) -> {
          if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("fields: '" + name + "' is reserved");
          }
          copy.put(name, value.deepCopy());
        });
    this.fields = java.util.Collections.unmodifiableMap(copy);
    this.text = Objects.requireNonNull(text, "text");
    this.claims = List.copyOf(claims);
    this.unknowns = List.copyOf(unknowns);
    this.sources = List.copyOf(sources);
  }

  @JsonCreator
  static Answer fromJson(
      @JsonProperty(value = "type", required = true) AnswerType type,
      @JsonProperty(value = "text", required = true) String text,
      @JsonProperty("claims") List<Claim> claims,
      @JsonProperty("unknowns") List<Unknown> unknowns,
      @JsonProperty("sources") List<EvidenceItem> sources) {
    return new Answer(
        type,
        Map.of(),
        text,
        claims == null ? List.of() : claims,
        unknowns == null ? List.of() : unknowns,
        sources == null ? List.of() : sources);
  }

  /** Reads an answer from its JSON form, fields included. */
  public static Answer read(JsonNode json) {
    ObjectNode copy = json.deepCopy();
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    copy.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      if (!RESERVED.contains(name)) {
        fields.put(name, copy.remove(name));
      }
    }
    Answer base = Json.convert(copy, Answer.class);
    return new Answer(base.type, fields, base.text, base.claims, base.unknowns, base.sources);
  }

  @JsonProperty("type")
  public AnswerType type() {
    return type;
  }

  @JsonAnyGetter
  public Map<String, JsonNode> fields() {
    return fields;
  }

  @JsonIgnore
  public JsonNode field(String name) {
    return fields.get(name);
  }

  @JsonProperty("text")
  public String text() {
    return text;
  }

  @JsonProperty("claims")
  public List<Claim> claims() {
    return claims;
  }

  @JsonProperty("unknowns")
  public List<Unknown> unknowns() {
    return unknowns;
  }

  @JsonProperty("sources")
  public List<EvidenceItem> sources() {
    return sources;
  }
}
