package com.taskchain.orchestrator.llm;

/**
 * The one LLM interface of the pipeline: a structured-output completion. Implementations own
 * attempts, per-attempt timeouts and backoff within the request's deadline, validate the reply
 * against the request's schema, and never put the API key into messages, logs or values. Thread-
 * safe.
 *
 * <p>Only {@link LlmClients#openAi} creates the OpenAI implementation: classes that merely hold an
 * {@code LlmClient} do not load the SDK.
 */
public interface LlmClient extends AutoCloseable {

  /**
   * Makes the call.
   *
   * @throws LlmException when no attempt gave a reply that fits the schema, with the tokens spent
   */
  <T> LlmReply<T> complete(LlmRequest<T> request) throws LlmException;

  /** The model requests go to (for cost estimates). */
  String model();

  /** Releases connections; idempotent. */
  @Override
  default void close() {}
}
