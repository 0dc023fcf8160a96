package com.taskchain.orchestrator.skill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RAG rules at their edges. */
class RagJudgementTest {
  private final ExecutiveRules rules = ExecutiveRules.load();

  private static final Instant DECLARED = Instant.parse("2026-03-03T09:12:00Z");

  private static IncidentTimeline incident(String severity, String description, String status) {
    JiraTicket ticket =
        new JiraTicket(
            "INC-9001",
            "INC",
            "test incident",
            description,
            status,
            severity,
            "payments-gateway",
            DECLARED,
            DECLARED.plusSeconds(3 * 3600),
            List.of());
    return IncidentTimeline.of(ticket, List.of("Resolved", "Closed", "Done"));
  }

  private RagJudgement.Verdict judge(String at, IncidentTimeline... incidents) {
    return RagJudgement.judge(
        rules,
        new RagJudgement.Signals(
            Instant.parse(at), List.of(incidents), List.of(), List.of(), List.of()));
  }

  @Test
  void openUnmitigatedP1_isRed() {
    assertThat(
            judge("2026-03-03T10:12:00Z", incident("P1", "Declared 09:12 UTC.", "Open")).status())
        .isEqualTo(Rag.RED);
  }

  @Test
  void p1MitigatedExactlyAtTheUpdate_isAmber_andAMinuteLater_isRed() {
    IncidentTimeline p1 = incident("P1", "Mitigated 10:12 by failover; resolved 10:40.", "Closed");
    assertThat(judge("2026-03-03T10:12:00Z", p1).status()).isEqualTo(Rag.AMBER);
    assertThat(judge("2026-03-03T10:11:00Z", p1).status()).isEqualTo(Rag.RED);
  }

  @Test
  void partialMitigation_isNotMitigation() {
    IncidentTimeline p1 =
        incident("P1", "Mitigated 09:58 partially and fully 10:20 by rerouting.", "Closed");
    assertThat(judge("2026-03-03T10:12:00Z", p1).status()).isEqualTo(Rag.RED);
    assertThat(judge("2026-03-03T10:20:00Z", p1).status()).isEqualTo(Rag.AMBER);
  }

  @Test
  void incidentResolvedExactlyAtTheUpdate_isGreen_aMinuteEarlierWithoutMitigation_isRed() {
    IncidentTimeline p1 = incident("P1", "Reconciliation clean; resolved 11:40.", "Resolved");
    assertThat(judge("2026-03-03T11:40:00Z", p1).status()).isEqualTo(Rag.GREEN);
    assertThat(judge("2026-03-03T11:39:00Z", p1).status()).isEqualTo(Rag.RED);
  }

  @Test
  void openP2_isAmber_openP3_isGreen() {
    assertThat(judge("2026-03-03T10:00:00Z", incident("P2", "Alert 09:12.", "Open")).status())
        .isEqualTo(Rag.AMBER);
    assertThat(judge("2026-03-03T10:00:00Z", incident("P3", "Alert 09:12.", "Open")).status())
        .isEqualTo(Rag.GREEN);
  }

  @Test
  void incidentNotYetDeclared_doesNotCount() {
    assertThat(judge("2026-03-03T09:11:59Z", incident("P1", "Declared 09:12.", "Open")).status())
        .isEqualTo(Rag.GREEN);
  }

  @Test
  void decisionNeeded_orHighRisk_isAmber_mediumRiskAlone_isGreen() {
    Instant at = Instant.parse("2026-05-20T12:00:00Z");
    assertThat(
            RagJudgement.judge(
                    rules,
                    new RagJudgement.Signals(
                        at, List.of(), List.of(), List.of("move the switch-off"), List.of()))
                .status())
        .isEqualTo(Rag.AMBER);
    assertThat(
            RagJudgement.judge(
                    rules,
                    new RagJudgement.Signals(
                        at,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(new RagJudgement.Risk("R1", "High"))))
                .status())
        .isEqualTo(Rag.AMBER);
    assertThat(
            RagJudgement.judge(
                    rules,
                    new RagJudgement.Signals(
                        at,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(new RagJudgement.Risk("R2", "medium"))))
                .status())
        .isEqualTo(Rag.GREEN);
  }

  @Test
  void overdueMilestone_isRed_evenWithDecisionsPending() {
    RagJudgement.Verdict verdict =
        RagJudgement.judge(
            rules,
            new RagJudgement.Signals(
                Instant.parse("2026-06-04T00:00:00Z"),
                List.of(),
                List.of("phase 5 (planned 2026-06-03)"),
                List.of("go / no-go"),
                List.of()));
    assertThat(verdict.status()).isEqualTo(Rag.RED);
    assertThat(verdict.because()).singleElement().asString().contains("phase 5");
  }
}
