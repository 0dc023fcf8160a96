package com.taskchain.orchestrator.tool.text.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/** Resolves overlapping matches: the earliest wins, then the longest, then the first listed. */
public final class Spans {
  private Spans() {}

  /**
   * Keeps the matches that do not overlap an earlier, longer or earlier-listed one, in text order.
   *
   * @param matches in the order of preference for ties
   */
  public static <T> List<T> nonOverlapping(
      List<T> matches, ToIntFunction<T> start, ToIntFunction<T> end) {
    List<T> sorted = new ArrayList<>(matches);
    // List.sort is stable, so equal spans keep their order of preference.
    sorted.sort(
        Comparator.comparingInt(start)
            .thenComparing(Comparator.comparingInt((T m) -> end.applyAsInt(m)).reversed()));
    List<T> kept = new ArrayList<>();
    int coveredUpTo = -1;
    for (T match : sorted) {
      if (start.applyAsInt(match) >= coveredUpTo) {
        kept.add(match);
        coveredUpTo = end.applyAsInt(match);
      }
    }
    return kept;
  }
}
