package com.taskchain.orchestrator.execute;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * Totals of one execution.
 *
 * @param runId the run this execution belongs to
 * @param startedAt when execution started
 * @param finishedAt when the last step ended
 * @param durationMs wall time of the whole execution
 * @param toolCalls calls made to tools over all steps, retries included
 * @param retries calls beyond each step's first
 * @param errorCount steps that failed
 * @param stoppedEarly whether the run stopped before its end: fail-fast after a failed step, the
 *     tool-call budget used up, or the run deadline passed
 * @param stopReason why it stopped early (null when it did not)
 * @param parallelism how many steps could run at the same time
 * @param stepTimeMs the steps' durations added up: about what running them one after another would
 *     have taken
 * @param criticalPathMs the longest chain of dependent steps, by their durations: the least wall
 *     time any parallelism could reach
 * @param criticalPath that chain's step ids, first to last
 * @param savedByParallelismMs {@code stepTimeMs - durationMs}, at least 0: the time running steps
 *     side by side saved
 */
public record ExecutionMetadata(
    @JsonProperty("run_id") String runId,
    @JsonProperty("started_at") Instant startedAt,
    @JsonProperty("finished_at") Instant finishedAt,
    @JsonProperty("duration_ms") long durationMs,
    @JsonProperty("tool_calls") int toolCalls,
    int retries,
    @JsonProperty("error_count") int errorCount,
    @JsonProperty("stopped_early") boolean stoppedEarly,
    @JsonProperty("stop_reason") String stopReason,
    int parallelism,
    @JsonProperty("step_time_ms") long stepTimeMs,
    @JsonProperty("critical_path_ms") long criticalPathMs,
    @JsonProperty("critical_path") List<String> criticalPath,
    @JsonProperty("saved_by_parallelism_ms") long savedByParallelismMs) {
  public ExecutionMetadata {
    criticalPath = criticalPath == null ? List.of() : List.copyOf(criticalPath);
  }

  /** The seed's totals alone, for a sequential execution with nothing measured beyond them. */
  public ExecutionMetadata(
      String runId,
      Instant startedAt,
      Instant finishedAt,
      long durationMs,
      int toolCalls,
      int retries,
      int errorCount,
      boolean stoppedEarly) {
    this(
        runId,
        startedAt,
        finishedAt,
        durationMs,
        toolCalls,
        retries,
        errorCount,
        stoppedEarly,
        null,
        1,
        durationMs,
        durationMs,
        List.of(),
        0);
  }
}
