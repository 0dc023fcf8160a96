package com.taskchain.orchestrator.tool.text.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhrasesTest {
  private static final Phrases<String> PHRASES =
      Phrases.<String>builder()
          .add("failure/failures", "operational")
          .add("single point of failure", "resource")
          .add("blocker/blockers, blocked", "dependency")
          .add("within # hour/hours", "deadline")
          .add("customer facing", "audience")
          .build();

  private static List<Phrases.Hit<String>> find(String text) {
    return PHRASES.find(Phrases.tokens(text), null);
  }

  @Test
  void tokens_areRunsOfLettersAndDigits_withTheirOffsets() {
    assertThat(Phrases.tokens("sev-1: api down!"))
        .extracting(Phrases.Token::text, Phrases.Token::start, Phrases.Token::end)
        .containsExactly(
            tuple("sev", 0, 3), tuple("1", 4, 5), tuple("api", 7, 10), tuple("down", 11, 15));
  }

  @Test
  void longerPhrase_winsOverAShorterOneInsideIt() {
    assertThat(find("a single point of failure here"))
        .extracting(Phrases.Hit::value, Phrases.Hit::start, Phrases.Hit::end)
        .containsExactly(tuple("resource", 2, 25));
  }

  @Test
  void alternativeForms_match_andReportTheFirstListedForm() {
    assertThat(find("two blockers and one failure"))
        .extracting(Phrases.Hit::value, Phrases.Hit::canonical)
        .containsExactly(tuple("dependency", "blocker"), tuple("operational", "failure"));
  }

  @Test
  void hash_standsForAnyNumber() {
    assertThat(find("reply within 48 hours"))
        .extracting(Phrases.Hit::value)
        .containsExactly("deadline");
    assertThat(find("reply within some hours")).isEmpty();
  }

  @Test
  void hyphenatedText_matchesASpacedPhrase() {
    assertThat(find("a customer-facing change"))
        .extracting(Phrases.Hit::value)
        .containsExactly("audience");
  }

  @Test
  void wordsMatchWhole_notAsPartsOfLongerWords() {
    assertThat(find("unblocked failuresque")).isEmpty();
  }

  @Test
  void skippedTokens_takeNoPartInAMatch() {
    List<Phrases.Token> tokens = Phrases.tokens("blocked by a failure");
    boolean[] skip = {true, false, false, false};

    assertThat(PHRASES.find(tokens, skip))
        .extracting(Phrases.Hit::value)
        .containsExactly("operational");
  }
}
