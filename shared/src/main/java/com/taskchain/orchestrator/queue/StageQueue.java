package com.taskchain.orchestrator.queue;

/**
 * Where the pipeline enqueues its next stage. Thread-safe.
 *
 * <p>Idempotent: enqueueing a message whose {@link StageMessage#taskName()} the queue already holds
 * (or held recently) returns {@link EnqueueResult#ALREADY_EXISTS} and delivers nothing more.
 */
public interface StageQueue {

  /**
   * Enqueues a delivery of the stage's function with body {@code {"task_id", "run_id"}}.
   *
   * @throws EnqueueException when the queue could not be reached or refused for another reason;
   *     retriable
   */
  EnqueueResult enqueue(StageMessage message) throws EnqueueException;

  /** Whether a new task was created or the name was already taken. */
  enum EnqueueResult {
    CREATED,
    ALREADY_EXISTS
  }
}
