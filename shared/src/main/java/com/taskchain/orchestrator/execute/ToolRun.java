package com.taskchain.orchestrator.execute;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * The record of one step's tool call, as written into {@code result_json}.
 *
 * @param stepId the plan step
 * @param tool the tool's name
 * @param status how it ended
 * @param attempts attempts made (0 when skipped)
 * @param durationMs wall time over all attempts, milliseconds
 * @param startedAt when the first attempt started (null when skipped)
 * @param finishedAt when the last attempt ended (null when skipped)
 * @param output the tool's output as JSON (null unless succeeded)
 * @param error why it failed or was skipped (null when succeeded)
 * @param argsRepaired whether the arguments were repaired before the call
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ToolRun(
    @JsonProperty("step_id") String stepId,
    String tool,
    StepStatus status,
    int attempts,
    @JsonProperty("duration_ms") long durationMs,
    @JsonProperty("started_at") Instant startedAt,
    @JsonProperty("finished_at") Instant finishedAt,
    JsonNode output,
    String error,
    @JsonProperty("args_repaired") boolean argsRepaired) {
  public ToolRun {
    Objects.requireNonNull(stepId, "step_id");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(status, "status");
  }

  public boolean succeeded() {
    return status == StepStatus.SUCCEEDED;
  }
}
