package com.taskchain.orchestrator.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskchain.orchestrator.execute.ExecutorTest.EchoInput;
import com.taskchain.orchestrator.execute.ExecutorTest.EchoOutput;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.plan.Plan;
import com.taskchain.orchestrator.plan.PlanStep;
import com.taskchain.orchestrator.tool.EvidenceTool;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolException;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.Upstream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Steps of an {@link EvidenceTool} read what their dependencies produced. */
class ExecutorUpstreamTest {
  private static final ExecutorConfig FAST =
      ExecutorConfig.defaults()
          .withToolTimeout(Duration.ofSeconds(2))
          .withRetries(0, Duration.ZERO);

  /** Echoes the steps it saw: "s1:ok:<output text>" or "s2:failed". */
  static final class Reader implements EvidenceTool<EchoInput, EchoOutput> {
    private final String name;
    private final boolean tolerant;
    final AtomicReference<Upstream> seen = new AtomicReference<>();

    Reader(String name, boolean tolerant) {
      this.name = name;
      this.tolerant = tolerant;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return "Reads its upstream.";
    }

    @Override
    public Class<EchoInput> inputType() {
      return EchoInput.class;
    }

    @Override
    public Class<EchoOutput> outputType() {
      return EchoOutput.class;
    }

    @Override
    public boolean runsAfterFailedDependencies() {
      return tolerant;
    }

    @Override
    public EchoOutput call(EchoInput input, Upstream upstream) {
      seen.set(upstream);
      StringBuilder out = new StringBuilder();
      for (Upstream.Step step : upstream.steps()) {
        out.append(step.stepId())
            .append(step.succeeded() ? ":ok:" + step.output().path("echoed").asText() : ":failed")
            .append(' ');
      }
      return new EchoOutput(out.toString().strip());
    }
  }

  private static Tool<EchoInput, EchoOutput> echo() {
    return new ExecutorTest.Scripted("echo", (in, n) -> new EchoOutput(in.text()));
  }

  private static Tool<EchoInput, EchoOutput> broken() {
    return new ExecutorTest.Scripted(
        "broken",
        (in, n) -> {
          throw new ToolException.Permanent("system down");
        });
  }

  private static PlanStep step(String id, String tool, String... dependsOn) {
    return new PlanStep(id, tool, Json.object().put("text", "hello " + id), List.of(dependsOn));
  }

  @Test
  void evidenceTool_readsItsDependenciesOutputs_inPlanOrder() {
    Reader reader = new Reader("reader", false);
    ExecutionResult result =
        new Executor(ToolRegistry.of(List.of(echo(), reader)), FAST)
            .execute(
                new Plan(
                    "test",
                    List.of(
                        step("s1", "echo"), step("s2", "echo"), step("s3", "reader", "s2", "s1")),
                    List.of()),
                "r");

    assertThat(result.toolResults().get(2).output().path("echoed").asText())
        .isEqualTo("s2:ok:hello s2 s1:ok:hello s1");
  }

  @Test
  void tolerantEvidenceTool_runsAfterAFailedDependency_andSeesTheError() {
    Reader composer = new Reader("composer", true);
    ExecutionResult result =
        new Executor(ToolRegistry.of(List.of(echo(), broken(), composer)), FAST)
            .execute(
                new Plan(
                    "test",
                    List.of(
                        step("s1", "echo"),
                        step("s2", "broken"),
                        step("s3", "composer", "s1", "s2")),
                    List.of()),
                "r");

    assertThat(result.toolResults().get(2).succeeded()).isTrue();
    assertThat(result.toolResults().get(2).output().path("echoed").asText())
        .isEqualTo("s1:ok:hello s1 s2:failed");
    assertThat(composer.seen.get().unsuccessful())
        .singleElement()
        .satisfies(s -> assertThat(s.error()).contains("system down"));
  }

  @Test
  void intolerantEvidenceTool_isSkipped_whenADependencyFailed() {
    Reader reader = new Reader("reader", false);
    ExecutionResult result =
        new Executor(ToolRegistry.of(List.of(broken(), reader)), FAST)
            .execute(
                new Plan(
                    "test", List.of(step("s1", "broken"), step("s2", "reader", "s1")), List.of()),
                "r");

    assertThat(result.toolResults().get(1).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(reader.seen.get()).isNull();
  }

  @Test
  void tolerantStep_afterASkippedChain_stillRuns() {
    Reader reader = new Reader("reader", false);
    Reader composer = new Reader("composer", true);
    ExecutionResult result =
        new Executor(ToolRegistry.of(List.of(broken(), reader, composer)), FAST)
            .execute(
                new Plan(
                    "test",
                    List.of(
                        step("s1", "broken"),
                        step("s2", "reader", "s1"),
                        step("s3", "composer", "s1", "s2")),
                    List.of()),
                "r");

    assertThat(result.toolResults().get(1).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(result.toolResults().get(2).output().path("echoed").asText())
        .isEqualTo("s1:failed s2:failed");
  }
}
