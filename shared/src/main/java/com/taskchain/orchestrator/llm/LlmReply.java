package com.taskchain.orchestrator.llm;

import java.util.Objects;

/**
 * A reply that bound to its schema.
 *
 * @param value the reply, bound to the requested record
 * @param usage tokens over every attempt of this call
 * @param model the model that answered
 * @param attempts attempts made, at least 1
 */
public record LlmReply<T>(T value, TokenUsage usage, String model, int attempts) {
  public LlmReply {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(model, "model");
  }
}
