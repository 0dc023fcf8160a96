package com.taskchain.orchestrator.retrieval.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The one analyzer of the index, used at build time and at query time: quantities written one way
 * ({@link QuantityCharFilter}: "3.95 s" and "3950 ms", "1,650" and "1.65k"), then Lucene's English
 * analysis (standard tokenizer, possessives, lower case, Porter stemming) with a longer stop list
 * than Lucene's 33 words. Question words, auxiliaries and pronouns ("what should the on-call do")
 * say nothing about which record is relevant, yet are rare in ticket text; left in, they would
 * count as the query's most informative words and make every task-shaped query look unanswered.
 */
public final class Analysis {
  private Analysis() {}

  private static final CharArraySet STOP_WORDS =
      CharArraySet.unmodifiableSet(
          new CharArraySet(
              Set.of(
                  "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any",
                  "are", "as", "at", "be", "because", "been", "before", "being", "below", "between",
                  "both", "but", "by", "can", "could", "did", "do", "does", "doing", "done",
                  "during", "each", "either", "else", "ever", "every", "few", "for", "from",
                  "further", "get", "gets", "give", "given", "go", "goes", "going", "got", "had",
                  "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i",
                  "if", "in", "into", "is", "it", "its", "itself", "just", "let", "like", "look",
                  "looks", "may", "me", "might", "more", "most", "much", "must", "my", "no", "nor",
                  "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours",
                  "out", "over", "own", "please", "same", "say", "she", "should", "so", "some",
                  "such", "tell", "than", "that", "the", "their", "theirs", "them", "then", "there",
                  "these", "they", "this", "those", "through", "to", "too", "under", "until", "up",
                  "us", "very", "was", "we", "were", "what", "when", "where", "whether", "which",
                  "while", "who", "whom", "why", "will", "with", "would", "yes", "yet", "you",
                  "your", "yours"),
              false));

  /** A new analyzer (thread-safe; make one per index and share it). */
  public static Analyzer analyzer() {
    return new Analyzer() {
      @Override
      protected Reader initReader(String fieldName, Reader reader) {
        return new QuantityCharFilter(reader);
      }

      // The chain of Lucene's EnglishAnalyzer (final, so it cannot take the char filter).
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream result = new EnglishPossessiveFilter(source);
        result = new LowerCaseFilter(result);
        result = new StopFilter(result, STOP_WORDS);
        result = new PorterStemFilter(result);
        return new TokenStreamComponents(source, result);
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
      }
    };
  }

  /** The distinct terms of a text as the analyzer indexes them, in order of first appearance. */
  public static Set<String> terms(Analyzer analyzer, String field, String text) {
    return new LinkedHashSet<>(tokens(analyzer, field, text));
  }

  /** The terms of a text as the analyzer indexes them, in order, repeats included. */
  public static List<String> tokens(Analyzer analyzer, String field, String text) {
    List<String> terms = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      // Analysis reads a String: there is no I/O to fail.
      throw new UncheckedIOException(e);
    }
    return terms;
  }
}
