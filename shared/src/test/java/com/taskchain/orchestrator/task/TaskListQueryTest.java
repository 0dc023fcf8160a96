package com.taskchain.orchestrator.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskListQueryTest {
  private static TaskListQuery parse(String status, String limit, String before)
      throws InvalidRequestException {
    return TaskListQuery.parse(
        Optional.ofNullable(status), Optional.ofNullable(limit), Optional.ofNullable(before));
  }

  private static String fieldOf(String status, String limit, String before) {
    try {
      parse(status, limit, before);
      throw new AssertionError("accepted " + status + " " + limit + " " + before);
    } catch (InvalidRequestException e) {
      assertThat(e.getMessage()).contains(e.field());
      return e.field();
    }
  }

  @Test
  void absentOrEmptyParameters_takeTheDefaults() throws Exception {
    for (TaskListQuery query : new TaskListQuery[] {parse(null, null, null), parse("", "", "")}) {
      assertThat(query.status()).isEmpty();
      assertThat(query.limit()).isEqualTo(TaskListQuery.DEFAULT_LIMIT);
      assertThat(query.before()).isEmpty();
    }
  }

  @Test
  void everyStatus_isAccepted_caseInsensitively() throws Exception {
    for (TaskStatus status : TaskStatus.values()) {
      assertThat(parse(status.wire(), null, null).status()).contains(status);
      assertThat(parse(status.wire().toUpperCase(java.util.Locale.ROOT), null, null).status())
          .contains(status);
    }
  }

  @Test
  void unknownStatus_isRefusedNamingStatus() {
    assertThat(fieldOf("done", null, null)).isEqualTo("status");
  }

  @Test
  void limitOutsideOneToHundred_orNotANumber_isRefusedNamingLimit() throws Exception {
    for (String bad : new String[] {"0", "-1", "101", "abc", "2.5", "99999999999"}) {
      assertThat(fieldOf(null, bad, null)).as(bad).isEqualTo("limit");
    }
    assertThat(parse(null, "1", null).limit()).isEqualTo(1);
    assertThat(parse(null, "100", null).limit()).isEqualTo(100);
  }

  @Test
  void cursor_roundTripsThroughItsTextForm() throws Exception {
    TaskCursor cursor =
        new TaskCursor(Instant.parse("2025-03-04T05:06:07.123456Z"), UUID.randomUUID());
    assertThat(parse(null, null, cursor.encode()).before()).contains(cursor);
    assertThat(cursor.encode()).doesNotContain("=", "+", "/");
  }

  @Test
  void malformedOrTamperedCursor_isRefusedNamingBefore() {
    String valid =
        new TaskCursor(Instant.parse("2025-03-04T05:06:07.123456Z"), UUID.randomUUID()).encode();
    String noSeparator =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("2025-03-04T05:06:07Z".getBytes(StandardCharsets.UTF_8));
    String badDate =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(("yesterday|" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
    for (String bad : new String[] {"%%%", "abc", noSeparator, badDate, valid + "A", valid + "="}) {
      assertThat(fieldOf(null, null, bad)).as(bad).isEqualTo("before");
    }
  }

  @Test
  void constructor_refusesALimitOutOfRange() {
    assertThatThrownBy(() -> new TaskListQuery(Optional.empty(), 0, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new TaskListQuery(Optional.empty(), TaskListQuery.MAX_LIMIT + 1, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void preview_isOneLine_andCutWithAnEllipsis() {
    assertThat(TaskSummary.preview("  Ship\n\tthe   release  ")).isEqualTo("Ship the release");
    String longText = "word ".repeat(100);
    String preview = TaskSummary.preview(longText);
    assertThat(preview).endsWith("…").doesNotContain("  ");
    assertThat(preview.length()).isLessThanOrEqualTo(TaskSummary.PREVIEW_CHARS + 1);
    assertThat(longText).startsWith(preview.substring(0, preview.length() - 1));
  }

  @Test
  void preview_neverSplitsASurrogatePair() {
    String text = "a".repeat(TaskSummary.PREVIEW_CHARS - 1) + "\uD83D\uDE00" + "tail";
    String preview = TaskSummary.preview(text);
    String kept = preview.substring(0, preview.length() - 1);
    assertThat(kept).isEqualTo("a".repeat(TaskSummary.PREVIEW_CHARS - 1));
  }
}
