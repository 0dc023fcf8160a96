package com.taskchain.orchestrator.pipeline;

/** A stage's work failed; its type says whether another delivery may succeed. */
public abstract sealed class StageFailure extends Exception
    permits StageFailure.Retriable, StageFailure.Permanent {
  private static final long serialVersionUID = 1L;

  private StageFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /** Another delivery may succeed (a dependency was down): the stage answers 503. */
  public static final class Retriable extends StageFailure {
    private static final long serialVersionUID = 1L;

    public Retriable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Repeating cannot help (an invalid plan, a corrupt artifact): the run fails with this reason.
   */
  public static final class Permanent extends StageFailure {
    private static final long serialVersionUID = 1L;

    public Permanent(String message, Throwable cause) {
      super(message, cause);
    }

    public Permanent(String message) {
      this(message, null);
    }
  }
}
