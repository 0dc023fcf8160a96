package com.taskchain.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.llm.FakeModel;
import com.taskchain.orchestrator.llm.LlmTesting;
import com.taskchain.orchestrator.llm.MockOpenAi;
import com.taskchain.orchestrator.llm.TokenUsage;
import com.taskchain.orchestrator.testing.PgExtension;
import com.taskchain.orchestrator.testing.TestDatabase;
import com.taskchain.orchestrator.tool.company.SearchPreviousIssues;
import com.taskchain.orchestrator.tool.text.TextTools;
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
 * LLM mode end to end through the local runner, with {@code ORCHESTRATOR_LLM_BASE_URL} pointing at
 * {@link MockOpenAi}: the seed's task succeeds with the model's plan, the model's tool outputs and
 * token counts in its artifacts; with the mock failing in each way, every run still succeeds with a
 * verified deterministic result and the reason recorded.
 */
@ExtendWith(PgExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalRunnerLlmIT {
  private static final Duration FINISH = Duration.ofSeconds(60);

  private final TestDatabase database;
  private MockOpenAi mock;
  private LocalRunner runner;
  private Api api;

  LocalRunnerLlmIT(TestDatabase database) {
    this.database = database;
  }

  @BeforeAll
  void start() throws Exception {
    mock = new MockOpenAi(new FakeModel());
    Map<String, String> env =
        new HashMap<>(
            LlmTesting.env(
                mock,
                "ORCHESTRATOR_PLANNER_MODE",
                "llm",
                "ORCHESTRATOR_EXECUTOR_MODE",
                "llm",
                "ORCHESTRATOR_LLM_MAX_RETRIES",
                "1",
                "ORCHESTRATOR_PLANNER_TIMEOUT_S",
                "1",
                "ORCHESTRATOR_EXECUTOR_LLM_TIMEOUT_S",
                "0.5",
                "ORCHESTRATOR_RAG_RERANK_TIMEOUT_S",
                "0.5"));
    runner = TestRunners.start(database, env);
    api = new Api(runner.baseUrl());
  }

  @AfterAll
  void stop() {
    if (runner != null) {
      runner.close();
    }
    if (mock != null) {
      mock.close();
    }
  }

  private JsonNode runSeedTask() throws Exception {
    String id = api.createSeedTask();
    assertThat(api.postJson("/tasks/" + id + "/run", "{}").status()).isEqualTo(202);
    JsonNode done = api.awaitFinished(id, FINISH);
    assertThat(done.toString()).doesNotContain(LlmTesting.FAKE_KEY);
    return done;
  }

  @Test
  void seedTask_inLlmMode_succeedsWithTheModelsPlanToolOutputsAndTokenCounts() throws Exception {
    FakeModel model = new FakeModel();
    mock.script(model);

    JsonNode done = runSeedTask();

    assertThat(done.get("status").asText()).isEqualTo("succeeded");
    JsonNode plan = done.get("plan_json");
    assertThat(plan.get("planner").asText()).isEqualTo("llm");
    assertThat(plan.at("/llm/planner/produced_by").asText()).isEqualTo("llm");
    JsonNode llm = done.at("/result_json/metadata/llm");
    List<String> outcomes = new ArrayList<>();
    llm.get("calls").forEach(c -> outcomes.add(c.get("purpose") + "=" + c.get("outcome")));
    // The text tools, and the answer's text.
    assertThat(outcomes).hasSize(TextTools.NAMES.size() + 1).allMatch(o -> o.endsWith("=\"ok\""));
    assertThat(Json.convert(llm.get("run_tokens"), TokenUsage.class)).isEqualTo(model.reported());
    assertThat(llm.get("run_cost_usd").decimalValue()).isPositive();
    assertThat(done.at("/verification_json/passed").asBoolean()).isTrue();
  }

  @Test
  void mockFailingEveryWay_eachRunEndsVerifiedDeterministic_withTheReason() throws Exception {
    FakeModel model = new FakeModel();
    Map<String, MockOpenAi.Script> failures = new java.util.LinkedHashMap<>();
    failures.put("unavailable", (n, r) -> new MockOpenAi.Status(500));
    failures.put("timeout", (n, r) -> MockOpenAi.slow(Duration.ofSeconds(3)));
    failures.put("malformed", (n, r) -> MockOpenAi.json("not json at all", 3, 3));
    failures.put("schema", (n, r) -> MockOpenAi.json(Map.of("unexpected", true), 3, 3));
    failures.put(
        "unknown tool",
        (n, r) ->
            r.schemaName().equals("plan")
                ? model.counted(r, Json.write(FakeModel.plan(List.of("delete_database"))))
                : new MockOpenAi.Status(503));

    for (Map.Entry<String, MockOpenAi.Script> failure : failures.entrySet()) {
      mock.script(failure.getValue());
      JsonNode done = runSeedTask();

      assertThat(done.get("status").asText()).as(failure.getKey()).isEqualTo("succeeded");
      assertThat(done.at("/verification_json/passed").asBoolean()).isTrue();
      assertThat(done.at("/plan_json/planner").asText()).isEqualTo("deterministic");
      assertThat(done.at("/plan_json/llm/planner/fallback_reason").asText())
          .as(failure.getKey())
          .contains(failure.getKey());
      // One fallback per text-tool step and one per search_previous_issues step (its LLM
      // re-ranking, on by default with a key); the other company tools call no LLM.
      int llmSteps = 0;
      int rerankSteps = 0;
      for (JsonNode result : done.at("/result_json/tool_results")) {
        String tool = result.get("tool").asText();
        if (TextTools.NAMES.contains(tool) || tool.equals("compose_answer")) {
          llmSteps++;
        } else if (tool.equals(SearchPreviousIssues.NAME)) {
          llmSteps++;
          rerankSteps++;
          assertThat(result.at("/output/ranking_mode").asText()).isEqualTo("bm25");
          assertThat(result.at("/output/rerank_fallback_reason").asText()).isNotEmpty();
        }
      }
      assertThat(rerankSteps).as("the seed's plan searches previous issues").isPositive();
      assertThat(done.at("/result_json/metadata/llm/fallbacks")).hasSize(llmSteps);
    }
  }
}
