package com.taskchain.orchestrator.retrieval;

import java.util.Locale;

/** A date of indexed records that searches can bound. */
public enum DateField {
  /** When a Jira issue was created. */
  CREATED,
  /** When an incident was opened. */
  OPENED;

  /** The index field, e.g. {@code created}. */
  public String field() {
    return name().toLowerCase(Locale.ROOT);
  }
}
