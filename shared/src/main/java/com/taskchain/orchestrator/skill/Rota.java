package com.taskchain.orchestrator.skill;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The paging rota of {@code tool_configs/oncall.yaml}: who is primary and secondary of each team,
 * the SRE incident commander and the DBRE on-call at an exact instant (a week runs from Monday
 * 09:00 UTC to the next Monday 09:00 UTC, so Monday 08:59 still belongs to the week before), the
 * engineering managers, the team of a service, the fixed escalation roles and the special paging
 * cases. Immutable and thread-safe.
 */
public final class Rota {
  /** Where the rota is, as the answer cites it. */
  public static final String PATH = CompanyData.ONCALL;

  private final JsonNode yaml;
  private final LocalTime handover;
  private final DayOfWeek handoverDay;

  /**
   * One week of the rota.
   *
   * @param weekOf the Monday the week starts (at the hand-over time)
   * @param ends the Monday it ends
   * @param sreIc the SRE incident commander, also the SRE primary on-call that approves Tier-0
   *     changes
   * @param dbre the DBRE on-call
   * @param teams primary and secondary by team
   */
  public record Week(
      LocalDate weekOf, LocalDate ends, String sreIc, String dbre, Map<String, Pair> teams) {
    public Week {
      Objects.requireNonNull(weekOf, "week_of");
      teams = Map.copyOf(teams);
    }

    /**
     * The citation id of this week in the rota, e.g. {@code tool_configs/oncall.yaml#2026-05-18}.
     */
    public String citationId() {
      return PATH + "#" + weekOf;
    }
  }

  /**
   * A team's primary and secondary on-call of one week.
   *
   * @param primary first responder
   * @param secondary paged when the primary does not acknowledge in time
   */
  public record Pair(String primary, String secondary) {}

  private Rota(JsonNode yaml) {
    this.yaml = yaml;
    this.handover = LocalTime.parse(yaml.path("handover").path("time").asText("09:00"));
    this.handoverDay = day(yaml.path("handover").path("day").asText("MON"));
  }

  /** The company's rota. */
  public static Rota company() {
    return new Rota(CompanyData.yaml(PATH));
  }

  /** A rota read from a tree shaped like {@code oncall.yaml} (for tests). */
  public static Rota of(JsonNode yaml) {
    return new Rota(yaml);
  }

  /** The hand-over instant that starts the week containing {@code at}. */
  public Instant weekStart(Instant at) {
    LocalDate date = at.atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate monday =
        date.minusDays((date.getDayOfWeek().getValue() - handoverDay.getValue() + 7) % 7);
    Instant start = monday.atTime(handover).toInstant(ZoneOffset.UTC);
    return at.isBefore(start) ? start.minus(java.time.Duration.ofDays(7)) : start;
  }

  /** The rota week in force at {@code at}, if the rota covers it. */
  public Optional<Week> weekAt(Instant at) {
    LocalDate weekOf = weekStart(at).atZone(ZoneOffset.UTC).toLocalDate();
    for (JsonNode week : yaml.path("weeks")) {
      if (LocalDate.parse(week.path("week_of").asText()).equals(weekOf)) {
        return Optional.of(week(week));
      }
    }
    return Optional.empty();
  }

  private Week week(JsonNode node) {
    Map<String, Pair> teams = new LinkedHashMap<>();
    node.fields()
        .forEachRemaining(
            field -> {
              if (field.getValue().isObject() && field.getValue().has("primary")) {
                teams.put(
                    field.getKey(),
                    new Pair(
                        field.getValue().path("primary").asText(),
                        field.getValue().path("secondary").asText()));
              }
            });
    return new Week(
        LocalDate.parse(node.path("week_of").asText()),
        LocalDate.parse(node.path("ends").asText()),
        node.path("sre_ic").asText(),
        node.path("dbre").asText(),
        teams);
  }

