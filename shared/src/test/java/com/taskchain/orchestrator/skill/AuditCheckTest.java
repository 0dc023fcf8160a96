package com.taskchain.orchestrator.skill;

import static com.taskchain.orchestrator.skill.CompanyFixtures.fetched;
import static com.taskchain.orchestrator.skill.CompanyFixtures.jira;
import static com.taskchain.orchestrator.skill.CompanyFixtures.logs;
import static com.taskchain.orchestrator.skill.CompanyFixtures.project;
import static com.taskchain.orchestrator.skill.CompanyFixtures.upstream;
import static com.taskchain.orchestrator.skill.ResolveEscalationTest.assertGrounded;
import static com.taskchain.orchestrator.skill.ResolveEscalationTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.answer.Findings;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.tool.Upstream;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditCheckTest {
  private static final List<Upstream.Step> DOCS =
      fetched(
          "policies/operations_policy_v2.md",
          "policies/operations_policy_v1.md",
          "tool_configs/cicd.yaml",
          "tool_configs/oncall.yaml",
          "tool_configs/db_audit.yaml",
          "governance.md");

  private final AuditCheck skill = new AuditCheck();

  private Findings audit(AuditCheck.Input input, Upstream.Step... evidence) {
    Upstream up = upstream(DOCS, evidence);
    Findings f = skill.call(input, up);
    assertGrounded(f, up);
    return f;
  }

  @Test
  void rollbackRecordedWithinFifteenMinutes_isCompliant() {
    Findings f =
        audit(
            new AuditCheck.Input(
                "rollback_record",
                "atlas-checkout",
                null,
                null,
                "CHG-4163",
                "INC-2291",
                null,
                "2026-02-18T14:27:00Z",
                null),
            jira("CHG-4163", "INC-2291"),
            project("AUD"));
    assertThat(f.fields().path("compliant").asBoolean()).isTrue();
    assertThat(text(f)).contains("14:27", "14:31", "15 minutes", "#change-log", "no approval");
  }

  @Test
  void accessReviewCompletedAfterItsDueDate_isAFinding() {
    Findings f =
        audit(
            new AuditCheck.Input(
                "access_review",
                null,
                null,
                "AUD-77",
                null,
                null,
                null,
                "2026-04-15T00:00:00Z",
                null),
            jira("AUD-77"),
            project("AUD"));
    assertThat(f.fields().path("compliant").asBoolean()).isFalse();
    assertThat(f.fields().path("finding").asText()).isEqualTo("AUD-77");
    assertThat(text(f)).contains("2026-04-15", "2026-04-20", "5 days", "section 7", "Lars Ekholm");
  }

  @Test
  void lateP1Postmortem_isFoundAmongTheQuartersIncidents() {
    Findings f =
        audit(
            new AuditCheck.Input(
                "postmortem",
                null,
                null,
                null,
                null,
                null,
                "P1",
                "2026-04-01T00:00:00Z",
                "2026-06-30T23:59:59Z"),
            project("INC"),
            project("AUD"));
    assertThat(f.fields().path("compliant").asBoolean()).isFalse();
    assertThat(f.fields().path("finding").asText()).isEqualTo("AUD-79");
    assertThat(text(f))
        .contains(
            "INC-2332",
            "2026-04-13",
            "2026-04-14",
            "INC-2351",
            "2026-05-12",
            "2026-05-14",
            "5 business days");
  }

  @Test
  void ddlOnASaturdayWithoutAChange_isABreach() {
    Findings f =
        audit(
            new AuditCheck.Input(
                "ddl",
                "atlas-checkout",
                "checkout-db",
                null,
                null,
                null,
                null,
                "2026-05-16T00:00:00Z",
                "2026-05-16T06:00:00Z"),
            logs("atlas-checkout", "2026-05-16T00:00:00Z", "2026-05-16T06:00:00Z"),
            project("AUD"));
    assertThat(f.fields().path("compliant").asBoolean()).isFalse();
    assertThat(f.fields().path("finding").asText()).isEqualTo("AUD-81");
    assertThat(text(f))
        .contains(
            "svc-atlas-migrator",
            "no approved CHG",
            "outside",
            "1 business day",
            "#db-audit",
            "Rafael Quintero");
  }

  @Test
  void twoPersonSessionUnderAnHour_followsTheRules() {
    Findings f =
        audit(
            new AuditCheck.Input(
                "db_session",
                "ledger-core",
                "ledger-db",
                null,
                null,
                "INC-2351",
                null,
                "2026-05-05T09:20:00Z",
                "2026-05-05T10:15:00Z"),
            logs("ledger-core", "2026-05-05T09:20:00Z", "2026-05-05T10:15:00Z"),
            project("AUD"));
    assertThat(f.fields().path("compliant").asBoolean()).isTrue();
    assertThat(text(f))
        .contains(
            "two-person", "Petra Novak", "Henrik Solberg", "55 minutes", "60 minutes", "400 days");
  }

  private static Upstream.Step sessionLogs(String approvers, int minutes) {
    ArrayNode events = Json.mapper().createArrayNode();
    ObjectNode open = Json.object();
    open.put("timestamp", "2026-05-13T10:00:00Z");
    open.put("service", "payments-gateway");
    open.put("level", "INFO");
    open.put(
        "message",
        "gatekeeper session opened on pay-db (read-write) approvers=" + approvers + " max=60m");
    ObjectNode close = open.deepCopy();
    close.put("timestamp", "2026-05-13T11:05:00Z");
    close.put(
        "message",
        "gatekeeper session closed on pay-db after " + minutes + " minutes; 3 statements logged");
    events.add(open);
    events.add(close);
    ObjectNode out = Json.object();
    out.put("service", "payments-gateway");
    out.put("start_time", "2026-05-13T10:00:00Z");
    out.put("end_time", "2026-05-13T12:00:00Z");
    out.put("total", 2);
    out.set("events", events);
    return new Upstream.Step("l", "logs_search", true, out, null);
  }

  @Test
  void readWriteOnARestrictedDatabase_withOnlyOneApprover_breaksTheTwoPersonRule() {
    // Week of 2026-05-11: the DBRE on-call is Ines Carvalho; pay-db's owning EM is Grace Oduya.
    Findings f =
        audit(
            new AuditCheck.Input(
                "db_session",
                "payments-gateway",
                "pay-db",
                null,
                null,
                null,
                null,
                "2026-05-13T10:00:00Z",
                "2026-05-13T12:00:00Z"),
            sessionLogs("Grace Oduya", 50));
    assertThat(f.fields().path("compliant").asBoolean()).isFalse();
    assertThat(text(f)).contains("two-person rule not met");
  }

  @Test
  void bothApprovers_butASessionOverAnHour_isNotCompliant() {
    Findings ok =
        audit(
            new AuditCheck.Input(
                "db_session",
                "payments-gateway",
                "pay-db",
                null,
                null,
                null,
                null,
                "2026-05-13T10:00:00Z",
                "2026-05-13T12:00:00Z"),
            sessionLogs("Ines Carvalho,Grace Oduya", 60));
    assertThat(ok.fields().path("compliant").asBoolean()).as("60 minutes is the maximum").isTrue();
    Findings over =
        audit(
            new AuditCheck.Input(
                "db_session",
                "payments-gateway",
                "pay-db",
                null,
                null,
                null,
                null,
                "2026-05-13T10:00:00Z",
                "2026-05-13T12:00:00Z"),
            sessionLogs("Ines Carvalho,Grace Oduya", 61));
    assertThat(over.fields().path("compliant").asBoolean()).isFalse();
    assertThat(text(over)).contains("61 minutes, beyond the 60 minutes maximum");
  }

  @Test
  void acknowledgementBeforeFebruary_isJudgedByV1() {
    Findings f =
        audit(
            new AuditCheck.Input(
                "acknowledgement",
                "checkout-classic",
                null,
                null,
                null,
                "INC-2270",
                "P1",
                "2026-01-22T19:40:00Z",
                null),
            jira("INC-2270"));
    assertThat(f.fields().path("compliant").asBoolean()).isTrue();
    assertThat(f.fields().path("policy_version").asText()).isEqualTo("v1");
    assertThat(text(f)).contains("v1", "15 minutes", "13 minutes", "2026-02-01", "10 minutes");
  }
}
