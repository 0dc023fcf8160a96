package com.taskchain.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.local.Api.Reply;
import com.taskchain.orchestrator.testing.PgExtension;
import com.taskchain.orchestrator.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed's API end to end through the local runner: real HTTP on loopback, every function through
 * the Functions Framework, the real Cloud Tasks client against the emulator, real PostgreSQL.
 */
@ExtendWith(PgExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalRunnerIT {
  private static final Duration FINISH = Duration.ofSeconds(60);

  private final TestDatabase database;
  private LocalRunner runner;
  private Api api;

  LocalRunnerIT(TestDatabase database) {
    this.database = database;
  }

  @BeforeAll
  void start() throws Exception {
    runner = TestRunners.start(database);
    api = new Api(runner.baseUrl());
  }

  @AfterAll
  void stop() {
    if (runner != null) {
      runner.close();
    }
  }

  private long taskRows() throws Exception {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM tasks")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void seedFlow_createRunGet_reachesSucceededWithAllArtifacts_andEachStageOnceInTheTimeline()
      throws Exception {
    String id = api.createSeedTask();
    JsonNode queued = api.get("/tasks/" + id).json();
    assertThat(queued.get("status").asText()).isEqualTo("queued");
    assertThat(queued.get("input_task").asText()).startsWith("Prepare an executive update");
    assertThat(queued.get("context").get("project").asText()).isEqualTo("Atlas Checkout");

    Reply run = api.postJson("/tasks/" + id + "/run", "{}");
    assertThat(run.status()).isEqualTo(202);
    assertThat(run.json().get("status").asText()).isEqualTo("running");
    String runId = run.json().get("run_id").asText();

    JsonNode done = api.awaitFinished(id, FINISH);
    assertThat(done.get("status").asText()).isEqualTo("succeeded");
    assertThat(done.get("stage").asText()).isEqualTo("done");
    assertThat(done.get("current_run_id").asText()).isEqualTo(runId);
    assertThat(done.get("plan_json").get("steps").size()).isGreaterThan(0);
    assertThat(done.get("result_json").get("tool_results").size())
        .isEqualTo(done.get("plan_json").get("steps").size());
    assertThat(done.get("verification_json").get("passed").asBoolean()).isTrue();
    for (String field : List.of("task_id", "created_at", "updated_at", "runs", "events")) {
      assertThat(done.has(field)).as(field).isTrue();
    }
    List<String> kinds = new ArrayList<>();
    done.get("events")
        .forEach(e -> kinds.add(e.get("kind").asText() + ":" + e.path("stage").asText("")));
    assertThat(kinds)
        .containsExactly(
            "created:",
            "run_requested:",
            "stage_claimed:plan",
            "stage_written:plan",
            "stage_claimed:execute",
            "stage_written:execute",
            "stage_claimed:verify",
            "stage_written:verify",
            "run_finished:");
  }

  @Test
  void rerun_keepsTheFirstRunInTheHistory() throws Exception {
    String id = api.createSeedTask();
    assertThat(api.postJson("/tasks/" + id + "/run?wait=30", "{}").status()).isEqualTo(200);
    Reply second = api.postJson("/tasks/" + id + "/run?wait=30", "{}");

    assertThat(second.status()).isEqualTo(200);
    JsonNode runs = second.json().get("runs");
    assertThat(runs.size()).isEqualTo(2);
    assertThat(runs.get(0).get("run_number").asInt()).isEqualTo(2);
    assertThat(runs.get(1).get("run_number").asInt()).isEqualTo(1);
    for (JsonNode summary : runs) {
      assertThat(summary.get("status").asText()).isEqualTo("succeeded");
      assertThat(summary.has("plan_json")).as("a summary carries no artifacts").isFalse();
      Reply run = api.get("/tasks/" + id + "/runs/" + summary.get("run_id").asText());
      assertThat(run.status()).isEqualTo(200);
      assertThat(run.json().get("run_number")).isEqualTo(summary.get("run_number"));
      assertThat(run.json().get("plan_json").isObject()).isTrue();
      assertThat(run.json().get("verification_json").isObject()).isTrue();
      assertThat(run.json().get("events").size()).isGreaterThanOrEqualTo(7);
      run.json()
          .get("events")
          .forEach(e -> assertThat(e.get("run_id")).isEqualTo(summary.get("run_id")));
    }
  }

  @Test
  void taskDocument_staysBounded_asRunsAccumulate() throws Exception {
    StringBuilder notes = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      notes.append("Risk ").append(i).append(": the vendor may slip the cut-over date. ");
    }
    String body =
        Json.write(
            Json.object()
                .put("task", "Prepare an executive update for Atlas Checkout and include risks.")
                .set("context", Json.object().put("notes", notes.toString())));
    String id = api.postJson("/tasks", body).json().get("task_id").asText();
    assertThat(api.postJson("/tasks/" + id + "/run?wait=30", "{}").status()).isEqualTo(200);
    JsonNode one = api.get("/tasks/" + id).json();
    int afterOne = Json.write(one).length();
    int summary = Json.write(one.get("runs").get(0)).length() + 1;

    for (int run = 2; run <= 5; run++) {
      assertThat(api.postJson("/tasks/" + id + "/run?wait=30", "{}").status()).isEqualTo(200);
    }
    JsonNode five = api.get("/tasks/" + id).json();

    assertThat(five.get("runs").size()).isEqualTo(5);
    // Timings differ from run to run by a few characters; the artifacts and events of earlier runs
    // (tens of kilobytes each here) must not be there at all.
    assertThat(Json.write(five).length()).isLessThanOrEqualTo(afterOne + 4 * summary + 2_000);
    five.get("events")
        .forEach(
            e -> {
              if (e.hasNonNull("run_id")) {
                assertThat(e.get("run_id")).isEqualTo(five.get("current_run_id"));
              }
            });
  }

  @Test
  void runDocument_refusesUnknownAndMalformedIds() throws Exception {
    String id = api.createSeedTask();
    String other = api.createSeedTask();
    String runId =
        api.postJson("/tasks/" + id + "/run?wait=30", "{}").json().get("current_run_id").asText();

    assertThat(api.get("/tasks/" + id + "/runs/" + runId).status()).isEqualTo(200);
    Reply ofOtherTask = api.get("/tasks/" + other + "/runs/" + runId);
    assertThat(ofOtherTask.status()).isEqualTo(404);
    assertThat(ofOtherTask.json().get("field").asText()).isEqualTo("run_id");
    Reply malformed = api.get("/tasks/" + id + "/runs/nope");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("field").asText()).isEqualTo("run_id");
    assertThat(api.get("/tasks/" + id + "/runs/" + UUID.randomUUID()).status()).isEqualTo(404);
    assertThat(
            api.send("POST", "/tasks/" + id + "/runs/" + runId, "application/json", "{}", Map.of())
                .status())
        .isEqualTo(405);
  }

  @Test
  void runWithWait_answers200WithTheFinishedTask() throws Exception {
    String id = api.createSeedTask();
    Reply run = api.postJson("/tasks/" + id + "/run?wait=30", "{}");
    assertThat(run.status()).isEqualTo(200);
    assertThat(run.json().get("status").asText()).isEqualTo("succeeded");
    assertThat(run.json().get("verification_json").get("passed").asBoolean()).isTrue();
  }

  @Test
  void runWhileRunning_is409NamingTheCurrentRun() throws Exception {
    String id = api.createSeedTask();
    Reply first = api.postJson("/tasks/" + id + "/run", "{}");
    Reply second = api.postJson("/tasks/" + id + "/run", "{}");
    api.awaitFinished(id, FINISH);

    assertThat(first.status()).isEqualTo(202);
    if (second.status() == 202) {
      // The first run may already have finished on a fast machine; then a second run is legitimate.
      return;
    }
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.json().get("message").asText()).contains(first.json().get("run_id").asText());
  }

  @Test
  void idempotencyKey_returnsTheSameTask_andRefusesADifferentBody() throws Exception {
    String body = "{\"task\": \"Summarise the incident\", \"context\": {\"a\": 1, \"b\": 2}}";
    String reordered = "{\"context\": {\"b\": 2, \"a\": 1}, \"task\": \"Summarise the incident\"}";
    Map<String, String> key = Map.of("Idempotency-Key", "key-" + System.nanoTime());
    Reply first = api.send("POST", "/tasks", "application/json", body, key);
    Reply again = api.send("POST", "/tasks", "application/json", reordered, key);
    Reply other =
        api.send("POST", "/tasks", "application/json", "{\"task\": \"something else\"}", key);

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().get("task_id")).isEqualTo(first.json().get("task_id"));
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.json().get("field").asText()).isEqualTo("Idempotency-Key");
  }

  @Test
  void tools_listsEveryToolWithItsSchemas() throws Exception {
    Reply tools = api.get("/tools");
    assertThat(tools.status()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    tools.json().get("tools").forEach(t -> names.add(t.get("name").asText()));
    assertThat(names)
        .contains(
            "extract_entities",
            "extract_deadlines",
            "extract_action_items",
            "extract_risks",
            "classify_priority",
            "summarize");
    tools
        .json()
        .get("tools")
        .forEach(
            t -> {
              assertThat(t.get("description").asText()).isNotBlank();
              assertThat(t.get("input_schema").get("type").asText()).isEqualTo("object");
            });
  }

  @Test
  void openApiDocument_isServed_withItsBackendsPointingHere() throws Exception {
    Reply doc = api.get("/openapi.yaml");
    assertThat(doc.status()).isEqualTo(200);
    String text = doc.raw().body();
    assertThat(text).contains("/tasks/{task_id}/run:").doesNotContain("${");
    assertThat(text).contains("address: " + runner.baseUrl());
  }

  @Test
  void health_answersOkOnEveryAlias() throws Exception {
    for (String path : List.of("/health", "/healthz", "/live")) {
      Reply health = api.get(path);
      assertThat(health.status()).as(path).isEqualTo(200);
      assertThat(health.json().get("status").asText()).isEqualTo("ok");
    }
    assertThat(api.get("/").status()).isEqualTo(200);
  }

  @Test
  void badRequests_getA4xxNamingTheProblem_andWriteNothing() throws Exception {
    long before = taskRows();
    record Case(String method, String path, String type, String body, int status, String field) {}
    List<Case> cases =
        List.of(
            new Case("POST", "/tasks", "application/json", "{\"task\": ", 400, null),
            new Case("POST", "/tasks", "application/json", "{}", 400, "task"),
            new Case("POST", "/tasks", "application/json", "{\"task\": \"  \"}", 400, "task"),
            new Case("POST", "/tasks", "application/json", "{\"task\": 7}", 400, "task"),
            new Case(
                "POST",
                "/tasks",
                "application/json",
                "{\"task\": \"x\", \"context\": [1]}",
                400,
                "context"),
            new Case(
                "POST",
                "/tasks",
                "application/json",
                "{\"task\": \"x\", \"contxt\": {}}",
                400,
                "contxt"),
            new Case("POST", "/tasks", "application/json", "[1, 2]", 400, null),
            new Case("POST", "/tasks", "text/plain", "{\"task\": \"x\"}", 415, null),
            new Case("POST", "/tasks", null, "{\"task\": \"x\"}", 415, null),
            new Case(
                "POST",
                "/tasks",
                "application/json",
                "{\"task\": \"" + "x".repeat(300_000) + "\"}",
                413,
                null),
            new Case("PUT", "/tasks", "application/json", "{\"task\": \"x\"}", 405, null),
            new Case("DELETE", "/tools", null, null, 405, null),
            new Case("POST", "/health", "application/json", "{}", 405, null),
            new Case("GET", "/tasks/not-a-uuid", null, null, 400, "task_id"),
            new Case(
                "GET", "/tasks/7f1c4f9e-1111-4b7e-9a63-1f0de1c2f001", null, null, 404, "task_id"),
            new Case(
                "POST",
                "/tasks/7f1c4f9e-1111-4b7e-9a63-1f0de1c2f001/run",
                "application/json",
                "{}",
                404,
                "task_id"),
            new Case("POST", "/tasks/zzz/run", "application/json", "{}", 400, "task_id"),
            new Case("GET", "/nowhere", null, null, 404, null));
    for (Case c : cases) {
      Reply reply = api.send(c.method(), c.path(), c.type(), c.body(), Map.of());
      String what = c.method() + " " + c.path() + " " + abbreviate(c.body());
      assertThat(reply.status()).as(what).isEqualTo(c.status());
      assertThat(reply.json().get("error")).as(what).isNotNull();
      assertThat(reply.json().get("message").asText()).as(what).isNotBlank();
      if (c.field() != null) {
        assertThat(reply.json().get("field").asText()).as(what).isEqualTo(c.field());
      }
    }
    String id = api.createSeedTask();
    Reply badWait = api.postJson("/tasks/" + id + "/run?wait=999", "{}");
    assertThat(badWait.status()).isEqualTo(400);
    assertThat(badWait.json().get("field").asText()).isEqualTo("wait");
    Reply badBody = api.postJson("/tasks/" + id + "/run", "{\"force\": true}");
    assertThat(badBody.status()).isEqualTo(400);
    assertThat(api.get("/tasks/" + id).json().get("status").asText()).isEqualTo("queued");
    assertThat(taskRows()).isEqualTo(before + 1);
  }

  @Test
  void stageEndpoint_refusesMalformedMessages_butAcknowledgesThemFromTheQueue() throws Exception {
    Reply direct = api.postJson("/internal/stages/plan", "{\"task_id\": \"nope\"}");
    assertThat(direct.status()).isEqualTo(400);

    Reply fromQueue =
        api.send(
            "POST",
            "/internal/stages/plan",
            "application/json",
            "{\"task_id\": \"nope\"}",
            Map.of("X-CloudTasks-TaskName", "t1", "X-CloudTasks-TaskRetryCount", "0"));
    assertThat(fromQueue.status()).isEqualTo(200);
    assertThat(fromQueue.json().get("outcome").asText()).isEqualTo("rejected");
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() > 60 ? body.substring(0, 60) + "…" : body;
  }
}
