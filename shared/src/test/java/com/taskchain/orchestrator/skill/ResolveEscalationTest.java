package com.taskchain.orchestrator.skill;

import static com.taskchain.orchestrator.skill.CompanyFixtures.fetched;
import static com.taskchain.orchestrator.skill.CompanyFixtures.jira;
import static com.taskchain.orchestrator.skill.CompanyFixtures.upstream;
import static org.assertj.core.api.Assertions.assertThat;

import com.taskchain.orchestrator.answer.Claim;
import com.taskchain.orchestrator.answer.EvidenceIndex;
import com.taskchain.orchestrator.answer.Findings;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.tool.Upstream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ResolveEscalationTest {
  private static final List<Upstream.Step> DOCS =
      fetched(
          "policies/operations_policy_v2.md",
          "policies/operations_policy_v1.md",
          "tool_configs/oncall.yaml",
          "tool_configs/slack.yaml",
          "runbooks/identity-hub.md",
          "runbooks/ledger-core.md");

  private final ResolveEscalation skill = new ResolveEscalation();

  static String text(Findings f) {
    return f.claims().stream().map(Claim::text).collect(Collectors.joining("\n"));
  }

  /** Every claim's numbers and ids occur in the evidence it cites. */
  static void assertGrounded(Findings f, Upstream upstream) {
    List<Upstream.Step> steps = new ArrayList<>(upstream.steps());
    steps.add(new Upstream.Step("me", f.skill(), true, Json.tree(f), null));
    EvidenceIndex index = EvidenceIndex.of(steps);
    for (Claim claim : f.claims()) {
      assertThat(claim.citations()).as(claim.text()).isNotEmpty();
      claim.citations().forEach(id -> assertThat(index.contains(id)).as(id).isTrue());
      assertThat(index.ungrounded(claim.text(), claim.citations())).as(claim.text()).isEmpty();
    }
  }

  @Test
  void unacknowledgedP2_pagesTheSecondaryAtTwentyMinutes_andNamesTheEmNext() {
    Upstream up = upstream(DOCS, jira("INC-2363"));
    Findings f =
        skill.call(
            new ResolveEscalation.Input(
                "webhook-dispatcher",
                "P2",
                "2026-05-20T11:05:00Z",
                "2026-05-20T11:30:00Z",
                "INC-2363",
                null,
                null),
            up);
    assertThat(f.fields().path("escalate_to").asText()).isEqualTo("Diego Paredes");
    assertThat(f.fields().path("next_escalation").asText()).isEqualTo("Chloe Martin");
    assertThat(text(f)).contains("11:25", "12:05", "#inc-bridge", "Marcus Bell", "20 minutes");
    assertGrounded(f, up);
  }

  @Test
  void acknowledgedP1_bringsInTheManagersWhileNotMitigated() {
    Upstream up = upstream(DOCS, jira("INC-2304"));
    Findings f =
        skill.call(
            new ResolveEscalation.Input(
                "payments-gateway",
                "P1",
                "2026-03-03T09:12:00Z",
                "2026-03-03T10:40:00Z",
                "INC-2304",
                null,
                null),
            up);
    assertThat(Json.convert(f.fields().path("escalate_to"), List.class))
        .containsExactly("Grace Oduya", "Tomasz Wieczorek", "Sunita Malhotra");
    assertThat(text(f))
        .contains(
            "09:22", "09:27", "09:42", "10:12", "#exec-updates", "Nadia Petrova", "Ben Whitaker");
    assertGrounded(f, up);
  }

  @Test
  void ledgerIntegrity_pagesTheLedgerEmAtDeclaration_andInformsTheFinanceController() {
    Upstream up = upstream(DOCS, jira("INC-2351"));
    Findings f =
        skill.call(
            new ResolveEscalation.Input(
                "ledger-core",
                "P1",
                "2026-05-05T08:15:00Z",
                "2026-05-05T11:40:00Z",
                "INC-2351",
                null,
                true),
            up);
    assertThat(Json.convert(f.fields().path("escalate_to"), List.class))
        .containsExactly("Henrik Solberg", "Ruth Abernathy");
    assertThat(text(f))
        .contains(
            "at declaration", "09:15", "Owen Fitzgerald", "Clara Jensen", "Finance Controller");
    assertGrounded(f, up);
  }

  @Test
  void suspectedSecurity_isP1_andPagesTheCiso() {
    Upstream up = upstream(DOCS);
    Findings f =
        skill.call(
            new ResolveEscalation.Input(
                "identity-hub",
                null,
                "2026-05-20T10:00:00Z",
                "2026-05-20T11:00:00Z",
                null,
                true,
                null),
            up);
    assertThat(f.fields().path("severity").asText()).isEqualTo("P1");
    assertThat(f.fields().path("escalate_to").asText()).isEqualTo("Adaeze Nwosu");
    assertThat(f.fields().path("channel").asText()).isEqualTo("#security-incidents");
    assertThat(text(f))
        .contains(
            "credential stuffing",
            "security incident",
            "CISO",
            "at declaration",
            "login_guard=strict");
    assertGrounded(f, up);
  }

  @Test
  void p3_escalatesToTheEmAfterFiveBusinessDays_withoutPaging() {
    Upstream up = upstream(DOCS);
    Findings f =
        skill.call(
            new ResolveEscalation.Input(
                "inventory-sync", "P3", "2026-05-11T09:00:00Z", null, null, null, null),
            up);
    assertThat(f.fields().path("escalate_to").asText()).isEqualTo("Chloe Martin");
    assertThat(text(f))
        .contains("5 business days", "2026-05-18", "#team-integrations", "daily", "no paging");
    assertGrounded(f, up);
  }

  @Test
  void withoutATimeOfQuestion_theBackupIsTheFirstEscalation() {
    Upstream up = upstream(DOCS, jira("INC-2358"));
    Findings f =
        skill.call(
            new ResolveEscalation.Input(
                "atlas-checkout", "P2", "2026-05-19T10:10:00Z", null, "INC-2358", null, null),
            up);
    assertThat(f.fields().path("escalate_to").asText()).isEqualTo("Mei Tanaka");
    assertThat(text(f))
        .contains("Olivia Grant", "Mei Tanaka", "Marcus Bell", "20 minutes", "Rafael Quintero");
    assertGrounded(f, up);
  }

  @Test
  void beforeFebruary_theV1TimingsApply() {
    Upstream up = upstream(DOCS);
    Findings f =
        skill.call(
            new ResolveEscalation.Input(
                "checkout-classic",
                "P1",
                "2026-01-22T19:40:00Z",
                "2026-01-22T19:56:00Z",
                null,
                null,
                null),
            up);
    // v1: secondary at 15 min (19:55), EM at 30 min (20:10).
    assertThat(f.fields().path("escalate_to").asText()).isEqualTo("Samir Haddou");
    assertThat(f.fields().path("next_escalation").asText()).isEqualTo("Rafael Quintero");
    assertThat(text(f)).contains("policy v1", "15 minutes");
    assertGrounded(f, up);
  }
}
