package com.taskchain.orchestrator.execute;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * What the executor did with a plan: one {@link ToolRun} per step, in plan order. This is {@code
 * result_json}.
 */
public record ExecutionResult(
    @JsonProperty("tool_results") List<ToolRun> toolResults, ExecutionMetadata metadata) {
  public ExecutionResult {
    toolResults = List.copyOf(toolResults);
  }

  /** The first successful run of the named tool, if any. */
  public Optional<ToolRun> firstSucceeded(String tool) {
    return toolResults.stream().filter(r -> r.tool().equals(tool) && r.succeeded()).findFirst();
  }
}
