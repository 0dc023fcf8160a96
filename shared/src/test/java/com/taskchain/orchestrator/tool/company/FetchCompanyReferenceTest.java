package com.taskchain.orchestrator.tool.company;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskchain.orchestrator.retrieval.CompanyDocument;
import org.junit.jupiter.api.Test;

class FetchCompanyReferenceTest {
  private final FetchCompanyReference tool = new FetchCompanyReference();

  @Test
  void aQuery_givesTheMatchingLinesOfTheDocument_withItsPath() throws Exception {
    FetchCompanyReference.Output output =
        tool.call(
            new FetchCompanyReference.Input(CompanyDocument.POLICY_V2, "rollback triggers", 800));

    assertThat(output.source()).isEqualTo(CompanyDocument.POLICY_V2);
    assertThat(output.path()).isEqualTo("company_sim/policies/operations_policy_v2.md");
    assertThat(output.matched()).isTrue();
    assertThat(output.excerpt()).contains("## 5. Rollback triggers").hasSizeLessThanOrEqualTo(800);
    assertThat(CompanyDocument.POLICY_V2.read()).contains(output.excerpt().split("\n", -1)[0]);
  }

  @Test
  void noQuery_givesTheBeginning_notMatched() throws Exception {
    FetchCompanyReference.Output output =
        tool.call(new FetchCompanyReference.Input(CompanyDocument.ONCALL_ROTA, null, 300));

    assertThat(output.matched()).isFalse();
    assertThat(CompanyDocument.ONCALL_ROTA.read()).startsWith(output.excerpt());
    assertThat(output.excerpt()).hasSizeLessThanOrEqualTo(300);
  }

  @Test
  void aQueryMatchingNothing_givesTheBeginning_notMatched() throws Exception {
    FetchCompanyReference.Output output =
        tool.call(new FetchCompanyReference.Input(CompanyDocument.SLACK_CONFIG, "zorblax"));

    assertThat(output.matched()).isFalse();
    assertThat(CompanyDocument.SLACK_CONFIG.read()).startsWith(output.excerpt());
  }
}
