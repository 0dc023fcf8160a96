package com.taskchain.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskchain.orchestrator.local.Api.Reply;
import com.taskchain.orchestrator.local.emulator.OidcTokens;
import com.taskchain.orchestrator.testing.PgExtension;
import com.taskchain.orchestrator.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With an invoker service account configured, as in the cloud: the stages and the sweep accept only
 * the invoker's token for their own URL, whatever the case of the {@code Bearer} scheme.
 */
@ExtendWith(PgExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InternalCallersIT {
  private static final String INVOKER = "tasks-invoker@local-project.iam.gserviceaccount.com";

  private final TestDatabase database;
  private LocalRunner runner;
  private Api api;

  InternalCallersIT(TestDatabase database) {
    this.database = database;
  }

  @BeforeAll
  void start() throws Exception {
    runner = TestRunners.start(database, Map.of("ORCHESTRATOR_TASKS_INVOKER_SA", INVOKER));
    api = new Api(runner.baseUrl());
  }

  @AfterAll
  void stop() {
    if (runner != null) {
      runner.close();
    }
  }

  private Reply sweep(Map<String, String> headers) throws Exception {
    return api.send("POST", "/internal/sweep", "application/json", "{}", headers);
  }

  private String token(String account, String path) {
    return OidcTokens.mint(account, runner.baseUrl() + path, Instant.now());
  }

  @Test
  void sweep_refusesCallersWithoutTheInvokersToken() throws Exception {
    assertThat(sweep(Map.of()).status()).isEqualTo(401);
    assertThat(
            sweep(Map.of("Authorization", "Bearer " + token("someone@else.com", "/internal/sweep")))
                .status())
        .isEqualTo(403);
    assertThat(
            sweep(Map.of("Authorization", "Bearer " + token(INVOKER, "/internal/stages/plan")))
                .status())
        .isEqualTo(403);
  }

  @Test
  void sweep_andStages_acceptTheInvokersToken_withTheSchemeInAnyCase() throws Exception {
    assertThat(
            sweep(Map.of("Authorization", "Bearer " + token(INVOKER, "/internal/sweep"))).status())
        .isEqualTo(200);
    assertThat(
            sweep(Map.of("Authorization", "bearer " + token(INVOKER, "/internal/sweep"))).status())
        .isEqualTo(200);
    Reply stage =
        api.send(
            "POST",
            "/internal/stages/plan",
            "application/json",
            "{\"task_id\": \"7f1c4f9e-1111-4b7e-9a63-1f0de1c2f001\","
                + " \"run_id\": \"7f1c4f9e-1111-4b7e-9a63-1f0de1c2f002\"}",
            Map.of("Authorization", "BEARER " + token(INVOKER, "/internal/stages/plan")));
    assertThat(stage.status()).isEqualTo(200);
    assertThat(stage.json().get("outcome").asText()).isEqualTo("no_op");
  }

  @Test
  void aRun_completesWithTheEmulatorsTokens() throws Exception {
    String id = api.createSeedTask();
    assertThat(api.postJson("/tasks/" + id + "/run", "{}").status()).isEqualTo(202);
    assertThat(api.awaitFinished(id, Duration.ofSeconds(60)).get("status").asText())
        .isEqualTo("succeeded");
  }
}
