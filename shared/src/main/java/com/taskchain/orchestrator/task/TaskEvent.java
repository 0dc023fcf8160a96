package com.taskchain.orchestrator.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a task's append-only timeline.
 *
 * @param kind e.g. {@code created}, {@code run_requested}, {@code stage_claimed}, {@code
 *     stage_written}, {@code stage_retried}, {@code stage_failed}, {@code run_finished}, {@code
 *     sweep_requeued}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskEvent(
    @JsonProperty("event_id") long eventId,
    @JsonProperty("run_id") UUID runId,
    String kind,
    String stage,
    Integer attempt,
    JsonNode detail,
    Instant at) {}
