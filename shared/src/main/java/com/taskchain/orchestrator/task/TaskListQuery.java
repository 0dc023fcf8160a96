package com.taskchain.orchestrator.task;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A validated list-tasks request: {@code ?status=&limit=&before=}.
 *
 * @param status only tasks in this status, or all
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 * @param before only tasks after this position (the previous page's last task), or from the newest
 */
public record TaskListQuery(Optional<TaskStatus> status, int limit, Optional<TaskCursor> before) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  public TaskListQuery {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(before, "before");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
    }
  }

  /** The first page of all tasks, {@value #DEFAULT_LIMIT} of them. */
  public static TaskListQuery firstPage() {
    return new TaskListQuery(Optional.empty(), DEFAULT_LIMIT, Optional.empty());
  }

  /**
   * Validates the raw query parameters; an absent or empty one takes its default.
   *
   * @throws InvalidRequestException naming the parameter at fault
   */
  public static TaskListQuery parse(
      Optional<String> status, Optional<String> limit, Optional<String> before)
      throws InvalidRequestException {
    Optional<TaskStatus> wanted = Optional.empty();
    Optional<String> rawStatus = status.filter(s -> !s.isEmpty());
    if (rawStatus.isPresent()) {
      wanted =
          Optional.of(
              Arrays.stream(TaskStatus.values())
                  .filter(s -> s.wire().equals(rawStatus.get().toLowerCase(Locale.ROOT)))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new InvalidRequestException(
                              "status",
                              "status must be one of "
                                  + Arrays.stream(TaskStatus.values())
                                      .map(TaskStatus::wire)
                                      .collect(Collectors.joining(", "))
                                  + ", got '"
                                  + abbreviate(rawStatus.get())
                                  + "'")));
    }
    int size = DEFAULT_LIMIT;
    Optional<String> rawLimit = limit.filter(s -> !s.isEmpty());
    if (rawLimit.isPresent()) {
      try {
        size = Integer.parseInt(rawLimit.get());
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size < 1 || size > MAX_LIMIT) {
        throw new InvalidRequestException(
            "limit",
            "limit must be a whole number from 1 to "
                + MAX_LIMIT
                + ", got '"
                + abbreviate(rawLimit.get())
                + "'");
      }
    }
    Optional<TaskCursor> cursor = Optional.empty();
    Optional<String> rawBefore = before.filter(s -> !s.isEmpty());
    if (rawBefore.isPresent()) {
      cursor = Optional.of(TaskCursor.decode(rawBefore.get(), "before"));
    }
    return new TaskListQuery(wanted, size, cursor);
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
