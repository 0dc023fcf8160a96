package com.taskchain.orchestrator.skill;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A program record ({@code programs/*.md}) read from its Markdown: the facts table at the top, the
 * goal, the phases, the risk register, the decisions asked of leadership and the lines on traffic
 * and budget. Cells are plain text (Markdown marks removed). Immutable.
 *
 * @param facts the key → value table at the top (keys lower case)
 * @param goal the goal paragraph
 * @param phases the phases table's rows
 * @param risks the risk register's rows
 * @param decisions the numbered decisions and asks
 * @param notes other one-line facts: traffic today, budget and dates
 */
record ProgramRecord(
    Map<String, String> facts,
    String goal,
    List<Phase> phases,
    List<Risk> risks,
    List<String> decisions,
    List<String> notes) {
  private static final Pattern DATE = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");
  private static final Pattern NUMBERED = Pattern.compile("^\\d+\\.\\s+(.*)$");

  ProgramRecord {
    facts = Map.copyOf(facts);
    phases = List.copyOf(phases);
    risks = List.copyOf(risks);
    decisions = List.copyOf(decisions);
    notes = List.copyOf(notes);
  }

  /**
   * One phase.
   *
   * @param planned whether its date is still a plan ("planned 2026-06-03 10:00")
   * @param date its (first) date, if any
   */
  record Phase(
      String phase,
      String what,
      String when,
      String change,
      String outcome,
      boolean planned,
      Optional<LocalDate> date) {}

  /**
   * One risk of the register.
   *
   * @param likelihood the likelihood half of "likelihood / impact"
   * @param tickets the ticket ids the row names
   */
  record Risk(
      String id,
      String risk,
      String likelihoodImpact,
      String likelihood,
      String owner,
      String mitigation,
      List<String> tickets) {
    Risk {
      tickets = List.copyOf(tickets);
    }
  }

  /** The record in {@code markdown}. */
  static ProgramRecord parse(String markdown) {
    Map<String, String> facts = new LinkedHashMap<>();
    List<MarkdownTable> tables = MarkdownTable.all(markdown);
    if (!tables.isEmpty() && tables.get(0).header().size() == 2) {
      tables.get(0).keyValues().forEach((k, v) -> facts.put(k, Text.plain(v)));
    }
    List<Phase> phases = new ArrayList<>();
    MarkdownTable.withColumns(markdown, "phase", "date")
        .ifPresent(
            table -> {
              for (Map<String, String> row : table.rows()) {
                String when = Text.plain(row.getOrDefault("date", ""));
                Matcher date = DATE.matcher(when);
                phases.add(
                    new Phase(
                        Text.plain(row.getOrDefault("phase", "")),
                        Text.plain(row.getOrDefault("what", "")),
                        when,
                        Text.plain(row.getOrDefault("change", "")),
                        Text.plain(row.getOrDefault("outcome", "")),
                        when.toLowerCase(Locale.ROOT).contains("planned"),
                        date.find()
                            ? Optional.of(LocalDate.parse(date.group(1)))
                            : Optional.empty()));
              }
            });
    List<Risk> risks = new ArrayList<>();
    MarkdownTable.withColumns(markdown, "id", "risk")
        .ifPresent(
            table -> {
              for (Map<String, String> row : table.rows()) {
                String li = Text.plain(firstMatching(row, "likelihood"));
                String ticketCell = Text.plain(row.getOrDefault("ticket", ""));
                List<String> tickets = new ArrayList<>();
                Matcher id =
                    com.taskchain.orchestrator.answer.EvidenceIndex.TICKET_ID.matcher(ticketCell);
                while (id.find()) {
                  tickets.add(id.group());
                }
                risks.add(
                    new Risk(
                        Text.plain(row.get("id")),
                        Text.plain(row.getOrDefault("risk", "")),
                        li,
                        li.split("/")[0].strip(),
                        Text.plain(row.getOrDefault("owner", "")),
                        Text.plain(row.getOrDefault("mitigation", "")),
                        tickets));
              }
            });
    return new ProgramRecord(
        facts,
        paragraphUnder(markdown, "goal"),
        phases,
        risks,
        numberedUnder(markdown, "decisions"),
        notes(markdown));
  }

  private static String firstMatching(Map<String, String> row, String prefix) {
    return row.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse("");
  }

  /** The first paragraph under the first heading that starts with {@code heading}. */
  private static String paragraphUnder(String markdown, String heading) {
    StringBuilder paragraph = new StringBuilder();
    boolean in = false;
    for (String raw : markdown.lines().toList()) {
      String line = raw.strip();
      if (line.startsWith("#")) {
        if (in && paragraph.length() > 0) {
          break;
        }
        in = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT).startsWith(heading);
      } else if (in) {
        if (line.isEmpty() && paragraph.length() > 0) {
          break;
        }
        paragraph.append(line).append(' ');
      }
    }
    return Text.plain(paragraph.toString());
  }

  /** The numbered items under the first heading that starts with {@code heading}. */
  static List<String> numberedUnder(String markdown, String heading) {
    List<String> items = new ArrayList<>();
    boolean in = false;
    StringBuilder item = null;
    for (String raw : markdown.lines().toList()) {
      String line = raw.strip();
      if (line.startsWith("#")) {
        if (in) {
          break;
        }
        in = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT).startsWith(heading);
        continue;
      }
      if (!in) {
        continue;
      }
      Matcher numbered = NUMBERED.matcher(line);
      if (numbered.matches()) {
        if (item != null) {
          items.add(Text.plain(item.toString()));
        }
        item = new StringBuilder(numbered.group(1));
      } else if (item != null && !line.isEmpty() && raw.startsWith(" ")) {
        item.append(' ').append(line);
      } else if (item != null && line.isEmpty()) {
        items.add(Text.plain(item.toString()));
        item = null;
      }
    }
    if (item != null) {
      items.add(Text.plain(item.toString()));
    }
    return items;
  }

  /** Prose lines outside tables, lists and the goal that state dated or costed facts. */
  private static List<String> notes(String markdown) {
    List<String> notes = new ArrayList<>();
    for (String raw : markdown.lines().toList()) {
      String line = raw.strip();
      if (line.isEmpty()
          || line.startsWith("#")
          || line.startsWith("|")
          || NUMBERED.matcher(line).matches()
          || raw.startsWith(" ")) {
        continue;
      }
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("traffic today")
          || lower.startsWith("spent")
          || lower.contains("target end date")) {
        notes.add(Text.plain(line));
      }
    }
    return notes;
  }

  /** The record's own status line ("status as of 2026-05-20" → Amber), if it has one. */
  Optional<Map.Entry<String, String>> statedStatus() {
    return facts.entrySet().stream().filter(e -> e.getKey().startsWith("status")).findFirst();
  }

  /** The first fact whose key starts with {@code prefix}. */
  Optional<Map.Entry<String, String>> fact(String prefix) {
    return facts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).findFirst();
  }
}
