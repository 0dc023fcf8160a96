package com.taskchain.orchestrator.execute.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CriticalPathTest {

  private static Map<String, List<String>> graph(Object... idsAndDependencies) {
    Map<String, List<String>> graph = new LinkedHashMap<>();
    for (int i = 0; i < idsAndDependencies.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<String> dependencies = (List<String>) idsAndDependencies[i + 1];
      graph.put((String) idsAndDependencies[i], dependencies);
    }
    return graph;
  }

  @Test
  void independentSteps_theLongestAloneIsThePath() {
    CriticalPath path =
        CriticalPath.of(
            graph("s1", List.of(), "s2", List.of(), "s3", List.of()),
            Map.of("s1", 30L, "s2", 70L, "s3", 50L));

    assertThat(path.durationMs()).isEqualTo(70);
    assertThat(path.steps()).containsExactly("s2");
  }

  @Test
  void chain_addsUpAlongTheSlowestDependencies() {
    // s4 waits for s2 (10) and s3 (s1 20 + s3 30 = 50): the path is s1 -> s3 -> s4.
    CriticalPath path =
        CriticalPath.of(
            graph(
                "s1", List.of(),
                "s2", List.of(),
                "s3", List.of("s1"),
                "s4", List.of("s2", "s3")),
            Map.of("s1", 20L, "s2", 10L, "s3", 30L, "s4", 5L));

    assertThat(path.durationMs()).isEqualTo(55);
    assertThat(path.steps()).containsExactly("s1", "s3", "s4");
  }

  @Test
  void dependencyDeclaredLaterInThePlan_isStillFollowed() {
    CriticalPath path =
        CriticalPath.of(graph("s1", List.of("s2"), "s2", List.of()), Map.of("s1", 5L, "s2", 7L));

    assertThat(path.durationMs()).isEqualTo(12);
    assertThat(path.steps()).containsExactly("s2", "s1");
  }

  @Test
  void zeroDurationStepAfterASlowOne_extendsItsPath() {
    CriticalPath path =
        CriticalPath.of(graph("s1", List.of(), "s2", List.of("s1")), Map.of("s1", 40L, "s2", 0L));

    assertThat(path.steps()).containsExactly("s1", "s2");
  }

  @Test
  void cyclesAndUnknownDependencies_doNotLoop() {
    CriticalPath path =
        CriticalPath.of(
            graph("s1", List.of("s2"), "s2", List.of("s1"), "s3", List.of("s9", "s3")),
            Map.of("s3", 4L));

    assertThat(path.durationMs()).isEqualTo(4);
    assertThat(path.steps()).containsExactly("s3");
  }

  @Test
  void emptyPlan_hasAnEmptyPath() {
    assertThat(CriticalPath.of(Map.of(), Map.of())).isEqualTo(new CriticalPath(0, List.of()));
  }
}
