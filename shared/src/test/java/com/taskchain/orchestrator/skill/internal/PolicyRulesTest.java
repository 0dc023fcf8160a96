package com.taskchain.orchestrator.skill.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PolicyRulesTest {
  @Test
  void lastMinuteOfJanuary_isV1_andFirstMinuteOfFebruary_isV2() {
    assertThat(PolicyRules.at(Instant.parse("2026-01-31T23:59:00Z")).name()).isEqualTo("v1");
    assertThat(PolicyRules.at(Instant.parse("2026-01-31T23:59:59Z")).name()).isEqualTo("v1");
    assertThat(PolicyRules.at(Instant.parse("2026-02-01T00:00:00Z")).name()).isEqualTo("v2");
    assertThat(PolicyRules.at(Instant.parse("2026-02-01T00:00:00Z")).path())
        .isEqualTo("policies/operations_policy_v2.md");
  }

  @Test
  void beforeTheFirstPolicy_nothingIsInForce() {
    assertThatThrownBy(() -> PolicyRules.at(Instant.parse("2024-12-31T23:59:00Z")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void v2RollbackTriggers_arePerTier_v1sApplyToEveryTier() {
    PolicyRules.Version v2 = PolicyRules.named("v2");
    assertThat(v2.rollback().stream().filter(c -> c.isMetric() && c.appliesTo("tier0")))
        .extracting(PolicyRules.Criterion::breachText)
        .containsExactly(
            "error_rate > 2.0 % for 5 minutes", "p95_latency_ms > 800 ms for 10 minutes");
    assertThat(v2.rollback().stream().filter(c -> c.isMetric() && c.appliesTo("tier1")))
        .extracting(PolicyRules.Criterion::breachText)
        .containsExactly(
            "error_rate > 3.0 % for 5 minutes", "p95_latency_ms > 1,200 ms for 10 minutes");
    PolicyRules.Version v1 = PolicyRules.named("v1");
    assertThat(v1.rollback().stream().filter(c -> c.isMetric() && c.appliesTo("tier2")))
        .extracting(PolicyRules.Criterion::breachText)
        .containsExactly(
            "error_rate > 5 % for 10 minutes", "p95_latency_ms > 1,500 ms for 15 minutes");
    assertThat(v2.watchWindow()).hasMinutes(60);
  }

  @Test
  void severityCriteria_areAtOrAbove_rollbackTriggersStrictlyAbove() {
    for (PolicyRules.Version v : PolicyRules.versions()) {
      assertThat(v.severity().stream().filter(PolicyRules.Criterion::isMetric))
          .allMatch(c -> c.comparator().equals(">="));
      assertThat(v.rollback().stream().filter(PolicyRules.Criterion::isMetric))
          .allMatch(c -> c.comparator().equals(">"));
    }
  }
}
