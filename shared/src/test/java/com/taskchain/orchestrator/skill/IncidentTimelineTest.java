package com.taskchain.orchestrator.skill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading an incident's times from its ticket. */
class IncidentTimelineTest {
  private static final List<String> DONE = List.of("Resolved", "Closed", "Done");

  private static IncidentTimeline of(String created, String description, String status) {
    Instant at = Instant.parse(created);
    return IncidentTimeline.of(
        new JiraTicket(
            "INC-1",
            "INC",
            "s",
            description,
            status,
            "P2",
            "x",
            at,
            at.plusSeconds(86_400),
            List.of()),
        DONE);
  }

  @Test
  void aResolutionAfterMidnightWithItsDate_isThatDay() {
    IncidentTimeline t =
        of("2026-03-12T22:30:00Z", "Acknowledged 22:41. Resolved 01:15 (2026-03-13).", "Resolved");
    assertThat(t.resolved()).contains(Instant.parse("2026-03-13T01:15:00Z"));
  }

  @Test
  void aTimeBeforeTheDeclarationWithoutADate_isTheNextDay() {
    IncidentTimeline t = of("2026-03-12T22:30:00Z", "Mitigated 00:40; resolved 01:15.", "Open");
    assertThat(t.mitigated()).contains(Instant.parse("2026-03-13T00:40:00Z"));
  }

  @Test
  void aDoneTicketWithoutAResolutionTime_isResolvedAtItsLastUpdate() {
    IncidentTimeline t = of("2026-01-28T10:15:00Z", "Fixed by re-running the job.", "Closed");
    assertThat(t.resolved()).contains(Instant.parse("2026-01-29T10:15:00Z"));
    assertThat(t.mitigated()).isEqualTo(t.resolved());
  }

  @Test
  void anOpenTicketWithoutTimes_isOpenFromItsDeclaration() {
    IncidentTimeline t = of("2026-05-20T11:05:00Z", "Alert 11:05 UTC: workers restarting.", "Open");
    assertThat(t.openAt(Instant.parse("2026-05-20T11:05:00Z"))).isTrue();
    assertThat(t.openAt(Instant.parse("2026-05-20T11:04:59Z"))).isFalse();
  }

  @Test
  void sentencesKnownAt_dropLaterTimesAndHindsight_untilResolved() {
    IncidentTimeline t =
        of(
            "2026-03-03T09:12:00Z",
            "Declared 09:12 UTC. Escalated at 10:12. Mitigated 10:20; resolved 10:40."
                + " Postmortem published 2026-03-09. Follow-up: PAY-726.",
            "Closed");
    assertThat(t.sentencesKnownAt(Instant.parse("2026-03-03T10:12:00Z")))
        .containsExactly("Declared 09:12 UTC.", "Escalated at 10:12.");
    assertThat(t.sentencesKnownAt(Instant.parse("2026-03-10T00:00:00Z"))).hasSize(5);
  }
}
