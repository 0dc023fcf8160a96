package com.taskchain.orchestrator.skill;

import static com.taskchain.orchestrator.skill.CompanyFixtures.fetched;
import static com.taskchain.orchestrator.skill.CompanyFixtures.jira;
import static com.taskchain.orchestrator.skill.CompanyFixtures.upstream;
import static com.taskchain.orchestrator.skill.ResolveEscalationTest.assertGrounded;
import static com.taskchain.orchestrator.skill.ResolveEscalationTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.taskchain.orchestrator.answer.Findings;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.tool.Upstream;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckChangeTest {
  private static final List<Upstream.Step> DOCS =
      fetched(
          "policies/operations_policy_v2.md",
          "tool_configs/cicd.yaml",
          "tool_configs/oncall.yaml",
          "tool_configs/db_audit.yaml",
          "governance.md",
          "company_profile.md",
          "programs/atlas_checkout_migration.md");

  private final CheckChange skill = new CheckChange();

  private Findings check(
      String service, String change, String start, String db, String incident, String project) {
    Upstream up =
        upstream(DOCS, jira(change == null ? incident : change, incident == null ? "" : incident));
    Findings f =
        skill.call(new CheckChange.Input(service, change, start, db, incident, project), up);
    assertGrounded(f, up);
    return f;
  }

  @SuppressWarnings("unchecked")
  private static List<String> approvers(Findings f) {
    return Json.convert(f.fields().path("approvers"), List.class);
  }

  @Test
  void migrationPhaseInItsWindow_isApprovedIfCabDbreAndTheProgrammeConditionsAreMet() {
    Findings f =
        check("atlas-checkout", "CHG-4311", "2026-06-03T10:00:00Z", null, null, "Atlas Checkout");
    assertThat(f.fields().path("decision").asText()).isEqualTo("approve_if_conditions_met");
    assertThat(approvers(f))
        .contains("peer review", "Rafael Quintero", "Owen Fitzgerald", "CAB", "DBRE");
    assertThat(text(f))
        .contains(
            "Tuesday to Thursday",
            "08:00–16:00",
            "CAB 2026-06-02",
            "steering committee",
            "ATLAS-157",
            "Petra Novak",
            "not in a freeze");
  }

  @Test
  void fridayInAFreeze_isRejected_withTheFreezeExceptionApprovers() {
    Findings f = check("ledger-core", "CHG-4209", "2026-03-27T10:00:00Z", null, null, null);
    assertThat(f.fields().path("decision").asText()).isEqualTo("reject");
    assertThat(approvers(f)).contains("Sunita Malhotra", "Tomasz Wieczorek", "Daniel Achterberg");
    assertThat(text(f))
        .contains(
            "Q1 financial close", "2026-03-27", "2026-04-02", "Friday", "freeze exception", "CTO");
  }

  @Test
  void tier2OnAMonday_needsOnePeerReview() {
    Findings f = check("catalog-service", "CHG-4318", "2026-05-18T10:00:00Z", null, null, null);
    assertThat(f.fields().path("decision").asText()).isEqualTo("approve");
    assertThat(approvers(f)).containsExactly("peer review");
    assertThat(text(f)).contains("Tier 2", "1 peer review", "Monday to Friday", "08:00–18:00");
  }

  @Test
  void tier0SchemaMigrationOnThursdayAfternoon_isRescheduledToTheSchemaWindowAfterCab() {
    Findings f =
        check("identity-hub", "CHG-4322", "2026-06-04T13:00:00Z", "identity-db", null, null);
    assertThat(f.fields().path("decision").asText()).isEqualTo("reschedule");
    assertThat(f.fields().path("proposed_slot").asText())
        .isEqualTo(
            "a Tuesday or Wednesday 08:00–12:00 UTC after CAB approval, e.g. 2026-06-03, 2026-06-09 or 2026-06-10");
    assertThat(approvers(f))
        .contains("peer review", "Jonas Brandt", "SRE primary on-call", "CAB", "DBRE");
    assertThat(text(f))
        .contains("Tuesday or Wednesday", "08:00–12:00", "restricted", "CAB", "DBRE");
  }

  @Test
  void tier1ReleaseOnThursday_isApprovedWithPeerReviewAndTheEm() {
    Findings f = check("webhook-dispatcher", "CHG-4327", "2026-05-28T11:00:00Z", null, null, null);
    assertThat(f.fields().path("decision").asText()).isEqualTo("approve");
    assertThat(approvers(f)).containsExactly("peer review", "Chloe Martin");
    assertThat(text(f))
        .contains("Tier 1", "Tuesday to Thursday", "peer review", "Chloe Martin", "INC-2363");
  }

  @Test
  void fixDuringAnActiveP2_isAnEmergencyChangeApprovedByTheIc() {
    Findings f = check("payments-gateway", null, "2026-05-20T12:00:00Z", null, "INC-2361", null);
    assertThat(f.fields().path("decision").asText()).isEqualTo("emergency_change");
    assertThat(approvers(f)).containsExactly("Marcus Bell");
    assertThat(text(f))
        .contains(
            "emergency change", "incident commander", "Marcus Bell", "CAB", "2 business days");
  }

  @Test
  void inAFreezeInsideTheWindow_needsAnExceptionOrANewDate() {
    Findings f =
        check("checkout-classic", "CHG-4325", "2026-06-30T10:00:00Z", null, null, "Atlas Checkout");
    assertThat(f.fields().path("decision").asText()).isEqualTo("needs_exception_or_reschedule");
    assertThat(approvers(f)).contains("Sunita Malhotra", "Tomasz Wieczorek", "Daniel Achterberg");
    assertThat(text(f))
        .contains("mid-year", "2026-06-26", "2026-07-02", "2026-07-07", "Tier 0", "ATLAS-180");
  }
}
