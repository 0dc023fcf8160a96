package com.taskchain.orchestrator.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.execute.ExecutionMetadata;
import com.taskchain.orchestrator.execute.ExecutionResult;
import com.taskchain.orchestrator.execute.StepStatus;
import com.taskchain.orchestrator.execute.ToolRun;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.plan.Plan;
import com.taskchain.orchestrator.plan.PlanStep;
import com.taskchain.orchestrator.plan.TaskInput;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.text.TextTools;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's evidence gates, made by {@link RuleVerifier}. */
class EvidenceChecksTest {
  private static final Instant AT = Instant.parse("2026-05-20T12:00:00Z");
  private static final String HIT =
      "{\"citation_id\": \"INC-2291\", \"citation_source\": \"incident\"}";
  private static final String UNCITED =
      "{\"citation_id\": \"\", \"citation_source\": \"incident\"}";
  private static final String POLICY =
      "{\"source\": \"policy_v2\", \"path\": \"company_sim/policies/operations_policy_v2.md\","
          + " \"matched\": true, \"excerpt\": \"x\"}";

  private final RuleVerifier verifier = new RuleVerifier(ToolRegistry.of(TextTools.all()));
  private final TaskInput input = new TaskInput("Triage the alert", Json.object());

  /** A plan of the given tools with their outputs (null: the step failed). */
  private Verification verify(String... toolsAndOutputs) {
    List<PlanStep> steps = new ArrayList<>();
    List<ToolRun> runs = new ArrayList<>();
    for (int i = 0; i < toolsAndOutputs.length; i += 2) {
      String id = "s" + (i / 2 + 1);
      String tool = toolsAndOutputs[i];
      String output = toolsAndOutputs[i + 1];
      steps.add(new PlanStep(id, tool, Json.object()));
      JsonNode json = output == null ? null : Json.read(output);
      runs.add(
          new ToolRun(
              id,
              tool,
              output == null ? StepStatus.FAILED : StepStatus.SUCCEEDED,
              1,
              1,
              AT,
              AT,
              json,
              output == null ? "down" : null,
              false));
    }
    return verifier.verify(
        input,
        new Plan("deterministic", steps, List.of()),
        new ExecutionResult(runs, new ExecutionMetadata("r", AT, AT, 1, runs.size(), 0, 0, false)));
  }

  private static Check check(Verification verification, String name) {
    return verification.checks().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static String hits(String... hits) {
    return "{\"total\": " + hits.length + ", \"hits\": [" + String.join(", ", hits) + "]}";
  }

  @Test
  void incidentPlan_withCitedEvidenceAndThePolicy_passesAllThree() {
    Verification v =
        verify(
            "search_incident_knowledge", hits(HIT),
            "search_previous_issues", hits(),
            "fetch_company_reference", POLICY);

    assertThat(check(v, RuleVerifier.INCIDENT_EVIDENCE).passed()).isTrue();
    assertThat(check(v, RuleVerifier.INCIDENT_EVIDENCE).reason())
        .contains("s1 (search_incident_knowledge: 1)")
        .contains("nothing from s2 (search_previous_issues)");
    assertThat(check(v, RuleVerifier.EVIDENCE_CITED).passed()).isTrue();
    assertThat(check(v, RuleVerifier.POLICY_CITED).reason())
        .isEqualTo("s3 cites policy_v2 (company_sim/policies/operations_policy_v2.md)");
  }

  @Test
  void incidentPlan_whoseEvidenceToolsFindNothing_failsWithTheSeedsReasons() {
    Verification v =
        verify(
            "search_incident_knowledge", hits(),
            "search_previous_issues", hits(),
            "fetch_company_reference", POLICY);

    assertThat(v.passed()).isFalse();
    assertThat(v.reasons())
        .contains(
            "Incident evidence tool 'search_incident_knowledge' returned no usable evidence."
                + " Incident evidence tool 'search_previous_issues' returned no usable evidence."
                + " Incident plan requires at least one successful evidence source from"
                + " search_incident_knowledge, search_previous_issues, or jira_search_tickets.");
  }

  @Test
  void jiraTickets_countAsIncidentEvidence() {
    Verification v =
        verify(
            "search_incident_knowledge",
            hits(),
            "jira_search_tickets",
            "{\"total\": 1, \"tickets\": [{\"key\": \"INC-2291\"}]}",
            "fetch_company_reference",
            POLICY);

    assertThat(check(v, RuleVerifier.INCIDENT_EVIDENCE).passed()).isTrue();
  }

  @Test
  void aFailedEvidenceStep_isNotEvidence() {
    Verification v =
        verify(
            "search_incident_knowledge",
            hits(),
            "jira_search_tickets",
            null,
            "fetch_company_reference",
            POLICY);

    assertThat(check(v, RuleVerifier.INCIDENT_EVIDENCE).passed()).isFalse();
    assertThat(check(v, RuleVerifier.ALL_STEPS_SUCCEEDED).reason())
        .contains("s2 (jira_search_tickets) failed");
  }

  @Test
  void aHitWithoutCitation_failsEvidenceCited_namingTheStepAndHit() {
    Verification v =
        verify("search_incident_knowledge", hits(HIT, UNCITED), "fetch_company_reference", POLICY);

    Check cited = check(v, RuleVerifier.EVIDENCE_CITED);
    assertThat(cited.passed()).isFalse();
    assertThat(cited.reason())
        .isEqualTo(
            "Incident evidence tool 'search_incident_knowledge' returned hits without"
                + " citation_id/citation_source (step s1, hit 2).");
  }

  @Test
  void incidentPlan_withoutAPolicyOrGovernanceReference_failsPolicyCited() {
    Verification v =
        verify(
            "search_incident_knowledge",
            hits(HIT),
            "fetch_company_reference",
            "{\"source\": \"oncall_rota\", \"path\": \"p\", \"matched\": true, \"excerpt\": \"x\"}");

    assertThat(check(v, RuleVerifier.POLICY_CITED).passed()).isFalse();
    assertThat(v.reasons())
        .contains(
            "Incident plan requires at least one successful policy/governance citation via"
                + " fetch_company_reference.");
  }

  @Test
  void governanceNotes_countAsAPolicyCitation() {
    Verification v =
        verify(
            "search_incident_knowledge",
            hits(HIT),
            "fetch_company_reference",
            "{\"source\": \"governance_notes\", \"path\": \"company_sim/governance.md\","
                + " \"matched\": true, \"excerpt\": \"x\"}");

    assertThat(check(v, RuleVerifier.POLICY_CITED).passed()).isTrue();
  }

  @Test
  void aPlanWithoutIncidentKnowledge_isNotGatedOnEvidenceOrPolicy_butItsHitsMustBeCited() {
    Verification cited = verify("search_previous_issues", hits());
    Verification uncited = verify("search_previous_issues", hits(UNCITED));

    assertThat(check(cited, RuleVerifier.INCIDENT_EVIDENCE).passed()).isTrue();
    assertThat(check(cited, RuleVerifier.POLICY_CITED).passed()).isTrue();
    assertThat(check(cited, RuleVerifier.INCIDENT_EVIDENCE).reason())
        .contains("not an incident plan");
    assertThat(check(uncited, RuleVerifier.EVIDENCE_CITED).reason())
        .startsWith("Evidence tool 'search_previous_issues' returned hits without");
  }
}
