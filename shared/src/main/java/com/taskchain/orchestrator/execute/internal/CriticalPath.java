package com.taskchain.orchestrator.execute.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The longest chain of dependent steps, weighted by how long each step took: the least wall time
 * the run could have had with unlimited parallelism. Pure.
 *
 * @param durationMs the chain's total duration, milliseconds
 * @param steps the chain's step ids, first to last
 */
public record CriticalPath(long durationMs, List<String> steps) {
  public CriticalPath {
    steps = List.copyOf(steps);
  }

  /**
   * Computes the critical path.
   *
   * @param dependsOn each step's dependencies, by step id, in plan order; dependencies on unknown
   *     steps are ignored, and steps caught in a cycle count on their own
   * @param durationMs each step's duration (0 for a step that did not run)
   */
  public static CriticalPath of(Map<String, List<String>> dependsOn, Map<String, Long> durationMs) {
    Map<String, Set<String>> dependencies = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    Map<String, Integer> waiting = new HashMap<>();
    for (Map.Entry<String, List<String>> step : dependsOn.entrySet()) {
      Set<String> known = new LinkedHashSet<>(step.getValue());
      known.removeIf(id -> id.equals(step.getKey()) || !dependsOn.containsKey(id));
      dependencies.put(step.getKey(), known);
      waiting.put(step.getKey(), known.size());
      for (String dependency : known) {
        dependents.computeIfAbsent(dependency, k -> new ArrayList<>()).add(step.getKey());
      }
    }
    Deque<String> ready = new ArrayDeque<>();
    for (String id : dependsOn.keySet()) {
      if (waiting.get(id) == 0) {
        ready.add(id);
      }
    }
    Map<String, Long> finish = new HashMap<>();
    Map<String, String> before = new HashMap<>();
    while (!ready.isEmpty()) {
      String id = ready.poll();
      settle(id, dependencies.get(id), durationMs, finish, before);
      for (String dependent : dependents.getOrDefault(id, List.of())) {
        if (waiting.merge(dependent, -1, Integer::sum) == 0) {
          ready.add(dependent);
        }
      }
    }
    for (String id : dependsOn.keySet()) {
      if (!finish.containsKey(id)) {
        // In or behind a cycle: it never ran, so only what it waited on settled counts.
        settle(id, dependencies.get(id), durationMs, finish, before);
      }
    }
    // On equal time the longer chain wins: a step of 0 ms after a slow one still belongs to it.
    String last = null;
    for (String id : dependsOn.keySet()) {
      if (last == null
          || finish.get(id) > finish.get(last)
          || (finish.get(id).equals(finish.get(last))
              && length(id, before) > length(last, before))) {
        last = id;
      }
    }
    if (last == null) {
      return new CriticalPath(0, List.of());
    }
    List<String> chain = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String id = last; id != null && seen.add(id); id = before.get(id)) {
      chain.add(id);
    }
    Collections.reverse(chain);
    return new CriticalPath(finish.get(last), chain);
  }

  private static int length(String id, Map<String, String> before) {
    int length = 0;
    Set<String> seen = new HashSet<>();
    for (String step = id; step != null && seen.add(step); step = before.get(step)) {
      length++;
    }
    return length;
  }

  private static void settle(
      String id,
      Set<String> dependencies,
      Map<String, Long> durationMs,
      Map<String, Long> finish,
      Map<String, String> before) {
    long start = 0;
    for (String dependency : dependencies) {
      Long end = finish.get(dependency);
      if (end != null && (end > start || (end == start && !before.containsKey(id)))) {
        start = end;
        before.put(id, dependency);
      }
    }
    finish.put(id, start + durationMs.getOrDefault(id, 0L));
  }
}
