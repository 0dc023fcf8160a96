package com.taskchain.company;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What tickets, runbook histories, scenarios and the corpus say agrees with the sources of truth:
 * the policy, {@code tool_configs/*.yaml} (rota, cicd), the metrics model and the logs. One test
 * per class of fact, each computing the fact from the truth source rather than restating it.
 */
class DataConsistencyTest {
  private static final Path SIM = Path.of("company_sim");
  private static final Path CORPUS = Path.of("../data/corpus/previous_issues.jsonl");
  private static final Instant POLICY_V2 = Instant.parse("2026-02-01T00:00:00Z");
  private static final DateTimeFormatter HH_MM =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
  private static final Pattern NAMES_CHANGE = Pattern.compile("\\((?:[^()]*, )?(CHG-\\d+)\\)$");
  private static final Set<String> DEPLOYED = Set.of("Done", "Rolled Back", "Scheduled");
  private static final Set<String> DBRES = Set.of("Ines Carvalho", "Petra Novak");

  private final ObjectMapper mapper = new ObjectMapper();
  private final JiraData jira = JiraData.load();
  private final MetricsModel metrics = MetricsModel.load();
  private final LogData logs = LogData.load();
  private final Map<String, Ticket> tickets =
      jira.tickets().stream().collect(Collectors.toMap(Ticket::key, Function.identity()));
  private final String cicd = read("tool_configs/cicd.yaml");
  private final String policy = read("policies/operations_policy_v2.md");
  private final Rota rota = Rota.parse(read("tool_configs/oncall.yaml"));

  /** A threshold of {@code automatic_rollback} in cicd.yaml: every sample strictly above. */
  record Threshold(String metric, double above, int minutes) {
    String asPolicyWrites() {
      String value =
          metric.equals("error_rate")
              ? BigDecimal.valueOf(above).setScale(1).toPlainString() + " %"
              : String.format(Locale.ROOT, "%,d ms", (long) above);
      return metric + " > " + value + " for " + minutes + " minutes";
    }
  }

  /** A deployment or traffic-share change in the logs, with the CHG ticket it names. */
  record Deployment(String change, String service, Instant start) {}

  /** When a rollback trigger was first met in a deployment's watch window. */
  record Trigger(Threshold threshold, Instant at) {}

  @Test
  void ticketNumbers_agreeWithTheLogsAndTheMetrics() {
    // Acknowledgement times: the ticket and the log line say the same person and minute.
    Pattern ack =
        Pattern.compile("Acknowledged (\\d\\d:\\d\\d) by ([A-Z][\\w']*(?: [A-Z][\\w']*)+)");
    int acks = 0;
    for (Ticket t : jira.tickets()) {
      Matcher m = ack.matcher(t.description());
      if (m.find()) {
        acks++;
        String expected = "incident " + t.key() + " acknowledged by " + m.group(2);
        assertThat(logs.events())
            .as(t.key() + " acknowledgement")
            .anyMatch(
                e ->
                    e.message().equals(expected)
                        && HH_MM.format(e.ts()).equals(m.group(1))
                        && day(e.ts()).equals(day(t.created())));
      }
    }
    assertThat(acks).isGreaterThanOrEqualTo(8);

    // Peaks: a ticket that speaks of an error rate or a p95 states the anomaly's peak.
    for (Ticket t : jira.tickets()) {
      String text = t.description().toLowerCase(Locale.ROOT);
      for (MetricsModel.Anomaly a : metrics.anomalies()) {
        if (!a.incident().equals(t.key())) {
          continue;
        }
        if (a.metric().equals("error_rate") && text.contains("error rate")) {
          String peak = BigDecimal.valueOf(a.peak()).stripTrailingZeros().toPlainString() + " %";
          assertThat(t.description()).as(t.key() + " error-rate peak").contains(peak);
        }
        if (a.metric().equals("p95_latency_ms") && text.contains("p95")) {
          String peak = String.format(Locale.ROOT, "%,d ms", Math.round(a.peak()));
          assertThat(t.description()).as(t.key() + " p95 peak").contains(peak);
        }
      }
    }

    // Numbers the logs measure: the ticket states the largest value logged while it was worked on.
    record LogNumber(
        String ticket, String claim, String service, String log, String level, int div) {}
    List<LogNumber> facts =
        List.of(
            new LogNumber(
                "PAY-741",
                "(\\d+) ms per query in the worst case",
                "payments-gateway",
                "token_lookup took (\\d+) ms",
                null,
                1),
            new LogNumber(
                "INC-2325",
                "delayed up to (\\d+) minutes",
                "webhook-dispatcher",
                "oldest_undelivered_age_s (\\d+)",
                null,
                60),
            new LogNumber(
                "INC-2346",
                "lag up to (\\d+) minutes",
                "inventory-sync",
                "sync lag (\\d+) s",
                null,
                60),
            new LogNumber(
                "INC-2317",
                "stalled at (\\d+) %",
                "settlement-engine",
                "progress (\\d+)%",
                "WARN",
                1));
    for (LogNumber fact : facts) {
      Ticket t = tickets.get(fact.ticket());
      Matcher claim = Pattern.compile(fact.claim()).matcher(t.description());
      assertThat(claim.find()).as(fact.ticket() + " states " + fact.claim()).isTrue();
      Pattern log = Pattern.compile(fact.log());
      int max =
          logs.events().stream()
              .filter(e -> e.service().equals(fact.service()))
              .filter(e -> fact.level() == null || e.level().equals(fact.level()))
              .filter(e -> !e.ts().isBefore(t.created().minus(Duration.ofHours(1))))
              .filter(e -> !e.ts().isAfter(t.updated()))
              .map(e -> log.matcher(e.message()))
              .filter(Matcher::find)
              .mapToInt(m -> Integer.parseInt(m.group(1)))
              .max()
              .orElseThrow();
      assertThat(Integer.parseInt(claim.group(1)))
          .as(fact.ticket())
          .isEqualTo(Math.round((float) max / fact.div()));
    }

    // Change times: a log line naming a CHG ticket happens on the day and at the minute it says.
    int changes = 0;
    for (LogEvent e : logs.events()) {
      Matcher m = NAMES_CHANGE.matcher(e.message());
      if (!m.find()) {
        continue;
      }
      changes++;
      Ticket change = tickets.get(m.group(1));
      assertThat(change).as(e.message()).isNotNull();
      assertThat(change.description()).as(change.key()).contains(HH_MM.format(e.ts()));
      assertThat(
              change.description().contains(day(e.ts()).toString())
                  || day(change.created()).equals(day(e.ts())))
          .as(change.key() + " day of " + e.message())
          .isTrue();
    }
    assertThat(changes).isGreaterThan(10);
  }

  @Test
  void changeApprovals_followPolicySection6_andTheCabCutoff() {
    Pattern when = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?: (\\d{2}:\\d{2}))?");
    Pattern cab = Pattern.compile("CAB (?:Tuesday )?(\\d{4}-\\d{2}-\\d{2})");
    int checked = 0;
    for (Ticket t : jira.tickets()) {
      if (!t.project().equals("CHG")) {
        continue;
      }
      String text = t.description();
      Matcher w = when.matcher(text);
      Instant deploy =
          w.find()
              ? LocalDateTime.parse(
                      w.group(1) + "T" + (w.group(2) == null ? "00:00" : w.group(2)) + ":00")
                  .toInstant(ZoneOffset.UTC)
              : t.created();

      Matcher c = cab.matcher(text);
      while (c.find()) {
        LocalDate meeting = LocalDate.parse(c.group(1));
        Instant cutoff = meeting.minusDays(1).atTime(17, 0).toInstant(ZoneOffset.UTC);
        assertThat(meeting.getDayOfWeek()).as(t.key() + " CAB day").isEqualTo(DayOfWeek.TUESDAY);
        assertThat(t.created()).as(t.key() + " filed by the Monday 17:00 cutoff").isBefore(cutoff);
        if (DEPLOYED.contains(t.status())) {
          assertThat(deploy)
              .as(t.key() + " deploys after CAB and within its 14 days")
              .isAfter(meeting.atTime(14, 0).toInstant(ZoneOffset.UTC))
              .isBefore(meeting.plusDays(15).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
      }
      if (!DEPLOYED.contains(t.status())) {
        continue;
      }
      checked++;
      if (t.labels().contains("rollback") && t.summary().startsWith("Rollback")) {
        assertThat(text).as(t.key()).contains("no approval");
        continue;
      }
      if (t.labels().contains("emergency")) {
        String ic = rota.weekAt(deploy).sreIc();
        assertThat(text).as(t.key() + " approved by the IC").contains("IC " + ic);
        Matcher incident = Pattern.compile("INC-\\d+").matcher(text);
        assertThat(incident.find()).as(t.key() + " names its incident").isTrue();
        assertThat(tickets.get(incident.group()).severity()).isIn("P1", "P2");
        continue;
      }
      int tier = tier(t.service());
      assertThat(text).as(t.key()).contains("peer review");
      if (tier <= 1) {
        assertThat(text).as(t.key()).contains("EM " + rota.managerOf(t.service()));
      }
      if (tier == 0 && !deploy.isBefore(POLICY_V2)) {
        assertThat(text).as(t.key()).contains("SRE primary on-call " + rota.weekAt(deploy).sreIc());
        if (t.labels().contains("migration-phase")) {
          assertThat(text).as(t.key()).containsPattern("CAB \\d{4}-\\d{2}-\\d{2}");
          assertThat(DBRES).as(t.key()).anyMatch(dbre -> text.contains("DBRE " + dbre));
        }
      }
    }
    assertThat(checked).isGreaterThan(12);
  }

  @Test
  void rollbackClaims_agreeWithTheWatchWindowAndTheThresholds() throws IOException {
    Duration window = Duration.parse(field(cicd, "watch_window"));
    Pattern metAt = Pattern.compile("rollback trigger met at (\\d\\d:\\d\\d)");
    int claims = 0;
    for (Deployment d : deployments()) {
      if (d.start().isBefore(POLICY_V2)) {
        continue; // cicd.yaml carries the v2 thresholds; earlier changes had v1's.
      }
      Optional<Trigger> trigger = trigger(d);
      List<Ticket> about = new ArrayList<>();
      about.add(tickets.get(d.change()));
      jira.tickets().stream()
          .filter(t -> t.project().equals("INC") && t.service().equals(d.service()))
          .filter(t -> !t.created().isBefore(d.start()))
          .filter(t -> t.created().isBefore(d.start().plus(window)))
          .forEach(about::add);
      for (Ticket t : about) {
        String text = t.description().toLowerCase(Locale.ROOT);
        String as = t.key() + " about " + d.change() + " (" + trigger + ")";
        Matcher m = metAt.matcher(text);
        if (m.find()) {
          claims++;
          assertThat(trigger).as(as).isPresent();
          assertThat(HH_MM.format(trigger.get().at())).as(as).isEqualTo(m.group(1));
        }
        if (text.contains("rollback trigger met")
            || text.contains("rollback trigger:")
            || text.contains("rolled back")) {
          claims++;
          assertThat(trigger).as(as).isPresent();
        }
        if (text.matches("(?s).*below the [^.]*rollback.*")) {
          claims++;
          assertThat(trigger).as(as).isEmpty();
        }
        if (trigger.isPresent()) {
          assertThat(text)
              .as(as + ": a met trigger needs no discussion")
              .doesNotContain("under discussion");
        }
      }
    }
    assertThat(claims).isGreaterThanOrEqualTo(8);

    int scenarios = 0;
    for (JsonNode s : scenarios()) {
      if (!s.at("/expected/rollback").isBoolean()) {
        continue;
      }
      scenarios++;
      String id = s.get("id").asText();
      JsonNode context = s.get("context");
      Instant from = Instant.parse(context.get("start_time").asText());
      Instant to = Instant.parse(context.get("end_time").asText());
      List<Deployment> inScope =
          deployments().stream()
              .filter(d -> d.service().equals(context.get("service").asText()))
              .filter(
                  d ->
                      context.has("change")
                          ? d.change().equals(context.get("change").asText())
                          : d.start().isBefore(to) && d.start().plus(window).isAfter(from))
              .toList();
      assertThat(inScope).as(id).hasSize(1);
      Optional<Trigger> trigger = trigger(inScope.get(0));
      assertThat(trigger.isPresent()).as(id).isEqualTo(s.at("/expected/rollback").asBoolean());
      if (s.at("/expected/threshold_breached").isTextual()) {
        assertThat(trigger.get().threshold().asPolicyWrites())
            .as(id)
            .isEqualTo(s.at("/expected/threshold_breached").asText());
      }
    }
    assertThat(scenarios).isGreaterThanOrEqualTo(8);
  }

  @Test
  void releaseLogs_followTheCanaryStepsOfCicd() {
    List<Integer> steps =
        Pattern.compile(",\\s*")
            .splitAsStream(field(cicd, "canary_steps").replaceAll("[\\[\\]]", ""))
            .map(Integer::valueOf)
            .toList();
    Duration pause = Duration.parse(field(cicd, "step_pause"));
    Pattern started = Pattern.compile("^release (\\S+) started \\((CHG-\\d+)\\)$");
    int releases = 0;
    for (LogEvent start : logs.events()) {
      Matcher m = started.matcher(start.message());
      if (!m.find()) {
        continue;
      }
      releases++;
      Pattern step =
          Pattern.compile(
              "^release " + Pattern.quote(m.group(1)) + " (?:canary|finished;) (\\d+)%");
      List<LogEvent> stepEvents =
          logs.events().stream()
              .filter(e -> e.service().equals(start.service()) && !e.ts().isBefore(start.ts()))
              .filter(e -> step.matcher(e.message()).find())
              .toList();
      List<Integer> percents =
          stepEvents.stream()
              .map(e -> step.matcher(e.message()).results().findFirst().orElseThrow().group(1))
              .map(Integer::valueOf)
              .toList();
      assertThat(percents).as(start.message()).isEqualTo(steps);
      assertThat(Duration.between(start.ts(), stepEvents.get(0).ts()))
          .as(start.message() + ": first step at the start")
          .isLessThan(pause);
      for (int i = 1; i < stepEvents.size(); i++) {
        assertThat(Duration.between(stepEvents.get(i - 1).ts(), stepEvents.get(i).ts()))
            .as(stepEvents.get(i).message())
            .isGreaterThanOrEqualTo(pause);
      }
    }
    assertThat(releases).isGreaterThanOrEqualTo(3);
  }

  @Test
  void corpusIncidents_agreeWithTheSystems() throws IOException {
    Instant systemsStart = metrics.start();
    List<JsonNode> incidents = new ArrayList<>();
    for (String line : Files.readAllLines(CORPUS)) {
      JsonNode r = mapper.readTree(line);
      if (r.get("source").asText().equals("incident")) {
        incidents.add(r);
      }
    }
    for (JsonNode r : incidents) {
      String id = r.get("doc_id").asText();
      JsonNode meta = r.get("metadata");
      Instant opened = Instant.parse(meta.get("opened").asText());
      Instant resolved = Instant.parse(meta.get("resolved").asText());
      if (opened.isBefore(systemsStart)) {
        assertThat(resolved)
            .as(id + " ends before the systems' data begins")
            .isBefore(systemsStart);
        continue;
      }
      Ticket t = tickets.get(id);
      assertThat(t).as(id + " is an incident of the mock Jira").isNotNull();
      assertThat(t.project()).as(id).isEqualTo("INC");
      assertThat(t.created()).as(id).isEqualTo(opened);
      assertThat(t.severity()).as(id).isEqualTo(meta.get("severity").asText());
      assertThat(t.service()).as(id).isEqualTo(meta.get("service").asText());
    }
    Set<String> inCorpus =
        incidents.stream().map(r -> r.get("doc_id").asText()).collect(Collectors.toSet());
    jira.tickets().stream()
        .filter(t -> t.project().equals("INC") && Set.of("Resolved", "Closed").contains(t.status()))
        .forEach(t -> assertThat(inCorpus).as(t.key() + " in the corpus").contains(t.key()));

    // The Q1 2026 counts an executive summary reports are the same from Jira and from the corpus.
    Instant q1End = Instant.parse("2026-04-01T00:00:00Z");
    Map<String, Long> fromJira =
        jira.tickets().stream()
            .filter(t -> t.project().equals("INC") && t.created().isBefore(q1End))
            .collect(Collectors.groupingBy(Ticket::severity, TreeMap::new, Collectors.counting()));
    Map<String, Long> fromCorpus =
        incidents.stream()
            .filter(r -> !Instant.parse(r.at("/metadata/opened").asText()).isBefore(systemsStart))
            .filter(r -> Instant.parse(r.at("/metadata/opened").asText()).isBefore(q1End))
            .collect(
                Collectors.groupingBy(
                    r -> r.at("/metadata/severity").asText(), TreeMap::new, Collectors.counting()));
    assertThat(fromCorpus).isEqualTo(fromJira);
    JsonNode q1 =
        scenarios().stream()
            .filter(s -> s.at("/context/start_time").asText().equals("2026-01-01T00:00:00Z"))
            .filter(s -> s.at("/expected/counts").isObject())
            .findFirst()
            .orElseThrow();
    Map<String, Long> expected = new TreeMap<>();
    q1.at("/expected/counts")
        .fields()
        .forEachRemaining(f -> expected.put(f.getKey(), f.getValue().asLong()));
    assertThat(fromJira).isEqualTo(expected);
  }

  @Test
  void generatedIncidentTimings_areOrdered() throws IOException {
    Pattern timings =
        Pattern.compile("acknowledged after (\\d+) minutes; mitigated after (\\d+) minutes");
    int checked = 0;
    for (String line : Files.readAllLines(CORPUS)) {
      JsonNode r = mapper.readTree(line);
      Matcher m = timings.matcher(r.get("text").asText());
      if (!m.find()) {
        continue;
      }
      checked++;
      String id = r.get("doc_id").asText();
      int acknowledged = Integer.parseInt(m.group(1));
      int mitigated = Integer.parseInt(m.group(2));
      Instant opened = Instant.parse(r.at("/metadata/opened").asText());
      Instant resolved = Instant.parse(r.at("/metadata/resolved").asText());
      assertThat(acknowledged).as(id).isLessThanOrEqualTo(mitigated);
      assertThat(opened.plus(Duration.ofMinutes(mitigated))).as(id).isBeforeOrEqualTo(resolved);
    }
    assertThat(checked).isGreaterThan(1000);
  }

  @Test
  void rota_coversTheProgrammeAndEveryScenario_andKeepsItsRotation() throws IOException {
    List<Rota.Week> weeks = rota.weeks();
    for (int i = 0; i < weeks.size(); i++) {
      Rota.Week week = weeks.get(i);
      assertThat(Rota.isHandoverDay(week.weekOf())).as(week.weekOf().toString()).isTrue();
      assertThat(week.ends()).isEqualTo(week.weekOf().plusWeeks(1));
      if (i > 0) {
        Rota.Week before = weeks.get(i - 1);
        assertThat(week.weekOf()).isEqualTo(before.ends());
        // The rotation: last week's secondary is this week's primary, in every team.
        assertThat(week.primary()).hasSameSizeAs(before.primary());
        before
            .secondary()
            .forEach(
                (team, name) ->
                    assertThat(week.primary().get(team))
                        .as(week.weekOf() + " " + team)
                        .isEqualTo(name));
        assertThat(week.sreIc())
            .as(week.weekOf() + " SRE IC")
            .isEqualTo(i >= 4 ? weeks.get(i - 4).sreIc() : week.sreIc());
        assertThat(week.dbre()).as(week.weekOf() + " DBRE").isNotEqualTo(before.dbre());
      }
    }
    // Every date the programme plans with (its phases, risks, decisions and target end date).
    String programme = read("programs/atlas_checkout_migration.md");
    Matcher dates =
        Pattern.compile("\\b(2026-\\d{2}-\\d{2})\\b")
            .matcher(programme.substring(programme.indexOf("## Phases")));
    LocalDate last = LocalDate.MIN;
    while (dates.find()) {
      LocalDate d = LocalDate.parse(dates.group(1));
      last = d.isAfter(last) ? d : last;
    }
    assertThat(last).isEqualTo(LocalDate.parse("2026-07-31"));
    assertThat(rota.weekAt(last.atTime(23, 59).toInstant(ZoneOffset.UTC))).isNotNull();
    for (JsonNode s : scenarios()) {
      if (s.at("/context/start_time").isTextual()) {
        Instant start = Instant.parse(s.at("/context/start_time").asText());
        if (!start.isBefore(weeks.get(0).from())) {
          rota.weekAt(start);
        }
      }
    }
    jira.tickets().stream()
        .filter(t -> t.project().equals("INC"))
        .forEach(t -> rota.weekAt(t.created()));
  }

  @Test
  void sustained_meansAtOrAboveForSeverity_andStrictlyAboveForRollback_inPolicyAndCicd()
      throws IOException {
    String definition =
        policy.substring(policy.indexOf("\"Sustained for N minutes\""), policy.indexOf("## 1."));
    assertThat(definition)
        .contains("≥ X")
        .contains("at or above")
        .contains("> X")
        .contains("strictly above");
    String severity = policy.substring(policy.indexOf("## 1."), policy.indexOf("## 2."));
    String rollback = policy.substring(policy.indexOf("## 5."), policy.indexOf("## 6."));
    assertThat(severity).contains("≥").doesNotContain("> ");
    assertThat(rollback).doesNotContain("≥");

    // Section 5's table and cicd.yaml's automatic_rollback give the same values.
    Pattern row =
        Pattern.compile(
            "(?m)^\\| Tier (\\d) \\| (?:\\*\\*)?> ([\\d.]+) %(?:\\*\\*)? sustained for (\\d+) minutes \\|"
                + " (?:(?:\\*\\*)?> ([\\d,]+) ms(?:\\*\\*)? sustained for (\\d+) minutes|none) \\|$");
    Matcher m = row.matcher(rollback);
    int rows = 0;
    while (m.find()) {
      rows++;
      List<Threshold> expected = new ArrayList<>();
      expected.add(
          new Threshold(
              "error_rate", Double.parseDouble(m.group(2)), Integer.parseInt(m.group(3))));
      if (m.group(4) != null) {
        expected.add(
            new Threshold(
                "p95_latency_ms",
                Double.parseDouble(m.group(4).replace(",", "")),
                Integer.parseInt(m.group(5))));
      }
      assertThat(thresholds(Integer.parseInt(m.group(1))))
          .as("tier " + m.group(1))
          .isEqualTo(expected);
    }
    assertThat(rows).isEqualTo(3);

    // No deployment's decision depends on the reading: no sample in a watch window sits exactly
    // on a threshold, so "above" and "at or above" agree on the data the scenarios use.
    Duration window = Duration.parse(field(cicd, "watch_window"));
    for (Deployment d : deployments()) {
      for (Threshold th : thresholds(tier(d.service()))) {
        for (Instant t = d.start();
            t.isBefore(d.start().plus(window)) && t.isBefore(metrics.asOf());
            t = t.plusSeconds(60)) {
          assertThat(MetricsModel.round(th.metric(), metrics.sample(d.service(), th.metric(), t)))
              .as(d.change() + " " + th.metric() + " at " + t)
              .isNotEqualTo(th.above());
        }
      }
    }
  }

  private Optional<Trigger> trigger(Deployment d) {
    Duration window = Duration.parse(field(cicd, "watch_window"));
    Instant first = d.start().truncatedTo(ChronoUnit.MINUTES);
    Instant end = first.plus(window);
    Trigger earliest = null;
    for (Threshold th : thresholds(tier(d.service()))) {
      int run = 0;
      for (Instant t = first;
          t.isBefore(end) && t.isBefore(metrics.asOf());
          t = t.plusSeconds(60)) {
        run = metrics.sample(d.service(), th.metric(), t) > th.above() ? run + 1 : 0;
        if (run == th.minutes()) {
          if (earliest == null || t.isBefore(earliest.at())) {
            earliest = new Trigger(th, t);
          }
          break;
        }
      }
    }
    return Optional.ofNullable(earliest);
  }

  /** Deployments and traffic-share changes in the logs; rollbacks are not deployments. */
  private List<Deployment> deployments() {
    List<Deployment> list = new ArrayList<>();
    for (LogEvent e : logs.events()) {
      Matcher m = NAMES_CHANGE.matcher(e.message());
      if (m.find() && !e.message().contains("rollback")) {
        list.add(new Deployment(m.group(1), e.service(), e.ts()));
      }
    }
    return list;
  }

  private List<Threshold> thresholds(int tier) {
    String block =
        cicd.substring(cicd.indexOf("automatic_rollback:"), cicd.indexOf("rollback_workflow:"));
    Matcher tierBlock =
        Pattern.compile("(?m)^  tier" + tier + ":\\n((?:    .*\\n)+)").matcher(block);
    assertThat(tierBlock.find()).as("cicd.yaml automatic_rollback tier" + tier).isTrue();
    List<Threshold> list = new ArrayList<>();
    Matcher m =
        Pattern.compile("(?m)^    (\\w+?)(?:_percent)?: \\{above: ([\\d.]+), for: PT(\\d+)M}")
            .matcher(tierBlock.group(1));
    while (m.find()) {
      list.add(
          new Threshold(m.group(1), Double.parseDouble(m.group(2)), Integer.parseInt(m.group(3))));
    }
    return list;
  }

  private int tier(String service) {
    Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(service) + ": tier(\\d)$").matcher(cicd);
    assertThat(m.find()).as("tier of " + service).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static String field(String yaml, String key) {
    Matcher m =
        Pattern.compile("(?m)^\\s*" + key + ": (\\S+(?: \\S+)*?)\\s*(?:#.*)?$").matcher(yaml);
    assertThat(m.find()).as(key).isTrue();
    return m.group(1);
  }

  private List<JsonNode> scenarios() throws IOException {
    List<JsonNode> list = new ArrayList<>();
    for (String line : Files.readAllLines(SIM.resolve("scenarios/scenarios.jsonl"))) {
      if (!line.isBlank()) {
        list.add(mapper.readTree(line));
      }
    }
    return list;
  }

  private static LocalDate day(Instant t) {
    return t.atZone(ZoneOffset.UTC).toLocalDate();
  }

  private static String read(String path) {
    try {
      return Files.readString(SIM.resolve(path));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
