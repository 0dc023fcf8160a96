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
 * @param attempts calls made to the tool (0 when skipped, or refused before a call: invalid
 *     arguments, an open circuit breaker)
 * @param durationMs wall time over all attempts and backoff, milliseconds
 * @param startedAt when the step started (null when skipped)
 * @param finishedAt when the step ended (null when skipped)
 * @param output the tool's output as JSON (null unless succeeded)
 * @param error why it failed or was skipped (null when succeeded)
 * @param argsRepaired whether the arguments were repaired before the call
 * @param errorCount errors met by the step: failed attempts, or 1 for a refusal before any call
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
    @JsonProperty("args_repaired") boolean argsRepaired,
    @JsonProperty("error_count") int errorCount) {
  public ToolRun {
    Objects.requireNonNull(stepId, "step_id");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(status, "status");
  }

  /**
   * A run without an explicit error count: every attempt of a failed step, and every attempt but
   * the last of a succeeded one, counts as an error.
   */
  public ToolRun(
      String stepId,
      String tool,
      StepStatus status,
      int attempts,
      long durationMs,
      Instant startedAt,
      Instant finishedAt,
      JsonNode output,
      String error,
      boolean argsRepaired) {
    this(
        stepId,
        tool,
        status,
        attempts,
        durationMs,
        startedAt,
        finishedAt,
        output,
        error,
        argsRepaired,
        switch (status) {
          case SUCCEEDED -> Math.max(0, attempts - 1);
          case FAILED -> Math.max(1, attempts);
          case SKIPPED -> 0;
        });
  }

  /** A step that did not run, with the reason. */
  public static ToolRun skipped(String stepId, String tool, String reason) {
    return new ToolRun(stepId, tool, StepStatus.SKIPPED, 0, 0, null, null, null, reason, false, 0);
  }

  public boolean succeeded() {
    return status == StepStatus.SUCCEEDED;
  }
}
