package com.taskchain.orchestrator.task;

import java.util.Objects;

/** A request a user sent is malformed; names the field at fault. Nothing was written. */
public final class InvalidRequestException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String field;

  public InvalidRequestException(String field, String message) {
    super(message);
    this.field = Objects.requireNonNull(field, "field");
  }

  /**
   * The field at fault, e.g. {@code task} or {@code context}; {@code ""} for the body as a whole.
   */
  public String field() {
    return field;
  }
}
