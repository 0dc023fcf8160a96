package com.taskchain.orchestrator.retrieval;

import com.taskchain.orchestrator.retrieval.internal.Analysis;
import com.taskchain.orchestrator.retrieval.internal.Fields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;

/**
 * The lines of a document that answer a query, with their context: each matching line with the
 * lines around it and the heading it sits under, the lines matching the most query words first,
 * within a size limit, in document order, gaps marked "…". Words are compared after the index's
 * English analysis, so "escalate" finds "escalation".
 *
 * @param matched whether any line contains a query word; when not, the excerpt is the document's
 *     beginning
 * @param text the excerpt, at most the asked number of characters
 * @param matchedLines how many lines contain a query word
 */
public record Excerpt(boolean matched, String text, int matchedLines) {
  private static final Analyzer ANALYZER = Analysis.analyzer();
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s.*");
  private static final String GAP = "\n…\n";

  /** Lines of context kept before and after a matching line. */
  public static final int CONTEXT_LINES = 1;

  private record Line(int index, int words) {}

  /**
   * The excerpt of a text for a query. Pure and thread-safe.
   *
   * @param query words to look for; null or blank gives the beginning of the text
   * @param maxChars the longest excerpt, at least 1
   */
  public static Excerpt of(String text, String query, int maxChars) {
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    Set<String> wanted = query == null ? Set.of() : Analysis.terms(ANALYZER, Fields.TEXT, query);
    List<Line> matching = new ArrayList<>();
    if (!wanted.isEmpty()) {
      for (int i = 0; i < lines.length; i++) {
        int words = 0;
        for (String term : Analysis.terms(ANALYZER, Fields.TEXT, lines[i])) {
          if (wanted.contains(term)) {
            words++;
          }
        }
        if (words > 0) {
          matching.add(new Line(i, words));
        }
      }
    }
    if (matching.isEmpty()) {
      return new Excerpt(false, head(lines, maxChars), 0);
    }
    matching.sort(Comparator.comparingInt(Line::words).reversed().thenComparingInt(Line::index));
    TreeSet<Integer> chosen = new TreeSet<>();
    for (Line line : matching) {
      TreeSet<Integer> candidate = new TreeSet<>(chosen);
      heading(lines, line.index()).ifPresent(candidate::add);
      for (int i = Math.max(0, line.index() - CONTEXT_LINES);
          i <= Math.min(lines.length - 1, line.index() + CONTEXT_LINES);
          i++) {
        candidate.add(i);
      }
      if (render(lines, candidate).length() <= maxChars) {
        chosen = candidate;
      } else if (chosen.isEmpty()) {
        // Not even the best line fits with its context: give the line alone, cut.
        return new Excerpt(true, cut(lines[line.index()].strip(), maxChars), matching.size());
      }
    }
    return new Excerpt(true, render(lines, chosen), matching.size());
  }

  private static java.util.Optional<Integer> heading(String[] lines, int index) {
    for (int i = index; i >= 0; i--) {
      if (HEADING.matcher(lines[i]).matches()) {
        return java.util.Optional.of(i);
      }
    }
    return java.util.Optional.empty();
  }

  private static String render(String[] lines, TreeSet<Integer> chosen) {
    StringBuilder text = new StringBuilder();
    int previous = -2;
    for (int index : chosen) {
      if (text.length() > 0) {
        text.append(index == previous + 1 ? "\n" : GAP);
      }
      text.append(lines[index]);
      previous = index;
    }
    return text.toString().strip();
  }

  private static String head(String[] lines, int maxChars) {
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      if (text.length() + line.length() + 1 > maxChars) {
        break;
      }
      text.append(line).append('\n');
    }
    String head = text.toString().strip();
    return head.isEmpty() ? cut(String.join("\n", lines).strip(), maxChars) : head;
  }

  private static String cut(String text, int maxChars) {
    return text.length() <= maxChars ? text : text.substring(0, Math.max(0, maxChars - 1)) + "…";
  }
}
