package com.taskchain.orchestrator.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.RequestOptions;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.log.Log;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link LlmClient} over openai-java's chat completions with JSON-schema response formats. The
 * SDK's retries are off and its timeout is set per attempt to the time left before the request's
 * deadline; Failsafe owns attempts and backoff. Timeouts, 408, 429, 5xx and connection failures are
 * retried; other 4xx, non-JSON replies, schema violations and refusals are not. The reply's content
 * is cleared of the API key before it is parsed. Thread-safe.
 */
final class OpenAiLlmClient implements LlmClient {
  private static final Log LOG = Log.get(OpenAiLlmClient.class);

  private final LlmConfig config;
  private final OpenAIClient client;
  private final Map<StructuredOutput<?>, ResponseFormatJsonSchema> formats =
      new ConcurrentHashMap<>();

  private OpenAiLlmClient(LlmConfig config, OpenAIClient client) {
    this.config = config;
    this.client = client;
  }

  /** Declared as {@link LlmClient} so that callers' bytecode never names this class's types. */
  static LlmClient create(LlmConfig config) {
    OpenAIOkHttpClient.Builder builder =
        OpenAIOkHttpClient.builder()
            .apiKey(config.apiKey().orElseThrow())
            // Failsafe owns attempts; the SDK's default would multiply them.
            .maxRetries(0)
            // Replaced per request by the time left; this only bounds a request made without one.
            .timeout(config.plannerTimeout().plus(config.executorTimeout()));
    config.baseUrl().ifPresent(url -> builder.baseUrl(url.toString()));
    return new OpenAiLlmClient(config, builder.build());
  }

  @Override
  public String model() {
    return config.model();
  }

  @Override
  public <T> LlmReply<T> complete(LlmRequest<T> request) throws LlmException {
    long deadline = System.nanoTime() + request.deadline().toNanos();
    AtomicInteger attempts = new AtomicInteger();
    AtomicReference<TokenUsage> spent = new AtomicReference<>(TokenUsage.ZERO);
    RetryPolicy<LlmReply<T>> retry =
        RetryPolicy.<LlmReply<T>>builder()
            .handleIf(e -> e instanceof LlmException llm && llm.retriable())
            .withMaxRetries(config.maxRetries())
            .withBackoff(
                config.backoff().isZero() ? Duration.ofMillis(1) : config.backoff(),
                config.backoff().isZero() ? Duration.ofMillis(2) : config.backoff().multipliedBy(8))
            .build();
    long started = System.nanoTime();
    try {
      LlmReply<T> reply =
          Failsafe.with(retry)
              .get(() -> attempt(request, deadline, attempts.incrementAndGet(), spent));
      trace(request, "ok", reply.usage(), attempts.get(), started);
      return reply;
    } catch (FailsafeException e) {
      LlmException failure =
          e.getCause() instanceof LlmException llm
              ? llm
              : new LlmException(
                  LlmException.Reason.UNAVAILABLE,
                  config.redact(String.valueOf(e.getCause())),
                  spent.get(),
                  attempts.get());
      trace(request, failure.reason().wire(), spent.get(), attempts.get(), started);
      throw failure.withTotals(spent.get(), attempts.get());
    }
  }

