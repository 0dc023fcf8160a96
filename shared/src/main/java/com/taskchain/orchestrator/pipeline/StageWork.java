package com.taskchain.orchestrator.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.queue.Stage;
import com.taskchain.orchestrator.task.RunRecord;
import com.taskchain.orchestrator.task.RunStatus;
import com.taskchain.orchestrator.task.TaskRecord;
import java.util.Optional;

/**
 * What a stage computes; the {@link StageRunner} owns claiming, committing and enqueueing around
 * it.
 */
public interface StageWork {

  /**
   * The artifact a stage writes.
   *
   * @param artifact the JSON to store ({@code plan_json}, {@code result_json} or {@code
   *     verification_json})
   * @param finalStatus present only for the last stage: how the run ends
   * @param failureReason why the run failed, when {@code finalStatus} is failed (the run's {@code
   *     failure_reason})
   */
  record Artifact(
      JsonNode artifact, Optional<RunStatus> finalStatus, Optional<String> failureReason) {
    public Artifact(JsonNode artifact, Optional<RunStatus> finalStatus) {
      this(artifact, finalStatus, Optional.empty());
    }
  }

  /**
   * Computes the stage's artifact from the task and the run's earlier artifacts. Must not write
   * anything: it may run more than once for one stage (a retry after a lost lease), and only one
   * result is committed.
   */
  Artifact perform(Stage stage, TaskRecord task, RunRecord run) throws StageFailure;
}
