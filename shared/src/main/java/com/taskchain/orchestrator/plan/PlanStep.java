package com.taskchain.orchestrator.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import java.util.List;
import java.util.Objects;

/**
 * One tool call of a plan.
 *
 * @param id unique within the plan, e.g. {@code s1}
 * @param tool the registry name of the tool
 * @param args the tool's arguments, bound strictly to its input type when the step runs
 * @param dependsOn ids of the steps that must finish first; empty when independent (the seed's
 *     plans had none, and stay valid)
 */
public record PlanStep(
    String id, String tool, ObjectNode args, @JsonProperty("depends_on") List<String> dependsOn) {
  public PlanStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tool, "tool");
    args = args == null ? Json.object() : args.deepCopy();
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
  }

  public PlanStep(String id, String tool, ObjectNode args) {
    this(id, tool, args, List.of());
  }
}
