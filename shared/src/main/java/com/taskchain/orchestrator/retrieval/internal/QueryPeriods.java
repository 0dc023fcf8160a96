package com.taskchain.orchestrator.retrieval.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the period a search query names ("ledger core incidents in june and july 2025", "payments
 * gateway problems in Q3 2025", "last March", "the past 3 months") as a range of days, so that the
 * search can filter on the records' dates instead of looking for the words "june" and "2025" in
 * their text.
 *
 * <p>Periods are months, quarters, halves and years, and the relative "last month", "this year",
 * "past 6 weeks"; a month or quarter without a year is the latest one that has begun by {@code
 * today}. A year written once applies to the months chained to it ("june and july 2025"). "since"
 * and "after" open the period's end up to {@code today}, "before" and "until" its start. Single
 * days ("2026-02-18") are left to the text search: a day in a query is as often a detail of the
 * record ("postmortem published 2026-01-29") as the record's date. Several periods are joined into
 * the one range that covers them.
 *
 * <p>This is not {@code tool.text.internal.TimeExpressions}: that one resolves deadlines forward to
 * single days ("by Friday", "end of Q3"), while a search names past periods as ranges. Pure and
 * thread-safe.
 */
public final class QueryPeriods {
  private QueryPeriods() {}

  /**
   * The period a query names.
   *
   * @param first the first day, UTC
   * @param last the last day, UTC (inclusive)
   * @param phrases where the period phrases are in the query, as {@code [start, end)} pairs
   */
  public record Period(LocalDate first, LocalDate last, List<int[]> phrases) {
    public Period {
      phrases = List.copyOf(phrases);
    }

    /** The query without the period's phrases (what is left to search as text). */
    public String rest(String query) {
      StringBuilder rest = new StringBuilder();
      int at = 0;
      for (int[] phrase : phrases) {
        rest.append(query, at, phrase[0]).append(' ');
        at = phrase[1];
      }
      return rest.append(query, at, query.length()).toString();
    }
  }

  private static final String MONTH =
      "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          + "|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
  private static final String YEAR = "((?:19|20)\\d{2})(?![\\w.:/-]|,\\d)";
  private static final String LEAD = "(?:\\b(since|after|from|before|until|till|by)\\s+)?";
  private static final int FLAGS = Pattern.CASE_INSENSITIVE;

  /** "June 2025", "last March", "March 5, 2026", "5 March 2026", "Jun '25". */
  private static final Pattern MONTH_PHRASE =
      Pattern.compile(
          LEAD
              + "\\b(?:(last|previous|this)\\s+)?(?:(?<![\\w.:/-])(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?)?"
              + MONTH
              + "(?![\\w-])(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\w:.-]))?(?:,?\\s+"
              + YEAR
              + ")?",
          FLAGS);

  /** "Q3 2025", "Q3'25", "the third quarter of 2025", "last Q2", "2025 Q3". */
  private static final Pattern QUARTER_PHRASE =
      Pattern.compile(
          LEAD
              + "\\b(?:(last|previous|this)\\s+)?(?:((?:19|20)\\d{2})\\s*[-/ ]?\\s*)?"
              + "(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th)\\s+quarter)"
              + "(?:(?:\\s+of|,)?\\s*(?:'(\\d{2})\\b|"
              + YEAR
              + "))?\\b",
          FLAGS);

  /** "H1 2025", "the second half of 2025". */
  private static final Pattern HALF_PHRASE =
      Pattern.compile(
          LEAD
              + "\\b(?:h([12])|(first|second|1st|2nd)\\s+half)(?:(?:\\s+of|,)?\\s*"
              + YEAR
              + ")?\\b",
          FLAGS);

  /** "in 2025", "2025". */
  private static final Pattern YEAR_PHRASE =
      Pattern.compile(LEAD + "(?<![\\w.,:/-])" + YEAR, FLAGS);

  /** "last month", "this quarter", "past 3 months", "last 2 weeks", "year to date". */
  private static final Pattern RELATIVE_PHRASE =
      Pattern.compile(
          "\\b(?:(?:(last|past|previous|this|current)\\s+(?:(\\d{1,2}|two|three|four|five|six"
              + "|twelve)\\s+)?(days?|weeks?|months?|quarters?|years?))|(year\\s+to\\s+date|ytd)"
              + ")\\b",
          FLAGS);

  private record Found(int start, int end, LocalDate first, LocalDate last) {}

  /**
   * The period the query names, if any.
   *
   * @param today the day relative phrases count from; null reads only periods with a year
   */
  public static Optional<Period> find(String query, LocalDate today) {
    List<Found> found = new ArrayList<>();
    months(query, today, found);
    quarters(query, today, found);
    halves(query, found);
    relative(query, today, found);
    Matcher year = YEAR_PHRASE.matcher(query);
    while (year.find()) {
      int y = Integer.parseInt(year.group(2));
      add(found, year, year.group(1), LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31), today);
    }
    List<Found> kept = nonOverlapping(found);
    if (kept.isEmpty()) {
      return Optional.empty();
    }
    LocalDate first = kept.stream().map(Found::first).min(Comparator.naturalOrder()).get();
    LocalDate last = kept.stream().map(Found::last).max(Comparator.naturalOrder()).get();
    return Optional.of(
        new Period(first, last, kept.stream().map(f -> new int[] {f.start(), f.end()}).toList()));
  }

  private static void months(String query, LocalDate today, List<Found> found) {
    Matcher m = MONTH_PHRASE.matcher(query);
    List<int[]> spans = new ArrayList<>();
    List<Integer> months = new ArrayList<>();
    List<Integer> years = new ArrayList<>();
    List<String> leads = new ArrayList<>();
    List<Boolean> last = new ArrayList<>();
    while (m.find()) {
      String name = m.group(4);
      boolean hasYear = m.group(6) != null;
      boolean hasDay = m.group(3) != null || m.group(5) != null;
      // "may" is mostly the verb: only "May" with a year or a day, or after "in"/"last"/"of".
      if (name.equalsIgnoreCase("may")
          && !hasYear
          && !hasDay
          && m.group(2) == null
          && !query.substring(0, m.start(4)).matches("(?is).*\\b(in|of|during|since|from)\\s+$")) {
        continue;
      }
      spans.add(new int[] {m.start(), m.end()});
      months.add(month(name));
      years.add(hasYear ? Integer.parseInt(m.group(6)) : null);
      leads.add(m.group(1));
      last.add(m.group(2) != null && !m.group(2).equalsIgnoreCase("this"));
    }
    // A year written once applies to the months chained to it: "June and July 2025".
    for (int i = months.size() - 2; i >= 0; i--) {
      if (years.get(i) == null
          && years.get(i + 1) != null
          && chained(query, spans.get(i)[1], spans.get(i + 1)[0])) {
        years.set(i, years.get(i + 1));
      }
    }
    for (int i = 1; i < months.size(); i++) {
      if (years.get(i) == null
          && years.get(i - 1) != null
          && chained(query, spans.get(i - 1)[1], spans.get(i)[0])) {
        years.set(i, months.get(i) >= months.get(i - 1) ? years.get(i - 1) : years.get(i - 1) + 1);
      }
    }
    for (int i = 0; i < months.size(); i++) {
      Integer year = years.get(i);
      if (year == null) {
        if (today == null) {
          continue;
        }
        int month = months.get(i);
        boolean strictlyBefore = last.get(i);
        year =
            month < today.getMonthValue() || (month == today.getMonthValue() && !strictlyBefore)
                ? today.getYear()
                : today.getYear() - 1;
      }
      YearMonth period = YearMonth.of(year, months.get(i));
      found.add(
          lead(
              spans.get(i)[0],
              spans.get(i)[1],
              leads.get(i),
              period.atDay(1),
              period.atEndOfMonth(),
              today));
    }
  }

  private static boolean chained(String query, int from, int to) {
    return query
        .substring(from, to)
        .matches(
            "(?i)\\s*(?:,|and|or|&|to|through|thru|until|till|-|–|—|/)?\\s*(?:,?\\s*and)?\\s*");
  }

  private static void quarters(String query, LocalDate today, List<Found> found) {
    Matcher m = QUARTER_PHRASE.matcher(query);
    while (m.find()) {
      int quarter = m.group(4) != null ? Integer.parseInt(m.group(4)) : ordinal(m.group(5));
      Integer year =
          m.group(3) != null
              ? Integer.valueOf(m.group(3))
              : m.group(6) != null
                  ? Integer.valueOf(2000 + Integer.parseInt(m.group(6)))
                  : m.group(7) != null ? Integer.valueOf(m.group(7)) : null;
      if (year == null) {
        if (today == null) {
          continue;
        }
        int current = today.get(IsoFields.QUARTER_OF_YEAR);
        boolean strictlyBefore = m.group(2) != null && !m.group(2).equalsIgnoreCase("this");
        year =
            quarter < current || (quarter == current && !strictlyBefore)
                ? today.getYear()
                : today.getYear() - 1;
      }
      LocalDate first = LocalDate.of(year, quarter * 3 - 2, 1);
      add(found, m, m.group(1), first, first.plusMonths(3).minusDays(1), today);
    }
  }

  private static void halves(String query, List<Found> found) {
    Matcher m = HALF_PHRASE.matcher(query);
    while (m.find()) {
      if (m.group(4) == null) {
        continue; // "first half" alone is too often not a date ("the first half of the batch").
      }
      int half = m.group(2) != null ? Integer.parseInt(m.group(2)) : ordinal(m.group(3));
      int year = Integer.parseInt(m.group(4));
      LocalDate first = LocalDate.of(year, half == 1 ? 1 : 7, 1);
      add(found, m, m.group(1), first, first.plusMonths(6).minusDays(1), null);
    }
  }

  private static void relative(String query, LocalDate today, List<Found> found) {
    if (today == null) {
      return;
    }
    Matcher m = RELATIVE_PHRASE.matcher(query);
    while (m.find()) {
      if (m.group(4) != null) {
        found.add(new Found(m.start(), m.end(), LocalDate.of(today.getYear(), 1, 1), today));
        continue;
      }
      String which = m.group(1).toLowerCase(Locale.ROOT);
      String unit = m.group(3).toLowerCase(Locale.ROOT).replaceAll("s$", "");
      boolean current = which.equals("this") || which.equals("current");
      if (m.group(2) != null || which.equals("past")) {
        // "past 3 months", "last 2 weeks", "past year": the span up to today.
        int n = m.group(2) == null ? 1 : count(m.group(2));
        LocalDate first =
            switch (unit) {
              case "day" -> today.minusDays(n);
              case "week" -> today.minusWeeks(n);
              case "month" -> today.minusMonths(n);
              case "quarter" -> today.minusMonths(3L * n);
              default -> today.minusYears(n);
            };
        found.add(new Found(m.start(), m.end(), first, today));
        continue;
      }
      LocalDate[] range =
          switch (unit) {
            case "day" -> new LocalDate[] {today.minusDays(current ? 0 : 1), today};
            case "week" -> {
              LocalDate monday = today.minusDays(today.getDayOfWeek().getValue() - 1L);
              LocalDate start = current ? monday : monday.minusWeeks(1);
              yield new LocalDate[] {start, current ? today : monday.minusDays(1)};
            }
            case "month" -> {
              YearMonth month = YearMonth.from(today).minusMonths(current ? 0 : 1);
              yield new LocalDate[] {month.atDay(1), month.atEndOfMonth()};
            }
            case "quarter" -> {
              LocalDate start =
                  LocalDate.of(today.getYear(), today.get(IsoFields.QUARTER_OF_YEAR) * 3 - 2, 1)
                      .minusMonths(current ? 0 : 3);
              yield new LocalDate[] {start, start.plusMonths(3).minusDays(1)};
            }
            default -> {
              int year = today.getYear() - (current ? 0 : 1);
              yield new LocalDate[] {LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)};
            }
          };
      found.add(new Found(m.start(), m.end(), range[0], range[1]));
    }
  }

  private static void add(
      List<Found> found, Matcher m, String lead, LocalDate first, LocalDate last, LocalDate today) {
    found.add(lead(m.start(), m.end(), lead, first, last, today));
  }

  /** "since June 2025" runs from June 2025 to today; "before June 2025" up to its start. */
  private static Found lead(
      int start, int end, String lead, LocalDate first, LocalDate last, LocalDate today) {
    if (lead == null) {
      return new Found(start, end, first, last);
    }
    return switch (lead.toLowerCase(Locale.ROOT)) {
      case "since", "after" ->
          new Found(start, end, first, today != null && today.isAfter(last) ? today : last);
      case "before" -> new Found(start, end, LocalDate.of(2000, 1, 1), first.minusDays(1));
      case "until", "till", "by" -> new Found(start, end, LocalDate.of(2000, 1, 1), last);
      default -> new Found(start, end, first, last); // "from June" is June
    };
  }

  /** The earliest, then longest, of overlapping phrases. */
  private static List<Found> nonOverlapping(List<Found> found) {
    List<Found> sorted = new ArrayList<>(found);
    sorted.sort(
        Comparator.comparingInt(Found::start).thenComparingInt(f -> -(f.end() - f.start())));
    List<Found> kept = new ArrayList<>();
    int end = -1;
    for (Found f : sorted) {
      if (f.start() >= end) {
        kept.add(f);
        end = f.end();
      }
    }
    return kept;
  }

  private static int month(String name) {
    String prefix = name.toLowerCase(Locale.ROOT).substring(0, 3);
    List<String> months =
        List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    return months.indexOf(prefix) + 1;
  }

  private static int ordinal(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "first", "1st" -> 1;
      case "second", "2nd" -> 2;
      case "third", "3rd" -> 3;
      default -> 4;
    };
  }

  private static int count(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "two" -> 2;
      case "three" -> 3;
      case "four" -> 4;
      case "five" -> 5;
      case "six" -> 6;
      case "twelve" -> 12;
      default -> Integer.parseInt(word);
    };
  }
}
