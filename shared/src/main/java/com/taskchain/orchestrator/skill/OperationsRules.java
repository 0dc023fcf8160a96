package com.taskchain.orchestrator.skill;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The operations policy's rules as data, per version: acknowledge and escalation timings, channels
 * and cadence ({@code policies/rules/operations_rules.yaml}), and change windows, freezes and
 * approvals ({@code tool_configs/cicd.yaml} for v2, the rules file for v1). Events are judged by
 * the version in force when they happened (governance §1): v1 through 2026-01-31, v2 from
 * 2026-02-01. Immutable and thread-safe.
 */
public final class OperationsRules {
  /** The rules file, beside the policies. */
  public static final String PATH = "policies/rules/operations_rules.yaml";

  private final JsonNode rules;
  private final JsonNode version;
  private final String name;

  private OperationsRules(JsonNode rules, String name) {
    this.rules = rules;
    this.name = name;
    this.version = rules.path("versions").path(name);
  }

  /** The rules of the policy version in force at {@code at}. */
  public static OperationsRules at(Instant at) {
    JsonNode rules = CompanyData.yaml(PATH);
    LocalDate date = at.atZone(ZoneOffset.UTC).toLocalDate();
    String chosen = "v2";
    var versions = rules.path("versions").fields();
    while (versions.hasNext()) {
      var v = versions.next();
      LocalDate from = LocalDate.parse(v.getValue().path("effective_from").asText());
      JsonNode to = v.getValue().path("effective_to");
      if (!date.isBefore(from)
          && (to.isMissingNode() || !date.isAfter(LocalDate.parse(to.asText())))) {
        chosen = v.getKey();
      }
    }
    return new OperationsRules(rules, chosen);
  }

  /** The rules of a named version, {@code v1} or {@code v2}. */
  public static OperationsRules version(String name) {
    return new OperationsRules(CompanyData.yaml(PATH), name);
  }

  /** {@code v1} or {@code v2}. */
  public String name() {
    return name;
  }

  /** The policy document, e.g. {@code policies/operations_policy_v2.md}. */
  public String document() {
    return version.path("document").asText();
  }

  /** The first day the version applies. */
  public LocalDate effectiveFrom() {
    return LocalDate.parse(version.path("effective_from").asText());
  }

  /** The last day it applies, if superseded. */
  public Optional<LocalDate> effectiveTo() {
    JsonNode to = version.path("effective_to");
    return to.isMissingNode() ? Optional.empty() : Optional.of(LocalDate.parse(to.asText()));
  }

  /**
   * One escalation step of a severity.
   *
   * @param role secondary, sre_ic, engineering_manager, head_of_sre or vp_engineering
   * @param when not_acknowledged, not_mitigated or not_resolved
   * @param minutes minutes from declaration (0 when counted in business days)
   * @param businessDays business days from declaration (0 when counted in minutes)
   * @param asWritten the policy's words for the delay, e.g. "20 min", "4 hours"
   */
  public record Step(String role, String when, int minutes, int businessDays, String asWritten) {
    /** The delay in full words, "20 minutes", "4 hours", "5 business days". */
    public String delay() {
      return asWritten.endsWith(" min") ? asWritten + "utes" : asWritten;
    }
  }

  /**
   * The timings and channels of one severity.
   *
   * @param acknowledgeMinutes minutes to acknowledge, or 0 when counted otherwise
   * @param acknowledgeAsWritten "20 minutes", "4 business hours"
   * @param steps escalation steps in the policy's order
   * @param executiveSummaryMinutes the first executive summary's deadline, or 0 when none
   * @param executiveSummaryAsWritten its wording, or empty
   * @param channels the coordination channels; {@code team} means the owning team's channel
   * @param cadence the update cadence as written
   * @param reassignToSecondary whether an unacknowledged ticket goes to the secondary (no paging)
   * @param incidentCommander when the IC is engaged, as written ("engaged at declaration"), or
   *     empty
   */
  public record Severity(
      int acknowledgeMinutes,
      String acknowledgeAsWritten,
      List<Step> steps,
      int executiveSummaryMinutes,
      String executiveSummaryAsWritten,
      List<String> channels,
      String cadence,
      boolean reassignToSecondary,
      String incidentCommander) {
    public Severity {
      steps = List.copyOf(steps);
      channels = List.copyOf(channels);
    }
  }

  /** The rules of a severity (P1, P2, P3). */
  public Severity severity(String severity) {
    JsonNode node = version.path("severities").path(severity.toUpperCase(Locale.ROOT));
    if (node.isMissingNode()) {
      throw new IllegalArgumentException("no rules for severity " + severity);
    }
    List<Step> steps = new ArrayList<>();
    for (JsonNode step : node.path("steps")) {
      steps.add(
          new Step(
              step.path("role").asText(),
              step.path("when").asText(),
              step.path("minutes").asInt(0),
              step.path("business_days").asInt(0),
              step.path("as_written").asText()));
    }
    List<String> channels = new ArrayList<>();
    node.path("channels").forEach(c -> channels.add(c.asText()));
    JsonNode summary = node.path("executive_summary");
    return new Severity(
        node.path("acknowledge").path("minutes").asInt(0),
        node.path("acknowledge").path("as_written").asText(),
        steps,
        summary.path("minutes").asInt(0),
        summary.path("as_written").asText(""),
        channels,
        node.path("cadence").asText(),
        node.path("reassign_to_secondary").asBoolean(false),
        node.path("incident_commander").asText(""));
  }

