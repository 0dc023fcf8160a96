package com.taskchain.orchestrator.tool.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.tool.InvalidArgumentsException;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolException;
import com.taskchain.orchestrator.tool.ToolRegistry;

/** Calls a tool the way the executor does: strict binding through the registry, then one call. */
public final class ToolCalls {
  private ToolCalls() {}

  /** The tool's output as JSON. */
  public static JsonNode call(ToolRegistry registry, String toolName, JsonNode args)
      throws InvalidArgumentsException, ToolException {
    Record input = registry.bind(toolName, args);
    return Json.tree(callBound(registry.find(toolName).orElseThrow(), input));
  }

  @SuppressWarnings("unchecked") // bind() returned an instance of the tool's own input type
  private static Record callBound(Tool<?, ?> tool, Record input) throws ToolException {
    return ((Tool<Record, Record>) tool).call(input);
  }
}
