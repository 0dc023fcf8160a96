package com.taskchain.orchestrator.queue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * A request to run one stage of one run, as carried by a Cloud Task.
 *
 * @param taskId the task
 * @param runId the run; a delivery for a run that is no longer current is a no-op
 * @param stage the stage to run
 * @param generation 0 for the pipeline's own enqueue; the sweep uses 1, 2, … so that a re-enqueue
 *     gets a new name while a repeated enqueue of the same generation is de-duplicated by the queue
 */
public record StageMessage(UUID taskId, UUID runId, Stage stage, int generation) {
  public StageMessage {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(stage, "stage");
    if (generation < 0) {
      throw new IllegalArgumentException("generation: must be >= 0");
    }
  }

  /**
   * The Cloud Task id: a hash of run, stage and generation. Deterministic, so enqueueing the same
   * message twice is refused by the queue as ALREADY_EXISTS; hashed, not sequential, as Cloud Tasks
   * recommends.
   */
  public String taskName() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          sha.digest(
              (runId + "/" + stage.wire() + "/" + generation).getBytes(StandardCharsets.UTF_8));
      return "s" + HexFormat.of().formatHex(digest, 0, 16) + "-" + stage.wire();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }
}
