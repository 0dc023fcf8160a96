package com.taskchain.orchestrator.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * What a user asked for: the task text and its JSON context object.
 *
 * @param task the task text, never blank
 * @param context a JSON object (possibly empty); treat as read-only
 */
public record TaskInput(String task, ObjectNode context) {
  public TaskInput {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(context, "context");
    if (task.isBlank()) {
      throw new IllegalArgumentException("task: must not be blank");
    }
  }
}
