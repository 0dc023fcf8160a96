package com.taskchain.orchestrator.local;

import com.taskchain.orchestrator.testing.PgExtension;
import com.taskchain.orchestrator.testing.TestDatabase;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cold start of the create, get and list functions through the local runner, before and after LLM
 * mode: each figure is the median of fresh JVMs of {@link ColdStartProbe}. "Before" runs
 * deterministic mode on the classpath without openai-java and its Kotlin/OkHttp runtime (the
 * dependency set before this change); "after" runs LLM mode on the full classpath. Prints figures,
 * asserts nothing (a benchmark, not a test: run it with {@code -Dtest=ColdStartBenchmark}).
 */
@ExtendWith(PgExtension.class)
class ColdStartBenchmark {
  private static final int RUNS = 5;
  private final TestDatabase database;

  ColdStartBenchmark(TestDatabase database) {
    this.database = database;
  }

  @Test
  void coldStart_beforeAndAfter() throws Exception {
    String url =
        database.jdbcUrl()
            + (database.jdbcUrl().contains("?") ? "&" : "?")
            + "user="
            + database.user()
            + "&password="
            + database.password();
    String full = System.getProperty("java.class.path");
    String withoutSdk =
        Arrays.stream(full.split(File.pathSeparator))
            .filter(
                e ->
                    !e.contains("/com/openai/")
                        && !e.contains("/org/jetbrains/kotlin/")
                        && !e.contains("/com/squareup/")
                        && !e.contains("jackson-module-kotlin"))
            .collect(Collectors.joining(File.pathSeparator));
    List<String> before = new ArrayList<>();
    List<String> after = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      // Interleaved, so that drift in machine load hits both alike.
      before.add(probe(withoutSdk, url, "deterministic", "deterministic"));
      after.add(probe(full, url, "llm", "llm"));
    }
    System.out.println("BEFORE (deterministic, no SDK on the classpath): " + before);
    System.out.println("AFTER  (llm modes, SDK on the classpath):        " + after);
    System.out.println("BEFORE medians: " + medians(before));
    System.out.println("AFTER  medians: " + medians(after));
  }

  private static String probe(String classpath, String url, String planner, String executor)
      throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath,
                ColdStartProbe.class.getName(),
                url,
                planner,
                executor)
            .redirectErrorStream(true)
            .start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    child.waitFor(120, TimeUnit.SECONDS);
    return out.lines()
        .filter(l -> l.startsWith("COLD-START "))
        .findFirst()
        .map(l -> l.substring("COLD-START ".length()))
        .orElse("failed: " + out.lines().skip(Math.max(0, out.lines().count() - 5)).toList());
  }

  private static String medians(List<String> runs) {
    List<String> keys = List.of("ready", "tools", "create", "get", "list");
    StringBuilder text = new StringBuilder();
    for (String key : keys) {
      List<Long> values = new ArrayList<>();
      for (String run : runs) {
        for (String part : run.split(" ")) {
          if (part.startsWith(key + "=")) {
            values.add(Long.parseLong(part.substring(key.length() + 1)));
          }
        }
      }
      values.sort(null);
      if (!values.isEmpty()) {
        text.append(key).append('=').append(values.get(values.size() / 2)).append("ms ");
      }
    }
    return text.toString().trim();
  }
}
