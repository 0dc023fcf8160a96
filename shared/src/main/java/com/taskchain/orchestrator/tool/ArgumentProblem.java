package com.taskchain.orchestrator.tool;

import java.util.Objects;

/**
 * One thing wrong with a tool's arguments.
 *
 * @param field the argument's JSON path ({@code text}, {@code items[2].name}); {@code ""} for the
 *     whole object
 * @param problem what is wrong, in words
 */
public record ArgumentProblem(String field, String problem) {
  public ArgumentProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(problem, "problem");
  }

  @Override
  public String toString() {
    return field.isEmpty() ? problem : field + ": " + problem;
  }
}
