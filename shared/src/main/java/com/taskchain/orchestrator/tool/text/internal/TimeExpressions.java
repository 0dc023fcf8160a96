package com.taskchain.orchestrator.tool.text.internal;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds dates and deadline phrases in a sentence and resolves them to calendar dates.
 *
 * <p>Resolution rules (all need a reference date except absolute dates with a year):
 *
 * <ul>
 *   <li>an ISO date or a month-and-day with a year is that date; without a year, the first such day
 *       on or after the reference date;
 *   <li>"by Friday", "before Monday", "this Friday": the first such day on or after the reference
 *       date; "next Friday": that day in the week after the reference date's week;
 *   <li>"end of week", "EOW", "this week": the Friday on or after the reference date; "next week":
 *       the Friday of the following week; "end of month", "EOM", "next month": the month's last
 *       day; quarters ("Q3", "end of quarter") and years likewise end on their last day; "EOD",
 *       "today", "tonight": the reference date; "tomorrow": the day after;
 *   <li>"within 48 hours", "in 3 days", "in 2 weeks": the reference date plus that span, hours
 *       rounded up to whole days and business days skipping weekends.
 * </ul>
 *
 * Without a reference date a relative phrase is still found, with no date. Pure and thread-safe.
 */
public final class TimeExpressions {

  /**
   * One phrase found.
   *
   * @param text the phrase as written, white space collapsed
   * @param start its start in the sentence
   * @param end its end in the sentence (exclusive)
   * @param date the resolved date, or null when it cannot be resolved
   */
  public record Found(String text, int start, int end, LocalDate date) {}

  private interface Resolver {
    /** The date, or null; throws DateTimeException for an impossible date. */
    LocalDate resolve(Matcher m, LocalDate ref);
  }

