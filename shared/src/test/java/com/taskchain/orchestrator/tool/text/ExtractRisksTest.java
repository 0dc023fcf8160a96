package com.taskchain.orchestrator.tool.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.taskchain.orchestrator.tool.text.ExtractRisks.Category;
import com.taskchain.orchestrator.tool.text.ExtractRisks.Risk;
import com.taskchain.orchestrator.tool.text.ExtractRisks.Severity;
import org.junit.jupiter.api.Test;

class ExtractRisksTest {
  private final ExtractRisks tool = new ExtractRisks();

  private ExtractRisks.Output extract(String text) {
    return tool.call(new ExtractRisks.Input(text));
  }

  @Test
  void seedTask_onlyAsksForRisks_soItStatesNone() {
    assertThat(extract(SampleTexts.SEED_TASK).risks()).isEmpty();
  }

  @Test
  void requestsForRisksInOtherWords_stateNone() {
    assertThat(extract("List the key risks and mitigations. Assess potential concerns.").risks())
        .isEmpty();
  }

  @Test
  void requestThatNamesASpecificRisk_isARisk() {
    ExtractRisks.Output output = extract("Review the rollback risk before Friday.");

    assertThat(output.risks()).extracting(Risk::category).containsExactly(Category.TECHNICAL);
  }

  @Test
  void incident_findsEachRiskSentence_withCategoryAndSeverity() {
    ExtractRisks.Output output = extract(SampleTexts.INCIDENT);

    assertThat(output.risks())
        .extracting(Risk::text, Risk::severity, Risk::category)
        .containsSubsequence(
            tuple("SEV1: payments-api outage since 09:40 UTC", Severity.HIGH, Category.OPERATIONAL),
            tuple(
                "We must notify Acme Corp within 48 hours, and the rollback may delay the March 5"
                    + " launch",
                Severity.MEDIUM,
                Category.SCHEDULE),
            tuple("Budget impact is estimated at $250k", Severity.MEDIUM, Category.FINANCIAL));
  }

  @Test
  void wordsInsideAUrl_areNotRiskSignals() {
    assertThat(extract("Details at https://status.example.com/incidents/77 as usual.").risks())
        .isEmpty();
  }

  @Test
  void negatedSignal_isNotARisk() {
    assertThat(extract("There are no blockers. We saw no delays this sprint.").risks()).isEmpty();
  }

  @Test
  void intensifier_raisesSeverityToHigh() {
    ExtractRisks.Output output = extract("A major dependency on the vendor API could slip.");

    assertThat(output.risks())
        .extracting(Risk::severity, Risk::category)
        .containsExactly(tuple(Severity.HIGH, Category.DEPENDENCY));
  }

  @Test
  void mitigatingWord_lowersSeverityOneStep() {
    ExtractRisks.Output output = extract("There is a minor chance of delay in the report.");

    assertThat(output.risks())
        .extracting(Risk::severity, Risk::category)
        .containsExactly(tuple(Severity.LOW, Category.SCHEDULE));
  }

  @Test
  void securityProblem_isHighSecurityRisk() {
    ExtractRisks.Output output = extract("The audit found a vulnerability in the login flow.");

    assertThat(output.risks())
        .extracting(Risk::severity, Risk::category)
        .containsExactly(tuple(Severity.HIGH, Category.SECURITY));
  }

  @Test
  void genericRiskWord_isAGeneralRisk() {
    ExtractRisks.Output output = extract("Leadership has concerns about the new pricing.");

    assertThat(output.risks())
        .extracting(Risk::severity, Risk::category)
        .containsExactly(tuple(Severity.LOW, Category.GENERAL));
  }

  @Test
  void textWithoutRiskSignals_hasNoRisks() {
    assertThat(extract(SampleTexts.SMALL_TALK).risks()).isEmpty();
    assertThat(extract("").risks()).isEmpty();
  }
}
