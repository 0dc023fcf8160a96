package com.taskchain.orchestrator.retrieval.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class QueryPeriodsTest {
  private static final LocalDate TODAY = LocalDate.parse("2026-05-20");

  private static String period(String query) {
    return QueryPeriods.find(query, TODAY).map(p -> p.first() + ".." + p.last()).orElse("none");
  }

  @Test
  void monthsChainedToOneYear_coverBothMonths() {
    assertThat(period("ledger core incidents in june and july 2025"))
        .isEqualTo("2025-06-01..2025-07-31");
    assertThat(period("June, July and August 2025")).isEqualTo("2025-06-01..2025-08-31");
  }

  @Test
  void quartersAndHalves_withTheirYear() {
    assertThat(period("payments gateway problems in Q3 2025")).isEqualTo("2025-07-01..2025-09-30");
    assertThat(period("the third quarter of 2025")).isEqualTo("2025-07-01..2025-09-30");
    assertThat(period("H1 2025 outages")).isEqualTo("2025-01-01..2025-06-30");
  }

  @Test
  void monthWithoutYear_isTheLatestThatHasBegun() {
    assertThat(period("what broke last March")).isEqualTo("2026-03-01..2026-03-31");
    assertThat(period("timeouts in June")).isEqualTo("2025-06-01..2025-06-30");
    assertThat(period("last May")).isEqualTo("2025-05-01..2025-05-31");
  }

  @Test
  void relativePeriods_countFromToday() {
    assertThat(period("incidents last month")).isEqualTo("2026-04-01..2026-04-30");
    assertThat(period("anything in the past 3 months")).isEqualTo("2026-02-20..2026-05-20");
    assertThat(period("fraud alerts last year")).isEqualTo("2025-01-01..2025-12-31");
    assertThat(period("since Q1 2026")).isEqualTo("2026-01-01..2026-05-20");
  }

  @Test
  void yearsAlone_andMonthDates() {
    assertThat(period("webhook backlog in 2024")).isEqualTo("2024-01-01..2024-12-31");
    assertThat(period("the outage on March 5, 2026")).isEqualTo("2026-03-01..2026-03-31");
  }

  @Test
  void detailsThatAreNotPeriods_areIgnored() {
    assertThat(period("INC-2291 postmortem published 2026-01-29")).isEqualTo("none");
    assertThat(period("release 2026.05.20-1 may cause latency")).isEqualTo("none");
    assertThat(period("the marketing team may decide")).isEqualTo("none");
  }

  @Test
  void relativePeriods_needToday() {
    assertThat(QueryPeriods.find("incidents last March", null)).isEmpty();
    assertThat(QueryPeriods.find("incidents in March 2026", null)).isPresent();
  }

  @Test
  void rest_dropsThePeriodWords() {
    String query = "ledger core incidents in june and july 2025";
    assertThat(QueryPeriods.find(query, TODAY).orElseThrow().rest(query))
        .startsWith("ledger core incidents in")
        .doesNotContain("june", "july", "2025");
  }
}
