package com.taskchain.orchestrator.skill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class OperationsRulesTest {
  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void thePolicyChangesAtMidnightOnTheFirstOfFebruary() {
    assertThat(OperationsRules.at(at("2026-01-31T23:59:59Z")).name()).isEqualTo("v1");
    assertThat(OperationsRules.at(at("2026-02-01T00:00:00Z")).name()).isEqualTo("v2");
    assertThat(OperationsRules.at(at("2026-01-31T23:59:59Z")).severity("P1").acknowledgeMinutes())
        .isEqualTo(15);
    assertThat(OperationsRules.at(at("2026-02-01T00:00:00Z")).severity("P1").acknowledgeMinutes())
        .isEqualTo(10);
  }

  @Test
  void freezeDates_areInclusiveFromTheFirstMinuteToTheLast() {
    OperationsRules v2 = OperationsRules.version("v2");
    assertThat(v2.freezeAt(at("2026-03-26T23:59:00Z"))).isEmpty();
    assertThat(v2.freezeAt(at("2026-03-27T00:00:00Z"))).isPresent();
    assertThat(v2.freezeAt(at("2026-04-02T23:59:00Z")).orElseThrow().name())
        .isEqualTo("Q1 financial close");
    assertThat(v2.freezeAt(at("2026-04-03T00:00:00Z"))).isEmpty();
  }

  @Test
  void windowsOpenAtTheirStart_andAChangeStartingAtTheirEndIsOutside() {
    OperationsRules.Window tier0 = OperationsRules.version("v2").window("tier0");
    assertThat(tier0.asWritten()).isEqualTo("Tuesday to Thursday, 08:00–16:00 UTC");
    assertThat(tier0.contains(at("2026-05-19T07:59:00Z"))).isFalse();
    assertThat(tier0.contains(at("2026-05-19T08:00:00Z"))).isTrue();
    assertThat(tier0.contains(at("2026-05-19T15:59:00Z"))).isTrue();
    assertThat(tier0.contains(at("2026-05-19T16:00:00Z"))).isFalse();
    assertThat(tier0.contains(at("2026-05-18T10:00:00Z"))).as("Monday").isFalse();
    assertThat(tier0.contains(at("2026-05-22T10:00:00Z"))).as("Friday").isFalse();
  }

  @Test
  void theTier0SchemaWindow_isTuesdayOrWednesdayMornings_andV1HadNone() {
    OperationsRules.Window schema = OperationsRules.version("v2").window("tier0_schema");
    assertThat(schema.asWritten()).isEqualTo("Tuesday or Wednesday, 08:00–12:00 UTC");
    assertThat(schema.contains(at("2026-06-03T11:59:00Z"))).isTrue();
    assertThat(schema.contains(at("2026-06-03T12:00:00Z"))).isFalse();
    assertThat(schema.contains(at("2026-06-04T10:00:00Z"))).as("Thursday").isFalse();
    OperationsRules.Window v1 = OperationsRules.version("v1").window("tier0_schema");
    assertThat(v1.asWritten()).isEqualTo("Monday to Thursday, 08:00–18:00 UTC");
  }

  @Test
  void approvalsAndFreezeExceptions_dependOnTheVersionAndTier() {
    assertThat(OperationsRules.version("v2").approvals("tier0"))
        .containsExactly("peer_review", "owning_em", "sre_primary_oncall");
    assertThat(OperationsRules.version("v1").approvals("tier0"))
        .containsExactly("peer_review", "owning_em");
    assertThat(OperationsRules.version("v2").freezeExceptionApprovers(true))
        .containsExactly("vp_engineering", "head_of_sre", "cto");
    assertThat(OperationsRules.version("v2").freezeExceptionApprovers(false))
        .containsExactly("vp_engineering", "head_of_sre");
    assertThat(OperationsRules.version("v1").freezeExceptionApprovers(true))
        .containsExactly("vp_engineering");
  }

  @Test
  void tiersComeFromCicd() {
    assertThat(OperationsRules.tierOf("ledger-core")).contains("tier0");
    assertThat(OperationsRules.tierOf("inventory-sync")).contains("tier1");
    assertThat(OperationsRules.tierOf("beacon-analytics")).contains("tier2");
    assertThat(OperationsRules.tierOf("nope")).isEmpty();
  }

  @Test
  void versionsKnowTheirDates() {
    assertThat(OperationsRules.version("v1").effectiveTo()).contains(LocalDate.parse("2026-01-31"));
    assertThat(OperationsRules.version("v2").effectiveFrom())
        .isEqualTo(LocalDate.parse("2026-02-01"));
    assertThat(OperationsRules.version("v2").effectiveTo()).isEmpty();
  }
}
