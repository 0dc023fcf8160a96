package com.taskchain.orchestrator.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One run as {@code GET /tasks/{task_id}/runs/{run_id}} returns it: its artifacts, status and
 * failure reason, and the events of its timeline.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunView(
    @JsonProperty("run_id") UUID runId,
    @JsonProperty("task_id") UUID taskId,
    @JsonProperty("run_number") int runNumber,
    RunStatus status,
    String stage,
    @JsonProperty("plan_json") JsonNode planJson,
    @JsonProperty("result_json") JsonNode resultJson,
    @JsonProperty("verification_json") JsonNode verificationJson,
    @JsonProperty("failure_reason") String failureReason,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt,
    @JsonProperty("finished_at") Instant finishedAt,
    List<TaskEvent> events) {

  public RunView {
    events = List.copyOf(events);
  }

  /** The view of a run and its events. */
  public static RunView of(RunRecord run, List<TaskEvent> events) {
    return new RunView(
        run.runId(),
        run.taskId(),
        run.runNumber(),
        run.status(),
        run.stage(),
        run.planJson().orElse(null),
        run.resultJson().orElse(null),
        run.verificationJson().orElse(null),
        run.failureReason().orElse(null),
        run.createdAt(),
        run.updatedAt(),
        run.finishedAt().orElse(null),
        events);
  }
}
