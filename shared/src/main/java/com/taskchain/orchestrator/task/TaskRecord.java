package com.taskchain.orchestrator.task;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A task row. */
public record TaskRecord(
    UUID taskId,
    String inputTask,
    ObjectNode context,
    TaskStatus status,
    Optional<UUID> currentRunId,
    int runCount,
    Instant createdAt,
    Instant updatedAt) {}
