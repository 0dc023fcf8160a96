package com.taskchain.orchestrator.answer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one skill established: answer fields, the claims behind them, what it could not establish,
 * and the evidence it read or derived. The output of every skill tool; {@link ComposeAnswer} merges
 * them.
 *
 * @param skill the skill's tool name
 * @param fields answer fields by name, valued as the answer writes them ({@code "severity": "P2"},
 *     {@code "rollback": true}, {@code "approvers": [...]})
 * @param claims the facts, each with citations, in the order a reader needs them
 * @param unknowns what could not be established, and why
 * @param evidence items this skill read or derived, citable by claims
 */
public record Findings(
    @JsonProperty(required = true) String skill,
    @JsonProperty(required = true) ObjectNode fields,
    @JsonProperty(required = true) List<Claim> claims,
    @JsonProperty(required = true) List<Unknown> unknowns,
    @JsonProperty(required = true) List<EvidenceItem> evidence) {
  public Findings {
    Objects.requireNonNull(skill, "skill");
    fields = fields == null ? Json.object() : fields.deepCopy();
    claims = List.copyOf(Objects.requireNonNull(claims, "claims"));
    unknowns = List.copyOf(Objects.requireNonNull(unknowns, "unknowns"));
    evidence = List.copyOf(Objects.requireNonNull(evidence, "evidence"));
  }

  /** A builder for a skill's findings. Not thread-safe. */
  public static Builder builder(String skill) {
    return new Builder(skill);
  }

  /** Collects fields, claims, unknowns and evidence in order. */
  public static final class Builder {
    private final String skill;
    private final ObjectNode fields = Json.object();
    private final List<Claim> claims = new ArrayList<>();
    private final List<Unknown> unknowns = new ArrayList<>();
    private final List<EvidenceItem> evidence = new ArrayList<>();

    private Builder(String skill) {
      this.skill = skill;
    }

    public Builder field(String name, JsonNode value) {
      fields.set(name, value);
      return this;
    }

    public Builder field(String name, String value) {
      fields.put(name, value);
      return this;
    }

    public Builder field(String name, boolean value) {
      fields.put(name, value);
      return this;
    }

    public Builder field(String name, List<String> values) {
      fields.set(name, Json.tree(values));
      return this;
    }

    public Builder claim(String text, String... citations) {
      claims.add(Claim.of(text, citations));
      return this;
    }

    public Builder claim(Claim claim) {
      claims.add(claim);
      return this;
    }

    public Builder unknown(String field, String reason) {
      unknowns.add(new Unknown(field, reason));
      return this;
    }

    /** Adds an evidence item (once per id) and returns its id, for citing. */
    public String evidence(String citationId, String citationSource, String text) {
      if (evidence.stream().noneMatch(e -> e.citationId().equals(citationId))) {
        evidence.add(new EvidenceItem(citationId, citationSource, text));
      }
      return citationId;
    }

    public boolean hasField(String name) {
      return fields.has(name);
    }

    public Findings build() {
      return new Findings(skill, fields, claims, unknowns, evidence);
    }
  }
}
