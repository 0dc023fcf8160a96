package com.taskchain.orchestrator.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import java.util.List;
import java.util.Objects;

/**
 * A step a {@link PlanRule} wants in the plan, before the planner numbers it.
 *
 * @param key names the step for later steps' {@code after}; unique within a plan, usually the tool
 *     name
 * @param tool the registry name of the tool
 * @param args the tool's arguments
 * @param after keys of earlier steps (from this rule or an earlier one) that must finish first
 */
public record ProposedStep(String key, String tool, ObjectNode args, List<String> after) {
  public ProposedStep {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(tool, "tool");
    args = args == null ? Json.object() : args.deepCopy();
    after = after == null ? List.of() : List.copyOf(after);
  }

  /** An independent step keyed by its tool's name. */
  public static ProposedStep of(String tool, ObjectNode args) {
    return new ProposedStep(tool, tool, args, List.of());
  }

  /** This step, run after the steps with the given keys. */
  public ProposedStep after(String... keys) {
    return new ProposedStep(key, tool, args, List.of(keys));
  }
}