  /** The team that owns a service, e.g. {@code integrations} for {@code webhook-dispatcher}. */
  public Optional<String> teamOf(String service) {
    var fields = yaml.path("team_services").fields();
    while (fields.hasNext()) {
      var team = fields.next();
      for (JsonNode s : team.getValue()) {
        if (s.asText().equals(service)) {
          return Optional.of(team.getKey());
        }
      }
    }
    return Optional.empty();
  }

  /** The engineering manager of a team. */
  public Optional<String> engineeringManager(String team) {
    JsonNode em = yaml.path("engineering_managers").path(team);
    return em.isTextual() ? Optional.of(em.asText()) : Optional.empty();
  }

  /**
   * The named person of a fixed escalation role ({@code head_of_sre}, {@code vp_engineering},
   * {@code cto}).
   */
  public Optional<String> fixedRole(String role) {
    for (JsonNode entry : yaml.path("escalation_order")) {
      if (entry.isObject() && entry.path(role).isTextual()) {
        return Optional.of(entry.path(role).asText());
      }
    }
    return Optional.empty();
  }

  /** The CISO, paged at declaration of a security incident, and the channel it moves to. */
  public SpecialPaging security() {
    JsonNode node = yaml.path("special_paging").path("security_incident");
    String who = node.path("page_at_declaration").asText();
    return new SpecialPaging(
        lastTwoWords(who),
        who.replace(lastTwoWords(who), "").strip(),
        node.path("channel").asText());
  }

  /** Who is paged at declaration of a ledger integrity incident, and who is informed. */
  public List<SpecialPaging> ledgerIntegrity() {
    JsonNode node = yaml.path("special_paging").path("ledger_integrity");
    List<SpecialPaging> out = new ArrayList<>();
    out.add(new SpecialPaging(node.path("page_at_declaration").asText(), "", ""));
    String informed = node.path("inform_within_60_min").asText();
    out.add(
        new SpecialPaging(
            lastTwoWords(informed), informed.replace(lastTwoWords(informed), "").strip(), ""));
    return out;
  }

  /**
   * A person paged or informed outside the severity clocks.
   *
   * @param name the person
   * @param title their role as the rota writes it ("CISO", "Finance Controller"), or empty
   * @param channel where coordination moves, or empty
   */
  public record SpecialPaging(String name, String title, String channel) {}

  /** The rota's lines for a week and team, as quoted evidence. */
  public String weekText(Week week, String team) {
    StringBuilder text = new StringBuilder();
    text.append("week_of: ")
        .append(week.weekOf())
        .append(" (Monday ")
        .append(handover)
        .append(" UTC) ends: ")
        .append(week.ends())
        .append(" (Monday ")
        .append(handover)
        .append(" UTC)\n");
    text.append("sre_ic: ").append(week.sreIc()).append('\n');
    text.append("dbre: ").append(week.dbre()).append('\n');
    if (team != null && week.teams().containsKey(team)) {
      Pair pair = week.teams().get(team);
      text.append(team)
          .append(": {primary: ")
          .append(pair.primary())
          .append(", secondary: ")
          .append(pair.secondary())
          .append("}\n");
      engineeringManager(team)
          .ifPresent(
              em ->
                  text.append("engineering_managers.")
                      .append(team)
                      .append(": ")
                      .append(em)
                      .append('\n'));
    }
    return text.toString();
  }

  /** The hand-over time of day (09:00 UTC). */
  public LocalTime handover() {
    return handover;
  }

  private static String lastTwoWords(String text) {
    String[] words = text.strip().split("\\s+");
    return words.length < 2
        ? text.strip()
        : words[words.length - 2] + " " + words[words.length - 1];
  }

  private static DayOfWeek day(String abbreviation) {
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().startsWith(abbreviation.toUpperCase(java.util.Locale.ROOT))) {
        return day;
      }
    }
    throw new IllegalArgumentException("not a day: " + abbreviation);
  }
}
