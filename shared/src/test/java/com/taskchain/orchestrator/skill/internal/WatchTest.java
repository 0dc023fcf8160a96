package com.taskchain.orchestrator.skill.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatchTest {
  static final Instant DEPLOYED = Instant.parse("2026-05-20T09:30:00Z");
  static final PolicyRules.Version V2 = PolicyRules.named("v2");

  /** 70 minutes of p95 samples from the deployment: 1,000 ms in [from, to), 400 ms otherwise. */
  static Samples latencyHigh(int from, int to) {
    List<Samples.Sample> samples = new ArrayList<>();
    for (int minute = 0; minute < 70; minute++) {
      double p95 = minute >= from && minute < to ? 1000 : 400;
      samples.add(new Samples.Sample(DEPLOYED.plusSeconds(60L * minute), p95, 0.4));
    }
    return new Samples(samples);
  }

  static List<Watch.Breach> breaches(Samples samples) {
    return Watch.breaches(V2, "tier0", samples, List.of(), DEPLOYED, Watch.watchEnd(V2, DEPLOYED));
  }

  @Test
  void aBreachCompletingInTheLastMinuteOfTheWatchWindow_counts() {
    // Minutes 50..59: the tenth sample is the 60th minute of the window.
    List<Watch.Breach> found = breaches(latencyHigh(50, 60));
    assertThat(found).hasSize(1);
    assertThat(found.get(0).trigger().breachText())
        .isEqualTo("p95_latency_ms > 800 ms for 10 minutes");
    assertThat(found.get(0).metAt()).isEqualTo(DEPLOYED.plusSeconds(60L * 60));
  }

  @Test
  void aBreachCompletingAtMinute61_doesNotCount() {
    assertThat(breaches(latencyHigh(51, 70))).isEmpty();
  }

  @Test
  void samplesBeforeTheDeployment_doNotCount() {
    List<Samples.Sample> samples = new ArrayList<>();
    for (int minute = -5; minute < 5; minute++) {
      samples.add(new Samples.Sample(DEPLOYED.plusSeconds(60L * minute), 1000.0, 0.4));
    }
    assertThat(breaches(new Samples(samples))).isEmpty();
  }

  @Test
  void deployments_comeFromDeployLogLines_andPlannedChangeTickets_notRollbacks() {
    JsonNode release =
        Json.read(
            "{\"timestamp\":\"2026-05-20T09:30:04Z\",\"service\":\"payments-gateway\",\"level\":\"INFO\","
                + "\"message\":\"release 2026.05.20-1 started (CHG-4320)\"}");
    JsonNode rollback =
        Json.read(
            "{\"timestamp\":\"2026-05-20T10:10:00Z\",\"service\":\"payments-gateway\",\"level\":\"WARN\","
                + "\"message\":\"traffic share updated (rollback, CHG-4399)\"}");
    Map<String, JsonNode> tickets = new LinkedHashMap<>();
    tickets.put(
        "CHG-4400",
        Json.read(
            "{\"key\":\"CHG-4400\",\"project\":\"CHG\",\"service\":\"payments-gateway\",\"status\":\"Done\","
                + "\"summary\":\"Payments config\",\"labels\":[\"rollback\"],"
                + "\"description\":\"Deploy Wednesday 2026-05-20 10:15 UTC. Rolled back later.\"}"));
    tickets.put(
        "CHG-4401",
        Json.read(
            "{\"key\":\"CHG-4401\",\"project\":\"CHG\",\"service\":\"payments-gateway\",\"status\":\"Draft\","
                + "\"summary\":\"Not yet\",\"labels\":[],"
                + "\"description\":\"Deploy 2026-05-20 10:20 UTC.\"}"));
    List<Watch.Deployment> found =
        Watch.between(
            "payments-gateway",
            Instant.parse("2026-05-20T09:00:00Z"),
            Instant.parse("2026-05-20T12:00:00Z"),
            List.of(release, rollback),
            tickets);
    assertThat(found).extracting(Watch.Deployment::change).containsExactly("CHG-4320", "CHG-4400");
    assertThat(found.get(0).at()).isEqualTo(Instant.parse("2026-05-20T09:30:04Z"));
    assertThat(found.get(1).at()).isEqualTo(Instant.parse("2026-05-20T10:15:00Z"));
  }
}
