package com.taskchain.company;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The three mock systems tell the same stories: an incident shows in tickets, metrics and logs at
 * one time.
 */
class SystemsConsistencyTest {
  private static final Set<String> TIER0 =
      Set.of(
          "atlas-checkout", "checkout-classic", "payments-gateway", "ledger-core", "identity-hub");
  private static final Set<String> TIER1 =
      Set.of("settlement-engine", "fraud-sentinel", "webhook-dispatcher", "inventory-sync");

  private final JiraData jira = JiraData.load();
  private final MetricsModel metrics = MetricsModel.load();
  private final LogData logs = LogData.load();
  private final Map<String, Ticket> byKey =
      jira.tickets().stream().collect(Collectors.toMap(Ticket::key, Function.identity()));

  @Test
  void ticketKeys_areUnique_andNameTheirProject() {
    assertThat(byKey).hasSameSizeAs(jira.tickets());
    jira.tickets().forEach(t -> assertThat(t.key()).as(t.key()).startsWith(t.project() + "-"));
  }

  @Test
  void priorities_followTheJiraConfigPriorityMap() throws IOException {
    String yaml = Files.readString(Path.of("company_sim/tool_configs/jira.yaml"));
    Matcher m = Pattern.compile("(?m)^  (P[123]): (\\w+)$").matcher(yaml);
    Map<String, String> map = new java.util.HashMap<>();
    while (m.find()) {
      map.put(m.group(1), m.group(2));
    }
    assertThat(map).hasSize(3);
    jira.tickets()
        .forEach(t -> assertThat(t.priority()).as(t.key()).isEqualTo(map.get(t.severity())));
  }

  @Test
  void everyServiceNamed_isAKnownService() {
    jira.tickets().forEach(t -> assertThat(Services.IDS).as(t.key()).contains(t.service()));
    logs.events().forEach(e -> assertThat(Services.IDS).contains(e.service()));
    Services.IDS.forEach(s -> assertThat(metrics.knows(s)).as(s).isTrue());
    assertThat(logs.events()).allMatch(e -> LogData.LEVELS.contains(e.level()));
  }

  @Test
  void everyAnomaly_matchesATicketForTheSameServiceAndTime() {
    for (MetricsModel.Anomaly anomaly : metrics.anomalies()) {
      Ticket ticket = byKey.get(anomaly.incident());
      assertThat(ticket).as(anomaly.incident()).isNotNull();
      assertThat(ticket.service()).as(anomaly.incident()).isEqualTo(anomaly.service());
      if (ticket.project().equals("INC")) {
        assertThat(ticket.created())
            .as(anomaly.incident())
            .isBetween(anomaly.first(), anomaly.last());
      }
    }
  }

  @Test
  void everyP1AndP2Incident_showsInMetricsAndInWarningOrErrorLogs() {
    List<Ticket> serious =
        jira.tickets().stream()
            .filter(t -> t.project().equals("INC") && !t.severity().equals("P3"))
            .toList();
    assertThat(serious).hasSizeGreaterThan(5);
    for (Ticket incident : serious) {
      List<MetricsModel.Anomaly> spans =
          metrics.anomalies().stream().filter(a -> a.incident().equals(incident.key())).toList();
      assertThat(spans).as(incident.key()).isNotEmpty();
      Instant from = spans.stream().map(MetricsModel.Anomaly::first).min(Instant::compareTo).get();
      Instant to = spans.stream().map(MetricsModel.Anomaly::last).max(Instant::compareTo).get();
      assertThat(logs.events())
          .as(incident.key())
          .anyMatch(
              e ->
                  e.service().equals(incident.service())
                      && !e.level().equals("INFO")
                      && !e.ts().isBefore(from)
                      && !e.ts().isAfter(to));
    }
  }

  @Test
  void incidentPeaks_agreeWithTheSeverityMatrix() {
    // Policy v2 section 1 by metrics alone: P1 for Tier 0 at >= 5 % errors or >= 2,000 ms; P2 for
    // Tier 0 at
    // >= 2 % or >= 800 ms and for Tier 1 at >= 5 % or >= 1,200 ms. Ledger integrity is P1 whatever
    // the metrics,
    // and a payout batch at risk of the bank cut-off is P2 whatever the metrics.
    for (Ticket incident : jira.tickets()) {
      List<MetricsModel.Anomaly> spans =
          metrics.anomalies().stream().filter(a -> a.incident().equals(incident.key())).toList();
      if (!incident.project().equals("INC")
          || spans.isEmpty()
          || incident.labels().contains("ledger-integrity")
          || incident.labels().contains("payouts")) {
        continue;
      }
      double errors = peak(spans, "error_rate");
      double p95 = peak(spans, "p95_latency_ms");
      String expected;
      if (TIER0.contains(incident.service())) {
        expected = errors >= 5 || p95 >= 2000 ? "P1" : errors >= 2 || p95 >= 800 ? "P2" : "P3";
      } else if (TIER1.contains(incident.service())) {
        expected = errors >= 5 || p95 >= 1200 ? "P2" : "P3";
      } else {
        expected = "P3";
      }
      assertThat(incident.severity()).as(incident.key()).isEqualTo(expected);
    }
  }

  private static double peak(List<MetricsModel.Anomaly> spans, String metric) {
    return spans.stream()
        .filter(a -> a.metric().equals(metric))
        .mapToDouble(MetricsModel.Anomaly::peak)
        .max()
        .orElse(0);
  }

  @Test
  void quietDays_stayBelowEveryTierThreshold() {
    Instant day = Instant.parse("2026-04-01T00:00:00Z");
    for (String service : new HashSet<>(Services.IDS)) {
      double latencyLimit = TIER0.contains(service) ? 800 : TIER1.contains(service) ? 1200 : 1e9;
      double errorLimit = TIER0.contains(service) ? 2.0 : 3.0;
      for (int minute = 0; minute < 24 * 60; minute++) {
        Instant t = day.plusSeconds(60L * minute);
        assertThat(metrics.sample(service, "error_rate", t)).as(service).isLessThan(errorLimit);
        assertThat(metrics.sample(service, "p95_latency_ms", t))
            .as(service)
            .isLessThan(latencyLimit);
      }
    }
  }
}
