package com.taskchain.orchestrator.store;

/** The database failed or could not be reached. Retriable: callers answer 503. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
