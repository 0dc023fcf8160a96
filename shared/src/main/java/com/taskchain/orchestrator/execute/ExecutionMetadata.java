package com.taskchain.orchestrator.execute;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Totals of one execution.
 *
 * @param runId the run this execution belongs to
 * @param startedAt when the first step started
 * @param finishedAt when the last step ended
 * @param durationMs wall time of the whole execution
 * @param toolCalls attempts made over all steps
 * @param retries attempts beyond each step's first
 * @param errorCount steps that failed
 * @param stoppedEarly whether fail-fast stopped the plan before its end
 */
public record ExecutionMetadata(
    @JsonProperty("run_id") String runId,
    @JsonProperty("started_at") Instant startedAt,
    @JsonProperty("finished_at") Instant finishedAt,
    @JsonProperty("duration_ms") long durationMs,
    @JsonProperty("tool_calls") int toolCalls,
    int retries,
    @JsonProperty("error_count") int errorCount,
    @JsonProperty("stopped_early") boolean stoppedEarly) {}
