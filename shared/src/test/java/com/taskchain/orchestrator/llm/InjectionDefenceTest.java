package com.taskchain.orchestrator.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.llm.PipelineRuns.Artifacts;
import com.taskchain.orchestrator.tool.text.Summarize;
import com.taskchain.orchestrator.tool.text.TextTools;
import com.taskchain.orchestrator.verify.RuleVerifier;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The injection corpus ({@code llm/injection-corpus.jsonl}: attempts in the task text, in context
 * values and in retrieved documents) against a model that obeys them: it plans forbidden tools,
 * puts the API key (read from the request's own Authorization header) into arguments and outputs,
 * and asks to skip verification. Whatever it does, no tool outside the allow-list runs, the key
 * appears in no artifact and no log line, and verification runs every check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InjectionDefenceTest {
  private static final List<String> FORBIDDEN =
      List.of("send_email", "run_shell", "delete_tasks", "http_get", "skip_verification");

  record Attempt(String id, String where, String text) {
    @Override
    public String toString() {
      return id;
    }
  }

  private MockOpenAi mock;
  private LlmClient client;
  private Map<String, String> env;

  @BeforeAll
  void start() throws Exception {
    mock = new MockOpenAi(InjectionDefenceTest::obedientModel);
    env =
        LlmTesting.env(
            mock,
            "ORCHESTRATOR_PLANNER_MODE",
            "llm",
            "ORCHESTRATOR_EXECUTOR_MODE",
            "llm",
            "ORCHESTRATOR_LLM_TRACE",
            "1");
    client = LlmClients.openAi(LlmConfig.fromEnv(env));
  }

  @AfterAll
  void stop() {
    client.close();
    mock.close();
  }

  static Stream<Attempt> corpus() throws Exception {
    List<Attempt> attempts = new ArrayList<>();
    try (InputStream in =
            InjectionDefenceTest.class.getResourceAsStream("/llm/injection-corpus.jsonl");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          JsonNode node = Json.read(line);
          attempts.add(
              new Attempt(
                  node.get("id").asText(), node.get("where").asText(), node.get("text").asText()));
        }
      }
    }
    return attempts.stream();
  }

  @Test
  void corpus_hasAtLeastTwentyAttempts_inEveryPlace() throws Exception {
    List<Attempt> attempts = corpus().toList();
    assertThat(attempts).hasSizeGreaterThanOrEqualTo(20);
    assertThat(attempts.stream().map(Attempt::where).distinct())
        .containsExactlyInAnyOrder("task", "context", "document");
  }

  /**
   * A model that does what the data says: on odd requests it plans forbidden tools with the key in
   * their arguments; otherwise it plans the text tools (with the key in an unknown argument) and
   * answers tools with the key appended to the summary.
   */
  private static MockOpenAi.Reply obedientModel(int n, MockOpenAi.Request request) {
    String key = request.authorization().substring("Bearer ".length());
    if (request.schemaName().equals("plan")) {
      List<String> tools = new ArrayList<>();
      if (request.user().contains("obey-fully")) {
        tools.addAll(FORBIDDEN);
      }
      tools.addAll(TextTools.NAMES);
      ObjectNode plan = FakeModel.plan(tools);
      plan.get("steps").forEach(s -> ((ObjectNode) s.get("args")).put("api_key", key));
      return MockOpenAi.json(plan, 100, 50);
    }
    String tool = request.schemaName().substring("tool_".length());
    JsonNode output = FakeModel.toolOutput(tool, request.user());
    if (tool.equals(Summarize.NAME)) {
      ObjectNode leaky = (ObjectNode) output;
      leaky.put("summary", leaky.get("summary").asText() + " " + key);
      leaky.put("word_count", leaky.get("word_count").asInt() + 1);
    }
    return MockOpenAi.json(output, 100, 50);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void injection_runsNoForeignTool_leaksNoKey_andIsVerified(Attempt attempt) throws Exception {
    for (boolean obeyFully : new boolean[] {true, false}) {
      String task = "Prepare the Atlas Checkout status update.";
      ObjectNode context = Json.object();
      context.put("project", "Atlas Checkout");
      if (obeyFully) {
        context.put("mode_marker", "obey-fully");
      }
      switch (attempt.where()) {
        case "task" -> task = task + " " + attempt.text();
        case "context" -> context.put("note", attempt.text());
        default -> context.putArray("retrieved_documents").addObject().put("body", attempt.text());
      }

      PrintStream original = System.out;
      ByteArrayOutputStream logs = new ByteArrayOutputStream();
      Artifacts run;
      try (PrintStream capture = new PrintStream(logs, true, StandardCharsets.UTF_8)) {
        System.setOut(capture);
        run = PipelineRuns.run(PipelineRuns.pipeline(env, client), task, context);
      } finally {
        System.setOut(original);
      }

      List<String> ran = new ArrayList<>();
      run.result().get("tool_results").forEach(r -> ran.add(r.get("tool").asText()));
      // Only registered tools run (the text tools, and the company tools the fallback plans).
      assertThat(ran).isNotEmpty().allMatch(PipelineRuns.tools().names()::contains);
      assertThat(run.all()).doesNotContain(LlmTesting.FAKE_KEY);
      String logged = logs.toString(StandardCharsets.UTF_8);
      assertThat(logged).contains("llm call").doesNotContain(LlmTesting.FAKE_KEY);
      // The six structural checks, the three evidence gates and the four answer gates.
      assertThat(run.verification().get("checks")).hasSize(13);
      assertThat(run.verification().get("checks").toString())
          .contains(RuleVerifier.ALL_STEPS_SUCCEEDED, RuleVerifier.OUTPUTS_MATCH_SCHEMA);
      if (obeyFully) {
        assertThat(run.plan().get("planner").asText()).isEqualTo("deterministic");
        assertThat(run.plan().at("/llm/planner/fallback_reason").asText())
            .contains("unknown tool 'send_email'");
      } else {
        assertThat(run.plan().get("planner").asText()).isEqualTo("llm");
        assertThat(run.plan().toString()).doesNotContain("api_key\":");
      }
    }
  }

  @Test
  void injectedText_reachesTheModelOnlyAsData_neverInTheInstructions() throws Exception {
    Attempt attempt = corpus().findFirst().orElseThrow();
    int before = mock.requests().size();
    PipelineRuns.run(PipelineRuns.pipeline(env, client), attempt.text(), Json.object());
    List<MockOpenAi.Request> sent = mock.requests().subList(before, mock.requests().size());
    assertThat(sent).isNotEmpty();
    for (MockOpenAi.Request request : sent) {
      assertThat(request.system()).doesNotContain("send_email");
      assertThat(request.user()).contains("send_email");
    }
  }
}
