package com.taskchain.orchestrator.skill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
  private final BusinessCalendar calendar = OperationsRules.version("v2").calendar();

  @Test
  void fiveBusinessDays_isTheSameWeekdayAWeekLater() {
    assertThat(calendar.plusBusinessDays(LocalDate.parse("2026-05-05"), 5))
        .isEqualTo(LocalDate.parse("2026-05-12"));
    assertThat(calendar.plusBusinessDays(Instant.parse("2026-05-11T09:00:00Z"), 5))
        .isEqualTo(Instant.parse("2026-05-18T09:00:00Z"));
  }

  @Test
  void businessDaysSkipTheWeekend() {
    assertThat(calendar.plusBusinessDays(LocalDate.parse("2026-05-15"), 1))
        .as("Friday + 1")
        .isEqualTo(LocalDate.parse("2026-05-18"));
    assertThat(calendar.plusBusinessDays(LocalDate.parse("2026-05-16"), 1))
        .as("Saturday + 1")
        .isEqualTo(LocalDate.parse("2026-05-18"));
    assertThat(
            calendar.businessDaysBetween(
                LocalDate.parse("2026-05-12"), LocalDate.parse("2026-05-14")))
        .isEqualTo(2);
  }

  @Test
  void businessHours_runFromNineToFive_onWeekdays() {
    assertThat(calendar.plusBusinessHours(Instant.parse("2026-05-11T09:00:00Z"), 4))
        .isEqualTo(Instant.parse("2026-05-11T13:00:00Z"));
    assertThat(calendar.plusBusinessHours(Instant.parse("2026-05-11T15:00:00Z"), 4))
        .as("two hours on Monday, two on Tuesday")
        .isEqualTo(Instant.parse("2026-05-12T11:00:00Z"));
    assertThat(calendar.plusBusinessHours(Instant.parse("2026-05-15T16:00:00Z"), 4))
        .as("Friday 16:00 + 4 h = Monday 12:00")
        .isEqualTo(Instant.parse("2026-05-18T12:00:00Z"));
    assertThat(calendar.plusBusinessHours(Instant.parse("2026-05-16T20:00:00Z"), 4))
        .as("declared on Saturday evening")
        .isEqualTo(Instant.parse("2026-05-18T13:00:00Z"));
    assertThat(calendar.plusBusinessHours(Instant.parse("2026-05-11T17:00:00Z"), 4))
        .as("at closing time")
        .isEqualTo(Instant.parse("2026-05-12T13:00:00Z"));
  }
}
