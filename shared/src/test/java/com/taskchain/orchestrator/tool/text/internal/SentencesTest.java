package com.taskchain.orchestrator.tool.text.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentencesTest {

  @Test
  void text_splitsAfterFullStopsAndAtLineBreaks() {
    assertThat(Sentences.split("Ship it. Then rest!\nowner: Jane\n\nDone?"))
        .containsExactly("Ship it.", "Then rest!", "owner: Jane", "Done?");
  }

  @Test
  void abbreviationsInitialsAndDecimals_doNotEndASentence() {
    assertThat(Sentences.split("Ask Dr. Lee and J. Smith, e.g. about release 2.4 today. Next."))
        .containsExactly("Ask Dr. Lee and J. Smith, e.g. about release 2.4 today.", "Next.");
  }

  @Test
  void bulletAndNumberMarkers_areDropped() {
    assertThat(Sentences.split("- first item\n* second item\n3) third item\n[ ] fourth item"))
        .containsExactly("first item", "second item", "third item", "fourth item");
  }

  @Test
  void whiteSpace_isCollapsed() {
    assertThat(Sentences.split("  too   many\tspaces  ")).containsExactly("too many spaces");
    assertThat(Sentences.normalize(" a \n b ")).isEqualTo("a b");
  }

  @Test
  void blankText_hasNoSentences() {
    assertThat(Sentences.split(" \n\t ")).isEmpty();
  }

  @Test
  void stripTrailing_removesTheGivenCharactersAndSpaces() {
    assertThat(Sentences.stripTrailing("Send it. ! ", ".!")).isEqualTo("Send it");
  }

  @Test
  void wordCount_countsWhiteSpaceSeparatedWords() {
    assertThat(Sentences.wordCount(" one two\nthree ")).isEqualTo(3);
    assertThat(Sentences.wordCount("  ")).isZero();
  }
}
