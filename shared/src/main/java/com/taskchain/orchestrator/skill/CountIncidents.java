package com.taskchain.orchestrator.skill;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.answer.Findings;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.tool.EvidenceTool;
import com.taskchain.orchestrator.tool.Upstream;
import com.taskchain.orchestrator.tool.company.JiraSearchTickets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code count_incidents}: the incidents of a Jira project declared in a period, per severity — a
 * ticket counts when its {@code created} time is at or after the start and at or before the end
 * (both inclusive) — with the ids per severity, the main themes (services, and the themes of {@link
 * ExecutiveRules#themes()}) and the policy each was judged by. Reads the tickets of the {@code
 * jira_search_tickets} steps it depends on; when one of them failed, or a search returned fewer
 * tickets than it matched, the counts are unknown rather than short. Field {@code counts}: {@code
 * {"P1": n, "P2": n, "P3": n}}. Pure over its upstream; thread-safe.
 */
public final class CountIncidents implements EvidenceTool<CountIncidents.Input, Findings> {
  public static final String NAME = "count_incidents";

  /** The severities counted, in order. */
  static final List<String> SEVERITIES = List.of("P1", "P2", "P3");

  private static final Pattern PROJECT = Pattern.compile("[A-Z][A-Z0-9]{0,19}");

  private final ExecutiveRules rules;

  public CountIncidents() {
    this(ExecutiveRules.load());
  }

  CountIncidents(ExecutiveRules rules) {
    this.rules = rules;
  }

  /**
   * The arguments.
   *
   * @param projectKey the incidents' Jira project (default INC)
   * @param startTime the period's first instant, inclusive
   * @param endTime the period's last instant, inclusive
   */
  @JsonClassDescription("Arguments of count_incidents.")
  public record Input(
      @JsonProperty("project_key")
          @JsonPropertyDescription("Optional: the incidents' Jira project (default INC).")
          String projectKey,
      @JsonProperty(value = "start_time", required = true)
          @JsonPropertyDescription("The period's start, inclusive, ISO-8601 with zone.")
          String startTime,
      @JsonProperty(value = "end_time", required = true)
          @JsonPropertyDescription("The period's end, inclusive, ISO-8601 with zone.")
          String endTime) {
    public Input {
      projectKey =
          projectKey == null || projectKey.isBlank()
              ? ExecutiveRules.load().incidentProject()
              : projectKey.strip().toUpperCase(Locale.ROOT);
      if (!PROJECT.matcher(projectKey).matches()) {
        throw new IllegalArgumentException("project_key: not a project key: '" + projectKey + "'");
      }
      Instant start =
          SummarizeStatus.instant("start_time", startTime)
              .orElseThrow(() -> new IllegalArgumentException("start_time: is required"));
      Instant end =
          SummarizeStatus.instant("end_time", endTime)
              .orElseThrow(() -> new IllegalArgumentException("end_time: is required"));
      if (end.isBefore(start)) {
        throw new IllegalArgumentException("end_time: must not be before start_time");
      }
    }

    Instant start() {
      return SummarizeStatus.instant("start_time", startTime).orElseThrow();
    }

    Instant end() {
      return SummarizeStatus.instant("end_time", endTime).orElseThrow();
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Counts the incidents of a Jira project declared in a period (inclusive), per severity,"
        + " with their ids and main themes, from the Jira tickets of the steps it depends on.";
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Class<Findings> outputType() {
    return Findings.class;
  }

  @Override
  public boolean runsAfterFailedDependencies() {
    return true;
  }

  @Override
  public Findings call(Input input, Upstream upstream) {
    Findings.Builder out = Findings.builder(NAME);
    boolean jiraFailed =
        upstream.unsuccessful().stream().anyMatch(s -> s.tool().equals(JiraSearchTickets.NAME));
    boolean truncated =
        upstream.outputsOf(JiraSearchTickets.NAME).stream()
            .anyMatch(o -> o.path("total").asInt(0) > o.path("tickets").size());
    if (jiraFailed || upstream.outputsOf(JiraSearchTickets.NAME).isEmpty() || truncated) {
      out.unknown(
          "counts",
          jiraFailed || upstream.outputsOf(JiraSearchTickets.NAME).isEmpty()
              ? "Jira could not be searched in this run, so the incidents cannot be counted"
              : "a Jira search matched more tickets than it returned, so a count would be short");
      return out.build();
    }
    UpdateEvidence evidence = new UpdateEvidence(rules, upstream);
    Instant start = input.start();
    Instant end = input.end();
    List<JiraTicket> inPeriod =
        evidence.tickets.stream()
            .filter(t -> t.isIncident(input.projectKey()))
            .filter(t -> !t.created().isBefore(start) && !t.created().isAfter(end))
            .toList();
    Map<String, List<JiraTicket>> bySeverity = new LinkedHashMap<>();
    SEVERITIES.forEach(s -> bySeverity.put(s, new ArrayList<>()));
    inPeriod.forEach(t -> bySeverity.computeIfAbsent(t.severity(), s -> new ArrayList<>()).add(t));
    ObjectNode counts = Json.object();
    bySeverity.forEach((severity, tickets) -> counts.put(severity, tickets.size()));
    out.field("counts", counts);

    String period = Text.dateTime(start) + " to " + Text.dateTime(end);
    StringBuilder derivation =
        new StringBuilder(
            input.projectKey()
                + " incidents declared from "
                + period
                + " (both inclusive): "
                + inPeriod.size()
                + " in total");
    bySeverity.forEach(
        (severity, tickets) ->
            derivation
                .append("; ")
                .append(severity)
                .append(": ")
                .append(tickets.size())
                .append(
                    tickets.isEmpty()
                        ? ""
                        : " ("
                            + String.join(", ", tickets.stream().map(JiraTicket::key).toList())
                            + ")"));
    String countsId =
        out.evidence(
            "derived/counts/" + input.projectKey() + "/" + Text.date(start) + "/" + Text.date(end),
            "derived",
            derivation + ".");
    List<String> parts = new ArrayList<>();
    bySeverity.forEach((severity, tickets) -> parts.add(tickets.size() + " " + severity));
    out.claim(
        inPeriod.size()
            + " incidents were declared from "
            + period
            + ": "
            + String.join(", ", parts)
            + ".",
        countsId);
    bySeverity.forEach(
        (severity, tickets) -> {
          if (tickets.isEmpty()) {
            return;
          }
          List<String> items = new ArrayList<>();
          List<String> cites = new ArrayList<>(List.of(countsId));
          for (JiraTicket t : tickets) {
            items.add(
                t.key()
                    + " ("
                    + t.service()
                    + ", "
                    + Text.date(t.created())
                    + ": "
                    + t.summary()
                    + ")");
            cites.add(t.key());
          }
          out.claim(
              severity + " (" + tickets.size() + "): " + String.join("; ", items) + ".",
              cites.toArray(String[]::new));
        });
    themes(inPeriod, out, countsId);
    policies(inPeriod, evidence, out);
    return out.build();
  }

  private void themes(List<JiraTicket> incidents, Findings.Builder out, String countsId) {
    Map<String, List<String>> byService = new LinkedHashMap<>();
    for (JiraTicket t : incidents) {
      byService.computeIfAbsent(String.valueOf(t.service()), s -> new ArrayList<>()).add(t.key());
    }
    Map<String, List<String>> byTheme = new LinkedHashMap<>();
    for (ExecutiveRules.Theme theme : rules.themes()) {
      for (JiraTicket t : incidents) {
        if (matches(theme, t)) {
          byTheme.computeIfAbsent(theme.theme(), k -> new ArrayList<>()).add(t.key());
        }
      }
    }
    List<Map.Entry<String, List<String>>> themes = new ArrayList<>(byTheme.entrySet());
    themes.removeIf(e -> e.getValue().size() < 2);
    themes.sort((a, b) -> b.getValue().size() - a.getValue().size());
    if (themes.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder("Main themes: ");
    List<String> parts = new ArrayList<>();
    List<String> cites = new ArrayList<>();
    for (Map.Entry<String, List<String>> theme : themes) {
      parts.add(theme.getKey() + " (" + String.join(", ", theme.getValue()) + ")");
      theme.getValue().stream().filter(k -> !cites.contains(k)).forEach(cites::add);
    }
    text.append(String.join("; ", parts)).append('.');
    List<String> services = new ArrayList<>();
    byService.forEach((s, keys) -> services.add(s + " " + keys.size()));
    String serviceText = " Incidents by service: " + String.join(", ", services) + ".";
    String id = out.evidence("derived/themes", "derived", text + serviceText);
    cites.add(0, id);
    out.claim(text + serviceText, cites.toArray(String[]::new));
  }

  private static boolean matches(ExecutiveRules.Theme theme, JiraTicket t) {
    String haystack =
        (t.summary() + " " + t.description() + " " + String.join(" ", t.labels()))
            .toLowerCase(Locale.ROOT);
    for (String token : haystack.split("[^a-z0-9-]+")) {
      for (String word : theme.words()) {
        String w = word.toLowerCase(Locale.ROOT);
        boolean hit =
            w.endsWith("*")
                ? token.startsWith(w.substring(0, w.length() - 1))
                : w.startsWith("*") ? token.endsWith(w.substring(1)) : token.equals(w);
        if (hit) {
          return true;
        }
      }
    }
    return false;
  }

  /** Which policy each incident was judged by (governance.md §1), citing what was fetched. */
  private static void policies(
      List<JiraTicket> incidents, UpdateEvidence evidence, Findings.Builder out) {
    Map<CompanyDocument, List<String>> byPolicy = new LinkedHashMap<>();
    for (JiraTicket t : incidents) {
      byPolicy.computeIfAbsent(Policies.at(t.created()), p -> new ArrayList<>()).add(t.key());
    }
    if (byPolicy.isEmpty()) {
      return;
    }
    List<String> parts = new ArrayList<>();
    List<String> cites = new ArrayList<>(List.of(UpdateEvidence.GOVERNANCE));
    byPolicy.forEach(
        (policy, keys) -> {
          parts.add(
              String.join(", ", keys)
                  + " by policy "
                  + Policies.version(policy)
                  + " ("
                  + policy.path()
                  + ")");
          cites.add(policy.path());
          cites.addAll(keys);
        });
    UpdateEvidence.claim(
        out,
        "Each incident is judged by the policy in force when it happened (governance.md §1): "
            + String.join("; ", parts)
            + ".",
        evidence.cites(cites.toArray(String[]::new)));
  }
}
