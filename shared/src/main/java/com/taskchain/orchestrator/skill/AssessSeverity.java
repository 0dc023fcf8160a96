package com.taskchain.orchestrator.skill;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.answer.Findings;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.skill.internal.CompanyFacts;
import com.taskchain.orchestrator.skill.internal.Derived;
import com.taskchain.orchestrator.skill.internal.IncidentSignals;
import com.taskchain.orchestrator.skill.internal.PolicyRules;
import com.taskchain.orchestrator.skill.internal.Samples;
import com.taskchain.orchestrator.skill.internal.Texts;
import com.taskchain.orchestrator.skill.internal.UpstreamEvidence;
import com.taskchain.orchestrator.tool.EvidenceTool;
import com.taskchain.orchestrator.tool.Upstream;
import com.taskchain.orchestrator.tool.company.CompanyServices;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code assess_severity}: the severity of an incident from the operations policy in force at its
 * start (§1 severity matrix, read from {@code policies/rules/severity_matrix.yaml}) applied to the
 * service's tier and the 1-minute metric samples of the window ("sustained for N minutes": every
 * sample of an N-minute run meets the threshold), plus the non-metric criteria found in the
 * window's tickets and logs (ledger integrity, security incident, unavailability, a payout batch
 * past its cut-off). Also establishes the INC ticket, the owning team, and quotes the ticket, the
 * log lines and the runbook's matching patterns and mitigation.
 *
 * <p>Pure over its input and upstream; thread-safe.
 */
public final class AssessSeverity implements EvidenceTool<AssessSeverity.Input, Findings> {
  public static final String NAME = "assess_severity";

  /** How many distinct log lines the findings quote. */
  static final int LOG_LINES = 3;

  /** How long before the window an open INC ticket still counts as this incident. */
  static final Duration OPEN_INCIDENT_LOOKBACK = Duration.ofHours(24);

  /**
   * The arguments.
   *
   * @param service the service id
   * @param startTime start of the incident window
   * @param endTime end of the incident window
   * @param region optional region the task names
   * @param incident optional INC key the task names
   */
  @JsonClassDescription("Arguments of assess_severity.")
  public record Input(
      @JsonProperty(required = true) @JsonPropertyDescription("Service id.") String service,
      @JsonProperty(value = "start_time", required = true)
          @JsonPropertyDescription("Start of the incident window (ISO-8601 with zone).")
          String startTime,
      @JsonProperty(value = "end_time", required = true)
          @JsonPropertyDescription("End of the incident window (ISO-8601 with zone).")
          String endTime,
      @JsonPropertyDescription("Optional: region.") String region,
      @JsonPropertyDescription("Optional: the INC ticket key.") String incident) {
    public Input {
      service = CompanyServices.check("service", service);
      if (service == null) {
        throw new IllegalArgumentException("service: is required");
      }
      if (!instant("end_time", endTime).isAfter(instant("start_time", startTime))) {
        throw new IllegalArgumentException("end_time: must be after start_time");
      }
    }

    Instant start() {
      return instant("start_time", startTime);
    }

    Instant end() {
      return instant("end_time", endTime);
    }
  }

