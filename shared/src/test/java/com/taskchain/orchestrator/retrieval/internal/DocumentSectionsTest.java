package com.taskchain.orchestrator.retrieval.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.retrieval.Facet;
import com.taskchain.orchestrator.retrieval.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentSectionsTest {
  @Test
  void aRunbook_isCutAtItsHeadings_withTitledSectionsOfItsService() {
    String text =
        """
        # Runbook — Demo (`demo`)

        | tier | 1 |

        ## Symptoms

        Latency rises.

        ## Rollback

        Roll back the release.
        """;

    List<Passage> passages = DocumentSections.of(CompanyDocument.RUNBOOK_LEDGER_CORE, text);

    assertThat(passages)
        .extracting(Passage::id)
        .containsExactly(
            "runbooks/ledger-core.md#overview",
            "runbooks/ledger-core.md#symptoms",
            "runbooks/ledger-core.md#rollback");
    assertThat(passages.get(1).title()).isEqualTo("Runbook — Demo (demo) › Symptoms");
    assertThat(passages.get(1).body()).isEqualTo("Latency rises.");
    assertThat(passages)
        .allSatisfy(
            p -> {
              assertThat(p.source()).isEqualTo(Source.RUNBOOK);
              assertThat(p.facets()).containsEntry(Facet.SERVICE, "ledger-core");
              assertThat(p.companyWide()).containsExactly(Facet.SEVERITY);
            });
  }

  @Test
  void aSubsection_carriesItsParentHeading_andAnEmptyParentIsSkipped() {
    String text = "# P\n\n## 4. Windows\n\n### 4.1 Standard\n\nTue to Thu.\n";

    List<Passage> passages = DocumentSections.of(CompanyDocument.POLICY_V2, text);

    assertThat(passages).hasSize(1);
    assertThat(passages.get(0).title()).isEqualTo("P › 4. Windows › 4.1 Standard");
    assertThat(passages.get(0).id()).endsWith("#4-1-standard");
    assertThat(passages.get(0).companyWide()).contains(Facet.SERVICE, Facet.SEVERITY);
    assertThat(passages.get(0).activeFrom())
        .isEqualTo(CompanyDocument.POLICY_V2.effectiveFrom().orElseThrow());
  }

  @Test
  void aLongSection_isCutBetweenParagraphs_intoUniquelyNamedParts() {
    String paragraph = "word ".repeat(100).strip() + ".";
    String text =
        "# T\n\n## Long\n\n"
            + String.join("\n\n", List.of(paragraph, paragraph, paragraph, paragraph))
            + "\n";

    List<Passage> passages = DocumentSections.of(CompanyDocument.RUNBOOK_LEDGER_CORE, text);

    assertThat(passages).hasSizeGreaterThan(1);
    assertThat(passages).extracting(Passage::id).doesNotHaveDuplicates();
    assertThat(passages)
        .allSatisfy(
            p ->
                assertThat(p.body().length())
                    .isLessThanOrEqualTo(DocumentSections.MAX_SECTION_CHARS));
    assertThat(String.join(" ", passages.stream().map(Passage::body).toList()).split("word", -1))
        .hasSize(401);
  }

  @Test
  void everyShippedPolicyAndRunbook_cutsIntoSectionsWithUniqueIds() {
    for (CompanyDocument document : CompanyDocument.values()) {
      if (document.kind() != CompanyDocument.Kind.POLICY
          && document.kind() != CompanyDocument.Kind.RUNBOOK) {
        continue;
      }
      List<Passage> passages = DocumentSections.of(document, document.read());
      assertThat(passages).as(document.id()).hasSizeGreaterThan(3);
      assertThat(passages).extracting(Passage::id).doesNotHaveDuplicates();
    }
  }
}
