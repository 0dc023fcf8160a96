package com.taskchain.orchestrator.skill.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CompanyFactsTest {
  @Test
  void tiers_comeFromCicdServiceTiers() {
    assertThat(CompanyFacts.tier("atlas-checkout")).contains("tier0");
    assertThat(CompanyFacts.tier("ledger-core")).contains("tier0");
    assertThat(CompanyFacts.tier("inventory-sync")).contains("tier1");
    assertThat(CompanyFacts.tier("beacon-analytics")).contains("tier2");
    assertThat(CompanyFacts.tier("no-such-service")).isEmpty();
  }

  @Test
  void profileRow_givesTheTierAndTeamAsTheProfileWritesThem() {
    CompanyFacts.ProfileRow row = CompanyFacts.profileRow("webhook-dispatcher").orElseThrow();
    assertThat(row.name()).isEqualTo("Webhook Dispatcher");
    assertThat(row.tier()).isEqualTo("Tier 1");
    assertThat(row.owningTeam()).isEqualTo("Merchant Integrations");
    assertThat(CompanyFacts.profileRow("ledger-core").orElseThrow().owningTeam())
        .isEqualTo("Ledger & Settlement");
  }

  @Test
  void tierOfCicd_agreesWithTheProfile_forEveryService() {
    for (String service :
        new String[] {
          "atlas-checkout",
          "checkout-classic",
          "payments-gateway",
          "ledger-core",
          "identity-hub",
          "settlement-engine",
          "fraud-sentinel",
          "webhook-dispatcher",
          "inventory-sync",
          "catalog-service",
          "beacon-analytics"
        }) {
      assertThat(Texts.tierName(CompanyFacts.tier(service).orElseThrow()))
          .as(service)
          .isEqualTo(CompanyFacts.profileRow(service).orElseThrow().tier());
    }
  }

  @Test
  void rotaWeek_changesAtTheMondayHandOver() {
    JsonNode before = CompanyFacts.rotaWeek(Instant.parse("2026-05-18T08:59:00Z")).orElseThrow();
    JsonNode after = CompanyFacts.rotaWeek(Instant.parse("2026-05-18T09:00:00Z")).orElseThrow();
    assertThat(before.path("week_of").asText()).isEqualTo("2026-05-11");
    assertThat(after.path("week_of").asText()).isEqualTo("2026-05-18");
    assertThat(CompanyFacts.rotaTeam("inventory-sync")).contains("integrations");
  }

  @Test
  void runbookSections_areFoundByHeading() {
    CompanyFacts.Section rollback =
        CompanyFacts.section(CompanyDocument.RUNBOOK_PAYMENTS_GATEWAY, "Rollback").orElseThrow();
    assertThat(rollback.anchor()).isEqualTo("rollback");
    assertThat(rollback.text()).contains("conveyor rollback payments-gateway");
    assertThat(Texts.anchor("5. Rollback triggers")).isEqualTo("5-rollback-triggers");
  }
}
