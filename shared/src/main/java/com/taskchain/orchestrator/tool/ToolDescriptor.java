package com.taskchain.orchestrator.tool;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** What the tool catalogue says of one tool. */
public record ToolDescriptor(
    String name,
    String description,
    @JsonProperty("input_schema") JsonNode inputSchema,
    @JsonProperty("output_schema") JsonNode outputSchema) {}
