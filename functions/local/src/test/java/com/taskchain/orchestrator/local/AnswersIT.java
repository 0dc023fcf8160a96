package com.taskchain.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.answer.AnswerType;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.local.Api.Reply;
import com.taskchain.orchestrator.testing.PgExtension;
import com.taskchain.orchestrator.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One run per answer type end to end through the local runner on real PostgreSQL: the first
 * scenario of each type ends succeeded with an answer of its type that has every field the type
 * needs, claims that cite evidence of the run, and all four answer gates passed; the seed's task
 * answers first in its result.
 */
@ExtendWith(PgExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswersIT {
  private static final Duration FINISH = Duration.ofSeconds(120);
  private static final List<String> ANSWER_CHECKS =
      List.of("answer_complete", "claims_cited", "claims_grounded", "policy_in_force");

  private final TestDatabase database;
  private LocalRunner runner;
  private Api api;

  AnswersIT(TestDatabase database) {
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

  /** The first scenario of each type in the repo. */
  static Stream<String> firstScenarioOfEachType() throws Exception {
    Map<String, String> first = new LinkedHashMap<>();
    for (String line :
        Files.readAllLines(
            RepoRoot.find().resolve("company_details/company_sim/scenarios/scenarios.jsonl"),
            StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        JsonNode scenario = Json.read(line);
        first.putIfAbsent(scenario.path("type").asText(), scenario.path("id").asText());
      }
    }
    return first.values().stream();
  }

  private JsonNode run(String body) throws Exception {
    Reply created = api.postJson("/tasks", body);
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    String id = created.json().get("task_id").asText();
    assertThat(api.postJson("/tasks/" + id + "/run", "{}").status()).isEqualTo(202);
    return api.awaitFinished(id, FINISH);
  }

  @ParameterizedTest
  @MethodSource("firstScenarioOfEachType")
  void eachType_endsSucceeded_withACompleteCitedCheckedAnswer(String scenarioId) throws Exception {
    String body = Scenarios.createBody(scenarioId);
    JsonNode task = run(body);

    assertThat(task.path("status").asText())
        .as(scenarioId + " " + task.path("verification_json"))
        .isEqualTo("succeeded");
    JsonNode answer = task.path("result_json").path("answer");
    AnswerType type = AnswerType.of(answer.path("type").asText());
    for (String field : type.requiredFields()) {
      assertThat(answer.has(field) && !answer.get(field).isNull())
          .as(scenarioId + " " + field)
          .isTrue();
    }
    assertThat(answer.path("claims").size()).as(scenarioId).isPositive();
    answer.path("claims").forEach(c -> assertThat(c.path("citations").size()).isPositive());
    List<String> passed = new ArrayList<>();
    task.path("verification_json")
        .path("checks")
        .forEach(c -> passed.add(c.path("name").asText() + "=" + c.path("passed").asBoolean()));
    assertThat(passed)
        .as(scenarioId)
        .contains(ANSWER_CHECKS.stream().map(c -> c + "=true").toArray(String[]::new));
  }

  @Test
  void seedTask_answersWithAStatusAndRisks_citingTheProgramme() throws Exception {
    JsonNode task =
        run(
            """
            {"task": "Prepare an executive update for Atlas Checkout migration and include risks.",
             "context": {"project": "Atlas Checkout", "priority": "high"}}
            """);

    assertThat(task.path("status").asText())
        .as(task.path("verification_json").toString())
        .isEqualTo("succeeded");
    JsonNode answer = task.path("result_json").path("answer");
    assertThat(answer.path("type").asText()).isEqualTo("executive_update");
    assertThat(answer.path("status").asText()).isIn("Green", "Amber", "Red");
    assertThat(answer.path("claims").toString()).contains("programs/atlas_checkout_migration.md");
  }

  @Test
  void aTypedTaskItsEvidenceCannotAnswer_fails_namingWhatIsMissing() throws Exception {
    JsonNode task =
        run(
            """
            {"task": "Triage the zorblax quuxification of the frobnicator: how severe is it?",
             "context": {}}
            """);

    assertThat(task.path("status").asText()).isEqualTo("failed");
    JsonNode answer = task.path("result_json").path("answer");
    assertThat(answer.path("type").asText()).isEqualTo("incident_triage");
    assertThat(task.path("verification_json").path("reasons").toString())
        .contains("cannot answer the task", "severity");
  }
}
