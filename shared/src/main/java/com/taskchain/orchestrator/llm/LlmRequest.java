package com.taskchain.orchestrator.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * One structured-output request.
 *
 * @param purpose what the call is for, recorded with its tokens ({@code plan}, {@code plan_repair},
 *     {@code tool:summarize}); never secret
 * @param system the instructions
 * @param user the data, as JSON text; task text, context and tool outputs go here and only here
 * @param output the schema the reply must follow
 * @param deadline the time allowed for every attempt and backoff together
 */
public record LlmRequest<T>(
    String purpose, String system, String user, StructuredOutput<T> output, Duration deadline) {
  public LlmRequest {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(deadline, "deadline");
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline: must be positive");
    }
  }
}
