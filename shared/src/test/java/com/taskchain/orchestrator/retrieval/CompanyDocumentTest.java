package com.taskchain.orchestrator.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.taskchain.orchestrator.testing.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CompanyDocumentTest {
  @Test
  void everyDocument_isInTheJar_exactlyAsInCompanySim() throws IOException {
    for (CompanyDocument document : CompanyDocument.values()) {
      String original =
          Files.readString(
              RepoFiles.path("company_details/company_sim/" + document.path()),
              StandardCharsets.UTF_8);

      assertThat(document.read()).as(document.id()).isEqualTo(original);
    }
  }

  @Test
  void ids_areUnique_andResolveBack() {
    assertThat(Arrays.stream(CompanyDocument.values()).map(CompanyDocument::id))
        .doesNotHaveDuplicates();
    for (CompanyDocument document : CompanyDocument.values()) {
      assertThat(CompanyDocument.of(document.id())).isSameAs(document);
    }
  }

  @Test
  void unknownId_isRefusedNamingTheKnownOnes() {
    assertThatThrownBy(() -> CompanyDocument.of("../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be one of policy_v1, policy_v2")
        .hasMessageContaining("got '../../etc/passwd'");
  }

  @Test
  void everyRunbookFile_hasADocument() throws IOException {
    try (var files = Files.list(RepoFiles.path("company_details/company_sim/runbooks"))) {
      for (var file : files.toList()) {
        String service = file.getFileName().toString().replace(".md", "");
        assertThat(CompanyDocument.runbookOf(service)).as(service).isPresent();
      }
    }
  }

  @Test
  void policyPeriods_agreeWithThePolicies() {
    assertThat(CompanyDocument.POLICY_V2.read())
        .contains(
            "effective | **"
                + CompanyDocument.POLICY_V2
                    .effectiveFrom()
                    .orElseThrow()
                    .toString()
                    .substring(0, 10));
    assertThat(CompanyDocument.POLICY_V1.read())
        .contains(
            CompanyDocument.POLICY_V1.effectiveFrom().orElseThrow().toString().substring(0, 10)
                + " through **"
                + CompanyDocument.POLICY_V1
                    .effectiveTo()
                    .orElseThrow()
                    .toString()
                    .substring(0, 10));
    assertThat(CompanyDocument.CURRENT_POLICY.effectiveTo()).isEmpty();
  }
}
