package com.taskchain.orchestrator.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.taskchain.orchestrator.json.Json;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real openai-java client against {@link MockOpenAi} on loopback. */
class OpenAiLlmClientTest {
  record Answer(@JsonProperty(required = true) String word, @JsonProperty(required = true) int n) {
    Answer {
      if (n < 0) {
        throw new IllegalArgumentException("n: must not be negative");
      }
    }
  }

  private static final StructuredOutput<Answer> ANSWER =
      StructuredOutput.of("answer", Answer.class);

  private MockOpenAi mock;
  private LlmClient client;

  private LlmClient client(MockOpenAi.Script script, String... env) throws Exception {
    mock = new MockOpenAi(script);
    client = LlmClients.openAi(LlmTesting.config(mock, env));
    return client;
  }

  private static LlmRequest<Answer> request(Duration deadline) {
    return new LlmRequest<>("test", "Answer.", "{\"q\":1}", ANSWER, deadline);
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

  @Test
  void validReply_bindsToTheRecord_withTheReportedUsage_andSendsTheSchemaAndKey() throws Exception {
    client((n, r) -> MockOpenAi.json(Map.of("word", "hello", "n", 3), 120, 8));

    LlmReply<Answer> reply = client.complete(request(Duration.ofSeconds(5)));

    assertThat(reply.value()).isEqualTo(new Answer("hello", 3));
    assertThat(reply.usage()).isEqualTo(new TokenUsage(120, 8, 128));
    assertThat(reply.attempts()).isEqualTo(1);
    MockOpenAi.Request sent = mock.requests().get(0);
    assertThat(sent.schemaName()).isEqualTo("answer");
    assertThat(sent.body().at("/response_format/json_schema/strict").asBoolean()).isTrue();
    assertThat(sent.body().at("/response_format/json_schema/schema/required"))
        .containsExactlyInAnyOrder(Json.tree("word"), Json.tree("n"));
    assertThat(sent.authorization()).isEqualTo("Bearer " + LlmTesting.FAKE_KEY);
  }

  @Test
  void serverErrorThenSuccess_isRetriedByOurPolicy_notTheSdk() throws Exception {
    client(
        (n, r) ->
            n == 1
                ? new MockOpenAi.Status(500)
                : MockOpenAi.json(Map.of("word", "x", "n", 1), 5, 2),
        "ORCHESTRATOR_LLM_MAX_RETRIES",
        "1");

    LlmReply<Answer> reply = client.complete(request(Duration.ofSeconds(5)));

    assertThat(reply.attempts()).isEqualTo(2);
    assertThat(mock.count()).isEqualTo(2);
    assertThat(reply.usage().totalTokens()).isEqualTo(7);
  }

  @Test
  void serverErrorsBeyondTheRetries_failUnavailable_afterExactlyTheConfiguredAttempts()
      throws Exception {
    client((n, r) -> new MockOpenAi.Status(503), "ORCHESTRATOR_LLM_MAX_RETRIES", "2");

    assertThatThrownBy(() -> client.complete(request(Duration.ofSeconds(5))))
        .isInstanceOfSatisfying(
            LlmException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(LlmException.Reason.UNAVAILABLE);
              assertThat(e.attempts()).isEqualTo(3);
            });
    assertThat(mock.count()).isEqualTo(3);
  }

  @Test
  void badRequest_isNotRetried() throws Exception {
    client((n, r) -> new MockOpenAi.Status(400), "ORCHESTRATOR_LLM_MAX_RETRIES", "3");

    assertThatThrownBy(() -> client.complete(request(Duration.ofSeconds(5))))
        .isInstanceOfSatisfying(
            LlmException.class,
            e -> assertThat(e.reason()).isEqualTo(LlmException.Reason.REJECTED));
    assertThat(mock.count()).isEqualTo(1);
  }

  @Test
  void slowServer_failsWithTimeout_withinTheDeadline() throws Exception {
    client((n, r) -> MockOpenAi.slow(Duration.ofSeconds(5)), "ORCHESTRATOR_LLM_MAX_RETRIES", "2");

    long started = System.nanoTime();
    assertThatThrownBy(() -> client.complete(request(Duration.ofMillis(400))))
        .isInstanceOfSatisfying(
            LlmException.class, e -> assertThat(e.reason()).isEqualTo(LlmException.Reason.TIMEOUT));
    // Generous bound: the point is that the 5 s reply was not awaited.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void nonJsonContent_failsMalformed_andKeepsTheTokensItCost() throws Exception {
    client((n, r) -> MockOpenAi.json("Sure! Here is the answer: {word", 50, 9));

    assertThatThrownBy(() -> client.complete(request(Duration.ofSeconds(5))))
        .isInstanceOfSatisfying(
            LlmException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(LlmException.Reason.MALFORMED);
              assertThat(e.usage()).isEqualTo(new TokenUsage(50, 9, 59));
            });
    assertThat(mock.count()).isEqualTo(1);
  }

  @Test
  void brokenEnvelope_failsMalformed() throws Exception {
    client((n, r) -> new MockOpenAi.Raw("{\"choices\": 7"));

    assertThatThrownBy(() -> client.complete(request(Duration.ofSeconds(5))))
        .isInstanceOfSatisfying(
            LlmException.class, e -> assertThat(e.reason()).isIn(LlmException.Reason.MALFORMED));
  }

  @Test
  void schemaViolations_failSchema() throws Exception {
    client(
        (n, r) ->
            switch (n) {
              case 1 -> MockOpenAi.json(Map.of("word", 3, "n", 1), 1, 1);
              case 2 -> MockOpenAi.json(Map.of("word", "x", "n", 1, "extra", true), 1, 1);
              case 3 -> MockOpenAi.json(Map.of("word", "x"), 1, 1);
              default -> MockOpenAi.json(Map.of("word", "x", "n", -1), 1, 1);
            });

    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> client.complete(request(Duration.ofSeconds(5))))
          .as("reply %d", i + 1)
          .isInstanceOfSatisfying(
              LlmException.class,
              e -> assertThat(e.reason()).isEqualTo(LlmException.Reason.SCHEMA));
    }
  }

  @Test
  void keyEchoedByTheServer_isRedactedFromTheValue() throws Exception {
    client(
        (n, r) ->
            MockOpenAi.json(
                Map.of("word", r.authorization().substring("Bearer ".length()), "n", 1), 1, 1));

    LlmReply<Answer> reply = client.complete(request(Duration.ofSeconds(5)));

    assertThat(reply.value().word()).doesNotContain(LlmTesting.FAKE_KEY).contains("[redacted]");
  }
}
