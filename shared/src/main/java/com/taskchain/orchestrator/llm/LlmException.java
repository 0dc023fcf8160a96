package com.taskchain.orchestrator.llm;

import java.util.Locale;
import java.util.Objects;

/**
 * An LLM call that gave no usable answer. Callers fall back to the deterministic path; {@link
 * #retriable()} only tells the client's own retry policy whether another attempt may help. The
 * message never contains the API key, prompts or the model's reply.
 */
public final class LlmException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the call failed. */
  public enum Reason {
    /** The deadline passed (per attempt or overall). */
    TIMEOUT(true),
    /** 429, 5xx or a connection failure. */
    UNAVAILABLE(true),
    /** Another 4xx: the request itself was refused. */
    REJECTED(false),
    /** The reply was not JSON. */
    MALFORMED(false),
    /** The reply was JSON that does not fit the requested schema. */
    SCHEMA(false),
    /** The model refused, or returned no content. */
    REFUSAL(false),
    /** The run's token budget is spent; no request was sent. */
    BUDGET(false),
    /** The calling thread was interrupted. */
    INTERRUPTED(false);

    private final boolean retriable;

    Reason(boolean retriable) {
      this.retriable = retriable;
    }

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Reason reason;
  private final transient TokenUsage usage;
  private final int attempts;

  public LlmException(Reason reason, String message, TokenUsage usage, int attempts) {
    super(reason.wire() + ": " + message);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.usage = usage == null ? TokenUsage.ZERO : usage;
    this.attempts = attempts;
  }

  public Reason reason() {
    return reason;
  }

  public boolean retriable() {
    return reason.retriable;
  }

  /** Tokens spent before the failure (a reply that failed validation still cost its tokens). */
  public TokenUsage usage() {
    return usage;
  }

  public int attempts() {
    return attempts;
  }

  /** The same failure with the totals over every attempt. */
  LlmException withTotals(TokenUsage total, int allAttempts) {
    LlmException copy =
        new LlmException(
            reason, getMessage().substring(reason.wire().length() + 2), total, allAttempts);
    copy.setStackTrace(getStackTrace());
    return copy;
  }
}