  /**
   * One kind of phrase.
   *
   * @param cue a cheap test on the lower-cased sentence that must hold for the pattern to match; it
   *     spares running every pattern over every sentence
   */
  private record Rule(
      Pattern pattern, Resolver resolver, boolean absolute, Predicate<String> cue) {}

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static final List<String> MONTH_PREFIXES =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  private static boolean mentionsMonth(String lower) {
    for (String prefix : MONTH_PREFIXES) {
      if (lower.contains(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static Predicate<String> containsAny(String... parts) {
    return s -> {
      for (String part : parts) {
        if (s.contains(part)) {
          return true;
        }
      }
      return false;
    };
  }

  private static final String MONTH =
      "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          + "|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\b\\.?";
  private static final String WEEKDAY =
      "(monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
  private static final String NUMBER =
      "(\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)";

  private static final Map<String, Integer> NUMBER_WORDS =
      Map.ofEntries(
          Map.entry("a", 1),
          Map.entry("an", 1),
          Map.entry("one", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("six", 6),
          Map.entry("seven", 7),
          Map.entry("eight", 8),
          Map.entry("nine", 9),
          Map.entry("ten", 10),
          Map.entry("eleven", 11),
          Map.entry("twelve", 12));

  private static final int FLAGS = Pattern.CASE_INSENSITIVE;

  private static final List<Rule> RULES =
      List.of(
          new Rule(
              Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b"),
              (m, ref) -> LocalDate.of(num(m, 1), num(m, 2), num(m, 3)),
              true,
              s -> hasDigit(s) && s.indexOf('-') >= 0),
          new Rule(
              Pattern.compile(
                  "\\b" + MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?", FLAGS),
              (m, ref) -> dayOfMonth(month(m.group(1)), num(m, 2), m.group(3), ref),
              true,
              s -> hasDigit(s) && mentionsMonth(s)),
          new Rule(
              Pattern.compile(
                  "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH + "(?:,?\\s+(\\d{4})\\b)?",
                  FLAGS),
              (m, ref) -> dayOfMonth(month(m.group(2)), num(m, 1), m.group(3), ref),
              true,
              s -> hasDigit(s) && mentionsMonth(s)),
          new Rule(
              Pattern.compile(
                  "\\b(?:(?:by|before|until|till|due|no later than)\\s+)?(?:the\\s+)?"
                      + "end\\s+of\\s+(?:the\\s+)?(?:(this|next)\\s+)?"
                      + "(day|week|month|quarter|year)\\b",
                  FLAGS),
              (m, ref) -> endOf(m.group(2), "next".equalsIgnoreCase(m.group(1)) ? 1 : 0, ref),
              false,
              containsAny("end of")),
          new Rule(
              Pattern.compile(
                  "\\b(?:(?:by|before|until|till|due)\\s+)?(eod|cob|close of business|eow|eom|eoq"
                      + "|eoy)\\b",
                  FLAGS),
              (m, ref) -> endOf(shortPeriod(m.group(1)), 0, ref),
              false,
              containsAny("eod", "cob", "close of business", "eow", "eom", "eoq", "eoy")),
          new Rule(
              Pattern.compile(
                  "\\b(?:(?:by|before|until|till|due|no later than)\\s+)?(next|this)\\s+"
                      + "(week|month|quarter|year)\\b",
                  FLAGS),
              (m, ref) -> endOf(m.group(2), "next".equalsIgnoreCase(m.group(1)) ? 1 : 0, ref),
              false,
              containsAny("next ", "this ")),
          new Rule(
              // A day name needs a cue: alone it is usually narrative ("on Friday we met").
              Pattern.compile(
                  "\\b(?:(?:by|before|until|till|due|no later than)(?:\\s+(?:the\\s+)?"
                      + "(next|this|coming))?|(next|this|coming))\\s+"
                      + WEEKDAY
                      + "\\b",
                  FLAGS),
              TimeExpressions::weekday,
              false,
              containsAny("day")),
          new Rule(
              Pattern.compile(
                  "\\b(?:within|in|next)\\s+(?:the\\s+next\\s+)?"
                      + NUMBER
                      + "\\s*(business\\s+|working\\s+)?"
                      + "(hours?|hrs?|h|days?|d|weeks?|wks?|months?)\\b",
                  FLAGS),
              TimeExpressions::span,
              false,
              containsAny("in ", "within", "next")),
          new Rule(
              Pattern.compile("\\b(?:by\\s+)?(today|tonight|tomorrow)\\b", FLAGS),
              (m, ref) ->
                  ref == null
                      ? null
                      : "tomorrow".equalsIgnoreCase(m.group(1)) ? ref.plusDays(1) : ref,
              false,
              containsAny("today", "tonight", "tomorrow")),
          new Rule(
              Pattern.compile(
                  "\\b(?:(?:by|before|until|due|in)\\s+)?(q[1-4])(?:\\s+(\\d{4}))?\\b", FLAGS),
              TimeExpressions::quarter,
              false,
              containsAny("q1", "q2", "q3", "q4")),
          new Rule(
              Pattern.compile(
                  "\\b(?:by|before|until|due)\\s+the\\s+(\\d{1,2})(?:st|nd|rd|th)\\b", FLAGS),
              (m, ref) -> ref == null ? null : nextDayOfMonth(num(m, 1), ref),
              false,
              TimeExpressions::hasDigit));

  private TimeExpressions() {}

  /**
   * Deadline phrases and dates in a sentence, in order, overlaps resolved to the earliest and
   * longest. Impossible dates ("2026-02-30") and day names without a cue ("on Friday we met") are
   * skipped.
   *
   * @param reference the date relative phrases count from, or null
   */
  public static List<Found> deadlines(String sentence, LocalDate reference) {
    return find(sentence, reference, false);
  }

  /** Absolute dates only (ISO dates, "March 5", "5 March 2026"), for entity extraction. */
  public static List<Found> absoluteDates(String sentence) {
    return find(sentence, null, true);
  }

  private static List<Found> find(String sentence, LocalDate ref, boolean absoluteOnly) {
    List<Found> found = new ArrayList<>();
    String lower = sentence.toLowerCase(Locale.ROOT);
    for (Rule rule : RULES) {
      if ((absoluteOnly && !rule.absolute()) || !rule.cue().test(lower)) {
        continue;
      }
      Matcher m = rule.pattern().matcher(sentence);
      while (m.find()) {
        if (m.group().isBlank()) {
          continue;
        }
        LocalDate date;
        try {
          date = rule.resolver().resolve(m, ref);
        } catch (DateTimeException | NumberFormatException e) {
          continue; // "2026-02-30" or "March 45" is not a date.
        }
        String text = Sentences.normalize(m.group());
        int start = m.start() + (m.group().length() - m.group().stripLeading().length());
        found.add(new Found(text, start, m.end(), date));
      }
    }
    return Spans.nonOverlapping(found, Found::start, Found::end);
  }

  private static int num(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }

  private static Month month(String name) {
    String prefix = name.toLowerCase(Locale.ROOT).substring(0, 3);
    for (Month month : Month.values()) {
      if (month.name().toLowerCase(Locale.ROOT).startsWith(prefix)) {
        return month;
      }
    }
    throw new DateTimeException("not a month: " + name);
  }

  private static LocalDate dayOfMonth(Month month, int day, String year, LocalDate ref) {
    if (year != null) {
      return LocalDate.of(Integer.parseInt(year), month, day);
    }
    MonthDay monthDay = MonthDay.of(month, day); // validates the day even without a reference
    if (ref == null) {
      return null;
    }
    LocalDate thisYear = monthDay.atYear(ref.getYear());
    return thisYear.isBefore(ref) ? monthDay.atYear(ref.getYear() + 1) : thisYear;
  }

  private static String shortPeriod(String word) {
    String lower = Sentences.normalize(word).toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "eow" -> "week";
      case "eom" -> "month";
      case "eoq" -> "quarter";
      case "eoy" -> "year";
      default -> "day"; // eod, cob, close of business
    };
  }

  private static LocalDate endOf(String period, int ahead, LocalDate ref) {
    if (ref == null) {
      return null;
    }
    return switch (period.toLowerCase(Locale.ROOT)) {
      case "day" -> ref.plusDays(ahead);
      case "week" -> ref.plusWeeks(ahead).with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
      case "month" -> ref.plusMonths(ahead).with(TemporalAdjusters.lastDayOfMonth());
      case "quarter" -> {
        LocalDate inQuarter = ref.plusMonths(3L * ahead);
        yield endOfQuarter(inQuarter.getYear(), inQuarter.get(IsoFields.QUARTER_OF_YEAR));
      }
      default -> LocalDate.of(ref.getYear() + ahead, 12, 31);
    };
  }

  private static LocalDate endOfQuarter(int year, int quarter) {
    return LocalDate.of(year, quarter * 3, 1).with(TemporalAdjusters.lastDayOfMonth());
  }

  private static LocalDate weekday(Matcher m, LocalDate ref) {
    if (ref == null) {
      return null;
    }
    DayOfWeek day = DayOfWeek.valueOf(m.group(3).toUpperCase(Locale.ROOT));
    String modifier = m.group(1) != null ? m.group(1) : m.group(2);
    if ("next".equalsIgnoreCase(modifier)) {
      // "next Friday" is the Friday of the week after this one.
      return ref.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
          .with(TemporalAdjusters.nextOrSame(day));
    }
    return ref.with(TemporalAdjusters.nextOrSame(day));
  }

  private static LocalDate span(Matcher m, LocalDate ref) {
    String amountText = m.group(1).toLowerCase(Locale.ROOT);
    Integer word = NUMBER_WORDS.get(amountText);
    int amount = word != null ? word : Integer.parseInt(amountText);
    boolean business = m.group(2) != null;
    char unit = Character.toLowerCase(m.group(3).charAt(0));
    if (ref == null) {
      return null;
    }
    return switch (unit) {
      case 'h' -> ref.plusDays((amount + 23L) / 24);
      case 'w' -> ref.plusWeeks(amount);
      case 'm' -> ref.plusMonths(amount);
      default -> business ? plusBusinessDays(ref, amount) : ref.plusDays(amount);
    };
  }

  private static LocalDate plusBusinessDays(LocalDate from, int days) {
    LocalDate date = from;
    int left = days;
    while (left > 0) {
      date = date.plusDays(1);
      if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
        left--;
      }
    }
    return date;
  }

  private static LocalDate quarter(Matcher m, LocalDate ref) {
    int quarter = m.group(1).charAt(1) - '0';
    if (m.group(2) != null) {
      return endOfQuarter(Integer.parseInt(m.group(2)), quarter);
    }
    if (ref == null) {
      return null;
    }
    LocalDate end = endOfQuarter(ref.getYear(), quarter);
    return end.isBefore(ref) ? endOfQuarter(ref.getYear() + 1, quarter) : end;
  }

  private static LocalDate nextDayOfMonth(int day, LocalDate ref) {
    if (day < 1 || day > 31) {
      throw new DateTimeException("not a day of the month: " + day);
    }
    LocalDate candidate = ref;
    // Within a year some month has the day (the 31st may skip a month or two).
    for (int i = 0; i < 12; i++) {
      LocalDate month = ref.plusMonths(i).withDayOfMonth(1);
      if (day <= month.lengthOfMonth()) {
        candidate = month.withDayOfMonth(day);
        if (!candidate.isBefore(ref)) {
          return candidate;
        }
      }
    }
    return candidate;
  }
}
