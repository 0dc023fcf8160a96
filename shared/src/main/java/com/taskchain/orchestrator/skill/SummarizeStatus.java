package com.taskchain.orchestrator.skill;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import com.taskchain.orchestrator.answer.Findings;
import com.taskchain.orchestrator.tool.EvidenceTool;
import com.taskchain.orchestrator.tool.Upstream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code summarize_status}: the executive update of governance.md §5 — summary, RAG status, what
 * happened, risks, decisions and the next update — for one of three scopes, from the documents and
 * Jira tickets of the steps it depends on:
 *
 * <ul>
 *   <li>{@code program}: a program's record (phases, risk register, decisions) with its tickets;
 *       fields {@code status} and {@code risks} (the open risks of the register);
 *   <li>{@code incident}: one incident's executive summary (impact, what changed, next step, next
 *       update) as the policy in force at its declaration requires; field {@code status};
 *   <li>{@code production}: the incidents open at a time, with their severity, service and the
 *       changes involved; field {@code status}.
 * </ul>
 *
 * The status is judged by the rules of {@link ExecutiveRules} ({@link RagJudgement}). Evidence that
 * is missing (a fetch or Jira step failed) becomes an unknown, never a guess. Pure over its
 * upstream; thread-safe.
 */
public final class SummarizeStatus implements EvidenceTool<SummarizeStatus.Input, Findings> {
  public static final String NAME = "summarize_status";

  private final ExecutiveRules rules;

  /** With the rules shipped with the company data. */
  public SummarizeStatus() {
    this(ExecutiveRules.load());
  }

  SummarizeStatus(ExecutiveRules rules) {
    this.rules = rules;
  }

  /** What the update is about. */
  public enum Scope {
    PROGRAM("program"),
    INCIDENT("incident"),
    PRODUCTION("production");

    private final String wire;

    Scope(String wire) {
      this.wire = wire;
    }

    @JsonValue
    public String wire() {
      return wire;
    }

    /**
     * The scope with this name.
     *
     * @throws IllegalArgumentException for any other name
     */
    @JsonCreator
    public static Scope of(String name) {
      for (Scope scope : values()) {
        if (scope.wire.equals(name == null ? "" : name.strip().toLowerCase(Locale.ROOT))) {
          return scope;
        }
      }
      throw new IllegalArgumentException(
          "scope: must be program, incident or production, got '" + name + "'");
    }
  }

  /**
   * The arguments.
   *
   * @param scope what the update is about
   * @param program the program's name (scope program)
   * @param incident the incident's key (scope incident)
   * @param startTime the start of the period the update covers, ISO-8601
   * @param endTime the end of the period the update covers, ISO-8601
   * @param asOf the time the update is written at, ISO-8601; absent: the latest state in Jira
   */
  @JsonClassDescription("Arguments of summarize_status.")
  public record Input(
      @JsonProperty(required = true)
          @JsonPropertyDescription("What the update is about: program, incident or production.")
          Scope scope,
      @JsonPropertyDescription("Scope program: the program's name, e.g. Atlas Checkout.")
          String program,
      @JsonPropertyDescription("Scope incident: the incident's key, e.g. INC-2304.")
          String incident,
      @JsonProperty("start_time")
          @JsonPropertyDescription("Optional: start of the period covered, ISO-8601 with zone.")
          String startTime,
      @JsonProperty("end_time")
          @JsonPropertyDescription("Optional: end of the period covered, ISO-8601 with zone.")
          String endTime,
      @JsonProperty("as_of")
          @JsonPropertyDescription(
              "Optional: when the update is written, ISO-8601 with zone; default: the latest"
                  + " state in Jira.")
          String asOf) {
    public Input {
      if (scope == null) {
        throw new IllegalArgumentException("scope: is required");
      }
      if (scope == Scope.PROGRAM && (program == null || program.isBlank())) {
        throw new IllegalArgumentException("program: is required for scope program");
      }
      if (scope == Scope.INCIDENT && (incident == null || incident.isBlank())) {
        throw new IllegalArgumentException("incident: is required for scope incident");
      }
      instant("start_time", startTime);
      instant("end_time", endTime);
      instant("as_of", asOf);
    }

    Optional<Instant> start() {
      return instant("start_time", startTime);
    }

    Optional<Instant> end() {
      return instant("end_time", endTime);
    }

    Optional<Instant> at() {
      return instant("as_of", asOf);
    }
  }

  static Optional<Instant> instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(value.strip()).toInstant());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          name + ": must be an ISO-8601 time with a zone, got '" + value + "'", e);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Writes an executive update (summary, RAG status, progress, risks, decisions, next"
        + " update) for a program, one incident, or production at a time, from the documents and"
        + " Jira tickets of the steps it depends on.";
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Class<Findings> outputType() {
    return Findings.class;
  }

  @Override
  public boolean runsAfterFailedDependencies() {
    return true;
  }

  @Override
  public Findings call(Input input, Upstream upstream) {
    UpdateEvidence evidence = new UpdateEvidence(rules, upstream);
    Findings.Builder findings = Findings.builder(NAME);
    switch (input.scope()) {
      case PROGRAM -> ProgramUpdate.write(input, evidence, findings);
      case INCIDENT -> IncidentUpdate.write(input, evidence, findings);
      case PRODUCTION -> ProductionUpdate.write(input, evidence, findings);
    }
    return findings.build();
  }
}
