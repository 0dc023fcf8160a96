package com.taskchain.orchestrator.skill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.taskchain.orchestrator.answer.Claim;
import com.taskchain.orchestrator.answer.EvidenceIndex;
import com.taskchain.orchestrator.answer.Findings;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.tool.Upstream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** summarize_status over the company's real documents and Jira file. */
class SummarizeStatusTest {
  private final SummarizeStatus tool = new SummarizeStatus();

  private static SummarizeStatus.Input input(
      String scope, String program, String incident, String end, String asOf) {
    return new SummarizeStatus.Input(
        SummarizeStatus.Scope.of(scope), program, incident, null, end, asOf);
  }

  /** Every claim cites evidence of the upstream or the findings, and is grounded in it. */
  private static void assertGrounded(Findings findings, Upstream upstream) {
    List<Upstream.Step> steps = new ArrayList<>(upstream.steps());
    steps.add(
        new Upstream.Step(
            "skill",
            SummarizeStatus.NAME,
            true,
            com.taskchain.orchestrator.json.Json.tree(findings),
            null));
    EvidenceIndex index = EvidenceIndex.of(steps);
    for (Claim claim : findings.claims()) {
      assertThat(claim.citations()).isNotEmpty().allMatch(index::contains);
      assertThat(index.ungrounded(claim.text(), claim.citations())).as(claim.text()).isEmpty();
    }
  }

  private static Upstream programUpstream() {
    return CompanyFiles.upstream(
        CompanyFiles.document("s1", CompanyDocument.GOVERNANCE_NOTES),
        CompanyFiles.document("s2", CompanyDocument.POLICY_V2),
        CompanyFiles.document("s3", CompanyDocument.ATLAS_CHECKOUT_PROGRAM),
        CompanyFiles.jira("s4", t -> true));
  }

  @Test
  void program_statusAndOpenRisks_fromTheRecord_groundedInIt() {
    Upstream upstream = programUpstream();
    Findings findings =
        tool.call(input("program", "Atlas Checkout", null, "2026-05-20T12:00:00Z", null), upstream);
    ProgramRecord record = ProgramRecord.parse(CompanyDocument.ATLAS_CHECKOUT_PROGRAM.read());
    assertThat(findings.fields().path("status").asText())
        .isEqualTo(Text.plain(record.statedStatus().orElseThrow().getValue()));
    assertThat(findings.fields().path("risks").size()).isPositive();
    assertThat(findings.claims())
        .anySatisfy(c -> assertThat(c.citations()).contains("governance.md"))
        .anySatisfy(c -> assertThat(c.citations()).contains("programs/atlas_checkout_migration.md"))
        .anySatisfy(c -> assertThat(c.citations()).contains("policies/operations_policy_v2.md"));
    assertGrounded(findings, upstream);
  }

  @Test
  void program_withoutItsRecord_leavesTheStatusUnknown() {
    Findings findings =
        tool.call(
            input("program", "Atlas Checkout", null, null, null),
            CompanyFiles.upstream(CompanyFiles.document("s1", CompanyDocument.GOVERNANCE_NOTES)));
    assertThat(findings.fields().has("status")).isFalse();
    assertThat(findings.unknowns()).extracting(u -> u.field()).containsExactly("status");
  }

  @Test
  void program_aPlannedPhaseWhoseDatePassed_isRed() {
    Findings findings =
        tool.call(
            input("program", "Atlas Checkout", null, "2026-07-01T00:00:00Z", null),
            programUpstream());
    assertThat(findings.fields().path("status").asText()).isEqualTo("Red");
  }

  private static Upstream incidentUpstream(String key, CompanyDocument runbook) {
    return CompanyFiles.upstream(
        CompanyFiles.document("s1", CompanyDocument.GOVERNANCE_NOTES),
        CompanyFiles.document("s2", CompanyDocument.POLICY_V2),
        CompanyFiles.document("s3", runbook),
        CompanyFiles.jira("s4", t -> t.toString().contains(key)));
  }

  @Test
  void incident_writtenWithinTheFirstHour_knowsNothingLater() {
    Upstream upstream = incidentUpstream("INC-2304", CompanyDocument.RUNBOOK_PAYMENTS_GATEWAY);
    Findings findings =
        tool.call(
            input("incident", null, "INC-2304", "2026-03-03T10:12:00Z", "2026-03-03T10:12:00Z"),
            upstream);
    assertThat(findings.fields().path("status").asText()).isEqualTo("Red");
    String text = findings.claims().toString();
    assertThat(text).doesNotContain("10:40").doesNotContain("Postmortem");
    assertThat(text).contains("#exec-updates").contains("11:12");
    assertThat(findings.claims())
        .anySatisfy(c -> assertThat(c.citations()).contains("runbooks/payments-gateway.md"));
    assertGrounded(findings, upstream);
  }

  @Test
  void incident_resolved_isGreen_withItsFollowUps() {
    Upstream upstream = incidentUpstream("INC-2351", CompanyDocument.RUNBOOK_LEDGER_CORE);
    Findings findings = tool.call(input("incident", null, "INC-2351", null, null), upstream);
    assertThat(findings.fields().path("status").asText()).isEqualTo("Green");
    assertThat(findings.claims().toString()).contains("Finance Controller");
    assertGrounded(findings, upstream);
  }

  @Test
  void incident_notFound_leavesTheStatusUnknown() {
    Findings findings =
        tool.call(
            input("incident", null, "INC-1", null, null),
            CompanyFiles.upstream(CompanyFiles.jira("s1", t -> false)));
    assertThat(findings.unknowns()).extracting(u -> u.field()).containsExactly("status");
  }

  @Test
  void production_listsTheIncidentsOpenAtTheTime_andTheChangesInvolved() {
    Upstream upstream =
        CompanyFiles.upstream(
            CompanyFiles.document("s1", CompanyDocument.GOVERNANCE_NOTES),
            CompanyFiles.document("s2", CompanyDocument.POLICY_V2),
            CompanyFiles.jira("s3", CompanyFiles.project("INC")),
            CompanyFiles.jira("s4", CompanyFiles.project("CHG")));
    Findings findings =
        tool.call(
            new SummarizeStatus.Input(
                SummarizeStatus.Scope.PRODUCTION,
                null,
                null,
                "2026-05-20T00:00:00Z",
                "2026-05-20T12:00:00Z",
                null),
            upstream);
    List<String> open = new ArrayList<>();
    for (var t : CompanyFiles.tickets()) {
      if (t.path("project").asText().equals("INC")
          && List.of("Open", "In Progress").contains(t.path("status").asText())) {
        open.add(t.path("key").asText());
      }
    }
    assertThat(open).isNotEmpty();
    assertThat(findings.claims().get(0).text()).contains(open);
    assertThat(findings.claims()).anySatisfy(c -> assertThat(c.text()).startsWith("CHG-"));
    assertGrounded(findings, upstream);
  }

  @Test
  void input_refusesAProgramScopeWithoutAProgram_andATimeWithoutAZone() {
    assertThatThrownBy(() -> input("program", null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("program");
    assertThatThrownBy(() -> input("production", null, null, "2026-05-20T12:00", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("end_time");
  }
}
