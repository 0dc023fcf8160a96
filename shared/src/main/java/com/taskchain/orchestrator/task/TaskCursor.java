package com.taskchain.orchestrator.task;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * A position in the newest-first task listing: the creation time and id of the last task of a page.
 * The next page holds the tasks that sort after it, that is {@code (created_at, task_id)} smaller.
 * Clients see it only as an opaque string ({@link #encode()}), so its form may change.
 */
public record TaskCursor(Instant createdAt, UUID taskId) {
  private static final char SEPARATOR = '|';
  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  public TaskCursor {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(taskId, "taskId");
  }

  /** The cursor of a listed task. */
  public static TaskCursor after(TaskSummary task) {
    return new TaskCursor(task.createdAt(), task.taskId());
  }

  /** The opaque text form: URL-safe base64 of the instant and the id. */
  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(
            (createdAt.toString() + SEPARATOR + taskId).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a cursor that {@link #encode()} wrote.
   *
   * @throws InvalidRequestException naming {@code field} when the text is not such a cursor
   */
  public static TaskCursor decode(String text, String field) throws InvalidRequestException {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int split = plain.indexOf(SEPARATOR);
      if (split < 0) {
        throw new IllegalArgumentException("no separator");
      }
      UUID id = UUID.fromString(plain.substring(split + 1));
      Instant at = Instant.parse(plain.substring(0, split));
      // Every task was created within these bounds, and PostgreSQL refuses times far outside them.
      if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
        throw new IllegalArgumentException("time out of range");
      }
      TaskCursor cursor = new TaskCursor(at, id);
      // A cursor we did not write (hand-edited, or another encoding of the same values) is refused,
      // so every accepted cursor names exactly one position.
      if (!cursor.encode().equals(text)) {
        throw new IllegalArgumentException("not canonical");
      }
      return cursor;
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new InvalidRequestException(
          field, field + " must be the next_cursor of a previous page, unchanged");
    }
  }
}
