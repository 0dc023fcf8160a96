package com.taskchain.orchestrator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.queue.Stage;
import com.taskchain.orchestrator.task.RunRecord;
import com.taskchain.orchestrator.task.RunStatus;
import com.taskchain.orchestrator.task.RunSummary;
import com.taskchain.orchestrator.task.TaskCursor;
import com.taskchain.orchestrator.task.TaskEvent;
import com.taskchain.orchestrator.task.TaskRecord;
import com.taskchain.orchestrator.task.TaskStatus;
import com.taskchain.orchestrator.task.TaskSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Tasks, runs and the event timeline in PostgreSQL, with plain JDBC. Every state change is a
 * compare-and-set ({@code UPDATE … WHERE stage = ? AND status = 'running' AND lease_owner = ?})
 * made in the same transaction as the artifact it writes and the event that records it, so a
 * repeated or stale call changes nothing. Thread-safe; every method may throw {@link
 * StoreException} (retriable).
 */
public final class TaskStore {
  private final DataSource dataSource;

  public TaskStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  // ---------------------------------------------------------------------------------------------
  // Tasks

  /** The outcome of {@link #createTask}. */
  public sealed interface CreateResult {
    /** A new task was written. */
    record Created(TaskRecord task) implements CreateResult {}

    /** The idempotency key was used before with the same request: that task is returned. */
    record Replayed(TaskRecord task) implements CreateResult {}

    /** The idempotency key was used before with a different request. */
    record KeyReused(UUID existingTaskId) implements CreateResult {}
  }

  /**
   * Creates a task in status {@code queued} and records its {@code created} event.
   *
   * @param idempotencyKey when present, makes the call idempotent: a repeat with the same key and
   *     the same request (compared by {@code requestHash}) returns the first task instead of
   *     creating another
   */
  public CreateResult createTask(
      String inputTask, ObjectNode context, Optional<String> idempotencyKey, String requestHash) {
    return Transactions.inTransaction(
        dataSource,
        "create task",
        c -> {
          UUID id = UUID.randomUUID();
          try (PreparedStatement insert =
              c.prepareStatement(
                  """
                  INSERT INTO tasks (task_id, input_task, context, idempotency_key, request_hash)
                  VALUES (?, ?, ?::jsonb, ?, ?)
                  ON CONFLICT (idempotency_key) DO NOTHING
                  RETURNING task_id
                  """)) {
            insert.setObject(1, id);
            insert.setString(2, inputTask);
            insert.setString(3, Json.write(context));
            insert.setString(4, idempotencyKey.orElse(null));
            insert.setString(5, requestHash);
            try (ResultSet rs = insert.executeQuery()) {
              if (rs.next()) {
                appendEvent(c, id, null, "created", null, null, null);
                return new CreateResult.Created(findTask(c, id).orElseThrow());
              }
            }
          }
          try (PreparedStatement existing =
              c.prepareStatement(
                  "SELECT task_id, request_hash FROM tasks WHERE idempotency_key = ?")) {
            existing.setString(1, idempotencyKey.orElseThrow());
            try (ResultSet rs = existing.executeQuery()) {
              rs.next();
              UUID existingId = rs.getObject(1, UUID.class);
              if (!requestHash.equals(rs.getString(2))) {
                return new CreateResult.KeyReused(existingId);
              }
              return new CreateResult.Replayed(findTask(c, existingId).orElseThrow());
            }
          }
        });
  }

  public Optional<TaskRecord> findTask(UUID taskId) {
    return Transactions.inTransaction(dataSource, "read task", c -> findTask(c, taskId));
  }

