package com.taskchain.orchestrator.retrieval;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A search of the {@link RetrievalIndex}.
 *
 * @param query free text (user or LLM text is safe: it is analysed, never parsed as query syntax)
 * @param scope the sources searched, e.g. jira and incident for previous issues
 * @param filters restrictions, all of which a hit must meet
 * @param topK the most hits returned, 1 to {@value #MAX_TOP_K}
 * @param maxSnippetChars the longest snippet per hit, {@value #MIN_SNIPPET_CHARS} to {@value
 *     #MAX_SNIPPET_CHARS} characters
 * @param relax when nothing relevant matches, drop filters one at a time, narrowest first, until
 *     something does or none is left
 * @param readQuery read a period ("in Q3 2025", "last March") and service names ("ledger core")
 *     from the query's words: the period becomes a filter on the records' dates (dropped again when
 *     nothing relevant meets it, whatever {@code relax} says) and its words are not searched; a
 *     named service ranks its passages higher
 * @param today the day relative periods ("last March", "past 3 months") count from; null reads only
 *     periods with a year
 */
public record SearchRequest(
    String query,
    Set<Source> scope,
    List<Filter> filters,
    int topK,
    int maxSnippetChars,
    boolean relax,
    boolean readQuery,
    LocalDate today) {
  public static final int MAX_TOP_K = 50;
  public static final int MIN_SNIPPET_CHARS = 40;
  public static final int MAX_SNIPPET_CHARS = 5_000;

  /** A search that takes the query's words literally (no period or service is read from them). */
  public SearchRequest(
      String query,
      Set<Source> scope,
      List<Filter> filters,
      int topK,
      int maxSnippetChars,
      boolean relax) {
    this(query, scope, filters, topK, maxSnippetChars, relax, false, null);
  }

  public SearchRequest {
    Objects.requireNonNull(query, "query");
    scope = Set.copyOf(scope);
    if (scope.isEmpty()) {
      throw new IllegalArgumentException("scope: must name at least one source");
    }
    filters = List.copyOf(filters);
    if (topK < 1 || topK > MAX_TOP_K) {
      throw new IllegalArgumentException("topK: must be between 1 and " + MAX_TOP_K);
    }
    if (maxSnippetChars < MIN_SNIPPET_CHARS || maxSnippetChars > MAX_SNIPPET_CHARS) {
      throw new IllegalArgumentException(
          "maxSnippetChars: must be between " + MIN_SNIPPET_CHARS + " and " + MAX_SNIPPET_CHARS);
    }
  }
}
