package com.taskchain.orchestrator.skill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.answer.Findings;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.tool.Upstream;
import com.taskchain.orchestrator.tool.company.JiraSearchTickets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** count_incidents over the real Jira file and at the period's boundaries. */
class CountIncidentsTest {
  private final CountIncidents tool = new CountIncidents();

  private static Upstream.Step jira(String... created) {
    ObjectNode output = Json.object();
    var tickets = output.putArray("tickets");
    int n = 0;
    for (String time : created) {
      ObjectNode t = tickets.addObject();
      t.put("key", "INC-" + (9000 + n++));
      t.put("project", "INC");
      t.put("summary", "test");
      t.put("description", "");
      t.put("status", "Resolved");
      t.put("severity", "P2");
      t.put("service", "ledger-core");
      t.put("created", time);
      t.put("updated", time);
      t.putArray("labels");
    }
    output.put("total", created.length);
    return new Upstream.Step("s1", JiraSearchTickets.NAME, true, output, null);
  }

  private static int p2(Findings findings) {
    return findings.fields().path("counts").path("P2").asInt(-1);
  }

  @Test
  void q1_countsEveryIncidentOfTheQuarter_perSeverity_citingEachTicket() {
    Findings findings =
        tool.call(
            new CountIncidents.Input("INC", "2026-01-01T00:00:00Z", "2026-03-31T23:59:59Z"),
            CompanyFiles.upstream(
                CompanyFiles.jira("s1", CompanyFiles.project("INC")),
                CompanyFiles.document("s2", CompanyDocument.GOVERNANCE_NOTES),
                CompanyFiles.document("s3", CompanyDocument.POLICY_V1),
                CompanyFiles.document("s4", CompanyDocument.POLICY_V2)));
    JsonNode counts = findings.fields().path("counts");
    assertThat(counts.fieldNames()).toIterable().containsExactly("P1", "P2", "P3");
    int total = counts.path("P1").asInt() + counts.path("P2").asInt() + counts.path("P3").asInt();
    long inFile = 0;
    for (JsonNode t : CompanyFiles.tickets()) {
      String created = t.path("created").asText();
      if (t.path("project").asText().equals("INC")
          && created.compareTo("2026-01-01") >= 0
          && created.compareTo("2026-04-01") < 0) {
        inFile++;
      }
    }
    assertThat(total).isEqualTo(inFile);
    String cited = findings.claims().toString();
    for (JsonNode t : CompanyFiles.tickets()) {
      String created = t.path("created").asText();
      if (t.path("project").asText().equals("INC")
          && created.compareTo("2026-01-01") >= 0
          && created.compareTo("2026-04-01") < 0) {
        assertThat(cited).contains(t.path("key").asText());
      }
    }
    assertThat(findings.claims())
        .anySatisfy(
            c ->
                assertThat(c.citations())
                    .contains(
                        "governance.md",
                        "policies/operations_policy_v1.md",
                        "policies/operations_policy_v2.md"));
  }

  @Test
  void incidentCreatedExactlyAtTheEnd_counts_andOneSecondLater_doesNot() {
    Findings findings =
        tool.call(
            new CountIncidents.Input(null, "2026-01-01T00:00:00Z", "2026-03-31T23:59:59Z"),
            CompanyFiles.upstream(jira("2026-03-31T23:59:59Z", "2026-04-01T00:00:00Z")));
    assertThat(p2(findings)).isEqualTo(1);
  }

  @Test
  void incidentCreatedExactlyAtTheStart_counts_andOneSecondEarlier_doesNot() {
    Findings findings =
        tool.call(
            new CountIncidents.Input("INC", "2026-01-01T00:00:00Z", "2026-03-31T23:59:59Z"),
            CompanyFiles.upstream(jira("2026-01-01T00:00:00Z", "2025-12-31T23:59:59Z")));
    assertThat(p2(findings)).isEqualTo(1);
  }

  @Test
  void aTruncatedSearch_leavesTheCountsUnknown() {
    Upstream.Step step = jira("2026-02-01T00:00:00Z");
    ((ObjectNode) step.output()).put("total", 150);
    Findings findings =
        tool.call(
            new CountIncidents.Input("INC", "2026-01-01T00:00:00Z", "2026-03-31T23:59:59Z"),
            CompanyFiles.upstream(step));
    assertThat(findings.fields().has("counts")).isFalse();
    assertThat(findings.unknowns()).extracting(u -> u.field()).containsExactly("counts");
  }

  @Test
  void jiraDown_leavesTheCountsUnknown() {
    Findings findings =
        tool.call(
            new CountIncidents.Input("INC", "2026-01-01T00:00:00Z", "2026-03-31T23:59:59Z"),
            new Upstream(
                List.of(
                    new Upstream.Step(
                        "s1", JiraSearchTickets.NAME, false, null, "jira unavailable"))));
    assertThat(findings.unknowns())
        .singleElement()
        .satisfies(u -> assertThat(u.reason()).contains("Jira"));
    assertThat(findings.claims()).isEmpty();
  }
}
