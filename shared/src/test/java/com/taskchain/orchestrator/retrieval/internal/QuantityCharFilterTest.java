package com.taskchain.orchestrator.retrieval.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.Test;

class QuantityCharFilterTest {
  private final Analyzer analyzer = Analysis.analyzer();

  private List<String> tokens(String text) {
    return Analysis.tokens(analyzer, Fields.TEXT, text);
  }

  /** The term a duration is written as whatever its unit: its value in milliseconds. */
  private String inMillis(String duration) {
    List<String> terms = tokens(duration);
    return terms.get(terms.size() - 1);
  }

  @Test
  void secondsAndMilliseconds_shareTheMillisecondTerm() {
    assertThat(tokens("p95 at 3.95 s")).contains(inMillis("3950 ms"));
    assertThat(tokens("3950ms")).isEqualTo(tokens("3950 ms"));
    assertThat(tokens("3.95s")).isEqualTo(tokens("3.95 s"));
    assertThat(inMillis("2 minutes")).isEqualTo(inMillis("120 s"));
    assertThat(inMillis("3 s")).isNotEqualTo(inMillis("3 ms"));
  }

  @Test
  void thousandsSeparatorsAndKSuffix_areResolved() {
    assertThat(tokens("1,650 ms")).isEqualTo(tokens("1650ms"));
    assertThat(tokens("1.4k requests")).isEqualTo(tokens("1400 requests"));
    assertThat(tokens("12k")).containsExactly("12000");
  }

  @Test
  void percentages_matchWhateverTheSpelling() {
    assertThat(tokens("12 %")).isEqualTo(tokens("12%")).isEqualTo(tokens("12 percent"));
    assertThat(tokens("12%")).contains("12");
  }

  @Test
  void isoDurations_matchTheSameSpanInWords() {
    assertThat(tokens("watch_window: PT60M")).contains(inMillis("60 minutes"));
    assertThat(tokens("PT10M")).contains(inMillis("10 min"));
  }

  @Test
  void underscoresInKeys_separateWords() {
    assertThat(tokens("p95_latency_ms")).containsExactly("p95", "latenc", "ms");
  }

  @Test
  void identifiersVersionsAndDates_areLeftAlone() {
    assertThat(QuantityCharFilter.normalize("INC-2291 release 2026.05.20-1 on 2026-02-18 at 19:38"))
        .isEqualTo("INC-2291 release 2026.05.20-1 on 2026-02-18 at 19:38");
    assertThat(QuantityCharFilter.normalize("load test at 1.1x peak, 3 steps, p95"))
        .isEqualTo("load test at 1.1x peak, 3 steps, p95");
  }

  @Test
  void offsets_pointIntoTheOriginalText() throws Exception {
    String text = "latency 1,650 ms then errors";
    try (TokenStream stream = analyzer.tokenStream(Fields.TEXT, text)) {
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      int lastEnd = 0;
      while (stream.incrementToken()) {
        lastEnd = offset.endOffset();
      }
      stream.end();
      assertThat(text.substring(lastEnd - "errors".length(), lastEnd)).isEqualTo("errors");
    }
  }
}
