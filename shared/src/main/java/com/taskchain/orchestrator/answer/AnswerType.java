package com.taskchain.orchestrator.answer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * What kind of deliverable a task asks for, with the answer fields that kind must establish (or
 * list in {@code unknowns} with a reason).
 */
public enum AnswerType {
  INCIDENT_TRIAGE("incident_triage", List.of("severity", "incident", "owner_team", "rollback")),
  ESCALATION("escalation", List.of("severity", "escalate_to")),
  CHANGE_APPROVAL("change_approval", List.of("decision", "approvers")),
  ROLLBACK_DECISION("rollback_decision", List.of("rollback")),
  AUDIT("audit", List.of("compliant")),
  EXECUTIVE_UPDATE("executive_update", List.of("status")),
  GENERAL("general", List.of());

  private final String wire;
  private final List<String> requiredFields;

  AnswerType(String wire, List<String> requiredFields) {
    this.wire = wire;
    this.requiredFields = requiredFields;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** The fields an answer of this type must have, or name in its unknowns. */
  public List<String> requiredFields() {
    return requiredFields;
  }

  /**
   * The type with this wire name.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  @JsonCreator
  public static AnswerType of(String wire) {
    for (AnswerType type : values()) {
      if (type.wire.equals(wire == null ? null : wire.toLowerCase(Locale.ROOT).strip())) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown answer type '" + wire + "'");
  }

  /** The heading of the deliverable, e.g. "Incident triage". */
  public String title() {
    String words = wire.replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