  static Instant instant(String name, String value) {
    if (value == null) {
      throw new IllegalArgumentException(name + ": is required");
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(name + ": not an ISO-8601 time with zone: " + value);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * The reporting channels and update cadence of the severity, from the policy in force at the
   * incident's start; a team channel ({@code team}) is the owning team's channel of {@code
   * tool_configs/slack.yaml}.
   */
  private static void reporting(
      Findings.Builder out, String severity, String service, Instant start) {
    OperationsRules rules = OperationsRules.at(start);
    OperationsRules.Severity timings = rules.severity(severity);
    List<String> channels = new ArrayList<>();
    List<String> slackLines = new ArrayList<>();
    for (String channel : timings.channels()) {
      if (!channel.equals("team")) {
        channels.add(channel);
        continue;
      }
      Optional<String> team = Rota.company().teamOf(service);
      JsonNode teamChannel =
          team.isEmpty()
              ? null
              : CompanyData.yaml(CompanyData.SLACK).path("team_channels").path(team.get());
      if (teamChannel != null && teamChannel.isTextual()) {
        channels.add(teamChannel.asText());
        slackLines.add("team_channels: " + team.get() + ": \"" + teamChannel.asText() + "\"");
      }
    }
    if (channels.isEmpty()) {
      return;
    }
    String text =
        severity
            + " reporting (policy "
            + rules.name()
            + " §3): "
            + String.join(" and ", channels)
            + ", "
            + timings.cadence()
            + ".";
    List<String> citations = new ArrayList<>();
    citations.add(
        out.evidence(
            rules.document() + "#3-reporting-channels-and-update-cadence:" + severity,
            rules.document(),
            "Policy "
                + rules.name()
                + " §3, "
                + severity
                + ": "
                + String.join(" and ", timings.channels())
                + ", "
                + timings.cadence()
                + "."));
    if (!slackLines.isEmpty()) {
      citations.add(
          out.evidence(
              CompanyData.SLACK + "#team_channels",
              CompanyData.SLACK,
              String.join("\n", slackLines)));
    }
    out.claim(new com.taskchain.orchestrator.answer.Claim(text, citations));
  }

  @Override
  public String description() {
    return "Assesses an incident's severity (P1-P3) from the policy's severity matrix, the"
        + " service's tier, the 1-minute metrics of the window and the tickets and logs; names the"
        + " INC ticket and the owning team.";
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Class<Findings> outputType() {
    return Findings.class;
  }

  /** A criterion that holds, with the words that show it and what to cite. */
  private record Met(PolicyRules.Criterion criterion, String shows, List<String> citations) {}

  @Override
  public Findings call(Input input, Upstream upstream) {
    Findings.Builder out = Findings.builder(NAME);
    UpstreamEvidence evidence = UpstreamEvidence.of(upstream);
    String service = input.service();
    Instant start = input.start();
    Instant end = input.end();
    PolicyRules.Version policy = PolicyRules.at(start);
    String policyPath = policy.path();
    Optional<CompanyFacts.ProfileRow> row = CompanyFacts.profileRow(service);
    Optional<String> tier = CompanyFacts.tier(service);

    // The incident: the service's INC ticket opened in the window, else the one named, else one
    // still open from the day before.
    List<JsonNode> incTickets =
        evidence.tickets().values().stream()
            .filter(t -> "INC".equals(t.path("project").asText()))
            .filter(t -> service.equals(t.path("service").asText()))
            .sorted(Comparator.comparing(UpstreamEvidence::created))
            .toList();
    Optional<JsonNode> incident =
        incTickets.stream()
            .filter(t -> inWindow(UpstreamEvidence.created(t), start, end))
            .findFirst()
            .or(() -> Optional.ofNullable(input.incident()).flatMap(evidence::ticket))
            .or(
                () ->
                    incTickets.stream()
                        .filter(t -> UpstreamEvidence.created(t).isBefore(start))
                        .filter(
                            t ->
                                UpstreamEvidence.created(t)
                                    .isAfter(start.minus(OPEN_INCIDENT_LOOKBACK)))
                        .filter(t -> !t.path("status").asText().matches("Resolved|Closed"))
                        .reduce((a, b) -> b));

    List<JsonNode> windowEvents = evidence.events(service, start, end);
    List<JsonNode> windowTickets = incident.map(List::of).orElse(List.of());
    String cutoff = "06:00";
    List<IncidentSignals.Signal> signals =
        IncidentSignals.find(windowTickets, windowEvents, cutoff);
    Samples samples = evidence.samples(service).between(start, end);
    List<String> metricWindows = evidence.metricWindows(service);

    // The criteria that hold, highest severity first.
    List<Met> met = new ArrayList<>();
    List<PolicyRules.Criterion> notMet = new ArrayList<>();
    Map<String, String> runs = new LinkedHashMap<>();
    if (tier.isPresent()) {
      for (PolicyRules.Criterion c : policy.severity()) {
        if (!c.appliesTo(tier.get())) {
          continue;
        }
        if (c.isMetric()) {
          if (samples.isEmpty()) {
            continue;
          }
          Optional<Samples.Run> run =
              samples.sustained(c.metric(), c.comparator(), c.value(), c.minutes());
          if (run.isPresent()) {
            Samples.Run r = run.get();
            String shows =
                Texts.metricName(c.metric())
                    + " "
                    + (c.comparator().equals(">=") ? "≥ " : "> ")
                    + c.shown()
                    + " in every 1-minute sample from "
                    + Texts.time(r.first())
                    + " to "
                    + Texts.time(r.last())
                    + " UTC ("
                    + r.minutes()
                    + " minutes, peak "
                    + Texts.metricValue(c.metric(), r.peak())
                    + ")";
            met.add(new Met(c, shows, metricWindows));
          } else {
            notMet.add(c);
          }
        } else {
          Optional<IncidentSignals.Signal> signal =
              signals.stream().filter(s -> s.event().equals(c.event())).findFirst();
          if (signal.isPresent() && ledgerAmountFits(c, signal.get(), incident)) {
            met.add(
                new Met(
                    c,
                    signal.get().citation() + ": \"" + signal.get().quote() + "\"",
                    List.of(signal.get().citation())));
          }
        }
      }
    } else {
      out.unknown("severity", "the tier of " + service + " is not in tool_configs/cicd.yaml");
    }

    String severity = null;
    if (tier.isPresent()) {
      severity = met.isEmpty() ? "P3" : met.get(0).criterion().severity();
      out.field("severity", severity);
      String section = "#" + Texts.anchor("1. Severity matrix");
      if (met.isEmpty()) {
        String text =
            "Severity P3 (policy "
                + policy.name()
                + " §1): no P1 or P2 criterion of a "
                + Texts.tierName(tier.get())
                + " service is met — "
                + misses(notMet, samples)
                + ". P3 is: "
                + policy.p3Text();
        Derived.claim(
            out,
            policyPath + section + ":p3",
            text,
            java.util.Arrays.asList(cite(evidence, policyPath + section + ":p3", policyPath)));
      } else {
        int i = 0;
        for (Met m : met) {
          if (!m.criterion().severity().equals(severity)) {
            continue;
          }
          String text =
              "Severity "
                  + severity
                  + " (policy "
                  + policy.name()
                  + " §1): "
                  + m.criterion().text()
                  + " — "
                  + m.shows()
                  + ".";
          String id = policyPath + section + ":" + severity.toLowerCase(Locale.ROOT) + "-" + (++i);
          List<String> citations =
              new ArrayList<>(java.util.Arrays.asList(cite(evidence, id, policyPath)));
          citations.addAll(m.citations());
          Derived.claim(out, id, text, citations);
        }
      }
    }

    // The incident ticket.
    if (incident.isPresent()) {
      String key = incident.get().path("key").asText();
      out.field("incident", key);
      out.claim(UpstreamEvidence.quote(incident.get()), key);
    } else {
      out.unknown(
          "incident",
          "no INC ticket of " + service + " was opened in the window or found open before it");
    }

    // The service: tier and owning team, as the profile writes them.
    if (row.isPresent()) {
      CompanyFacts.ProfileRow r = row.get();
      out.field("owner_team", r.owningTeam());
      String item =
          out.evidence("company_profile.md#services:" + service, "company_profile.md", r.row());
      out.claim(
          r.name() + " (" + service + ") is " + r.tier() + ", owned by " + r.owningTeam() + ".",
          item);
    } else {
      out.unknown("owner_team", service + " has no row in the company profile's services table");
    }

    // Where the incident is reported, and how often (policy §3).
    if (severity != null) {
      reporting(out, severity, service, start);
    }

    // The metrics of the window.
    if (!samples.isEmpty()) {
      String peaks = peaks(samples);
      Derived.claim(
          out,
          "metrics/" + service + "/peaks/" + start + "/" + end,
          "Metrics "
              + Texts.dateTime(start)
              + "–"
              + Texts.time(end)
              + " UTC (1-minute samples): "
              + peaks
              + ".",
          metricWindows);
    } else {
      out.unknown(null, "no 1-minute metric samples of " + service + " in the window");
    }

    // The log lines, the runbook's reading of them, and its mitigation.
    quoteLogs(out, service, windowEvents);
    Optional<CompanyDocument> runbook = CompanyDocument.runbookOf(service);
    runbook.ifPresent(r -> quoteRunbook(out, evidence, r, windowEvents));

    // Who is paged: special cases of §2 for the event criteria met, then the rota.
    for (Met m : met) {
      if (m.criterion().event() != null && m.criterion().severity().equals(severity)) {
        specialCase(out, evidence, policy, m.criterion().event());
      }
    }
    Instant declared = incident.map(UpstreamEvidence::created).orElse(start);
    oncall(out, service, declared);
    return out.build();
  }

  private static boolean inWindow(Instant at, Instant start, Instant end) {
    return !at.isBefore(start) && at.isBefore(end);
  }

  /** v1's ledger criteria split by amount: P1 above the amount, P2 at or below it. */
  private static boolean ledgerAmountFits(
      PolicyRules.Criterion c, IncidentSignals.Signal signal, Optional<JsonNode> incident) {
    if (!c.event().equals("ledger_integrity")) {
      return true;
    }
    Optional<Double> amount =
        incident.flatMap(t -> IncidentSignals.amountUsd(t.path("description").asText()));
    if (c.amountAboveUsd() != null) {
      // When the amount is not known, the higher severity holds ("when in doubt, pick the higher").
      return amount.isEmpty() || amount.get() > c.amountAboveUsd();
    }
    return c.severity().equals("P1") || amount.isPresent();
  }

  private static String misses(List<PolicyRules.Criterion> notMet, Samples samples) {
    List<String> parts = new ArrayList<>();
    for (PolicyRules.Criterion c : notMet) {
      if (!c.severity().equals("P2")) {
        continue;
      }
      String peak =
          samples
              .peak(c.metric())
              .map(s -> "peak " + Texts.metricValue(c.metric(), s.value(c.metric())))
              .orElse("not measured");
      parts.add(
          Texts.metricName(c.metric())
              + " "
              + (c.comparator().equals(">=") ? "≥ " : "> ")
              + c.shown()
              + " sustained for "
              + c.minutes()
              + " minutes not met ("
              + peak
              + ")");
    }
    return parts.isEmpty() ? "no threshold applies" : String.join("; ", parts);
  }

  private static String peaks(Samples samples) {
    List<String> parts = new ArrayList<>();
    for (String metric : List.of(Samples.Metric.ERROR_RATE, Samples.Metric.P95_LATENCY)) {
      samples
          .peak(metric)
          .ifPresent(
              s ->
                  parts.add(
                      Texts.metricName(metric)
                          + " peaked at "
                          + Texts.metricValue(metric, s.value(metric))
                          + " ("
                          + Texts.time(s.at())
                          + ")"));
    }
    return String.join(", ", parts);
  }

  private static void quoteLogs(Findings.Builder out, String service, List<JsonNode> events) {
    Set<String> shapes = new LinkedHashSet<>();
    List<String> lines = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (String level : List.of("ERROR", "WARN")) {
      for (JsonNode e : events) {
        if (!level.equals(e.path("level").asText()) || lines.size() >= LOG_LINES) {
          continue;
        }
        String message = e.path("message").asText();
        // One quote per kind of line: numbers and ids vary between repeats.
        if (shapes.add(message.replaceAll("[0-9]+", "#").replaceAll("\\S+=\\S+", "k=v"))) {
          lines.add(
              Texts.time(Instant.parse(e.path("timestamp").asText()))
                  + " "
                  + level
                  + " \""
                  + message
                  + "\"");
          ids.add(UpstreamEvidence.logId(e));
        }
      }
    }
    if (!lines.isEmpty()) {
      Derived.claim(
          out, "logs/" + service + "/quoted", "Logs: " + String.join("; ", lines) + ".", ids);
    }
  }

  private static void quoteRunbook(
      Findings.Builder out,
      UpstreamEvidence evidence,
      CompanyDocument runbook,
      List<JsonNode> events) {
    String path = runbook.path();
    CompanyFacts.section(runbook, "Log patterns")
        .ifPresent(
            section -> {
              List<String> meanings = new ArrayList<>();
              CompanyFacts.tableRows(section)
                  .forEach(
                      (pattern, rowText) -> {
                        java.util.regex.Pattern p = patternOf(pattern);
                        if (events.stream()
                            .anyMatch(e -> p.matcher(e.path("message").asText()).find())) {
                          String[] cells = rowText.split("\\|");
                          meanings.add("`" + pattern + "` means " + cells[2].strip());
                        }
                      });
              if (!meanings.isEmpty()) {
                String item = out.evidence(path + "#" + section.anchor(), path, section.text());
                out.claim(
                    "Runbook: " + String.join("; ", meanings) + ".", cite(evidence, item, path));
              }
            });
    CompanyFacts.section(runbook, "Mitigation")
        .ifPresent(
            section -> {
              List<String> items = CompanyFacts.items(section);
              if (!items.isEmpty()) {
                String item = out.evidence(path + "#" + section.anchor(), path, section.text());
                out.claim(
                    "Runbook mitigation: " + String.join(" ", numbered(items)),
                    cite(evidence, item, path));
              }
            });
  }

  /** A runbook log pattern ({@code release .* started}) as a regex; plain text is quoted. */
  private static java.util.regex.Pattern patternOf(String pattern) {
    String regex =
        pattern.contains(".*")
            ? java.util.Arrays.stream(pattern.split("\\.\\*", -1))
                .map(java.util.regex.Pattern::quote)
                .reduce((a, b) -> a + ".*" + b)
                .orElse("")
            : java.util.regex.Pattern.quote(pattern.replace(" ... ", " "));
    if (pattern.contains(" ... ")) {
      regex =
          java.util.Arrays.stream(pattern.split(" \\.\\.\\. "))
              .map(java.util.regex.Pattern::quote)
              .reduce((a, b) -> a + ".*" + b)
              .orElse("");
    }
    return java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.CASE_INSENSITIVE);
  }

  private static List<String> numbered(List<String> items) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      out.add("(" + (i + 1) + ") " + items.get(i));
    }
    return out;
  }

