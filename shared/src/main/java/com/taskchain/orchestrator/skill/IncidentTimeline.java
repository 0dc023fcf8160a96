package com.taskchain.orchestrator.skill;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When an incident was declared, mitigated and resolved, read from its INC ticket: declared is the
 * ticket's creation; mitigated and resolved are the times its description states ("Mitigated 09:58
 * partially and fully 10:20", "resolved 01:15 (2026-03-13)"), on the day of declaration unless a
 * date follows (a time before the declaration's is the next day). A ticket in a done status that
 * states no resolution time counts as resolved at its last update. Partial mitigation is not
 * mitigation.
 *
 * @param ticket the incident's ticket
 * @param declared when it was declared
 * @param mitigated when the impact was fully mitigated, if stated or implied by resolution
 * @param resolved when it was resolved, if it was
 */
public record IncidentTimeline(
    JiraTicket ticket, Instant declared, Optional<Instant> mitigated, Optional<Instant> resolved) {
  private static final String CLOCK = "(\\d{1,2}:\\d{2})";
  private static final Pattern MITIGATED =
      Pattern.compile(
          "\\bmitigated " + CLOCK + "( partially)?(?:.*?\\bfully " + CLOCK + ")?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern RESOLVED =
      Pattern.compile(
          "\\bresolved " + CLOCK + "(?: \\((\\d{4}-\\d{2}-\\d{2})\\))?", Pattern.CASE_INSENSITIVE);
  private static final Pattern ANY_CLOCK = Pattern.compile("(?<![\\d:])" + CLOCK + "(?![\\d:])");
  private static final Pattern ANY_DATE = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");

  /** Sentences that are only written after an incident is over. */
  private static final Pattern HINDSIGHT =
      Pattern.compile("^(?:postmortem|root cause|follow-?up)\\b", Pattern.CASE_INSENSITIVE);

  /** The timeline of an incident ticket. */
  public static IncidentTimeline of(JiraTicket ticket, List<String> doneStatuses) {
    Instant declared = ticket.created();
    String description = ticket.description();
    Optional<Instant> mitigated = Optional.empty();
    Matcher m = MITIGATED.matcher(description);
    if (m.find()) {
      if (m.group(2) == null) {
        mitigated = Optional.of(at(declared, m.group(1), null));
      } else if (m.group(3) != null) {
        mitigated = Optional.of(at(declared, m.group(3), null));
      }
    }
    Optional<Instant> resolved = Optional.empty();
    Matcher r = RESOLVED.matcher(description);
    if (r.find()) {
      resolved = Optional.of(at(declared, r.group(1), r.group(2)));
    } else if (ticket.isDone(doneStatuses)) {
      resolved = Optional.of(ticket.updated());
    }
    if (mitigated.isEmpty()) {
      mitigated = resolved;
    }
    return new IncidentTimeline(ticket, declared, mitigated, resolved);
  }

  /** A clock time of the description as an instant, relative to the declaration. */
  private static Instant at(Instant declared, String clock, String date) {
    LocalTime time = LocalTime.parse(clock.length() == 4 ? "0" + clock : clock);
    if (date != null) {
      return LocalDate.parse(date).atTime(time).toInstant(ZoneOffset.UTC);
    }
    Instant sameDay =
        declared.atZone(ZoneOffset.UTC).toLocalDate().atTime(time).toInstant(ZoneOffset.UTC);
    return sameDay.isBefore(declared.minus(Duration.ofMinutes(1)))
        ? sameDay.plus(Duration.ofDays(1))
        : sameDay;
  }

  /** Whether it had been declared and was not yet resolved at {@code at}. */
  public boolean openAt(Instant at) {
    return !declared.isAfter(at) && !resolvedAt(at);
  }

  /** Whether it was resolved at or before {@code at}. */
  public boolean resolvedAt(Instant at) {
    return resolved.isPresent() && !resolved.get().isAfter(at);
  }

  /** Whether its impact was mitigated at or before {@code at}. */
  public boolean mitigatedAt(Instant at) {
    return mitigated.isPresent() && !mitigated.get().isAfter(at);
  }

  /**
   * The sentences of the description that were already true at {@code at}: none names a later time
   * or date, and hindsight (postmortem, root cause, follow-up) only once it was resolved.
   */
  public List<String> sentencesKnownAt(Instant at) {
    boolean over = resolvedAt(at);
    return Text.sentences(ticket.description()).stream()
        .filter(s -> over || !HINDSIGHT.matcher(s).find())
        .filter(s -> !namesLaterTime(s, at))
        .toList();
  }

  private boolean namesLaterTime(String sentence, Instant at) {
    Matcher date = ANY_DATE.matcher(sentence);
    while (date.find()) {
      if (LocalDate.parse(date.group(1)).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(at)) {
        return true;
      }
    }
    Matcher clock = ANY_CLOCK.matcher(sentence);
    while (clock.find()) {
      if (at(declared, clock.group(1), null).isAfter(at)) {
        return true;
      }
    }
    return false;
  }
}
