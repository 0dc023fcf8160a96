package com.taskchain.orchestrator.tool;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Arguments that do not bind to a tool's input type. Never retried: the same arguments fail the
 * same way.
 */
public final class InvalidArgumentsException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String tool;
  private final transient List<ArgumentProblem> problems;

  public InvalidArgumentsException(String tool, List<ArgumentProblem> problems) {
    super(
        "invalid arguments for "
            + tool
            + ": "
            + problems.stream().map(ArgumentProblem::toString).collect(Collectors.joining("; ")));
    this.tool = tool;
    this.problems = List.copyOf(problems);
  }

  public String tool() {
    return tool;
  }

  public List<ArgumentProblem> problems() {
    return problems;
  }
}