  private static void specialCase(
      Findings.Builder out, UpstreamEvidence evidence, PolicyRules.Version policy, String event) {
    String keyword =
        switch (event) {
          case "ledger_integrity" -> "**Ledger integrity**";
          case "security_incident" -> "**Security incident**";
          default -> null;
        };
    if (keyword == null) {
      return;
    }
    policy
        .document()
        .read()
        .lines()
        .filter(line -> line.contains(keyword))
        .findFirst()
        .ifPresent(
            line -> {
              String text = Texts.plain(line.replaceFirst("^\\s*-\\s*", ""));
              String section = "#" + Texts.anchor("2. Acknowledge and escalation timings");
              String item =
                  out.evidence(policy.path() + section + ":" + event, policy.path(), text);
              out.claim(
                  "Policy " + policy.name() + " §2: " + text, cite(evidence, item, policy.path()));
            });
  }

  private static void oncall(Findings.Builder out, String service, Instant at) {
    Optional<String> team = CompanyFacts.rotaTeam(service);
    Optional<JsonNode> week = CompanyFacts.rotaWeek(at);
    if (team.isEmpty() || week.isEmpty()) {
      return;
    }
    JsonNode w = week.get();
    JsonNode pair = w.path(team.get());
    String weekOf = w.path("week_of").asText();
    String text =
        "week_of: "
            + weekOf
            + "\nends: "
            + w.path("ends").asText()
            + "\nsre_ic: "
            + w.path("sre_ic").asText()
            + "\n"
            + team.get()
            + ": {primary: "
            + pair.path("primary").asText()
            + ", secondary: "
            + pair.path("secondary").asText()
            + "}";
    String item = out.evidence(CompanyData.ONCALL + "#" + weekOf, CompanyData.ONCALL, text);
    out.claim(
        "On call ("
            + team.get()
            + " rota, week of "
            + weekOf
            + "): primary "
            + pair.path("primary").asText()
            + ", secondary "
            + pair.path("secondary").asText()
            + "; SRE incident commander "
            + w.path("sre_ic").asText()
            + ".",
        item);
  }

  /** The item, and the fetched document it quotes when this run fetched it. */
  static String[] cite(UpstreamEvidence evidence, String item, String document) {
    return evidence.fetched(document) ? new String[] {item, document} : new String[] {item};
  }
}
