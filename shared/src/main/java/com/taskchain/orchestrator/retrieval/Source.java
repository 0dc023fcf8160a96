package com.taskchain.orchestrator.retrieval;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an indexed passage comes from. */
public enum Source {
  /** A previous Jira issue of {@code data/corpus/previous_issues.jsonl}. */
  JIRA,
  /** A previous incident record of {@code data/corpus/previous_issues.jsonl}. */
  INCIDENT,
  /** A section of a service runbook. */
  RUNBOOK,
  /** A section of an operations policy (v1 or v2). */
  POLICY;

  /** The lower-case name stored in the index and written in outputs, e.g. {@code jira}. */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
