package com.taskchain.orchestrator.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.store.TaskStore.TaskDocument;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A task as the get-task function returns it: the seed's fields ({@code task_id, input_task,
 * context, status, plan_json, result_json, verification_json, created_at, updated_at}, the
 * artifacts being the current run's), plus the current stage and run, the run history (newest
 * first, as {@link RunSummary summaries}: each run's artifacts are at {@code GET
 * /tasks/{task_id}/runs/{run_id}}) and the timeline of the task and its current run. Its size does
 * not grow with the number of runs beyond one summary each.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TaskView(
    @JsonProperty("task_id") UUID taskId,
    @JsonProperty("input_task") String inputTask,
    ObjectNode context,
    TaskStatus status,
    String stage,
    @JsonProperty("current_run_id") UUID currentRunId,
    @JsonProperty("plan_json") JsonNode planJson,
    @JsonProperty("result_json") JsonNode resultJson,
    @JsonProperty("verification_json") JsonNode verificationJson,
    @JsonProperty("failure_reason") String failureReason,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt,
    List<RunSummary> runs,
    List<TaskEvent> events) {

  /** The view of a task document. */
  public static TaskView of(TaskDocument document) {
    TaskRecord task = document.task();
    Optional<RunRecord> current = document.currentRun();
    Instant updated =
        current
            .map(RunRecord::updatedAt)
            .filter(u -> u.isAfter(task.updatedAt()))
            .orElse(task.updatedAt());
    return new TaskView(
        task.taskId(),
        task.inputTask(),
        task.context(),
        task.status(),
        current.map(RunRecord::stage).orElse(null),
        current.map(RunRecord::runId).orElse(null),
        current.flatMap(RunRecord::planJson).orElse(null),
        current.flatMap(RunRecord::resultJson).orElse(null),
        current.flatMap(RunRecord::verificationJson).orElse(null),
        current.flatMap(RunRecord::failureReason).orElse(null),
        task.createdAt(),
        updated,
        document.runs(),
        document.events());
  }
}
