package com.taskchain.orchestrator.pipeline;

import com.taskchain.orchestrator.config.EnvReader;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Timing of the stage chain.
 *
 * @param lease how long a claimed stage is held without a heartbeat before another delivery may
 *     take it over ({@code ORCHESTRATOR_STAGE_LEASE_S}, default 30 s). A working stage renews it
 *     every {@link #heartbeatEvery()}, so this bounds how long a crashed worker's claim blocks the
 *     stage, not how long a stage may take.
 * @param stuckAfter how long a running stage whose message may be lost (no lease, no progress)
 *     waits before the sweep re-enqueues it ({@code ORCHESTRATOR_SWEEP_STUCK_AFTER_S}, default 900
 *     s); a stage whose lease expired, its worker gone, is re-enqueued at the next sweep
 * @param maxRequeues how many times the sweep re-enqueues a stuck stage before it fails the run
 *     ({@code ORCHESTRATOR_SWEEP_MAX_REQUEUES}, default 3)
 */
public record PipelineConfig(Duration lease, Duration stuckAfter, int maxRequeues) {
  /** The default lease: a crashed worker's claim blocks its stage for at most this long. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

  public PipelineConfig {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(stuckAfter, "stuckAfter");
  }

  public static PipelineConfig fromEnv(Map<String, String> env) {
    EnvReader reader = new EnvReader(env);
    return new PipelineConfig(
        reader.seconds(
            "ORCHESTRATOR_STAGE_LEASE_S",
            DEFAULT_LEASE,
            Duration.ofSeconds(3),
            Duration.ofMinutes(30)),
        reader.seconds(
            "ORCHESTRATOR_SWEEP_STUCK_AFTER_S",
            Duration.ofMinutes(15),
            Duration.ofSeconds(1),
            Duration.ofHours(24)),
        reader.integer("ORCHESTRATOR_SWEEP_MAX_REQUEUES", 3, 0, 100));
  }

  /** How often a working stage renews its lease: a third of it, so two beats may be missed. */
  public Duration heartbeatEvery() {
    return lease.dividedBy(3);
  }
}
