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
  POLICY,
  /** A section of the engineering governance notes ({@code governance.md}). */
  GOVERNANCE,
  /** A section of a programme record ({@code programs/*.md}). */
  PROGRAM,
  /** A top-level entry of a tool configuration ({@code tool_configs/*.yaml}). */
  TOOL_CONFIG,
  /** A section of the company profile ({@code company_profile.md}). */
  PROFILE;

  /** The kind of passage the sections of a company document are. */
  public static Source of(CompanyDocument.Kind kind) {
    return switch (kind) {
      case POLICY -> POLICY;
      case RUNBOOK -> RUNBOOK;
      case GOVERNANCE -> GOVERNANCE;
      case PROGRAM -> PROGRAM;
      case TOOL_CONFIG -> TOOL_CONFIG;
      case PROFILE -> PROFILE;
    };
  }

  /**
   * Whether this is a corpus record (a Jira issue or an incident) rather than a document section.
   */
  public boolean isRecord() {
    return this == JIRA || this == INCIDENT;
  }

  /** The lower-case name stored in the index and written in outputs, e.g. {@code jira}. */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
