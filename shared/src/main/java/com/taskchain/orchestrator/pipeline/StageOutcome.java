package com.taskchain.orchestrator.pipeline;

import com.taskchain.orchestrator.queue.Stage;
import java.time.Instant;
import java.util.Optional;

/**
 * How one delivery of a stage ended. {@link #retry()} tells the caller to ask the queue for another
 * delivery (HTTP 503); every other outcome is final for this delivery (HTTP 2xx).
 */
public sealed interface StageOutcome {

  /** Whether the queue should deliver again. */
  default boolean retry() {
    return false;
  }

  /** A short word for logs and responses. */
  String outcome();

  /** The stage was written; the next stage was enqueued (or the run finished). */
  record Written(Stage stage, Optional<Stage> next, boolean finished) implements StageOutcome {
    @Override
    public String outcome() {
      return "written";
    }
  }

  /** A duplicate or stale delivery: nothing changed (the next stage may have been re-enqueued). */
  record NoOp(String reason) implements StageOutcome {
    @Override
    public String outcome() {
      return "no_op";
    }
  }

  /** Another delivery holds the stage; try later. */
  record Busy(Instant leaseUntil) implements StageOutcome {
    @Override
    public boolean retry() {
      return true;
    }

    @Override
    public String outcome() {
      return "busy";
    }
  }

  /** A retriable failure; the stage was released for the next delivery. */
  record RetryLater(String reason) implements StageOutcome {
    @Override
    public boolean retry() {
      return true;
    }

    @Override
    public String outcome() {
      return "retry";
    }
  }

  /** The run was failed with a reason (a permanent failure, or the last attempt). */
  record RunFailed(String reason) implements StageOutcome {
    @Override
    public String outcome() {
      return "run_failed";
    }
  }
}
