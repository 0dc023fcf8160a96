package com.taskchain.orchestrator.retrieval;

import java.util.Locale;

/**
 * A keyword attribute of indexed passages that searches filter on. Values are matched
 * case-insensitively.
 */
public enum Facet {
  SOURCE,
  SERVICE,
  SEVERITY,
  PROJECT,
  ISSUE_TYPE,
  PRIORITY,
  STATUS,
  /** The status of incident records only (Jira issues have none). */
  INCIDENT_STATE;

  /** The index field, e.g. {@code issue_type}. */
  public String field() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The indexed form of a value: trimmed and lower-cased. */
  public static String normalize(String value) {
    return value.strip().toLowerCase(Locale.ROOT);
  }
}
