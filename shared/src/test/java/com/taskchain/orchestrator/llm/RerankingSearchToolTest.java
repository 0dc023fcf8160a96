package com.taskchain.orchestrator.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.llm.rerank.LlmReranker;
import com.taskchain.orchestrator.llm.rerank.RerankingSearchTool;
import com.taskchain.orchestrator.retrieval.RetrievalIndex;
import com.taskchain.orchestrator.tool.company.EvidenceHit;
import com.taskchain.orchestrator.tool.company.EvidenceResult;
import com.taskchain.orchestrator.tool.company.SearchPreviousIssues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code search_previous_issues} re-ranked by the model, with the real client against {@link
 * MockOpenAi} and the real search over the build-time index: the model's order when it answers, the
 * search's BM25 order with the reason on any failure, no request at all in deterministic mode, and
 * the rerank call's tokens in the ledger; through {@link
 * com.taskchain.orchestrator.pipeline.LlmPipeline}, the re-ranked hits in {@code result_json}.
 */
class RerankingSearchToolTest {
  private static final SearchPreviousIssues SEARCH =
      new SearchPreviousIssues(RetrievalIndex::shared);
  private static final SearchPreviousIssues.Input INPUT =
      SearchPreviousIssues.Input.of("settlement callbacks posted twice without an idempotency key");

  private static EvidenceResult bm25;

  private MockOpenAi mock;
  private LlmClient client;
  private TokenLedger ledger;