  private static Optional<TaskRecord> findTask(Connection c, UUID taskId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            """
            SELECT task_id, input_task, context::text, status, current_run_id, run_count, created_at,
                   updated_at
            FROM tasks WHERE task_id = ?
            """)) {
      select.setObject(1, taskId);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new TaskRecord(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                (ObjectNode) Json.read(rs.getString(3)),
                TaskStatus.fromWire(rs.getString(4)),
                Optional.ofNullable(rs.getObject(5, UUID.class)),
                rs.getInt(6),
                instant(rs, 7),
                instant(rs, 8)));
      }
    }
  }

  /**
   * One page of tasks, newest first ({@code created_at} then {@code task_id}, both descending,
   * which is the order of the {@code tasks_created_at_idx} index): keyset pagination, so a page
   * costs the same however deep it is, and tasks created while a client pages never shift the pages
   * it has not read yet.
   *
   * @param status only tasks in this status, or all
   * @param before only tasks that sort after this position, or from the newest
   * @param limit at most this many tasks
   */
  public List<TaskSummary> listTasks(
      Optional<TaskStatus> status, Optional<TaskCursor> before, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    // Only the conditions in use are in the statement, so PostgreSQL plans each shape for the
    // index instead of a generic plan around "? IS NULL OR ...".
    StringBuilder sql =
        new StringBuilder(
            """
            SELECT t.task_id, t.status, r.stage, left(t.input_task, ?), t.run_count, t.created_at,
                   GREATEST(t.updated_at, r.updated_at)
            FROM tasks t LEFT JOIN runs r ON r.run_id = t.current_run_id
            WHERE true
            """);
    if (status.isPresent()) {
      sql.append(" AND t.status = ?");
    }
    if (before.isPresent()) {
      sql.append(" AND (t.created_at, t.task_id) < (?, ?)");
    }
    sql.append(" ORDER BY t.created_at DESC, t.task_id DESC LIMIT ?");
    return Transactions.inTransaction(
        dataSource,
        "list tasks",
        c -> {
          try (PreparedStatement select = c.prepareStatement(sql.toString())) {
            int i = 1;
            // Enough characters for the preview after white space is collapsed, and no more: a
            // task text may be 20,000 characters.
            select.setInt(i++, 2 * TaskSummary.PREVIEW_CHARS);
            if (status.isPresent()) {
              select.setString(i++, status.get().wire());
            }
            if (before.isPresent()) {
              select.setTimestamp(i++, Timestamp.from(before.get().createdAt()));
              select.setObject(i++, before.get().taskId());
            }
            select.setInt(i, limit);
            List<TaskSummary> tasks = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                tasks.add(
                    new TaskSummary(
                        rs.getObject(1, UUID.class),
                        TaskStatus.fromWire(rs.getString(2)),
                        rs.getString(3),
                        TaskSummary.preview(rs.getString(4)),
                        rs.getInt(5),
                        instant(rs, 6),
                        instant(rs, 7)));
              }
            }
            return tasks;
          }
        });
  }

  /** A task with all its runs (newest first) and its whole timeline, read in one snapshot. */
  public record TaskSnapshot(TaskRecord task, List<RunRecord> runs, List<TaskEvent> events) {}

  public Optional<TaskSnapshot> snapshot(UUID taskId) {
    return Transactions.inTransaction(
        dataSource,
        "read task",
        c -> {
          c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
          Optional<TaskRecord> task = findTask(c, taskId);
          if (task.isEmpty()) {
            return Optional.empty();
          }
          return Optional.of(new TaskSnapshot(task.get(), runs(c, taskId), events(c, taskId)));
        });
  }

  /**
   * A task as its document shows it, bounded however many runs it had: the current run with its
   * artifacts, every run as a summary, and the events of the task itself and of its current run.
   */
  public record TaskDocument(
      TaskRecord task,
      Optional<RunRecord> currentRun,
      List<RunSummary> runs,
      List<TaskEvent> events) {
    public TaskDocument {
      runs = List.copyOf(runs);
      events = List.copyOf(events);
    }
  }

  /** Reads a {@link TaskDocument} in one snapshot; the earlier runs' artifacts are not read. */
  public Optional<TaskDocument> document(UUID taskId) {
    return Transactions.inTransaction(
        dataSource,
        "read task",
        c -> {
          c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
          Optional<TaskRecord> task = findTask(c, taskId);
          if (task.isEmpty()) {
            return Optional.empty();
          }
          Optional<RunRecord> current = Optional.empty();
          if (task.get().currentRunId().isPresent()) {
            current = findRun(c, task.get().currentRunId().get());
          }
          return Optional.of(
              new TaskDocument(
                  task.get(),
                  current,
                  runSummaries(c, taskId),
                  events(c, taskId, current.map(RunRecord::runId), true)));
        });
  }

  /** One run of a task with the events of its timeline. */
  public record RunDocument(RunRecord run, List<TaskEvent> events) {
    public RunDocument {
      events = List.copyOf(events);
    }
  }

  /** A run of this task with its events; empty when the task has no such run. */
  public Optional<RunDocument> runDocument(UUID taskId, UUID runId) {
    return Transactions.inTransaction(
        dataSource,
        "read run",
        c -> {
          c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
          Optional<RunRecord> run = findRun(c, runId).filter(r -> r.taskId().equals(taskId));
          if (run.isEmpty()) {
            return Optional.empty();
          }
          return Optional.of(
              new RunDocument(run.get(), events(c, taskId, Optional.of(runId), false)));
        });
  }

  private static List<RunSummary> runSummaries(Connection c, UUID taskId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            """
            SELECT run_id, run_number, status, stage, failure_reason, created_at, updated_at,
                   finished_at
            FROM runs WHERE task_id = ? ORDER BY run_number DESC
            """)) {
      select.setObject(1, taskId);
      List<RunSummary> runs = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          runs.add(
              new RunSummary(
                  rs.getObject(1, UUID.class),
                  rs.getInt(2),
                  RunStatus.fromWire(rs.getString(3)),
                  rs.getString(4),
                  rs.getString(5),
                  instant(rs, 6),
                  instant(rs, 7),
                  Optional.ofNullable(rs.getTimestamp(8)).map(Timestamp::toInstant).orElse(null)));
        }
      }
      return runs;
    }
  }

  private static final String RUN_COLUMNS =
      """
      run_id, task_id, run_number, status, stage, version, stage_attempts, sweep_count,
      plan_json::text, result_json::text, verification_json::text, failure_reason, created_at,
      updated_at, stage_entered_at, finished_at
      """;

  /** {@link #RUN_COLUMNS} qualified with the alias {@code r}, for queries that join tasks. */
  private static final String RUN_COLUMNS_OF_R =
      """
      r.run_id, r.task_id, r.run_number, r.status, r.stage, r.version, r.stage_attempts, r.sweep_count,
      r.plan_json::text, r.result_json::text, r.verification_json::text, r.failure_reason, r.created_at,
      r.updated_at, r.stage_entered_at, r.finished_at
      """;

  private static List<RunRecord> runs(Connection c, UUID taskId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT " + RUN_COLUMNS + " FROM runs WHERE task_id = ? ORDER BY run_number DESC")) {
      select.setObject(1, taskId);
      List<RunRecord> runs = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          runs.add(run(rs));
        }
      }
      return runs;
    }
  }

  public Optional<RunRecord> findRun(UUID runId) {
    return Transactions.inTransaction(dataSource, "read run", c -> findRun(c, runId));
  }

  private static Optional<RunRecord> findRun(Connection c, UUID runId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM runs WHERE run_id = ?")) {
      select.setObject(1, runId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(run(rs)) : Optional.empty();
      }
    }
  }

  private static RunRecord run(ResultSet rs) throws SQLException {
    return new RunRecord(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getInt(3),
        RunStatus.fromWire(rs.getString(4)),
        rs.getString(5),
        rs.getLong(6),
        rs.getInt(7),
        rs.getInt(8),
        json(rs.getString(9)),
        json(rs.getString(10)),
        json(rs.getString(11)),
        Optional.ofNullable(rs.getString(12)),
        instant(rs, 13),
        instant(rs, 14),
        instant(rs, 15),
        Optional.ofNullable(rs.getTimestamp(16)).map(Timestamp::toInstant));
  }

  private static List<TaskEvent> events(Connection c, UUID taskId) throws SQLException {
    return events(c, taskId, Optional.empty(), true, false);
  }

  /** The events of one run (when given), and those of the task itself (no run) when asked for. */
  private static List<TaskEvent> events(
      Connection c, UUID taskId, Optional<UUID> runId, boolean taskEvents) throws SQLException {
    return events(c, taskId, runId, taskEvents, true);
  }

  private static List<TaskEvent> events(
      Connection c, UUID taskId, Optional<UUID> runId, boolean taskEvents, boolean filtered)
      throws SQLException {
    String where =
        !filtered
            ? ""
            : runId.isPresent()
                ? (taskEvents ? " AND (run_id IS NULL OR run_id = ?)" : " AND run_id = ?")
                : " AND run_id IS NULL";
    try (PreparedStatement select =
        c.prepareStatement(
            """
            SELECT event_id, run_id, kind, stage, attempt, detail::text, created_at
            FROM task_events WHERE task_id = ?"""
                + where
                + " ORDER BY event_id")) {
      select.setObject(1, taskId);
      if (filtered && runId.isPresent()) {
        select.setObject(2, runId.get());
      }
      List<TaskEvent> events = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          Integer attempt = rs.getObject(5) == null ? null : rs.getInt(5);
          events.add(
              new TaskEvent(
                  rs.getLong(1),
                  rs.getObject(2, UUID.class),
                  rs.getString(3),
                  rs.getString(4),
                  attempt,
                  json(rs.getString(6)).orElse(null),
                  instant(rs, 7)));
        }
      }
      return events;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Runs

  /** The outcome of {@link #startRun}. */
  public sealed interface StartRunResult {
    record Started(RunRecord run) implements StartRunResult {}

    record AlreadyRunning(UUID currentRunId) implements StartRunResult {}

    record NotFound() implements StartRunResult {}
  }

  /**
   * Starts a new run at stage {@code plan} unless one is running: compare-and-set on the task's
   * status. Earlier runs and their artifacts stay.
   */
  public StartRunResult startRun(UUID taskId, UUID runId) {
    return Transactions.inTransaction(
        dataSource,
        "start run",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  """
                  UPDATE tasks SET status = 'running', current_run_id = ?, run_count = run_count + 1,
                                   version = version + 1, updated_at = now()
                  WHERE task_id = ? AND status <> 'running'
                  RETURNING run_count
                  """)) {
            update.setObject(1, runId);
            update.setObject(2, taskId);
            try (ResultSet rs = update.executeQuery()) {
              if (rs.next()) {
                int number = rs.getInt(1);
                try (PreparedStatement insert =
                    c.prepareStatement(
                        "INSERT INTO runs (run_id, task_id, run_number) VALUES (?, ?, ?)")) {
                  insert.setObject(1, runId);
                  insert.setObject(2, taskId);
                  insert.setInt(3, number);
                  insert.executeUpdate();
                }
                appendEvent(c, taskId, runId, "run_requested", null, null, null);
                return new StartRunResult.Started(findRun(c, runId).orElseThrow());
              }
            }
          }
          Optional<TaskRecord> task = findTask(c, taskId);
          if (task.isEmpty()) {
            return new StartRunResult.NotFound();
          }
          return new StartRunResult.AlreadyRunning(task.get().currentRunId().orElseThrow());
        });
  }

  /** The outcome of {@link #claim}. */
  public sealed interface ClaimResult {
    /** This delivery holds the stage's lease until it commits, releases or the lease expires. */
    record Claimed(TaskRecord task, RunRecord run, int attempt) implements ClaimResult {}

    /**
     * The delivery is a duplicate or stale: the run is unknown, finished, not the task's current
     * run, or past this stage. {@code run} is present when the run exists.
     */
    record NotCurrent(String reason, Optional<RunRecord> run) implements ClaimResult {}

    /** Another delivery holds a live lease on this stage. */
    record Busy(Instant leaseUntil) implements ClaimResult {}
  }

  /**
   * Claims a stage for one delivery: compare-and-set on the run's stage and status, the task's
   * current run, and a free (or expired) lease. Records a {@code stage_claimed} event with the
   * attempt number.
   *
   * @param owner identifies this delivery; only the owner can commit or release
   * @param lease how long the claim holds without a commit (at least the stage's dispatch deadline)
   */
  public ClaimResult claim(UUID taskId, UUID runId, Stage stage, String owner, Duration lease) {
    return Transactions.inTransaction(
        dataSource,
        "claim stage",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  """
                  UPDATE runs r SET lease_owner = ?, lease_until = now() + ?::interval,
                                    stage_attempts = r.stage_attempts + 1, updated_at = now()
                  FROM tasks t
                  WHERE r.run_id = ? AND r.task_id = ? AND r.stage = ? AND r.status = 'running'
                    AND t.task_id = r.task_id AND t.current_run_id = r.run_id
                    AND (r.lease_until IS NULL OR r.lease_until < now())
                  RETURNING r.stage_attempts
                  """)) {
            update.setString(1, owner);
            update.setString(2, lease.toMillis() + " milliseconds");
            update.setObject(3, runId);
            update.setObject(4, taskId);
            update.setString(5, stage.wire());
            try (ResultSet rs = update.executeQuery()) {
              if (rs.next()) {
                int attempt = rs.getInt(1);
                appendEvent(c, taskId, runId, "stage_claimed", stage.wire(), attempt, null);
                return new ClaimResult.Claimed(
                    findTask(c, taskId).orElseThrow(), findRun(c, runId).orElseThrow(), attempt);
              }
            }
          }
          return whyNotClaimed(c, taskId, runId, stage);
        });
  }

  /**
   * Extends a held lease to {@code lease} from now: the heartbeat of a stage that is still working,
   * so that a crashed worker's claim expires within one lease while a live one keeps it.
   * Compare-and-set on the lease owner; records no event (it would flood the timeline).
   *
   * @return false when this owner no longer holds the stage (another delivery took it over, or it
   *     was committed, released or failed): stop renewing
   */
  public boolean renewLease(UUID runId, Stage stage, String owner, Duration lease) {
    return Transactions.inTransaction(
        dataSource,
        "renew lease",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  """
                  UPDATE runs SET lease_until = now() + ?::interval
                  WHERE run_id = ? AND stage = ? AND status = 'running' AND lease_owner = ?
                  """)) {
            update.setString(1, lease.toMillis() + " milliseconds");
            update.setObject(2, runId);
            update.setString(3, stage.wire());
            update.setString(4, owner);
            return update.executeUpdate() == 1;
          }
        });
  }

  private static ClaimResult whyNotClaimed(Connection c, UUID taskId, UUID runId, Stage stage)
      throws SQLException {
    // One statement, so the verdict comes from one consistent view of the run and its task: a
    // concurrent commit
    // between two reads must not turn into a wrong answer.
    RunRecord run;
    UUID currentRunId;
    Timestamp leaseUntil;
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT "
                + RUN_COLUMNS_OF_R
                + ", t.current_run_id, r.lease_until"
                + " FROM runs r JOIN tasks t ON t.task_id = r.task_id WHERE r.run_id = ?")) {
      select.setObject(1, runId);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return new ClaimResult.NotCurrent("unknown run for this task", Optional.empty());
        }
        run = run(rs);
        currentRunId = rs.getObject(17, UUID.class);
        leaseUntil = rs.getTimestamp(18);
      }
    }
    if (!run.taskId().equals(taskId)) {
      return new ClaimResult.NotCurrent("unknown run for this task", Optional.empty());
    }
    Optional<RunRecord> found = Optional.of(run);
    if (!runId.equals(currentRunId)) {
      return new ClaimResult.NotCurrent("run is no longer the task's current run", found);
    }
    if (run.status() != RunStatus.RUNNING) {
      return new ClaimResult.NotCurrent("run already " + run.status().wire(), found);
    }
    if (!run.stage().equals(stage.wire())) {
      return new ClaimResult.NotCurrent(
          "stage " + stage.wire() + " already done; run is at " + run.stage(), found);
    }
    // The lease was held when we tried; if it is gone now the holder just finished or gave up: come
    // back.
    return new ClaimResult.Busy(leaseUntil == null ? Instant.now() : leaseUntil.toInstant());
  }

  /**
   * Writes a stage's artifact and moves the run to the next stage, or finishes it when {@code
   * finalStatus} is present; one transaction, compare-and-set on stage and lease owner. Records
   * {@code stage_written} (and {@code run_finished}).
   *
   * @return false when this delivery no longer holds the stage (its lease expired and another
   *     delivery took over, or the stage was already written): nothing was changed
   */
  public boolean commit(
      UUID taskId,
      UUID runId,
      Stage stage,
      String owner,
      int attempt,
      JsonNode artifact,
      Optional<RunStatus> finalStatus) {
    return commit(taskId, runId, stage, owner, attempt, artifact, finalStatus, Optional.empty());
  }

  /**
   * As {@link #commit(UUID, UUID, Stage, String, int, JsonNode, Optional)}, recording why the run
   * failed when it ends {@code failed} (e.g. the verifier's reasons).
   */
  public boolean commit(
      UUID taskId,
      UUID runId,
      Stage stage,
      String owner,
      int attempt,
      JsonNode artifact,
      Optional<RunStatus> finalStatus,
      Optional<String> failureReason) {
    String column =
        switch (stage) {
          case PLAN -> "plan_json";
          case EXECUTE -> "result_json";
          case VERIFY -> "verification_json";
        };
    String nextStage = stage.next().map(Stage::wire).orElse("done");
    return Transactions.inTransaction(
        dataSource,
        "commit stage",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE runs SET "
                      + column
                      + """
                       = ?::jsonb, stage = ?, version = version + 1, lease_owner = NULL,
                          lease_until = NULL, stage_attempts = 0, sweep_count = 0, swept_at = NULL,
                          stage_entered_at = now(), updated_at = now(),
                          status = COALESCE(?, status),
                          finished_at = CASE WHEN ?::text IS NULL THEN NULL ELSE now() END,
                          failure_reason = COALESCE(?, failure_reason)
                      WHERE run_id = ? AND stage = ? AND status = 'running' AND lease_owner = ?
                      """)) {
            update.setString(1, Json.write(artifact));
            update.setString(2, nextStage);
            update.setString(3, finalStatus.map(RunStatus::wire).orElse(null));
            update.setString(4, finalStatus.map(RunStatus::wire).orElse(null));
            update.setString(5, failureReason.orElse(null));
            update.setObject(6, runId);
            update.setString(7, stage.wire());
            update.setString(8, owner);
            if (update.executeUpdate() == 0) {
              return false;
            }
          }
          appendEvent(c, taskId, runId, "stage_written", stage.wire(), attempt, null);
          if (finalStatus.isPresent()) {
            finishTask(c, taskId, runId, finalStatus.get());
            ObjectNode detail = Json.object().put("status", finalStatus.get().wire());
            failureReason.ifPresent(reason -> detail.put("reason", reason));
            appendEvent(c, taskId, runId, "run_finished", null, null, detail);
          }
          return true;
        });
  }

  private static void finishTask(Connection c, UUID taskId, UUID runId, RunStatus status)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            """
            UPDATE tasks SET status = ?, version = version + 1, updated_at = now()
            WHERE task_id = ? AND current_run_id = ?
            """)) {
      update.setString(1, status.wire());
      update.setObject(2, taskId);
      update.setObject(3, runId);
      update.executeUpdate();
    }
  }

  /**
   * Gives a claimed stage back after a retriable failure so the next delivery can claim it at once;
   * records {@code stage_retried} with the reason. No effect when this delivery no longer holds the
   * lease.
   */
  public boolean release(
      UUID taskId, UUID runId, Stage stage, String owner, int attempt, String reason) {
    return Transactions.inTransaction(
        dataSource,
        "release stage",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  """
                  UPDATE runs SET lease_owner = NULL, lease_until = NULL, updated_at = now()
                  WHERE run_id = ? AND stage = ? AND status = 'running' AND lease_owner = ?
                  """)) {
            update.setObject(1, runId);
            update.setString(2, stage.wire());
            update.setString(3, owner);
            if (update.executeUpdate() == 0) {
              return false;
            }
          }
          appendEvent(
              c,
              taskId,
              runId,
              "stage_retried",
              stage.wire(),
              attempt,
              Json.object().put("reason", reason));
          return true;
        });
  }

  /**
   * Fails a running run at the given stage with a reason, and its task with it; records {@code
   * stage_failed} and {@code run_finished}. Compare-and-set on stage and status (and on the lease
   * owner when one is given), so a late or repeated call changes nothing.
   *
   * @param owner the lease owner, or empty for the sweep (which only fails runs whose lease is free
   *     or expired)
   */
  public boolean failRun(
      UUID taskId,
      UUID runId,
      Stage stage,
      Optional<String> owner,
      Integer attempt,
      String reason) {
    return Transactions.inTransaction(
        dataSource,
        "fail run",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  """
                  UPDATE runs SET status = 'failed', failure_reason = ?, lease_owner = NULL,
                                  lease_until = NULL, finished_at = now(), updated_at = now(),
                                  version = version + 1
                  WHERE run_id = ? AND stage = ? AND status = 'running'
                    AND (CASE WHEN ?::text IS NULL
                              THEN lease_until IS NULL OR lease_until < now()
                              ELSE lease_owner = ?::text END)
                  """)) {
            update.setString(1, reason);
            update.setObject(2, runId);
            update.setString(3, stage.wire());
            update.setString(4, owner.orElse(null));
            update.setString(5, owner.orElse(null));
            if (update.executeUpdate() == 0) {
              return false;
            }
          }
          appendEvent(
              c,
              taskId,
              runId,
              "stage_failed",
              stage.wire(),
              attempt,
              Json.object().put("reason", reason));
          finishTask(c, taskId, runId, RunStatus.FAILED);
          appendEvent(
              c,
              taskId,
              runId,
              "run_finished",
              null,
              null,
              Json.object().put("status", "failed").put("reason", reason));
          return true;
        });
  }

  /**
   * A running run whose stage has made no progress for a while and whose lease is free or expired.
   */
  public record StuckRun(UUID taskId, UUID runId, Stage stage, int sweepCount, Instant since) {}

  /**
   * Running stages that hold no live lease and either made no progress since {@code cutoff}
   * (entered the stage, or last swept, before it: a message that may be lost) or were abandoned (a
   * lease that expired without a commit or release, and was not swept since: the worker died).
   */
  public List<StuckRun> stuckRuns(Instant cutoff, int limit) {
    return Transactions.inTransaction(
        dataSource,
        "find stuck runs",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  """
                  SELECT task_id, run_id, stage, sweep_count, GREATEST(stage_entered_at, swept_at)
                  FROM runs
                  WHERE status = 'running' AND stage <> 'done'
                    AND (lease_until IS NULL OR lease_until < now())
                    AND (GREATEST(stage_entered_at, swept_at) < ?
                         OR (lease_owner IS NOT NULL
                             AND (swept_at IS NULL OR swept_at < lease_until)))
                  ORDER BY stage_entered_at
                  LIMIT ?
                  """)) {
            select.setTimestamp(1, Timestamp.from(cutoff));
            select.setInt(2, limit);
            List<StuckRun> stuck = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                stuck.add(
                    new StuckRun(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        Stage.fromWire(rs.getString(3)).orElseThrow(),
                        rs.getInt(4),
                        instant(rs, 5)));
              }
            }
            return stuck;
          }
        });
  }

  /**
   * Counts one sweep of a stuck run: compare-and-set on its sweep count, so two concurrent sweeps
   * re-enqueue it once. Records {@code sweep_requeued}.
   *
   * @return the new sweep count (the generation of the re-enqueued message), or empty if another
   *     sweep or a delivery got there first
   */
  public Optional<Integer> markSwept(StuckRun run) {
    return Transactions.inTransaction(
        dataSource,
        "mark swept",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  """
                  UPDATE runs SET sweep_count = sweep_count + 1, swept_at = now(), updated_at = now()
                  WHERE run_id = ? AND stage = ? AND status = 'running' AND sweep_count = ?
                    AND (lease_until IS NULL OR lease_until < now())
                  RETURNING sweep_count
                  """)) {
            update.setObject(1, run.runId());
            update.setString(2, run.stage().wire());
            update.setInt(3, run.sweepCount());
            try (ResultSet rs = update.executeQuery()) {
              if (!rs.next()) {
                return Optional.<Integer>empty();
              }
              int count = rs.getInt(1);
              appendEvent(
                  c,
                  run.taskId(),
                  run.runId(),
                  "sweep_requeued",
                  run.stage().wire(),
                  count,
                  Json.object().put("stuck_since", run.since().toString()));
              return Optional.of(count);
            }
          }
        });
  }

  /** Appends one event outside any other change (e.g. an enqueue that failed). */
  public void recordEvent(UUID taskId, UUID runId, String kind, String stage, JsonNode detail) {
    Transactions.inTransaction(
        dataSource,
        "record event",
        c -> {
          appendEvent(c, taskId, runId, kind, stage, null, detail);
          return null;
        });
  }

  private static void appendEvent(
      Connection c,
      UUID taskId,
      UUID runId,
      String kind,
      String stage,
      Integer attempt,
      JsonNode detail)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            """
            INSERT INTO task_events (task_id, run_id, kind, stage, attempt, detail)
            VALUES (?, ?, ?, ?, ?, ?::jsonb)
            """)) {
      insert.setObject(1, taskId);
      insert.setObject(2, runId);
      insert.setString(3, kind);
      insert.setString(4, stage);
      if (attempt == null) {
        insert.setNull(5, Types.INTEGER);
      } else {
        insert.setInt(5, attempt);
      }
      insert.setString(6, detail == null ? null : Json.write(detail));
      insert.executeUpdate();
    }
  }

  private static Optional<JsonNode> json(String text) {
    return text == null ? Optional.empty() : Optional.of(Json.read(text));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getTimestamp(column).toInstant();
  }
}
