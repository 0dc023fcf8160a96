package com.taskchain.orchestrator.skill;

import com.fasterxml.jackson.annotation.JsonValue;

/** The RAG status of an executive update (governance.md §5), as the answer writes it. */
public enum Rag {
  GREEN("Green"),
  AMBER("Amber"),
  RED("Red");

  private final String wire;

  Rag(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /**
   * The status with this name, case-insensitively.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static Rag of(String name) {
    for (Rag rag : values()) {
      if (rag.wire.equalsIgnoreCase(name == null ? "" : name.strip())) {
        return rag;
      }
    }
    throw new IllegalArgumentException("not a RAG status: '" + name + "'");
  }
}
