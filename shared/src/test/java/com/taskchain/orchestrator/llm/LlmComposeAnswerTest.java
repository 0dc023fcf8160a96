package com.taskchain.orchestrator.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskchain.orchestrator.answer.AnswerType;
import com.taskchain.orchestrator.answer.Claim;
import com.taskchain.orchestrator.answer.ComposeAnswer;
import com.taskchain.orchestrator.answer.Findings;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.llm.tools.LlmComposeAnswer;
import com.taskchain.orchestrator.tool.Upstream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The model writes the answer's text and claims with the real client against {@link MockOpenAi}; a
 * reply that cites what the run did not retrieve, or states a number its evidence lacks, falls back
 * to the deterministic answer with the reason.
 */
class LlmComposeAnswerTest {
  private MockOpenAi mock;
  private LlmClient client;
  private TokenLedger ledger;

  private static final Upstream UPSTREAM =
      new Upstream(
          List.of(
              new Upstream.Step(
                  "s1",
                  "jira_search_tickets",
                  true,
                  Json.read(
                      "{\"tickets\": [{\"key\": \"INC-2291\", \"summary\": \"Atlas latency\","
                          + " \"description\": \"error rate 3.8 %, p95 1,650 ms\"}]}"),
                  null),
              new Upstream.Step(
                  "s2",
                  "assess_severity",
                  true,
                  Json.tree(
                      Findings.builder("assess_severity")
                          .field("severity", "P2")
                          .claim("INC-2291 peaked at 3.8 %.", "INC-2291")
                          .build()),
                  null)));

  private ComposeAnswer.Output compose(MockOpenAi.Script script) throws Exception {
    mock = new MockOpenAi(script);
    LlmConfig config = LlmTesting.config(mock, "ORCHESTRATOR_LLM_MAX_RETRIES", "0");
    client = LlmClients.openAi(config);
    ledger = TokenLedger.first("execute", "llm", config);
    return new LlmComposeAnswer(new ComposeAnswer(), () -> client, ledger, Duration.ofSeconds(5))
        .call(new ComposeAnswer.Input(AnswerType.INCIDENT_TRIAGE), UPSTREAM);
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

  private static Map<String, Object> written(String text, String claim, String... citations) {
    return Map.of(
        "text", text, "claims", List.of(Map.of("text", claim, "citations", List.of(citations))));
  }

  @Test
  void groundedModelAnswer_isUsed_andTheFieldsStayTheRules() throws Exception {
    ComposeAnswer.Output out =
        compose(
            (n, r) ->
                MockOpenAi.json(
                    written(
                        "P2: Atlas errors at 3.8 % with p95 1,650 ms (INC-2291).",
                        "INC-2291: error rate 3.8 %, p95 1,650 ms.", "INC-2291"),
                    100,
                    40));

    assertThat(out.text()).startsWith("P2: Atlas errors");
    assertThat(out.claims())
        .extracting(Claim::text)
        .containsExactly("INC-2291: error rate 3.8 %, p95 1,650 ms.");
    assertThat(out.fields().path("severity").asText()).isEqualTo("P2");
    assertThat(ledger.fallbacks()).isEmpty();
    assertThat(mock.requests().get(0).user()).contains("INC-2291", "draft_claims");
  }

  @Test
  void fabricatedCitation_fallsBackToTheDeterministicAnswer_withTheReason() throws Exception {
    ComposeAnswer.Output out =
        compose(
            (n, r) ->
                MockOpenAi.json(
                    written("Caused by CHG-9999.", "Caused by CHG-9999.", "CHG-9999"), 100, 40));

    assertThat(out.claims()).extracting(Claim::text).containsExactly("INC-2291 peaked at 3.8 %.");
    assertThat(ledger.fallbacks())
        .singleElement()
        .satisfies(f -> assertThat(f.toString()).contains("CHG-9999", "did not retrieve"));
  }

  @Test
  void numberNotInTheCitedEvidence_fallsBack() throws Exception {
    ComposeAnswer.Output out =
        compose(
            (n, r) ->
                MockOpenAi.json(
                    written("Errors at 7.5 %.", "INC-2291 errors at 7.5 %.", "INC-2291"), 100, 40));

    assertThat(out.text()).doesNotContain("7.5");
    assertThat(ledger.fallbacks())
        .singleElement()
        .satisfies(f -> assertThat(f.toString()).contains("7.5"));
  }

  @Test
  void modelFailure_fallsBack() throws Exception {
    ComposeAnswer.Output out = compose((n, r) -> new MockOpenAi.Status(500));

    assertThat(out.claims()).extracting(Claim::text).containsExactly("INC-2291 peaked at 3.8 %.");
    assertThat(ledger.fallbacks()).hasSize(1);
  }
}
