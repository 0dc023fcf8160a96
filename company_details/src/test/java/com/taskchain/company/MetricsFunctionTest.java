package com.taskchain.company;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricsFunctionTest {
  private final MetricsFunction metrics = new MetricsFunction();

  private JsonNode get(String query) throws Exception {
    FakeResponse response = Call.get(metrics, query);
    assertThat(response.status()).as(query).isEqualTo(200);
    return response.json();
  }

  private static double valueAt(JsonNode body, String time) {
    for (JsonNode point : body.get("points")) {
      if (point.get("t").asText().equals(time)) {
        return point.get("value").asDouble();
      }
    }
    throw new AssertionError("no point at " + time);
  }

  @Test
  void incidentWindow_showsTheSpike_andQuietHoursDoNot() throws Exception {
    JsonNode body =
        get(
            "service=atlas-checkout&metric=error_rate&start=2026-02-18T12:00:00Z"
                + "&end=2026-02-18T16:00:00Z&step=PT5M");

    assertThat(body.get("unit").asText()).isEqualTo("percent");
    assertThat(body.get("points")).hasSize(48);
    assertThat(valueAt(body, "2026-02-18T14:15:00Z")).isGreaterThan(2.0);
    assertThat(valueAt(body, "2026-02-18T12:30:00Z")).isLessThan(1.0);
    assertThat(valueAt(body, "2026-02-18T15:30:00Z")).isLessThan(1.0);
    assertThat(body.at("/aggregates/max").asDouble()).isGreaterThan(3.0);
  }

  @Test
  void sameQuery_givesTheSameAnswer() throws Exception {
    String query =
        "service=payments-gateway&metric=p95_latency_ms&start=2026-03-03T08:00:00Z&end=2026-03-03T12:00:00Z";

    assertThat(get(query)).isEqualTo(get(query));
  }

  @Test
  void aggregates_areOrderedAndWithinThePoints() throws Exception {
    JsonNode agg =
        get("service=identity-hub&metric=p95_latency_ms&start=2026-04-07&end=2026-04-08&step=PT15M")
            .get("aggregates");

    assertThat(agg.get("min").asDouble()).isLessThanOrEqualTo(agg.get("avg").asDouble());
    assertThat(agg.get("avg").asDouble()).isLessThanOrEqualTo(agg.get("max").asDouble());
    assertThat(agg.get("p95").asDouble())
        .isBetween(agg.get("min").asDouble(), agg.get("max").asDouble());
  }

  @Test
  void defaults_coverTheDayBeforeTheSimulatedNow() throws Exception {
    JsonNode body = get("service=ledger-core&metric=error_rate");

    assertThat(body.get("end").asText()).isEqualTo("2026-05-20T12:00:00Z");
    assertThat(body.get("start").asText()).isEqualTo("2026-05-19T12:00:00Z");
    assertThat(body.get("points").size()).isBetween(1, 1440);
  }

  @Test
  void noPoint_existsAtOrAfterTheSimulatedNow() throws Exception {
    JsonNode body =
        get(
            "service=webhook-dispatcher&metric=error_rate&start=2026-05-20T11:00:00Z"
                + "&end=2026-05-21T00:00:00Z&step=PT1M");

    assertThat(body.get("points")).isNotEmpty();
    body.get("points")
        .forEach(
            p ->
                assertThat(Instant.parse(p.get("t").asText()))
                    .isBefore(Instant.parse("2026-05-20T12:00:00Z")));
  }

  @Test
  void beforeTheData_thereAreNoPointsAndNullAggregates() throws Exception {
    JsonNode body =
        get("service=ledger-core&metric=error_rate&start=2025-06-01&end=2025-06-02&step=PT1H");

    assertThat(body.get("points")).isEmpty();
    assertThat(body.at("/aggregates/max").isNull()).isTrue();
  }

  @Test
  void offsetTimes_areAccepted() throws Exception {
    JsonNode body =
        get(
            "service=ledger-core&metric=error_rate&start=2026-05-05T10:00:00%2B02:00"
                + "&end=2026-05-05T11:00:00%2B02:00&step=PT10M");

    assertThat(body.get("start").asText()).isEqualTo("2026-05-05T08:00:00Z");
  }

  @Test
  void badParameters_areRefusedNamingTheParameter() throws Exception {
    assertField("metric=error_rate", "service");
    assertField("service=nope&metric=error_rate", "service");
    assertField("service=ledger-core&metric=cpu", "metric");
    assertField("service=ledger-core&metric=error_rate&start=yesterday", "start");
    assertField("service=ledger-core&metric=error_rate&start=2026-05-05T10:00:00", "start");
    assertField("service=ledger-core&metric=error_rate&step=PT30S", "step");
    assertField("service=ledger-core&metric=error_rate&step=5m", "step");
    assertField(
        "service=ledger-core&metric=error_rate&start=2026-01-01&end=2026-05-01&step=PT1M", "step");
    assertField("service=ledger-core&metric=error_rate&start=2026-05-02&end=2026-05-01", "end");
    assertField("service=ledger-core&metric=error_rate&window=1h", "window");
  }

  private void assertField(String query, String field) throws Exception {
    FakeResponse response = Call.get(metrics, query);
    assertThat(response.status()).as(query).isEqualTo(400);
    assertThat(response.json().get("field").asText()).as(query).isEqualTo(field);
  }
}
