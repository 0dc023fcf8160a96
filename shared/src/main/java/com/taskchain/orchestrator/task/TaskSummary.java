package com.taskchain.orchestrator.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One task of a listing: enough to show a row and open the task.
 *
 * @param stage the current run's stage ({@code plan}, {@code execute}, {@code verify}, {@code
 *     done}), or null when the task was never run
 * @param taskPreview the start of the task text on one line, at most {@value #PREVIEW_CHARS}
 *     characters and an ellipsis
 * @param updatedAt the later of the task's and its current run's last change
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TaskSummary(
    @JsonProperty("task_id") UUID taskId,
    TaskStatus status,
    String stage,
    @JsonProperty("task_preview") String taskPreview,
    @JsonProperty("run_count") int runCount,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt) {

  /** How much of the task text a listing shows. */
  public static final int PREVIEW_CHARS = 120;

  public TaskSummary {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(taskPreview, "taskPreview");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /**
   * The preview of a task text: white space (line breaks included) collapsed to single spaces, cut
   * at {@value #PREVIEW_CHARS} characters with an ellipsis, never inside a surrogate pair.
   */
  public static String preview(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    if (line.length() <= PREVIEW_CHARS) {
      return line;
    }
    int end = PREVIEW_CHARS;
    if (Character.isHighSurrogate(line.charAt(end - 1))) {
      end--;
    }
    return line.substring(0, end).stripTrailing() + "…";
  }
}