  /** An audit value of this version, e.g. {@code max_session}, {@code audit_log_retention}. */
  public JsonNode audit(String key) {
    return version.path("audit").path(key);
  }

  /**
   * A change window.
   *
   * @param days the days it is open
   * @param from opening time (inclusive)
   * @param to closing time (exclusive: a change must start before it)
   */
  public record Window(List<DayOfWeek> days, LocalTime from, LocalTime to) {
    public Window {
      days = List.copyOf(days);
    }

    /** Whether a change starting at {@code at} starts inside the window. */
    public boolean contains(Instant at) {
      var time = at.atZone(ZoneOffset.UTC);
      LocalTime t = time.toLocalTime();
      return days.contains(time.getDayOfWeek()) && !t.isBefore(from) && t.isBefore(to);
    }

    /** As the policy writes it: "Tuesday to Thursday, 08:00–16:00 UTC". */
    public String asWritten() {
      String span;
      if (days.size() == 1) {
        span = dayName(days.get(0));
      } else if (days.size() == 2) {
        span = dayName(days.get(0)) + " or " + dayName(days.get(1));
      } else {
        span = dayName(days.get(0)) + " to " + dayName(days.get(days.size() - 1));
      }
      return span + ", " + from + "–" + to + " UTC";
    }

    /** The days alone, "Tuesday or Wednesday". */
    public String daysAsWritten() {
      String text = asWritten();
      return text.substring(0, text.indexOf(','));
    }
  }

  /**
   * A change freeze, inclusive dates.
   *
   * @param name as the policy names it
   * @param from first day
   * @param to last day (the freeze lasts until 23:59 of it)
   */
  public record Freeze(String name, LocalDate from, LocalDate to) {
    /** Whether {@code at} falls in the freeze. */
    public boolean contains(Instant at) {
      LocalDate date = at.atZone(ZoneOffset.UTC).toLocalDate();
      return !date.isBefore(from) && !date.isAfter(to);
    }
  }

  private JsonNode changeConfig() {
    return name.equals("v1") ? version : CompanyData.yaml(CompanyData.CICD);
  }

  /** Where the windows, freezes and approvals of this version are written as data. */
  public String changeSource() {
    return name.equals("v1") ? PATH : CompanyData.CICD;
  }

  /**
   * The standard window of a tier ({@code tier0}, {@code tier1}, {@code tier2}) or the Tier-0
   * schema window ({@code tier0_schema}, which v1 did not have: then the Tier-0 window).
   */
  public Window window(String key) {
    JsonNode node = changeConfig().path("change_windows").path(key);
    if (node.isMissingNode() && key.equals("tier0_schema")) {
      node = changeConfig().path("change_windows").path("tier0");
    }
    List<DayOfWeek> days = new ArrayList<>();
    node.path("days").forEach(d -> days.add(dayOf(d.asText())));
    return new Window(
        days,
        LocalTime.parse(node.path("from").asText()),
        LocalTime.parse(node.path("to").asText()));
  }

  /** The freezes of this version. */
  public List<Freeze> freezes() {
    List<Freeze> freezes = new ArrayList<>();
    for (JsonNode f : changeConfig().path("freezes")) {
      freezes.add(
          new Freeze(
              f.path("name").asText(),
              LocalDate.parse(f.path("from").asText()),
              LocalDate.parse(f.path("to").asText())));
    }
    return freezes;
  }

  /** The freeze containing {@code at}, if any. */
  public Optional<Freeze> freezeAt(Instant at) {
    return freezes().stream().filter(f -> f.contains(at)).findFirst();
  }

  /**
   * The approvals of a change kind ({@code tier0}, {@code emergency}...), as cicd.yaml names them.
   */
  public List<String> approvals(String kind) {
    List<String> out = new ArrayList<>();
    changeConfig().path("approvals").path(kind).forEach(a -> out.add(a.asText()));
    return out;
  }

  /** The freeze exception approvers for a tier. */
  public List<String> freezeExceptionApprovers(boolean tier0) {
    JsonNode node = changeConfig().path("approvals").path("freeze_exception");
    List<String> out = new ArrayList<>();
    node.path("all_tiers").forEach(a -> out.add(a.asText()));
    if (tier0) {
      node.path("tier0_adds").forEach(a -> out.add(a.asText()));
    }
    return out;
  }

  /** The tier of a service, {@code tier0}..{@code tier2}, from cicd.yaml. */
  public static Optional<String> tierOf(String service) {
    JsonNode tier = CompanyData.yaml(CompanyData.CICD).path("service_tiers").path(service);
    return tier.isTextual() ? Optional.of(tier.asText()) : Optional.empty();
  }

  /** Business hours and days. */
  public BusinessCalendar calendar() {
    JsonNode hours = rules.path("business_hours");
    List<DayOfWeek> days = new ArrayList<>();
    hours.path("days").forEach(d -> days.add(dayOf(d.asText())));
    return new BusinessCalendar(
        days,
        LocalTime.parse(hours.path("from").asText()),
        LocalTime.parse(hours.path("to").asText()));
  }

  static DayOfWeek dayOf(String abbreviation) {
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().startsWith(abbreviation.toUpperCase(Locale.ROOT))) {
        return day;
      }
    }
    throw new IllegalArgumentException("not a day: " + abbreviation);
  }

  static String dayName(DayOfWeek day) {
    String n = day.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }
}
