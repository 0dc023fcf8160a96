package com.taskchain.orchestrator.tool;

/**
 * One tool the executor can call. Input and output are records whose JSON form is the tool's
 * contract: the registry binds plan arguments strictly to {@link #inputType()} and publishes JSON
 * schemas generated from both types. Multi-word fields are named in snake_case with
 * {@code @JsonProperty}.
 *
 * <p>Implementations must be thread-safe (steps may run concurrently) and must return or throw
 * promptly when interrupted: the executor owns timeouts, retries and backoff, so a tool makes
 * exactly one attempt.
 *
 * @param <I> the input record
 * @param <O> the output record
 */
public interface Tool<I extends Record, O extends Record> {

  /** The registry name, e.g. {@code extract_entities}. */
  String name();

  /** One sentence for the tool catalogue (shown to people and to an LLM planner). */
  String description();

  Class<I> inputType();

  Class<O> outputType();

  /**
   * Makes one attempt.
   *
   * @throws ToolException.Retriable when a later attempt may succeed (a dependency timed out or was
   *     down)
   * @throws ToolException.Permanent when repeating cannot help (the input makes no sense for this
   *     tool)
   */
  O call(I input) throws ToolException;
}
