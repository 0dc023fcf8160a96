package com.taskchain.orchestrator.answer;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.tool.EvidenceTool;
import com.taskchain.orchestrator.tool.Upstream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code compose_answer}: the last step of a plan. Merges the {@link Findings} of the skills it
 * depends on into one answer of the planned type — the first skill to establish a field wins — adds
 * what the plain evidence says when no skill spoke (a {@code general} task), lists as unknowns
 * every required field nobody established and every dependency that failed (a system down), and
 * writes the deliverable text from the claims. It runs even when a dependency failed, so that the
 * run still says what it could not establish.
 *
 * <p>Pure over its upstream: the same outputs give the same answer. Thread-safe.
 */
public final class ComposeAnswer
    implements EvidenceTool<ComposeAnswer.Input, ComposeAnswer.Output> {
  public static final String NAME = "compose_answer";

  /** How many hits of one search step a general answer quotes. */
  static final int HITS_PER_SEARCH = 3;

  /** How many tickets of one Jira step a general answer quotes. */
  static final int TICKETS_PER_SEARCH = 3;

  /**
   * The arguments.
   *
   * @param type the answer type the planner chose
   */
  @JsonClassDescription("Arguments of compose_answer.")
  public record Input(
      @JsonProperty(required = true)
          @JsonPropertyDescription(
              "Answer type: incident_triage, escalation, change_approval, rollback_decision,"
                  + " audit, executive_update or general.")
          AnswerType type) {
    public Input {
      if (type == null) {
        throw new IllegalArgumentException("type: is required");
      }
    }
  }

  /**
   * The composed answer; {@code result_json.answer} is this with the fields at the top level.
   *
   * @param fields the type's fields by name
   * @param sources every evidence item the skills contributed
   */
  public record Output(
      @JsonProperty(required = true) AnswerType type,
      @JsonProperty(required = true) ObjectNode fields,
      @JsonProperty(required = true) String text,
      @JsonProperty(required = true) List<Claim> claims,
      @JsonProperty(required = true) List<Unknown> unknowns,
      @JsonProperty(required = true) List<EvidenceItem> sources) {
    public Output {
      Objects.requireNonNull(type, "type");
      fields = fields == null ? Json.object() : fields.deepCopy();
      Objects.requireNonNull(text, "text");
      claims = List.copyOf(claims);
      unknowns = List.copyOf(unknowns);
      sources = List.copyOf(sources);
    }

    /** The wire form: {@code type}, the fields, then text, claims, unknowns and sources. */
    public Answer toAnswer() {
      Map<String, JsonNode> byName = new LinkedHashMap<>();
      fields.fields().forEachRemaining(e -> byName.put(e.getKey(), e.getValue()));
      return new Answer(type, byName, text, claims, unknowns, sources);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Composes the run's answer of the given type from the findings of the skill steps and"
        + " the evidence it depends on: fields, cited claims, unknowns and the deliverable text.";
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Class<Output> outputType() {
    return Output.class;
  }

  @Override
  public boolean runsAfterFailedDependencies() {
    return true;
  }

  @Override
  public Output call(Input input, Upstream upstream) {
    ObjectNode fields = Json.object();
    List<Claim> claims = new ArrayList<>();
    Set<String> claimTexts = new LinkedHashSet<>();
    List<Unknown> unknowns = new ArrayList<>();
    List<EvidenceItem> sources = new ArrayList<>();
    Set<String> sourceIds = new LinkedHashSet<>();
    for (Upstream.Step step : upstream.steps()) {
      Findings findings = findings(step);
      if (findings == null) {
        continue;
      }
      findings
          .fields()
          .fields()
          .forEachRemaining(
              field -> {
                if (!fields.has(field.getKey()) && !Answer.RESERVED.contains(field.getKey())) {
                  fields.set(field.getKey(), field.getValue());
                }
              });
      for (Claim claim : findings.claims()) {
        if (claimTexts.add(claim.text())) {
          claims.add(claim);
        }
      }
      unknowns.addAll(findings.unknowns());
      for (EvidenceItem item : findings.evidence()) {
        if (sourceIds.add(item.citationId())) {
          sources.add(item);
        }
      }
    }
    if (claims.isEmpty()) {
      for (Claim claim : EvidenceClaims.from(upstream, HITS_PER_SEARCH, TICKETS_PER_SEARCH)) {
        if (claimTexts.add(claim.text())) {
          claims.add(claim);
        }
      }
    }
    for (Upstream.Step failed : upstream.unsuccessful()) {
      unknowns.add(
          new Unknown(
              null,
              "step "
                  + failed.stepId()
                  + " ("
                  + failed.tool()
                  + ") did not succeed, so its evidence is missing: "
                  + failed.error()));
    }
    for (String required : input.type().requiredFields()) {
      boolean named = unknowns.stream().anyMatch(u -> required.equals(u.field()));
      if (!fields.has(required) && !named) {
        unknowns.add(new Unknown(required, "no evidence in this run established it"));
      }
    }
    String text = AnswerText.render(input.type(), fields, claims, unknowns);
    return new Output(input.type(), fields, text, claims, unknowns, sources);
  }

  /** The step's output as findings, when it is a skill's. */
  static Findings findings(Upstream.Step step) {
    JsonNode output = step.output();
    if (!step.succeeded()
        || output == null
        || !output.has("skill")
        || !output.has("fields")
        || !output.has("claims")) {
      return null;
    }
    try {
      return Json.convert(output, Findings.class);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
