package com.taskchain.orchestrator.pipeline;

import com.taskchain.orchestrator.config.EnvReader;
import java.time.Duration;
import java.util.Map;

/**
 * Timing of the stage chain.
 *
 * @param lease how long a claimed stage is held without a commit before another delivery may take
 *     it over ({@code ORCHESTRATOR_STAGE_LEASE_S}, default 600 s: the queue's dispatch deadline)
 * @param stuckAfter how long a running stage may make no progress before the sweep acts ({@code
 *     ORCHESTRATOR_SWEEP_STUCK_AFTER_S}, default 900 s)
 * @param maxRequeues how many times the sweep re-enqueues a stuck stage before it fails the run
 *     ({@code ORCHESTRATOR_SWEEP_MAX_REQUEUES}, default 3)
 */
public record PipelineConfig(Duration lease, Duration stuckAfter, int maxRequeues) {

  public static PipelineConfig fromEnv(Map<String, String> env) {
    EnvReader reader = new EnvReader(env);
    return new PipelineConfig(
        reader.seconds(
            "ORCHESTRATOR_STAGE_LEASE_S",
            Duration.ofMinutes(10),
            Duration.ofSeconds(1),
            Duration.ofMinutes(30)),
        reader.seconds(
            "ORCHESTRATOR_SWEEP_STUCK_AFTER_S",
            Duration.ofMinutes(15),
            Duration.ofSeconds(1),
            Duration.ofHours(24)),
        reader.integer("ORCHESTRATOR_SWEEP_MAX_REQUEUES", 3, 0, 100));
  }
}
