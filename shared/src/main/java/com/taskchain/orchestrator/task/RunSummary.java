package com.taskchain.orchestrator.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * One run of a task's history without its artifacts, as the task document lists it; the run's
 * artifacts are at {@code GET /tasks/{task_id}/runs/{run_id}} ({@link RunView}).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunSummary(
    @JsonProperty("run_id") UUID runId,
    @JsonProperty("run_number") int runNumber,
    RunStatus status,
    String stage,
    @JsonProperty("failure_reason") String failureReason,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt,
    @JsonProperty("finished_at") Instant finishedAt) {}
