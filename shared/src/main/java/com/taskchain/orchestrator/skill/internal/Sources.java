package com.taskchain.orchestrator.skill.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.tool.Upstream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the skills read: the company documents' lines (quoted as the documents write them, without
 * Markdown emphasis), and the evidence the upstream steps brought back (documents fetched, Jira
 * tickets, log events). Stateless and thread-safe.
 */
public final class Sources {
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
  private static final Pattern TIME = Pattern.compile("\\b([01]?\\d|2[0-3]):([0-5]\\d)\\b");

  private Sources() {}

  /** The text of a company document by its path, e.g. {@code policies/operations_policy_v2.md}. */
  public static String document(String path) {
    for (CompanyDocument d : CompanyDocument.values()) {
      if (d.path().equals(path)) {
        return d.read();
      }
    }
    throw new IllegalArgumentException("no company document at " + path);
  }

  /**
   * The lines of a document's section {@code "## <number>."} (or {@code "### <number>"}), cleaned.
   */
  public static List<String> section(String path, String number) {
    List<String> out = new ArrayList<>();
    boolean in = false;
    int level = 0;
    for (String line : logicalLines(document(path), path.endsWith(".md"))) {
      Matcher heading = Pattern.compile("^(#{2,3}) (\\S+)").matcher(line);
      if (heading.find()) {
        String n = heading.group(2).replaceAll("\\.$", "");
        if (n.equals(number)) {
          in = true;
          level = heading.group(1).length();
          continue;
        }
        if (in && heading.group(1).length() <= level) {
          break;
        }
      }
      if (in && !line.isBlank() && !line.startsWith("|---")) {
        out.add(clean(line));
      }
    }
    return out;
  }

  /** The section's lines that satisfy {@code keep}, joined by newlines. */
  public static String quote(String path, String section, Predicate<String> keep) {
    return String.join("\n", section(path, section).stream().filter(keep).toList());
  }

  /** The document's lines that satisfy {@code keep}, cleaned, joined by newlines. */
  public static String lines(String path, Predicate<String> keep) {
    List<String> out = new ArrayList<>();
    for (String line : logicalLines(document(path), path.endsWith(".md"))) {
      if (!line.isBlank() && keep.test(line)) {
        out.add(clean(line));
      }
    }
    return String.join("\n", out);
  }

  /**
   * The document's lines with wrapped list items and paragraphs joined: an indented line, or a
   * plain line after a plain line, continues the line before.
   */
  public static List<String> logicalLines(String text, boolean markdown) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String stripped = line.strip();
      boolean block =
          stripped.isEmpty()
              || stripped.startsWith("#")
              || stripped.startsWith("|")
              || stripped.startsWith("-")
              || stripped.matches("^\\d+\\..*");
      boolean continues =
          markdown
              && !out.isEmpty()
              && !block
              && !out.get(out.size() - 1).isBlank()
              && !out.get(out.size() - 1).strip().startsWith("#")
              && !out.get(out.size() - 1).strip().startsWith("|");
      if (continues) {
        out.set(out.size() - 1, out.get(out.size() - 1) + " " + stripped);
      } else {
        out.add(line);
      }
    }
    return out;
  }

  /** A Markdown line without emphasis, code marks and table borders. */
  public static String clean(String line) {
    String text = line.replace("**", "").replace("`", "").strip();
    if (text.startsWith("|")) {
      text = text.substring(1);
      if (text.endsWith("|")) {
        text = text.substring(0, text.length() - 1);
      }
      text = text.strip().replaceAll("\\s*\\|\\s*", " | ");
    }
    return text;
  }

  /** The paths (without {@code company_sim/}) of the documents fetched upstream. */
  public static Set<String> fetched(Upstream upstream) {
    Set<String> paths = new LinkedHashSet<>();
    for (JsonNode out : upstream.outputsOf("fetch_company_reference")) {
      String path = out.path("path").asText("");
      paths.add(path.startsWith("company_sim/") ? path.substring("company_sim/".length()) : path);
    }
    return paths;
  }

  /** Every Jira ticket upstream, by key, first seen first. */
  public static Map<String, JsonNode> tickets(Upstream upstream) {
    Map<String, JsonNode> tickets = new LinkedHashMap<>();
    for (JsonNode out : upstream.outputsOf("jira_search_tickets")) {
      for (JsonNode t : out.path("tickets")) {
        tickets.putIfAbsent(t.path("key").asText(), t);
      }
    }
    return tickets;
  }

  /** Every log event upstream, in order. */
  public static List<JsonNode> events(Upstream upstream) {
    List<JsonNode> events = new ArrayList<>();
    for (JsonNode out : upstream.outputsOf("logs_search")) {
      out.path("events").forEach(events::add);
    }
    return events;
  }

  /** A field established by another skill upstream (e.g. assess_severity's severity), if any. */
  public static Optional<String> findingsField(Upstream upstream, String field) {
    for (Upstream.Step step : upstream.steps()) {
      JsonNode out = step.output();
      if (step.succeeded()
          && out != null
          && out.has("skill")
          && out.path("fields").path(field).isTextual()) {
        return Optional.of(out.path("fields").path(field).asText());
      }
    }
    return Optional.empty();
  }

  /** The citation id of a log event, as the evidence index names it. */
  public static String eventId(JsonNode event) {
    return "logs/" + event.path("service").asText() + "/" + event.path("timestamp").asText();
  }

  /** Parses an ISO-8601 time with a zone, or a date (midnight UTC). */
  public static Optional<Instant> instant(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          value.length() == 10
              ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
              : OffsetDateTime.parse(value).toInstant());
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  /** "11:25". */
  public static String hhmm(Instant at) {
    return HH_MM.format(at.atZone(ZoneOffset.UTC));
  }

  /** "2026-05-20". */
  public static String date(Instant at) {
    return at.atZone(ZoneOffset.UTC).toLocalDate().toString();
  }

  /** "11:25", or "2026-05-21 11:25" when on another day than {@code reference}. */
  public static String time(Instant at, Instant reference) {
    return date(at).equals(date(reference)) ? hhmm(at) : date(at) + " " + hhmm(at);
  }

  /**
   * The first clock time after {@code word} in {@code text} (e.g. "Acknowledged 09:17"), on the day
   * of {@code day}.
   */
  public static Optional<Instant> timeAfter(String text, String word, Instant day) {
    Matcher m =
        Pattern.compile(word + "\\D{0,20}?" + TIME.pattern(), Pattern.CASE_INSENSITIVE)
            .matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    LocalDate date = day.atZone(ZoneOffset.UTC).toLocalDate();
    return Optional.of(
        date.atTime(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
            .toInstant(ZoneOffset.UTC));
  }

  /** The first date (yyyy-MM-dd) after {@code word} in {@code text}. */
  public static Optional<LocalDate> dateAfter(String text, String word) {
    Matcher m =
        Pattern.compile(word + "\\D{0,30}?(20\\d\\d-\\d\\d-\\d\\d)", Pattern.CASE_INSENSITIVE)
            .matcher(text);
    return m.find() ? Optional.of(LocalDate.parse(m.group(1))) : Optional.empty();
  }
}
