package com.taskchain.orchestrator.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A run row: one pass of a task through plan, execute and verify, with the artifacts it wrote.
 *
 * @param stage {@code plan}, {@code execute}, {@code verify}, or {@code done}
 */
public record RunRecord(
    UUID runId,
    UUID taskId,
    int runNumber,
    RunStatus status,
    String stage,
    long version,
    int stageAttempts,
    int sweepCount,
    Optional<JsonNode> planJson,
    Optional<JsonNode> resultJson,
    Optional<JsonNode> verificationJson,
    Optional<String> failureReason,
    Instant createdAt,
    Instant updatedAt,
    Instant stageEnteredAt,
    Optional<Instant> finishedAt) {}
