package com.taskchain.orchestrator.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcerptTest {
  private static final String DOC =
      """
      # Policy

      Intro line.

      ## 2. Escalation

      Before the table.
      The secondary is paged at 10 minutes.
      After the table.

      ## 3. Channels

      Updates go to #inc-bridge every 30 minutes.
      Unrelated closing line.
      """;

  @Test
  void matchingLines_comeWithTheirNeighboursAndHeading_inDocumentOrder() {
    Excerpt excerpt = Excerpt.of(DOC, "paged", 2_000);

    assertThat(excerpt.matched()).isTrue();
    assertThat(excerpt.matchedLines()).isEqualTo(1);
    assertThat(excerpt.text())
        .isEqualTo(
            "## 2. Escalation\n…\nBefore the table.\nThe secondary is paged at 10 minutes.\n"
                + "After the table.");
  }

  @Test
  void wordsAreComparedAfterStemming() {
    assertThat(Excerpt.of(DOC, "escalate", 2_000).text()).contains("## 2. Escalation");
    assertThat(Excerpt.of(DOC, "update", 2_000).text()).contains("Updates go to #inc-bridge");
  }

  @Test
  void linesMatchingMoreWords_areKeptFirst_whenSpaceIsShort() {
    Excerpt excerpt = Excerpt.of(DOC, "updates bridge minutes", 80);

    assertThat(excerpt.text()).contains("Updates go to #inc-bridge every 30 minutes.");
    assertThat(excerpt.text()).doesNotContain("secondary");
    assertThat(excerpt.text().length()).isLessThanOrEqualTo(80);
  }

  @Test
  void withoutAQuery_orWithoutAMatch_theExcerptIsTheBeginning() {
    Excerpt none = Excerpt.of(DOC, null, 30);
    Excerpt unmatched = Excerpt.of(DOC, "zorblax", 30);

    assertThat(none.matched()).isFalse();
    assertThat(none.text()).startsWith("# Policy").hasSizeLessThanOrEqualTo(30);
    assertThat(unmatched).isEqualTo(new Excerpt(false, none.text(), 0));
  }
}
