package com.taskchain.company;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JiraFunctionTest {
  private final JiraFunction jira = new JiraFunction();

  private static List<String> keys(JsonNode body) {
    List<String> keys = new ArrayList<>();
    body.get("tickets").forEach(t -> keys.add(t.get("key").asText()));
    return keys;
  }

  @Test
  void projectAndSeverityFilters_keepOnlyMatchingTickets() throws Exception {
    FakeResponse response = Call.get(jira, "project=INC&severity=P1&limit=100");

    assertThat(response.status()).isEqualTo(200);
    JsonNode body = response.json();
    assertThat(body.get("tickets")).isNotEmpty();
    body.get("tickets")
        .forEach(
            t -> {
              assertThat(t.get("project").asText()).isEqualTo("INC");
              assertThat(t.get("severity").asText()).isEqualTo("P1");
              assertThat(t.get("priority").asText()).isEqualTo("Highest");
            });
    assertThat(keys(body)).contains("INC-2304", "INC-2332", "INC-2351");
    assertThat(body.get("total").asInt()).isEqualTo(body.get("tickets").size());
  }

  @Test
  void answer_hasEveryDocumentedField() throws Exception {
    JsonNode ticket = Call.get(jira, "text=INC-2291").json().get("tickets").get(0);

    assertThat(ticket.fieldNames())
        .toIterable()
        .contains(
            "key",
            "project",
            "summary",
            "status",
            "severity",
            "priority",
            "service",
            "created",
            "updated",
            "assignee",
            "labels");
    assertThat(Instant.parse(ticket.get("created").asText())).isNotNull();
  }

  @Test
  void textSearch_needsEveryWord_caseInsensitive() throws Exception {
    JsonNode body = Call.get(jira, "text=POOL%20exhausted&project=INC").json();

    assertThat(keys(body)).contains("INC-2291");
    body.get("tickets")
        .forEach(
            t ->
                assertThat(
                        (t.get("summary").asText() + " " + t.get("description").asText())
                            .toLowerCase())
                    .contains("pool")
                    .contains("exhausted"));
  }

  @Test
  void commaSeparatedStatuses_matchAnyOfThem() throws Exception {
    JsonNode body = Call.get(jira, "project=INC&status=Open,In%20Progress").json();

    assertThat(body.get("tickets")).isNotEmpty();
    body.get("tickets")
        .forEach(t -> assertThat(t.get("status").asText()).isIn("Open", "In Progress"));
  }

  @Test
  void results_areNewestFirst() throws Exception {
    JsonNode body = Call.get(jira, "limit=100").json();
    List<Instant> created = new ArrayList<>();
    body.get("tickets").forEach(t -> created.add(Instant.parse(t.get("created").asText())));

    assertThat(created).isSortedAccordingTo((a, b) -> b.compareTo(a));
  }

  @Test
  void limit_capsTheTicketsButNotTheTotal() throws Exception {
    JsonNode all = Call.get(jira, "project=CHG&limit=100").json();
    JsonNode two = Call.get(jira, "project=CHG&limit=2").json();

    assertThat(two.get("tickets")).hasSize(2);
    assertThat(two.get("total").asInt()).isEqualTo(all.get("tickets").size()).isGreaterThan(2);
  }

  @Test
  void unknownParameter_isRefusedNamingIt() throws Exception {
    FakeResponse response = Call.get(jira, "projekt=INC");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("field").asText()).isEqualTo("projekt");
    assertThat(response.json().get("error").asText()).isEqualTo("invalid_parameter");
  }

  @Test
  void unknownSeverity_isRefusedNamingSeverity() throws Exception {
    FakeResponse response = Call.get(jira, "severity=P4");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("field").asText()).isEqualTo("severity");
  }

  @Test
  void unknownProject_isRefusedListingTheKnownOnes() throws Exception {
    FakeResponse response = Call.get(jira, "project=NOPE");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("field").asText()).isEqualTo("project");
    assertThat(response.json().get("message").asText()).contains("ATLAS");
  }

  @Test
  void limitOutOfRange_isRefused() throws Exception {
    assertThat(Call.get(jira, "limit=0").status()).isEqualTo(400);
    assertThat(Call.get(jira, "limit=101").json().get("field").asText()).isEqualTo("limit");
    assertThat(Call.get(jira, "limit=ten").status()).isEqualTo(400);
  }

  @Test
  void repeatedParameter_isRefused() throws Exception {
    FakeResponse response = Call.get(jira, "project=INC&project=CHG");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("field").asText()).isEqualTo("project");
  }

  @Test
  void post_isRefusedWith405() throws Exception {
    FakeResponse response = new FakeResponse();
    jira.service(FakeRequest.method("POST", ""), response);

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.getHeaders().get("Allow")).containsExactly("GET");
  }
}