  private <T> LlmReply<T> attempt(
      LlmRequest<T> request, long deadline, int attempt, AtomicReference<TokenUsage> spent)
      throws LlmException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new LlmException(
          LlmException.Reason.TIMEOUT,
          "deadline of " + request.deadline().toMillis() + " ms passed before attempt " + attempt,
          spent.get(),
          attempt);
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new LlmException(LlmException.Reason.INTERRUPTED, "interrupted", spent.get(), attempt);
    }
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder()
            .model(config.model())
            .addSystemMessage(request.system())
            .addUserMessage(request.user())
            .responseFormat(formats.computeIfAbsent(request.output(), OpenAiLlmClient::format))
            .temperature(0)
            .build();
    ChatCompletion completion;
    try {
      completion =
          client
              .chat()
              .completions()
              .create(params, RequestOptions.builder().timeout(Duration.ofNanos(left)).build());
    } catch (OpenAIServiceException e) {
      int status = e.statusCode();
      boolean transientStatus = status == 408 || status == 429 || status >= 500;
      throw new LlmException(
          transientStatus ? LlmException.Reason.UNAVAILABLE : LlmException.Reason.REJECTED,
          "HTTP " + status + " from the provider",
          spent.get(),
          attempt);
    } catch (OpenAIIoException e) {
      boolean timeout = causedBy(e, InterruptedIOException.class);
      throw new LlmException(
          timeout ? LlmException.Reason.TIMEOUT : LlmException.Reason.UNAVAILABLE,
          timeout
              ? "no reply within " + Duration.ofNanos(left).toMillis() + " ms"
              : "connection failed: " + config.redact(String.valueOf(e.getMessage())),
          spent.get(),
          attempt);
    } catch (OpenAIInvalidDataException e) {
      throw new LlmException(
          LlmException.Reason.MALFORMED,
          "the reply envelope is not a chat completion",
          spent.get(),
          attempt);
    } catch (OpenAIException e) {
      throw new LlmException(
          LlmException.Reason.UNAVAILABLE,
          config.redact(e.getClass().getSimpleName() + ": " + e.getMessage()),
          spent.get(),
          attempt);
    }

    TokenUsage usage =
        completion
            .usage()
            .map(u -> new TokenUsage(u.promptTokens(), u.completionTokens(), u.totalTokens()))
            .orElse(TokenUsage.ZERO);
    TokenUsage total = spent.updateAndGet(u -> u.plus(usage));
    if (completion.choices().isEmpty()) {
      throw new LlmException(LlmException.Reason.REFUSAL, "no choices", total, attempt);
    }
    ChatCompletionMessage message = completion.choices().get(0).message();
    if (message.refusal().isPresent()) {
      throw new LlmException(LlmException.Reason.REFUSAL, "the model refused", total, attempt);
    }
    String content = config.redact(message.content().orElse(""));
    if (content.isBlank()) {
      throw new LlmException(LlmException.Reason.REFUSAL, "empty content", total, attempt);
    }
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(content);
    } catch (JsonProcessingException e) {
      throw new LlmException(
          LlmException.Reason.MALFORMED, "the reply is not JSON", total, attempt);
    }
    try {
      T value = Json.mapper().treeToValue(tree, request.output().type());
      if (value == null) {
        throw new LlmException(LlmException.Reason.SCHEMA, "the reply is null", total, attempt);
      }
      return new LlmReply<>(value, total, completion.model(), attempt);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new LlmException(
          LlmException.Reason.SCHEMA,
          "the reply does not fit " + request.output().name() + ": " + firstLine(why),
          total,
          attempt);
    }
  }

  private static ResponseFormatJsonSchema format(StructuredOutput<?> output) {
    Map<String, JsonValue> schema = new LinkedHashMap<>();
    output
        .schema()
        .properties()
        .forEach(e -> schema.put(e.getKey(), JsonValue.fromJsonNode(e.getValue())));
    return ResponseFormatJsonSchema.builder()
        .jsonSchema(
            ResponseFormatJsonSchema.JsonSchema.builder()
                .name(output.name())
                .strict(output.strict())
                .schema(
                    ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                        .additionalProperties(schema)
                        .build())
                .build())
        .build();
  }

  private void trace(
      LlmRequest<?> request, String outcome, TokenUsage usage, int attempts, long startedNanos) {
    if (config.trace()) {
      LOG.info(
          "llm call",
          "purpose",
          request.purpose(),
          "model",
          config.model(),
          "outcome",
          outcome,
          "attempts",
          attempts,
          "total_tokens",
          usage.totalTokens(),
          "duration_ms",
          Duration.ofNanos(System.nanoTime() - startedNanos).toMillis());
    }
  }

  private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int nl = text.indexOf('\n');
    String line = nl < 0 ? text : text.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  @Override
  public void close() {
    client.close();
  }
}
