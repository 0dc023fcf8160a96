package com.taskchain.orchestrator.tool;

/** A failed tool attempt; its type says whether the executor may try again. */
public abstract sealed class ToolException extends Exception
    permits ToolException.Retriable, ToolException.Permanent {
  private static final long serialVersionUID = 1L;

  private ToolException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether another attempt may succeed. */
  public abstract boolean retriable();

  /** A failure that another attempt may not repeat: a timeout, a dependency that was down. */
  public static final class Retriable extends ToolException {
    private static final long serialVersionUID = 1L;

    public Retriable(String message, Throwable cause) {
      super(message, cause);
    }

    public Retriable(String message) {
      this(message, null);
    }

    @Override
    public boolean retriable() {
      return true;
    }
  }

  /** A failure that repeating cannot fix. */
  public static final class Permanent extends ToolException {
    private static final long serialVersionUID = 1L;

    public Permanent(String message, Throwable cause) {
      super(message, cause);
    }

    public Permanent(String message) {
      this(message, null);
    }

    @Override
    public boolean retriable() {
      return false;
    }
  }
}
