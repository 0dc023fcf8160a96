package com.taskchain.orchestrator.skill.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.skill.CompanyData;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Facts about services and people read from the company's files: a service's tier ({@code cicd.yaml
 * service_tiers}), its row of the company profile (name, tier, owning team), the sections of its
 * runbook, and the rota week at a time. Thread-safe.
 */
public final class CompanyFacts {
  private CompanyFacts() {}

  /**
   * A service's row of the company profile's services table.
   *
   * @param name the display name, e.g. {@code Atlas Checkout}
   * @param tier as the profile writes it, e.g. {@code Tier 0}
   * @param owningTeam e.g. {@code Checkout Experience}
   * @param row the table row as written
   */
  public record ProfileRow(String name, String tier, String owningTeam, String row) {}

  /** A section of a Markdown document: its heading and its lines. */
  public record Section(String heading, String anchor, String text) {}

  /** The service's tier id ({@code tier0}, {@code tier1}, {@code tier2}) from {@code cicd.yaml}. */
  public static Optional<String> tier(String service) {
    JsonNode tier = CompanyData.yaml(CompanyData.CICD).path("service_tiers").path(service);
    return tier.isTextual() ? Optional.of(tier.asText()) : Optional.empty();
  }

  /** The service's row of the profile's services table. */
  public static Optional<ProfileRow> profileRow(String service) {
    for (String line : CompanyDocument.COMPANY_PROFILE.read().lines().toList()) {
      if (!line.startsWith("|")) {
        continue;
      }
      String[] cells = line.split("\\|");
      // | service | id | tier | owning team | ... : cells[0] is empty before the first bar.
      if (cells.length > 4 && cells[2].strip().equals("`" + service + "`")) {
        return Optional.of(
            new ProfileRow(cells[1].strip(), cells[3].strip(), cells[4].strip(), line.strip()));
      }
    }
    return Optional.empty();
  }

  /** The {@code ##} sections of a document, in order. */
  public static List<Section> sections(CompanyDocument document) {
    List<Section> sections = new ArrayList<>();
    String heading = null;
    StringBuilder body = new StringBuilder();
    for (String line : document.read().lines().toList()) {
      if (line.startsWith("## ")) {
        if (heading != null) {
          sections.add(new Section(heading, Texts.anchor(heading), body.toString().strip()));
        }
        heading = line.substring(3).strip();
        body.setLength(0);
      } else if (heading != null) {
        body.append(line).append('\n');
      }
    }
    if (heading != null) {
      sections.add(new Section(heading, Texts.anchor(heading), body.toString().strip()));
    }
    return sections;
  }

  /** The section whose heading contains {@code word} (case-insensitive). */
  public static Optional<Section> section(CompanyDocument document, String word) {
    String lower = word.toLowerCase(java.util.Locale.ROOT);
    return sections(document).stream()
        .filter(s -> s.heading().toLowerCase(java.util.Locale.ROOT).contains(lower))
        .findFirst();
  }

  /**
   * The Markdown list items of a section, each on one line without its marker and emphasis; a
   * numbered item's continuation lines are joined to it.
   */
  public static List<String> items(Section section) {
    List<String> items = new ArrayList<>();
    StringBuilder item = null;
    for (String line : section.text().lines().toList()) {
      String stripped = line.strip();
      if (stripped.matches("^(?:\\d+\\.|-|[A-Z]\\d+ —) .*")) {
        if (item != null) {
          items.add(Texts.plain(item.toString()));
        }
        item = new StringBuilder(stripped.replaceFirst("^(?:\\d+\\.|-)\\s+", ""));
      } else if (item != null && !stripped.isEmpty() && !stripped.startsWith("|")) {
        item.append(' ').append(stripped);
      } else if (stripped.isEmpty() && item != null) {
        items.add(Texts.plain(item.toString()));
        item = null;
      }
    }
    if (item != null) {
      items.add(Texts.plain(item.toString()));
    }
    return items;
  }

  /**
   * The rows of a section's table as (first cell without code marks → row text), e.g. the runbook's
   * log patterns.
   */
  public static Map<String, String> tableRows(Section section) {
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : section.text().lines().toList()) {
      String[] cells = line.split("\\|");
      if (cells.length > 2 && !line.contains("---") && !cells[1].strip().equals("pattern")) {
        rows.put(cells[1].strip().replace("`", ""), line.strip());
      }
    }
    return rows;
  }

  /**
   * The rota week in force at {@code at} (weeks run from {@code week_of} at the hand-over time to
   * {@code ends} at the hand-over time).
   */
  public static Optional<JsonNode> rotaWeek(Instant at) {
    JsonNode rota = CompanyData.yaml(CompanyData.ONCALL);
    LocalTime handover = LocalTime.parse(rota.path("handover").path("time").asText("09:00"));
    for (JsonNode week : rota.path("weeks")) {
      Instant from =
          LocalDate.parse(week.path("week_of").asText()).atTime(handover).toInstant(ZoneOffset.UTC);
      Instant to =
          LocalDate.parse(week.path("ends").asText()).atTime(handover).toInstant(ZoneOffset.UTC);
      if (!at.isBefore(from) && at.isBefore(to)) {
        return Optional.of(week);
      }
    }
    return Optional.empty();
  }

  /** The rota slug of the team that owns the service ({@code team_services} in the rota). */
  public static Optional<String> rotaTeam(String service) {
    JsonNode teams = CompanyData.yaml(CompanyData.ONCALL).path("team_services");
    var it = teams.fields();
    while (it.hasNext()) {
      var team = it.next();
      for (JsonNode s : team.getValue()) {
        if (s.asText().equals(service)) {
          return Optional.of(team.getKey());
        }
      }
    }
    return Optional.empty();
  }
}
