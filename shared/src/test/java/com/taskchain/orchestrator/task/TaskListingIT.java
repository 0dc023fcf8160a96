package com.taskchain.orchestrator.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.store.TaskStore;
import com.taskchain.orchestrator.store.TaskStore.CreateResult;
import com.taskchain.orchestrator.testing.PgExtension;
import com.taskchain.orchestrator.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The task listing on real PostgreSQL: order, keyset pages, the status filter and the rows. */
@ExtendWith(PgExtension.class)
class TaskListingIT {
  private final TestDatabase database;
  private final TaskStore store;
  private final TaskService service;

  TaskListingIT(TestDatabase database) {
    this.database = database;
    this.store = new TaskStore(database.dataSource());
    this.service =
        new TaskService(
            store,
            () -> {
              throw new AssertionError("listing must not touch the queue");
            });
  }

  @BeforeEach
  void empty() throws Exception {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE tasks CASCADE");
    }
  }

  private UUID create(String text) {
    return ((CreateResult.Created) store.createTask(text, Json.object(), Optional.empty(), "h"))
        .task()
        .taskId();
  }

  private List<UUID> walk(TaskListQuery first) throws InvalidRequestException {
    List<UUID> seen = new ArrayList<>();
    TaskPage page = service.list(first);
    int pages = 1;
    while (true) {
      page.tasks().forEach(t -> seen.add(t.taskId()));
      assertThat(page.tasks().size()).isLessThanOrEqualTo(first.limit());
      if (page.nextCursor() == null) {
        return seen;
      }
      assertThat(page.tasks()).hasSize(first.limit());
      assertThat(++pages).as("pages").isLessThan(100);
      page =
          service.list(
              TaskListQuery.parse(
                  first.status().map(TaskStatus::wire),
                  Optional.of(Integer.toString(first.limit())),
                  Optional.of(page.nextCursor())));
    }
  }

  @Test
  void pages_walkEveryTaskNewestFirst_onceEach() throws Exception {
    List<UUID> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(create("task " + i));
    }
    List<UUID> newestFirst = new ArrayList<>(created);
    java.util.Collections.reverse(newestFirst);

    assertThat(walk(new TaskListQuery(Optional.empty(), 3, Optional.empty())))
        .containsExactlyElementsOf(newestFirst);
    assertThat(walk(new TaskListQuery(Optional.empty(), 7, Optional.empty())))
        .containsExactlyElementsOf(newestFirst);
  }

  @Test
  void lastFullPage_hasNoCursor() {
    for (int i = 0; i < 4; i++) {
      create("task " + i);
    }
    TaskPage page = service.list(new TaskListQuery(Optional.empty(), 4, Optional.empty()));
    assertThat(page.tasks()).hasSize(4);
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void tasksCreatedAtTheSameInstant_areOrderedById_andPagedWithoutLoss() throws Exception {
    List<UUID> ids = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO tasks (task_id, input_task, created_at)"
                    + " VALUES (?, 'same instant', '2025-01-02T03:04:05.678901Z')")) {
      for (int i = 0; i < 5; i++) {
        UUID id = UUID.randomUUID();
        ids.add(id);
        insert.setObject(1, id);
        insert.executeUpdate();
      }
    }
    // PostgreSQL orders uuids by their bytes, which is the order of their canonical text.
    ids.sort(Comparator.comparing(UUID::toString).reversed());

    assertThat(walk(new TaskListQuery(Optional.empty(), 2, Optional.empty())))
        .containsExactlyElementsOf(ids);
  }

  @Test
  void tasksCreatedWhilePaging_doNotShiftTheNextPage() throws Exception {
    List<UUID> created = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      created.add(create("task " + i));
    }
    TaskPage first = service.list(new TaskListQuery(Optional.empty(), 2, Optional.empty()));
    create("newer 1");
    create("newer 2");
    TaskPage second =
        service.list(
            TaskListQuery.parse(
                Optional.empty(), Optional.of("2"), Optional.of(first.nextCursor())));

    assertThat(first.tasks())
        .extracting(TaskSummary::taskId)
        .containsExactly(created.get(3), created.get(2));
    assertThat(second.tasks())
        .extracting(TaskSummary::taskId)
        .containsExactly(created.get(1), created.get(0));
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void statusFilter_listsOnlyTasksInThatStatus() throws Exception {
    UUID queuedA = create("a");
    UUID running = create("b");
    UUID queuedB = create("c");
    store.startRun(running, UUID.randomUUID());

    assertThat(walk(new TaskListQuery(Optional.of(TaskStatus.RUNNING), 1, Optional.empty())))
        .containsExactly(running);
    assertThat(walk(new TaskListQuery(Optional.of(TaskStatus.QUEUED), 1, Optional.empty())))
        .containsExactly(queuedB, queuedA);
    assertThat(walk(new TaskListQuery(Optional.of(TaskStatus.FAILED), 5, Optional.empty())))
        .isEmpty();
  }

  @Test
  void rows_carryStatusStageRunCountAndAOneLinePreview() {
    String text = "Prepare the\nrelease notes   " + "for every team ".repeat(20);
    UUID never = create(text);
    UUID ran = create("short task");
    store.startRun(ran, UUID.randomUUID());

    List<TaskSummary> rows =
        service.list(new TaskListQuery(Optional.empty(), 10, Optional.empty())).tasks();
    TaskSummary running = rows.get(0);
    TaskSummary queued = rows.get(1);

    assertThat(running.taskId()).isEqualTo(ran);
    assertThat(running.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(running.stage()).isEqualTo("plan");
    assertThat(running.runCount()).isEqualTo(1);
    assertThat(running.taskPreview()).isEqualTo("short task");
    assertThat(running.updatedAt()).isAfterOrEqualTo(running.createdAt());

    assertThat(queued.taskId()).isEqualTo(never);
    assertThat(queued.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(queued.stage()).isNull();
    assertThat(queued.runCount()).isZero();
    assertThat(queued.taskPreview()).isEqualTo(TaskSummary.preview(text)).doesNotContain("\n");
    assertThat(queued.taskPreview())
        .startsWith("Prepare the release notes for every team")
        .endsWith("…");
  }

  @Test
  void page_serialisesWithTheWireNames() {
    create("x");
    var json = Json.tree(service.list(TaskListQuery.firstPage()));
    assertThat(json.has("next_cursor")).isTrue();
    var row = json.get("tasks").get(0);
    for (String field :
        List.of(
            "task_id",
            "status",
            "stage",
            "task_preview",
            "run_count",
            "created_at",
            "updated_at")) {
      assertThat(row.has(field)).as(field).isTrue();
    }
    assertThat(row.get("status").asText()).isEqualTo("queued");
  }
}
