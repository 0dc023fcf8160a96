package com.taskchain.orchestrator.skill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.answer.Claim;
import com.taskchain.orchestrator.answer.EvidenceIndex;
import com.taskchain.orchestrator.answer.Findings;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.tool.Upstream;
import com.taskchain.orchestrator.tool.company.JiraSearchTickets;
import com.taskchain.orchestrator.tool.company.LogsSearch;
import com.taskchain.orchestrator.tool.company.MetricsQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The skills over the company's real records (Jira, metrics and logs served from their data files):
 * each result comes from the rules, and every claim is grounded in what it cites.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SkillsOverCompanyDataTest {
  private FakeCompanySystems systems;

  @BeforeAll
  void start() throws Exception {
    systems = new FakeCompanySystems();
  }

  @AfterAll
  void stop() {
    systems.close();
  }

  /** The evidence a recipe fetches for a service and window, as upstream steps. */
  private List<Upstream.Step> evidence(String service, Instant from, Instant to) throws Exception {
    List<Upstream.Step> steps = new ArrayList<>();
    JiraSearchTickets jira = new JiraSearchTickets(systems.config());
    for (String project : List.of("INC", "CHG")) {
      steps.add(
          step(
              "jira_" + project,
              JiraSearchTickets.NAME,
              Json.tree(
                  jira.call(new JiraSearchTickets.Input(project, null, null, service, null, 50)))));
    }
    steps.add(
        step(
            "metrics",
            MetricsQuery.NAME,
            Json.tree(
                new MetricsQuery(systems.config())
                    .call(
                        new MetricsQuery.Input(service, from.toString(), to.toString(), "PT1M")))));
    steps.add(
        step(
            "logs",
            LogsSearch.NAME,
            Json.tree(
                new LogsSearch(systems.config())
                    .call(
                        new LogsSearch.Input(
                            service, from.toString(), to.toString(), null, null, 1000)))));
    return steps;
  }

  private static Upstream.Step step(String id, String tool, JsonNode output) {
    return new Upstream.Step(id, tool, true, output, null);
  }

  private static void assertGrounded(List<Upstream.Step> steps, Findings findings) {
    List<Upstream.Step> all = new ArrayList<>(steps);
    all.add(step("skill", findings.skill(), Json.tree(findings)));
    EvidenceIndex index = EvidenceIndex.of(all);
    for (Claim claim : findings.claims()) {
      assertThat(claim.citations()).as(claim.text()).isNotEmpty().allMatch(index::contains);
      assertThat(index.ungrounded(claim.text(), claim.citations())).as(claim.text()).isEmpty();
    }
  }

  private Findings severity(String service, String start, String end) throws Exception {
    Instant from = Instant.parse(start);
    List<Upstream.Step> steps =
        evidence(service, from.minus(Duration.ofHours(1)), Instant.parse(end));
    Findings findings =
        new AssessSeverity()
            .call(new AssessSeverity.Input(service, start, end, null, null), new Upstream(steps));
    assertGrounded(steps, findings);
    return findings;
  }

  private Findings rollback(String service, String change, String deployedAt) throws Exception {
    Instant at = Instant.parse(deployedAt);
    List<Upstream.Step> steps = evidence(service, at, at.plus(Duration.ofMinutes(60)));
    Findings findings =
        new EvaluateRollback()
            .call(
                new EvaluateRollback.Input(service, change, deployedAt, null, null),
                new Upstream(steps));
    assertGrounded(steps, findings);
    return findings;
  }

  @Test
  void ledgerReconciliationMismatch_isP1_whileTheMetricsLookNormal() throws Exception {
    Findings f = severity("ledger-core", "2026-05-05T07:30:00Z", "2026-05-05T12:00:00Z");
    assertThat(f.fields().path("severity").asText()).isEqualTo("P1");
    assertThat(f.fields().path("incident").asText()).isEqualTo("INC-2351");
    assertThat(f.fields().path("owner_team").asText()).isEqualTo("Ledger & Settlement");
    assertThat(f.claims()).anyMatch(c -> c.text().contains("Henrik Solberg"));
  }

  @Test
  void tier1BelowItsP2Thresholds_isP3() throws Exception {
    Findings f = severity("inventory-sync", "2026-04-22T09:30:00Z", "2026-04-22T14:00:00Z");
    assertThat(f.fields().path("severity").asText()).isEqualTo("P3");
    assertThat(f.claims()).anyMatch(c -> c.text().contains("1,200 ms"));
  }

  @Test
  void p3_isReportedInTheOwningTeamsChannel_p1InTheBridgeAndExecutiveChannels() throws Exception {
    Findings p3 = severity("inventory-sync", "2026-04-22T09:30:00Z", "2026-04-22T14:00:00Z");
    Findings p1 = severity("identity-hub", "2026-04-07T15:30:00Z", "2026-04-07T17:30:00Z");

    assertThat(p3.claims())
        .anySatisfy(
            c -> {
              assertThat(c.text()).contains("P3 reporting", "#team-integrations");
              assertThat(c.citations()).contains("tool_configs/slack.yaml#team_channels");
            });
    assertThat(p1.claims())
        .anySatisfy(
            c -> assertThat(c.text()).contains("P1 reporting", "#inc-bridge", "#exec-updates"));
  }

  @Test
  void tier0ErrorRateAtOrAboveFivePercent_isP1() throws Exception {
    Findings f = severity("identity-hub", "2026-04-07T15:30:00Z", "2026-04-07T17:30:00Z");
    assertThat(f.fields().path("severity").asText()).isEqualTo("P1");
    assertThat(f.claims()).anyMatch(c -> c.text().contains("≥ 5 % sustained for 5 minutes"));
  }

  @Test
  void aQuietWindow_isP3_withNoIncidentAndTheReasonSaid() throws Exception {
    Findings f = severity("catalog-service", "2026-05-12T09:00:00Z", "2026-05-12T11:00:00Z");
    assertThat(f.fields().path("severity").asText()).isEqualTo("P3");
    assertThat(f.fields().has("incident")).isFalse();
    assertThat(f.unknowns()).anyMatch(u -> "incident".equals(u.field()));
  }

  @Test
  void p95AboveTheTier0TriggerForTenMinutesInTheWatchWindow_rollsBack() throws Exception {
    Findings f = rollback("payments-gateway", "CHG-4320", "2026-05-20T09:30:00Z");
    assertThat(f.fields().path("rollback").asBoolean()).isTrue();
    assertThat(f.fields().path("threshold_breached").asText())
        .isEqualTo("p95_latency_ms > 800 ms for 10 minutes");
    assertThat(f.fields().path("policy_version").asText()).isEqualTo("v2");
    assertThat(f.claims()).anyMatch(c -> c.text().contains("conveyor rollback payments-gateway"));
  }

  @Test
  void peaksBelowTheTriggers_fixForward() throws Exception {
    Findings f = rollback("atlas-checkout", "CHG-4298", "2026-05-14T09:00:00Z");
    assertThat(f.fields().path("rollback").asBoolean()).isFalse();
    assertThat(f.fields().has("threshold_breached")).isFalse();
    assertThat(f.claims()).anyMatch(c -> c.text().contains("fix forward"));
  }

  @Test
  void aDeploymentInJanuary_isJudgedByV1() throws Exception {
    Findings f = rollback("atlas-checkout", "CHG-4102", "2026-01-20T10:00:00Z");
    assertThat(f.fields().path("policy_version").asText()).isEqualTo("v1");
    assertThat(f.claims())
        .anyMatch(c -> c.text().contains("above 5 % for 10 minutes"))
        .allMatch(c -> c.citations().stream().noneMatch(id -> id.contains("operations_policy_v2")));
  }
}
