package com.taskchain.orchestrator.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of the task listing, newest first.
 *
 * @param nextCursor the {@code before} value of the next page, or null when this page is the last
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TaskPage(List<TaskSummary> tasks, @JsonProperty("next_cursor") String nextCursor) {
  public TaskPage {
    tasks = List.copyOf(tasks);
  }
}
