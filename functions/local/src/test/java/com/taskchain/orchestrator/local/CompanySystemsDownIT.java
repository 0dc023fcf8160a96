package com.taskchain.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.local.Api.Reply;
import com.taskchain.orchestrator.testing.PgExtension;
import com.taskchain.orchestrator.testing.TestDatabase;
import com.taskchain.orchestrator.tool.company.CompanySystemsConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With the company systems down (their URLs name a loopback port nothing listens on), the Jira,
 * metrics and logs steps fail with a tool error after their retries, and the run still finishes.
 */
@ExtendWith(PgExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompanySystemsDownIT {
  private static final Duration FINISH = Duration.ofSeconds(90);
  private static final List<String> SYSTEM_TOOLS =
      List.of("jira_search_tickets", "metrics_query", "logs_search");

  private final TestDatabase database;
  private LocalRunner runner;
  private Api api;

  CompanySystemsDownIT(TestDatabase database) {
    this.database = database;
  }

  @BeforeAll
  void start() throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort();
    }
    String dead = "http://127.0.0.1:" + deadPort;
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put(
        "ORCHESTRATOR_DATABASE_URL",
        database.jdbcUrl()
            + (database.jdbcUrl().contains("?") ? "&" : "?")
            + "user="
            + database.user()
            + "&password="
            + database.password());
    env.put("ORCHESTRATOR_LOCAL_SWEEP_S", "3600");
    env.put("ORCHESTRATOR_TOOL_MAX_RETRIES", "1");
    env.put("ORCHESTRATOR_TOOL_BACKOFF_S", "0.05");
    env.put(CompanySystemsConfig.JIRA_URL, dead + "/company/jira");
    env.put(CompanySystemsConfig.METRICS_URL, dead + "/company/metrics");
    env.put(CompanySystemsConfig.LOGS_URL, dead + "/company/logs");
    runner = LocalRunner.start(env, RepoRoot.find());
    api = new Api(runner.baseUrl());
  }

  @AfterAll
  void stop() {
    if (runner != null) {
      runner.close();
    }
  }

  @Test
  void systemsDown_theirToolsReportErrors_andTheRunStillFinishes() throws Exception {
    Reply created = api.postJson("/tasks", Scenarios.createBody("SCN-001"));
    String id = created.json().get("task_id").asText();
    assertThat(api.postJson("/tasks/" + id + "/run", "{}").status()).isEqualTo(202);

    JsonNode task = api.awaitFinished(id, FINISH);

    assertThat(task.path("status").asText()).isEqualTo("failed");
    List<String> failedTools = new ArrayList<>();
    for (JsonNode result : task.path("result_json").path("tool_results")) {
      String tool = result.path("tool").asText();
      if (SYSTEM_TOOLS.contains(tool)) {
        assertThat(result.path("status").asText()).as(tool).isEqualTo("failed");
        // Each step retries once; once the tool's breaker has opened, later steps are refused.
        assertThat(result.path("error").asText())
            .as(tool)
            .containsAnyOf("unreachable", "circuit breaker open");
        assertThat(result.path("attempts").asInt()).as(tool).isBetween(0, 2);
        failedTools.add(tool);
      } else if (result.path("status").asText().equals("skipped")) {
        // A skill that reads a system's output waits on it, and is skipped with the reason.
        assertThat(result.path("error").asText()).as(tool).contains("dependency");
      } else {
        assertThat(result.path("status").asText()).as(tool).isEqualTo("succeeded");
      }
    }
    assertThat(failedTools).containsAll(SYSTEM_TOOLS).allMatch(SYSTEM_TOOLS::contains);
    // The answer says what it could not establish instead of guessing.
    JsonNode answer = task.path("result_json").path("answer");
    assertThat(answer.path("type").asText()).isEqualTo("incident_triage");
    String unknowns = answer.path("unknowns").toString();
    for (String tool : SYSTEM_TOOLS) {
      assertThat(unknowns).as(tool).contains(tool, "unreachable");
    }
    JsonNode verification = task.path("verification_json");
    assertThat(verification.path("passed").asBoolean()).isFalse();
    assertThat(verification.path("reasons").toString()).contains("jira_search_tickets");
    // The retrieval evidence and the policy citation still stand.
    List<String> passed = new ArrayList<>();
    verification
        .path("checks")
        .forEach(
            c -> {
              if (c.path("passed").asBoolean()) {
                passed.add(c.path("name").asText());
              }
            });
    assertThat(passed).contains("incident_evidence", "evidence_cited", "policy_cited");
  }
}
