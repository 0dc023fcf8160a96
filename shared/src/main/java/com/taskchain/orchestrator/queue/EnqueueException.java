package com.taskchain.orchestrator.queue;

/** The queue could not take a message. Retriable: the stage that enqueues answers 503. */
public final class EnqueueException extends Exception {
  private static final long serialVersionUID = 1L;

  public EnqueueException(String message, Throwable cause) {
    super(message, cause);
  }
}
