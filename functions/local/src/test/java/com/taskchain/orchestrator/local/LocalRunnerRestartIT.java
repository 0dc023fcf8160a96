package com.taskchain.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The local runner on its default database, embedded PostgreSQL with a data directory: a task
 * survives a stop and start, and can be run again with its first run kept in the history.
 */
class LocalRunnerRestartIT {

  @Test
  void taskSurvivesRestart_andRerunKeepsTheFirstRun() throws Exception {
    Path root = RepoRoot.find();
    Path data = Files.createDirectories(root.resolve("functions/local/target/restart-it"));
    Path dir = Files.createTempDirectory(data, "pg");
    Map<String, String> env =
        Map.of(
            "PORT", "0",
            "ORCHESTRATOR_LOCAL_DATA_DIR", dir.toString(),
            "ORCHESTRATOR_LOCAL_SWEEP_S", "3600");

    String id;
    String firstRun;
    try (LocalRunner runner = LocalRunner.start(env, root)) {
      Api api = new Api(runner.baseUrl());
      id = api.createSeedTask();
      JsonNode done = api.postJson("/tasks/" + id + "/run?wait=30", "{}").json();
      assertThat(done.get("status").asText()).isEqualTo("succeeded");
      firstRun = done.get("current_run_id").asText();
    }

    try (LocalRunner runner = LocalRunner.start(env, root)) {
      Api api = new Api(runner.baseUrl());
      JsonNode after = api.get("/tasks/" + id).json();
      assertThat(after.get("status").asText()).isEqualTo("succeeded");
      assertThat(after.get("current_run_id").asText()).isEqualTo(firstRun);

      JsonNode rerun = api.postJson("/tasks/" + id + "/run?wait=30", "{}").json();
      assertThat(rerun.get("status").asText()).isEqualTo("succeeded");
      assertThat(rerun.get("runs").size()).isEqualTo(2);
      assertThat(rerun.get("runs").get(1).get("run_id").asText()).isEqualTo(firstRun);
      JsonNode first = api.get("/tasks/" + id + "/runs/" + firstRun).json();
      assertThat(first.get("result_json").isObject()).isTrue();
    }
  }
}