  @BeforeAll
  static void search() throws Exception {
    bm25 = SEARCH.call(INPUT);
    // Re-ranking is only observable with several hits.
    assertThat(bm25.hits()).hasSizeGreaterThanOrEqualTo(3);
  }

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
    if (mock != null) {
      mock.close();
    }
  }

  private EvidenceResult call(String mode, MockOpenAi.Script script, String... env)
      throws Exception {
    mock = new MockOpenAi(script);
    List<String> all = new ArrayList<>(List.of("ORCHESTRATOR_LLM_MAX_RETRIES", "0"));
    all.addAll(List.of(env));
    LlmConfig config = LlmTesting.config(mock, all.toArray(String[]::new));
    client = LlmClients.openAi(config);
    ledger = TokenLedger.first("execute", "llm", config);
    RerankingSearchTool tool =
        new RerankingSearchTool(
            SEARCH, new LlmReranker(mode, true, config.rerankTimeout()), () -> client, ledger);
    return tool.call(INPUT);
  }

  private static List<String> ids(List<EvidenceHit> hits) {
    return hits.stream().map(EvidenceHit::citationId).toList();
  }

  /**
   * A reply scoring the request's candidates in reverse of the order they were sent (BM25 order),
   * so that the model's order differs from the search's at every position.
   */
  private static MockOpenAi.Reply reversing(MockOpenAi.Request request, long prompt, long done) {
    JsonNode candidates = Json.read(request.user()).get("candidates");
    List<Map<String, Object>> scores = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      scores.add(
          Map.of(
              "citation_id",
              candidates.get(i).get("citation_id").asText(),
              "relevance",
              (i + 1.0) / (candidates.size() + 1.0)));
    }
    return MockOpenAi.json(Map.of("scores", scores), prompt, done);
  }

  @Test
  void modelScores_reorderTheHits_andRankingModeIsLlm() throws Exception {
    EvidenceResult result = call("llm", (n, request) -> reversing(request, 40, 10));

    List<String> expected = new ArrayList<>(ids(bm25.hits()));
    Collections.reverse(expected);
    assertThat(ids(result.hits())).containsExactlyElementsOf(expected);
    assertThat(result.hits()).containsExactlyInAnyOrderElementsOf(bm25.hits());
    assertThat(result.rankingMode()).isEqualTo(EvidenceResult.LLM);
    assertThat(result.rerankFallbackReason()).isNull();
    assertThat(result.confidence()).isEqualTo(bm25.confidence());
    assertThat(mock.requests())
        .singleElement()
        .extracting(MockOpenAi.Request::schemaName)
        .isEqualTo("rerank");
    assertThat(mock.requests().get(0).user()).contains(ids(bm25.hits()));
  }

  @Test
  void modelFailure_keepsTheBm25Order_withRankingModeBm25AndTheReason() throws Exception {
    EvidenceResult result = call("llm", (n, request) -> new MockOpenAi.Status(500));

    assertThat(ids(result.hits())).containsExactlyElementsOf(ids(bm25.hits()));
    assertThat(result.rankingMode()).isEqualTo(EvidenceResult.BM25);
    assertThat(result.rerankFallbackReason()).startsWith("unavailable");
    assertThat(ledger.fallbacks())
        .containsExactly(new Fallback("rerank", result.rerankFallbackReason()));
  }

  @Test
  void modelTimeout_keepsTheBm25Order_withTheReason() throws Exception {
    EvidenceResult result =
        call(
            "auto",
            (n, request) -> MockOpenAi.slow(Duration.ofSeconds(3)),
            "ORCHESTRATOR_RAG_RERANK_TIMEOUT_S",
            "0.3");

    assertThat(ids(result.hits())).containsExactlyElementsOf(ids(bm25.hits()));
    assertThat(result.rankingMode()).isEqualTo(EvidenceResult.BM25);
    assertThat(result.rerankFallbackReason()).startsWith("timeout");
  }

  @Test
  void deterministicMode_sendsNoRequest_andReportsBm25WithoutAReason() throws Exception {
    EvidenceResult result = call("deterministic", (n, request) -> reversing(request, 40, 10));

    assertThat(mock.count()).isZero();
    assertThat(result).isEqualTo(bm25);
    assertThat(result.rankingMode()).isEqualTo(EvidenceResult.BM25);
    assertThat(result.rerankFallbackReason()).isNull();
    assertThat(ledger.calls()).isEmpty();
  }

  @Test
  void theRerankCallsTokens_areCountedInTheLedger() throws Exception {
    long prompt = 123;
    long completion = 45;
    call("llm", (n, request) -> reversing(request, prompt, completion));

    assertThat(ledger.calls())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.purpose()).isEqualTo("rerank");
              assertThat(c.tokens().promptTokens()).isEqualTo(prompt);
              assertThat(c.tokens().completionTokens()).isEqualTo(completion);
            });
    assertThat(ledger.stageTokens().totalTokens()).isEqualTo(prompt + completion);
  }

  // Through the pipeline: the tool is registered in place of the plain search when the mode says.

  private PipelineRuns.Artifacts runPipeline(String... env) throws Exception {
    mock =
        new MockOpenAi(
            (n, request) ->
                request.schemaName().equals("rerank")
                    ? reversing(request, 40, 10)
                    // Every other call fails: the deterministic planner and text tools run.
                    : new MockOpenAi.Status(500));
    List<String> all = new ArrayList<>(List.of("ORCHESTRATOR_LLM_MAX_RETRIES", "0"));
    all.addAll(List.of(env));
    Map<String, String> vars = LlmTesting.env(mock, all.toArray(String[]::new));
    client = LlmClients.openAi(LlmConfig.fromEnv(vars));
    return PipelineRuns.run(
        PipelineRuns.pipeline(vars, client), LlmPipelineTest.TASK, LlmPipelineTest.seedContext());
  }

  private static JsonNode searchOutput(PipelineRuns.Artifacts run) {
    for (JsonNode step : run.result().get("tool_results")) {
      if (step.get("tool").asText().equals(SearchPreviousIssues.NAME)) {
        return step.get("output");
      }
    }
    throw new AssertionError("no " + SearchPreviousIssues.NAME + " step in " + run.result());
  }

  private List<String> sentOrder() {
    List<String> sent = new ArrayList<>();
    for (MockOpenAi.Request request : mock.requests()) {
      if (request.schemaName().equals("rerank")) {
        Json.read(request.user())
            .get("candidates")
            .forEach(c -> sent.add(c.get("citation_id").asText()));
      }
    }
    return sent;
  }

  @Test
  void pipeline_autoModeWithAKey_reranksTheSearchInTheResult_evenWithADeterministicExecutor()
      throws Exception {
    PipelineRuns.Artifacts run = runPipeline("ORCHESTRATOR_PLANNER_MODE", "llm");

    JsonNode output = searchOutput(run);
    List<String> reversed = new ArrayList<>(sentOrder());
    assertThat(reversed).hasSizeGreaterThanOrEqualTo(2);
    Collections.reverse(reversed);
    List<String> got = new ArrayList<>();
    output.get("hits").forEach(h -> got.add(h.get("citation_id").asText()));
    assertThat(got).containsExactlyElementsOf(reversed);
    assertThat(output.get("ranking_mode").asText()).isEqualTo("llm");
    assertThat(run.result().at("/metadata/llm/calls"))
        .extracting(c -> c.get("purpose").asText())
        .containsExactly("rerank");
    assertThat(run.status()).isEqualTo(com.taskchain.orchestrator.task.RunStatus.SUCCEEDED);
  }

  @Test
  void pipeline_deterministicRerankMode_keepsTheSearch_andSendsNoRerankRequest() throws Exception {
    PipelineRuns.Artifacts run =
        runPipeline(
            "ORCHESTRATOR_EXECUTOR_MODE", "llm", "ORCHESTRATOR_RAG_RERANK_MODE", "deterministic");

    assertThat(searchOutput(run).get("ranking_mode").asText()).isEqualTo("bm25");
    assertThat(sentOrder()).isEmpty();
    assertThat(mock.requests()).isNotEmpty(); // the text tools did ask: the mock was reachable
    assertThat(run.status()).isEqualTo(com.taskchain.orchestrator.task.RunStatus.SUCCEEDED);
  }
}
