package com.taskchain.orchestrator.tool.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskchain.orchestrator.tool.text.internal.Sentences;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummarizeTest {
  private final Summarize tool = new Summarize();

  private Summarize.Output summarize(String text, Integer maxWords) {
    return tool.call(new Summarize.Input(text, maxWords));
  }

  @Test
  void shortText_isKeptWhole_andNotTruncated() {
    Summarize.Output output = summarize(SampleTexts.SEED_TASK, null);

    assertThat(output.summary()).isEqualTo(SampleTexts.SEED_TASK);
    assertThat(output.truncated()).isFalse();
    assertThat(output.wordCount()).isEqualTo(Sentences.wordCount(SampleTexts.SEED_TASK));
  }

  @Test
  void longText_neverExceedsMaxWords_andSaysItWasTruncated() {
    for (int maxWords : List.of(5, 12, 20, 30)) {
      Summarize.Output output = summarize(SampleTexts.INCIDENT, maxWords);

      assertThat(output.wordCount()).isLessThanOrEqualTo(maxWords);
      assertThat(Sentences.wordCount(output.summary())).isEqualTo(output.wordCount());
      assertThat(output.summary()).isNotBlank();
      assertThat(output.truncated()).isTrue();
    }
  }

  @Test
  void keptSentences_appearInTheirOriginalOrder() {
    Summarize.Output output = summarize(SampleTexts.INCIDENT, 40);

    List<String> kept = Sentences.split(output.summary());
    assertThat(kept).hasSizeGreaterThan(1);
    List<Integer> positions = kept.stream().map(s -> SampleTexts.INCIDENT.indexOf(s)).toList();
    assertThat(positions).doesNotContain(-1).isSorted();
  }

  @Test
  void informativeSentence_isPreferredOverSmallTalk() {
    String text =
        "Thanks a lot everyone for joining today. The payments-api error rate reached 35% after"
            + " release 2.4 and PAY-1423 tracks the fix.";

    Summarize.Output output = summarize(text, 16);

    assertThat(output.summary()).contains("PAY-1423").doesNotContain("Thanks");
  }

  @Test
  void sentenceLongerThanMaxWords_isCut_neverEmpty() {
    String text =
        "The migration of every checkout service to the new regional cluster will take the whole"
            + " quarter because each service needs its own cutover window and rehearsal.";

    Summarize.Output output = summarize(text, 5);

    assertThat(output.wordCount()).isEqualTo(5);
    assertThat(output.summary()).startsWith("The migration of every checkout").endsWith("...");
    assertThat(output.truncated()).isTrue();
  }

  @Test
  void contextLines_readAsSentences() {
    Summarize.Output output = summarize("Prepare the update.\npriority: high", null);

    assertThat(output.summary()).isEqualTo("Prepare the update. priority: high.");
  }

  @Test
  void defaultMaxWords_isSixty() {
    assertThat(new Summarize.Input("x").maxWords()).isEqualTo(Summarize.DEFAULT_MAX_WORDS);
    assertThat(Summarize.DEFAULT_MAX_WORDS).isEqualTo(60);
  }

  @Test
  void blankText_hasAnEmptySummary() {
    Summarize.Output output = summarize(" \n ", null);

    assertThat(output.summary()).isEmpty();
    assertThat(output.wordCount()).isZero();
    assertThat(output.truncated()).isFalse();
  }
}
