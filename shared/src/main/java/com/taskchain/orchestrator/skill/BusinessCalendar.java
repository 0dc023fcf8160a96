package com.taskchain.orchestrator.skill;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Business days and hours (Monday to Friday, 09:00–17:00 UTC; the company's files name no
 * holidays). Immutable and thread-safe.
 *
 * @param days the business days
 * @param from the start of a business day
 * @param to its end
 */
public record BusinessCalendar(List<DayOfWeek> days, LocalTime from, LocalTime to) {
  public BusinessCalendar {
    days = List.copyOf(days);
  }

  /** Whether {@code date} is a business day. */
  public boolean isBusinessDay(LocalDate date) {
    return days.contains(date.getDayOfWeek());
  }

  /** The date {@code n} business days after {@code date} (the same weekday a week later for 5). */
  public LocalDate plusBusinessDays(LocalDate date, int n) {
    LocalDate d = date;
    int left = n;
    while (left > 0) {
      d = d.plusDays(1);
      if (isBusinessDay(d)) {
        left--;
      }
    }
    return d;
  }

  /** The instant {@code n} business days after {@code at}, at the same time of day. */
  public Instant plusBusinessDays(Instant at, int n) {
    LocalDateTime t = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    return plusBusinessDays(t.toLocalDate(), n).atTime(t.toLocalTime()).toInstant(ZoneOffset.UTC);
  }

  /**
   * Business days from {@code from} (exclusive) to {@code to} (inclusive); negative when before.
   */
  public int businessDaysBetween(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      return -businessDaysBetween(to, from);
    }
    int n = 0;
    for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
      if (isBusinessDay(d)) {
        n++;
      }
    }
    return n;
  }

  /** The instant {@code hours} business hours after {@code at}. */
  public Instant plusBusinessHours(Instant at, int hours) {
    LocalDateTime t = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    Duration left = Duration.ofHours(hours);
    while (true) {
      if (!isBusinessDay(t.toLocalDate()) || !t.toLocalTime().isBefore(to)) {
        t = nextStart(t.toLocalDate());
        continue;
      }
      if (t.toLocalTime().isBefore(from)) {
        t = t.toLocalDate().atTime(from);
      }
      Duration today = Duration.between(t.toLocalTime(), to);
      if (left.compareTo(today) <= 0) {
        return t.plus(left).toInstant(ZoneOffset.UTC);
      }
      left = left.minus(today);
      t = nextStart(t.toLocalDate());
    }
  }

  private LocalDateTime nextStart(LocalDate date) {
    LocalDate d = date.plusDays(1);
    while (!isBusinessDay(d)) {
      d = d.plusDays(1);
    }
    return d.atTime(from);
  }
}
