package com.taskchain.orchestrator.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Tasks written straight into the database in states a real run reaches only by chance or slowly: a
 * run that failed verification after an earlier one passed, and a run held in its execute stage
 * (the test runner's sweep is off, so nothing moves it) until the test finishes it.
 */
final class ConsoleFixtures {
  private ConsoleFixtures() {}

  /** A task with two runs: run 1 passed; run 2, the current one, failed verification. */
  record FailedTask(UUID taskId, UUID passedRunId, UUID failedRunId, List<String> reasons) {}

  /** A task whose only run is working on its execute stage. */
  record RunningTask(UUID taskId, UUID runId) {}

  /**
   * The plan of the fixtures: s1, then s2 and s3 after it, then s4 after both, so that the graph
   * has four dependency edges.
   */
  static ObjectNode plan() {
    ObjectNode plan = Json.object().put("planner", "deterministic");
    ArrayNode steps = plan.putArray("steps");
    steps.add(step("s1", "extract_entities"));
    steps.add(step("s2", "extract_deadlines", "s1"));
    steps.add(step("s3", "extract_risks", "s1"));
    steps.add(step("s4", "summarize", "s2", "s3"));
    plan.putArray("notes").add("fixture: a diamond of four steps");
    return plan;
  }

  static int edges(ObjectNode plan) {
    int edges = 0;
    for (var step : plan.get("steps")) {
      edges += step.get("depends_on").size();
    }
    return edges;
  }

  private static ObjectNode step(String id, String tool, String... dependsOn) {
    ObjectNode step = Json.object().put("id", id).put("tool", tool);
    step.putObject("args").put("text", "fixture text");
    ArrayNode deps = step.putArray("depends_on");
    for (String dep : dependsOn) {
      deps.add(dep);
    }
    return step;
  }

  private static ObjectNode results(boolean s2Failed) {
    ObjectNode result = Json.object();
    ArrayNode rows = result.putArray("tool_results");
    rows.add(row("s1", "extract_entities", "succeeded", 1, 12, null, hits()));
    rows.add(
        s2Failed
            ? row("s2", "extract_deadlines", "failed", 3, 930, "timed out after 0.3 s", null)
            : row("s2", "extract_deadlines", "succeeded", 1, 8, null, Json.object()));
    rows.add(row("s3", "extract_risks", "succeeded", 1, 5, null, Json.object()));
    rows.add(row("s4", "summarize", "succeeded", 1, 20, null, Json.object()));
    result
        .putObject("metadata")
        .put("tool_calls", s2Failed ? 6 : 4)
        .put("retries", s2Failed ? 2 : 0)
        .put("error_count", s2Failed ? 1 : 0)
        .put("duration_ms", 975)
        .put("stopped_early", false);
    return result;
  }

  /** An output in the shape retrieval tools will have: hits with citations. */
  private static ObjectNode hits() {
    ObjectNode output = Json.object();
    ArrayNode hits = output.putArray("hits");
    hits.addObject()
        .put("citation_id", "doc-7#2")
        .put("citation_source", "runbooks/checkout-rollback.md")
        .put("text", "Roll back the checkout service within 15 minutes of a failed canary.")
        .put("score", 3.2);
    return output;
  }

  private static ObjectNode row(
      String step,
      String tool,
      String status,
      int attempts,
      long ms,
      String error,
      ObjectNode output) {
    ObjectNode row =
        Json.object()
            .put("step_id", step)
            .put("tool", tool)
            .put("status", status)
            .put("attempts", attempts)
            .put("duration_ms", ms)
            .put("error", error)
            .put("args_repaired", false);
    row.set("output", output);
    return row;
  }

  private static ObjectNode verdict(List<String> reasons) {
    ObjectNode verdict = Json.object().put("passed", reasons.isEmpty());
    ArrayNode checks = verdict.putArray("checks");
    checks
        .addObject()
        .put("name", "plan_not_empty")
        .put("passed", true)
        .put("reason", "the plan has 4 steps");
    checks
        .addObject()
        .put("name", "all_steps_succeeded")
        .put("passed", reasons.isEmpty())
        .put("reason", reasons.isEmpty() ? "all 4 steps succeeded" : reasons.get(0));
    ArrayNode out = verdict.putArray("reasons");
    reasons.forEach(out::add);
    return verdict;
  }

  static FailedTask insertFailedTask(DataSource db, String text) throws SQLException {
    UUID task = UUID.randomUUID();
    UUID passed = UUID.randomUUID();
    UUID failed = UUID.randomUUID();
    List<String> reasons =
        List.of("s2 (extract_deadlines) failed after 3 attempts: timed out after 0.3 s");
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      insertTask(c, task, text, "failed", failed, 2, "20 seconds");
      insertRun(c, passed, task, 1, "succeeded", "done", results(false), verdict(List.of()), 18);
      insertRun(c, failed, task, 2, "failed", "done", results(true), verdict(reasons), 8);
      event(c, task, null, "created", null, null, null, 20);
      for (UUID run : List.of(passed, failed)) {
        double at = run.equals(passed) ? 18 : 8;
        event(c, task, run, "run_requested", null, null, null, at);
        for (String stage : List.of("plan", "execute", "verify")) {
          at -= 0.2;
          event(c, task, run, "stage_claimed", stage, 1, null, at);
          at -= 0.6;
          event(c, task, run, "stage_written", stage, 1, null, at);
        }
        event(
            c,
            task,
            run,
            "run_finished",
            null,
            null,
            Json.object().put("status", run.equals(passed) ? "succeeded" : "failed"),
            at);
      }
      c.commit();
    }
    return new FailedTask(task, passed, failed, reasons);
  }

  static RunningTask insertRunningTask(DataSource db, String text) throws SQLException {
    UUID task = UUID.randomUUID();
    UUID run = UUID.randomUUID();
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      insertTask(c, task, text, "running", run, 1, "5 seconds");
      try (PreparedStatement insert =
          c.prepareStatement(
              """
              INSERT INTO runs (run_id, task_id, run_number, status, stage, plan_json, created_at,
                                updated_at, stage_entered_at, lease_owner, lease_until)
              VALUES (?, ?, 1, 'running', 'execute', ?::jsonb, now() - interval '4 seconds', now(),
                      now() - interval '2 seconds', 'fixture', now() + interval '1 hour')
              """)) {
        insert.setObject(1, run);
        insert.setObject(2, task);
        insert.setString(3, Json.write(plan()));
        insert.executeUpdate();
      }
      event(c, task, null, "created", null, null, null, 5);
      event(c, task, run, "run_requested", null, null, null, 4);
      event(c, task, run, "stage_claimed", "plan", 1, null, 3.8);
      event(c, task, run, "stage_written", "plan", 1, null, 3.2);
      event(c, task, run, "stage_claimed", "execute", 1, null, 3.1);
      c.commit();
    }
    return new RunningTask(task, run);
  }

  /** Finishes the held run as the execute and verify stages would, with a passing verdict. */
  static void finish(DataSource db, RunningTask running) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement update =
          c.prepareStatement(
              """
              UPDATE runs SET status = 'succeeded', stage = 'done', result_json = ?::jsonb,
                              verification_json = ?::jsonb, finished_at = now(), updated_at = now(),
                              lease_owner = NULL, lease_until = NULL
              WHERE run_id = ?
              """)) {
        update.setString(1, Json.write(results(false)));
        update.setString(2, Json.write(verdict(List.of())));
        update.setObject(3, running.runId());
        update.executeUpdate();
      }
      try (PreparedStatement update =
          c.prepareStatement(
              "UPDATE tasks SET status = 'succeeded', updated_at = now() WHERE task_id = ?")) {
        update.setObject(1, running.taskId());
        update.executeUpdate();
      }
      event(c, running.taskId(), running.runId(), "stage_written", "execute", 1, null, 0.3);
      event(c, running.taskId(), running.runId(), "stage_claimed", "verify", 1, null, 0.2);
      event(c, running.taskId(), running.runId(), "stage_written", "verify", 1, null, 0.1);
      event(
          c,
          running.taskId(),
          running.runId(),
          "run_finished",
          null,
          null,
          Json.object().put("status", "succeeded"),
          0);
      c.commit();
    }
  }

  private static void insertTask(
      Connection c, UUID task, String text, String status, UUID run, int runs, String age)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            """
            INSERT INTO tasks (task_id, input_task, context, status, current_run_id, run_count,
                               created_at, updated_at)
            VALUES (?, ?, '{"fixture": true}'::jsonb, ?, ?, ?, now() - ?::interval, now())
            """)) {
      insert.setObject(1, task);
      insert.setString(2, text);
      insert.setString(3, status);
      insert.setObject(4, run);
      insert.setInt(5, runs);
      insert.setString(6, age);
      insert.executeUpdate();
    }
  }

  private static void insertRun(
      Connection c,
      UUID run,
      UUID task,
      int number,
      String status,
      String stage,
      ObjectNode result,
      ObjectNode verdict,
      int secondsAgo)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            """
            INSERT INTO runs (run_id, task_id, run_number, status, stage, plan_json, result_json,
                              verification_json, created_at, updated_at, finished_at)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb,
                    now() - make_interval(secs => ?), now() - make_interval(secs => ? - 4),
                    now() - make_interval(secs => ? - 4))
            """)) {
      insert.setObject(1, run);
      insert.setObject(2, task);
      insert.setInt(3, number);
      insert.setString(4, status);
      insert.setString(5, stage);
      insert.setString(6, Json.write(plan()));
      insert.setString(7, Json.write(result));
      insert.setString(8, Json.write(verdict));
      insert.setInt(9, secondsAgo);
      insert.setInt(10, secondsAgo);
      insert.setInt(11, secondsAgo);
      insert.executeUpdate();
    }
  }

  private static void event(
      Connection c,
      UUID task,
      UUID run,
      String kind,
      String stage,
      Integer attempt,
      ObjectNode detail,
      double secondsAgo)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            """
            INSERT INTO task_events (task_id, run_id, kind, stage, attempt, detail, created_at)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, clock_timestamp() - make_interval(secs => ?))
            """)) {
      insert.setObject(1, task);
      insert.setObject(2, run);
      insert.setString(3, kind);
      insert.setString(4, stage);
      insert.setObject(5, attempt);
      insert.setString(6, detail == null ? null : Json.write(detail));
      insert.setDouble(7, secondsAgo);
      insert.executeUpdate();
    }
  }
}
