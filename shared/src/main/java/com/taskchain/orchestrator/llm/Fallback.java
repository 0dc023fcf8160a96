package com.taskchain.orchestrator.llm;

import java.util.Objects;

/**
 * A deterministic path taken instead of an LLM answer.
 *
 * @param what the planner or tool that fell back ({@code planner}, {@code tool:summarize})
 * @param reason why, in words
 */
public record Fallback(String what, String reason) {
  public Fallback {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(reason, "reason");
  }
}
