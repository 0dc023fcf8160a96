package com.taskchain.orchestrator.execute;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * What the executor did with a plan: one {@link ToolRun} per step, in plan order, and the answer
 * the plan's {@code compose_answer} step wrote (null when the plan has none). This is {@code
 * result_json}.
 */
public record ExecutionResult(
    @JsonProperty("tool_results") List<ToolRun> toolResults,
    ExecutionMetadata metadata,
    @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode answer) {
  public ExecutionResult {
    toolResults = List.copyOf(toolResults);
  }

  /** A result without an answer. */
  public ExecutionResult(List<ToolRun> toolResults, ExecutionMetadata metadata) {
    this(toolResults, metadata, null);
  }

  /** This result with the given answer. */
  public ExecutionResult withAnswer(JsonNode answer) {
    return new ExecutionResult(toolResults, metadata, answer);
  }

  /** The output of the last succeeded step that called {@code tool}, if any. */
  public Optional<JsonNode> lastOutputOf(String tool) {
    JsonNode found = null;
    for (ToolRun run : toolResults) {
      if (run.tool().equals(tool) && run.succeeded()) {
        found = run.output();
      }
    }
    return Optional.ofNullable(found);
  }

  /** The first successful run of the named tool, if any. */
  public Optional<ToolRun> firstSucceeded(String tool) {
    return toolResults.stream().filter(r -> r.tool().equals(tool) && r.succeeded()).findFirst();
  }
}
