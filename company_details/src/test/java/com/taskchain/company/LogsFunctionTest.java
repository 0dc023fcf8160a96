package com.taskchain.company;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogsFunctionTest {
  private final LogsFunction logs = new LogsFunction();

  private JsonNode get(String query) throws Exception {
    FakeResponse response = Call.get(logs, query);
    assertThat(response.status()).as(query).isEqualTo(200);
    return response.json();
  }

  @Test
  void patternAndWindow_findTheIncidentLines() throws Exception {
    JsonNode body =
        get(
            "service=atlas-checkout&start=2026-02-18T14:00:00Z&end=2026-02-18T15:00:00Z"
                + "&pattern=pool%20exhausted");

    assertThat(body.get("total").asInt()).isPositive();
    body.get("events")
        .forEach(
            e -> {
              assertThat(e.get("service").asText()).isEqualTo("atlas-checkout");
              assertThat(e.get("message").asText()).containsIgnoringCase("pool exhausted");
              assertThat(e.get("trace_id").asText()).isNotBlank();
            });
  }

  @Test
  void level_keepsThatLevelAndMoreSevere() throws Exception {
    JsonNode body = get("service=identity-hub&level=warn&limit=1000");

    assertThat(body.get("events")).isNotEmpty();
    body.get("events").forEach(e -> assertThat(e.get("level").asText()).isIn("WARN", "ERROR"));
  }

  @Test
  void events_areInTimeOrder_startInclusive_endExclusive() throws Exception {
    String start = "2026-03-03T09:12:03Z";
    JsonNode body =
        get("service=payments-gateway&start=" + start + "&end=2026-03-03T10:40:00Z&limit=1000");
    List<Instant> times = new ArrayList<>();
    body.get("events").forEach(e -> times.add(Instant.parse(e.get("ts").asText())));

    assertThat(times).isSorted().isNotEmpty();
    assertThat(times.get(0)).isEqualTo(Instant.parse(start));
    assertThat(times).allMatch(t -> t.isBefore(Instant.parse("2026-03-03T10:40:00Z")));
  }

  @Test
  void limit_capsEventsButNotTotal() throws Exception {
    JsonNode body = get("service=settlement-engine&limit=3");

    assertThat(body.get("events")).hasSize(3);
    assertThat(body.get("total").asInt()).isGreaterThan(3);
  }

  @Test
  void regexPatterns_work() throws Exception {
    JsonNode body = get("pattern=acquirer%20(northbank|halden)%20timeout&limit=1000");

    assertThat(body.get("events")).isNotEmpty();
    body.get("events")
        .forEach(e -> assertThat(e.get("service").asText()).isEqualTo("payments-gateway"));
  }

  @Test
  void badParameters_areRefusedNamingTheParameter() throws Exception {
    assertField("pattern=pool(", "pattern");
    assertField("level=FATAL", "level");
    assertField("service=atlas", "service");
    assertField("start=2026-02-30T10:00:00Z", "start");
    assertField("start=2026-02-18T15:00:00Z&end=2026-02-18T14:00:00Z", "end");
    assertField("limit=5000", "limit");
    assertField("q=pool", "q");
  }

  private void assertField(String query, String field) throws Exception {
    FakeResponse response = Call.get(logs, query);
    assertThat(response.status()).as(query).isEqualTo(400);
    assertThat(response.json().get("field").asText()).as(query).isEqualTo(field);
  }
}
