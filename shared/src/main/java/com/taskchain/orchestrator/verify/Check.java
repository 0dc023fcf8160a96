package com.taskchain.orchestrator.verify;

import java.util.Objects;

/**
 * One verification gate.
 *
 * @param name a stable identifier, e.g. {@code all_steps_succeeded}
 * @param passed whether the gate holds
 * @param reason a readable sentence: why it failed, or what was confirmed
 */
public record Check(String name, boolean passed, String reason) {
  public Check {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
  }
}
