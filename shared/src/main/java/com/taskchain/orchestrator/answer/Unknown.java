package com.taskchain.orchestrator.answer;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Something the answer could not establish, and why (no evidence, a system down, sources that
 * disagree). Never a guess.
 *
 * @param field the answer field concerned, or null for a fact outside the fields
 * @param reason why it is unknown
 */
public record Unknown(String field, @JsonProperty(required = true) String reason) {
  public Unknown {
    Objects.requireNonNull(reason, "reason");
  }
}
