package com.taskchain.orchestrator.skill.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.skill.CompanyData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The severity matrix (§1) and rollback triggers (§5) of each operations policy version, read from
 * {@value #PATH}, the machine-readable form of the policy prose. Immutable and thread-safe.
 */
public final class PolicyRules {
  /** The rule file, relative to the company folder. */
  public static final String PATH = "policies/rules/severity_matrix.yaml";

  /** The severities in order, highest first. */
  public static final List<String> SEVERITIES = List.of("P1", "P2", "P3");

  /**
   * One criterion of the matrix or one rollback trigger: a metric condition ({@code metric} set) or
   * an event found in tickets and logs ({@code event} set).
   *
   * @param severity P1 or P2 for the matrix; {@code rollback} for a trigger
   * @param tiers the tiers it applies to ({@code tier0}...); empty means every tier
   * @param metric {@code error_rate} or {@code p95_latency_ms}, or null
   * @param event {@code unavailable}, {@code ledger_integrity}, {@code security_incident}, {@code
   *     payout_cutoff_at_risk}, {@code reconciliation_mismatch}, {@code auth_success_drop}, or null
   * @param comparator {@code >=} or {@code >} for a metric criterion
   * @param value the threshold
   * @param below the upper bound of a band, or null
   * @param minutes how long the value must be sustained
   * @param shown the threshold as the policy writes it ("2.0 %", "1,200 ms"), or null
   * @param amountAboveUsd for v1's ledger criterion: the amount above which it is P1, or null
   * @param text the criterion as the policy words it
   */
  public record Criterion(
      String severity,
      List<String> tiers,
      String metric,
      String event,
      String comparator,
      double value,
      Double below,
      int minutes,
      String shown,
      Double amountAboveUsd,
      String text) {
    public Criterion {
      Objects.requireNonNull(severity, "severity");
      tiers = List.copyOf(tiers);
      Objects.requireNonNull(text, "text");
      if ((metric == null) == (event == null)) {
        throw new IllegalArgumentException("a criterion has a metric or an event: " + text);
      }
    }

    public boolean appliesTo(String tier) {
      return tiers.isEmpty() || tiers.contains(tier);
    }

    public boolean isMetric() {
      return metric != null;
    }

    /**
     * The trigger as the answer's {@code threshold_breached} writes it: {@code p95_latency_ms > 800
     * ms for 10 minutes}.
     */
    public String breachText() {
      return metric + " " + comparator + " " + shown + " for " + minutes + " minutes";
    }
  }

  /**
   * One policy version.
   *
   * @param name {@code v1} or {@code v2}
   * @param document the policy document
   * @param effectiveFrom the first day it applies (UTC)
   * @param severity the P1 and P2 criteria, P1 first
   * @param p3Text the policy's words for P3
   * @param watchWindow the watch window after a deployment
   * @param recordWithin when a rollback must be recorded, as the policy words it
   * @param rollback the rollback triggers
   */
  public record Version(
      String name,
      CompanyDocument document,
      LocalDate effectiveFrom,
      List<Criterion> severity,
      String p3Text,
      Duration watchWindow,
      String recordWithin,
      List<Criterion> rollback) {
    public Version {
      severity = List.copyOf(severity);
      rollback = List.copyOf(rollback);
    }

    /**
     * The document's path under the company folder, e.g. {@code policies/operations_policy_v2.md}.
     */
    public String path() {
      return document.path();
    }
  }

  private static final class Holder {
    private static final List<Version> VERSIONS = load(CompanyData.yaml(PATH));
  }

  private PolicyRules() {}

  /** Every version, oldest first. */
  public static List<Version> versions() {
    return Holder.VERSIONS;
  }

  /**
   * The version in force at {@code at}: the latest whose effective day (UTC) has begun. Policy v2
   * applies from 2026-02-01 00:00 UTC; v1 before.
   *
   * @throws IllegalArgumentException before the first version took effect
   */
  public static Version at(Instant at) {
    Version found = null;
    for (Version v : versions()) {
      if (!at.isBefore(v.effectiveFrom().atStartOfDay(ZoneOffset.UTC).toInstant())) {
        found = v;
      }
    }
    if (found == null) {
      throw new IllegalArgumentException("no operations policy was in force at " + at);
    }
    return found;
  }

  /** The version with this name. */
  public static Version named(String name) {
    return versions().stream()
        .filter(v -> v.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no policy version " + name));
  }

  static List<Version> load(JsonNode root) {
    List<Version> versions = new ArrayList<>();
    root.path("versions")
        .fields()
        .forEachRemaining(
            entry -> {
              JsonNode v = entry.getValue();
              List<Criterion> severity = new ArrayList<>();
              for (String level : List.of("P1", "P2")) {
                for (JsonNode c : v.path("severity").path(level)) {
                  severity.add(criterion(level, c));
                }
              }
              List<Criterion> rollback = new ArrayList<>();
              for (JsonNode c : v.path("rollback").path("triggers")) {
                rollback.add(criterion("rollback", c));
              }
              String path = v.path("document").asText();
              CompanyDocument document =
                  java.util.Arrays.stream(CompanyDocument.values())
                      .filter(d -> d.path().equals(path))
                      .findFirst()
                      .orElseThrow(() -> new IllegalStateException("unknown document " + path));
              versions.add(
                  new Version(
                      entry.getKey(),
                      document,
                      LocalDate.parse(v.path("effective_from").asText()),
                      severity,
                      v.path("severity").path("P3").path("text").asText(),
                      Duration.ofMinutes(v.path("rollback").path("watch_window_minutes").asInt()),
                      v.path("rollback").path("record_within").asText(),
                      rollback));
            });
    versions.sort(java.util.Comparator.comparing(Version::effectiveFrom));
    return List.copyOf(versions);
  }

  private static Criterion criterion(String severity, JsonNode c) {
    List<String> tiers = new ArrayList<>();
    c.path("tiers").forEach(t -> tiers.add(t.asText()));
    return new Criterion(
        severity,
        tiers,
        c.hasNonNull("metric") ? c.get("metric").asText() : null,
        c.hasNonNull("event") ? c.get("event").asText() : null,
        c.path("comparator").asText(null),
        c.path("value").asDouble(0),
        c.hasNonNull("below") ? c.get("below").asDouble() : null,
        c.path("minutes").asInt(0),
        c.path("shown").asText(null),
        c.hasNonNull("amount_above_usd") ? c.get("amount_above_usd").asDouble() : null,
        c.path("text").asText());
  }
}
