package com.taskchain.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskchain.orchestrator.testing.PgExtension;
import com.taskchain.orchestrator.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In LLM mode, the create, get, list and run functions and the deterministic stages never load the
 * OpenAI SDK: {@link SdkProbe} drives them in a child JVM started with {@code -verbose:class}, and
 * the class-load lines before each marker are searched for {@code com.openai}. The probe's last
 * phase makes a real LLM call, which must load the SDK: proof that the search can see it.
 */
@ExtendWith(PgExtension.class)
class SdkNotLoadedIT {
  private final TestDatabase database;

  SdkNotLoadedIT(TestDatabase database) {
    this.database = database;
  }

  @Test
  void functionsAndDeterministicStages_neverLoadTheSdk_andAnLlmCallDoes() throws Exception {
    String url =
        database.jdbcUrl()
            + (database.jdbcUrl().contains("?") ? "&" : "?")
            + "user="
            + database.user()
            + "&password="
            + database.password();
    Path out = Files.createTempFile("sdk-probe", ".log");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class",
                "-cp",
                System.getProperty("java.class.path"),
                SdkProbe.class.getName(),
                url)
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("probe finished").isTrue();
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    Files.delete(out);
    assertThat(child.exitValue()).as(String.join("\n", tail(lines))).isZero();

    List<String> sdkBefore = new ArrayList<>();
    int sdkAfter = 0;
    String phase = "start";
    List<String> marks = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("PROBE-MARK ")) {
        marks.add(line);
        phase = line;
        continue;
      }
      boolean sdk = line.contains("[class,load]") && line.contains(" com.openai.");
      if (sdk && !phase.startsWith("PROBE-MARK deterministic-plan-stage")) {
        sdkBefore.add(phase + " | " + line);
      } else if (sdk) {
        sdkAfter++;
      }
    }
    assertThat(marks).hasSize(3);
    assertThat(marks.get(1)).endsWith(" deterministic");
    assertThat(sdkBefore).as("SDK classes loaded before the LLM call").isEmpty();
    assertThat(sdkAfter).as("SDK classes loaded by the LLM call").isPositive();
    lines.stream().filter(l -> l.startsWith("PROBE-FIGURE")).forEach(System.out::println);
  }

  private static List<String> tail(List<String> lines) {
    return lines.subList(Math.max(0, lines.size() - 60), lines.size());
  }
}
