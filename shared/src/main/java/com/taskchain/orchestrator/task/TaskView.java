package com.taskchain.orchestrator.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.store.TaskStore.TaskSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A task as the get-task function returns it: the seed's fields ({@code task_id, input_task,
 * context, status, plan_json, result_json, verification_json, created_at, updated_at}, the
 * artifacts being the current run's), plus the current stage and run, the run history (newest
 * first, each run with its own artifacts) and the event timeline.
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
    List<RunView> runs,
    List<TaskEvent> events) {

  /** One run of the history. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record RunView(
      @JsonProperty("run_id") UUID runId,
      @JsonProperty("run_number") int runNumber,
      RunStatus status,
      String stage,
      @JsonProperty("plan_json") JsonNode planJson,
      @JsonProperty("result_json") JsonNode resultJson,
      @JsonProperty("verification_json") JsonNode verificationJson,
      @JsonProperty("failure_reason") String failureReason,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("updated_at") Instant updatedAt,
      @JsonProperty("finished_at") Instant finishedAt) {

    static RunView of(RunRecord run) {
      return new RunView(
          run.runId(),
          run.runNumber(),
          run.status(),
          run.stage(),
          run.planJson().orElse(null),
          run.resultJson().orElse(null),
          run.verificationJson().orElse(null),
          run.failureReason().orElse(null),
          run.createdAt(),
          run.updatedAt(),
          run.finishedAt().orElse(null));
    }
  }

  /** The view of a snapshot. */
  public static TaskView of(TaskSnapshot snapshot) {
    TaskRecord task = snapshot.task();
    Optional<RunRecord> current =
        task.currentRunId()
            .flatMap(id -> snapshot.runs().stream().filter(r -> r.runId().equals(id)).findFirst());
    List<RunView> runs = snapshot.runs().stream().map(RunView::of).toList();
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
        runs,
        snapshot.events());
  }
}
