package com.taskchain.orchestrator.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.plan.Plan;
import com.taskchain.orchestrator.plan.PlanStep;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolException;
import com.taskchain.orchestrator.tool.ToolRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExecutorTest {

  record EchoInput(@JsonProperty(value = "text", required = true) String text) {
    EchoInput {
      if (text.isBlank()) {
        throw new IllegalArgumentException("text: must not be blank");
      }
    }
  }

  record EchoOutput(String echoed) {}

  /** A tool whose behaviour per attempt is scripted by the test. */
  static final class Scripted implements Tool<EchoInput, EchoOutput> {
    interface Attempt {
      EchoOutput run(EchoInput input, int attempt) throws ToolException;
    }

    final String name;
    final Attempt attempt;
    final AtomicInteger calls = new AtomicInteger();

    Scripted(String name, Attempt attempt) {
      this.name = name;
      this.attempt = attempt;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return "A scripted test tool.";
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
    public EchoOutput call(EchoInput input) throws ToolException {
      return attempt.run(input, calls.incrementAndGet());
    }
  }

  private static final ExecutorConfig FAST =
      new ExecutorConfig(Duration.ofSeconds(2), 2, Duration.ofMillis(1), false);

  private static PlanStep step(String id, String tool, String... dependsOn) {
    return new PlanStep(id, tool, Json.object().put("text", "hello"), List.of(dependsOn));
  }

  private static Plan plan(PlanStep... steps) {
    return new Plan("test", List.of(steps), List.of());
  }

  @Test
  void retriableFailure_isRetried_thenSucceeds() {
    Scripted flaky =
        new Scripted(
            "flaky",
            (in, n) -> {
              if (n < 3) {
                throw new ToolException.Retriable("dependency down");
              }
              return new EchoOutput(in.text());
            });
    ExecutionResult result =
        new Executor(ToolRegistry.of(List.of(flaky)), FAST).execute(plan(step("s1", "flaky")), "r");

    ToolRun run = result.toolResults().get(0);
    assertThat(run.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(run.attempts()).isEqualTo(3);
    assertThat(run.output().get("echoed").asText()).isEqualTo("hello");
    assertThat(result.metadata().retries()).isEqualTo(2);
  }

  @Test
  void permanentFailure_isNotRetried() {
    Scripted broken =
        new Scripted(
            "broken",
            (in, n) -> {
              throw new ToolException.Permanent("cannot parse");
            });
    ToolRun run =
        new Executor(ToolRegistry.of(List.of(broken)), FAST)
            .execute(plan(step("s1", "broken")), "r")
            .toolResults()
            .get(0);

    assertThat(run.status()).isEqualTo(StepStatus.FAILED);
    assertThat(run.attempts()).isEqualTo(1);
    assertThat(run.error()).isEqualTo("cannot parse");
  }

  @Test
  void invalidArguments_failWithoutAnAttempt_andNameTheField() {
    Scripted echo = new Scripted("echo", (in, n) -> new EchoOutput(in.text()));
    PlanStep bad = new PlanStep("s1", "echo", Json.object().put("txt", "x"), List.of());
    ToolRun run =
        new Executor(ToolRegistry.of(List.of(echo)), FAST)
            .execute(plan(bad), "r")
            .toolResults()
            .get(0);

    assertThat(run.status()).isEqualTo(StepStatus.FAILED);
    assertThat(echo.calls.get()).isZero();
    assertThat(run.error()).contains("text");
  }

  @Test
  void timeout_interruptsTheAttempt_andCountsAsRetriable() {
    AtomicBoolean interrupted = new AtomicBoolean();
    Scripted slow =
        new Scripted(
            "slow",
            (in, n) -> {
              try {
                Thread.sleep(10_000);
              } catch (InterruptedException e) {
                interrupted.set(true);
                Thread.currentThread().interrupt();
              }
              return new EchoOutput("late");
            });
    ExecutorConfig config =
        new ExecutorConfig(Duration.ofMillis(100), 1, Duration.ofMillis(1), false);
    ToolRun run =
        new Executor(ToolRegistry.of(List.of(slow)), config)
            .execute(plan(step("s1", "slow")), "r")
            .toolResults()
            .get(0);

    assertThat(run.status()).isEqualTo(StepStatus.FAILED);
    assertThat(run.attempts()).isEqualTo(2);
    assertThat(run.error()).contains("timed out");
    assertThat(interrupted).isTrue();
  }

  @Test
  void stepWhoseDependencyFailed_isSkippedWithThatReason() {
    Scripted broken =
        new Scripted(
            "broken",
            (in, n) -> {
              throw new ToolException.Permanent("no");
            });
    Scripted echo = new Scripted("echo", (in, n) -> new EchoOutput(in.text()));
    ExecutionResult result =
        new Executor(ToolRegistry.of(List.of(broken, echo)), FAST)
            .execute(plan(step("s1", "broken"), step("s2", "echo", "s1"), step("s3", "echo")), "r");

    assertThat(result.toolResults())
        .extracting(ToolRun::status)
        .containsExactly(StepStatus.FAILED, StepStatus.SKIPPED, StepStatus.SUCCEEDED);
    assertThat(result.toolResults().get(1).error()).contains("s1");
    assertThat(echo.calls.get()).isEqualTo(1);
    assertThat(result.metadata().stoppedEarly()).isFalse();
  }

  @Test
  void failFast_stopsAfterTheFirstFailure_andSaysSo() {
    Scripted broken =
        new Scripted(
            "broken",
            (in, n) -> {
              throw new ToolException.Permanent("no");
            });
    Scripted echo = new Scripted("echo", (in, n) -> new EchoOutput(in.text()));
    ExecutorConfig failFast = new ExecutorConfig(Duration.ofSeconds(2), 0, Duration.ZERO, true);
    ExecutionResult result =
        new Executor(ToolRegistry.of(List.of(broken, echo)), failFast)
            .execute(plan(step("s1", "broken"), step("s2", "echo")), "r");

    assertThat(result.toolResults().get(1).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(result.toolResults().get(1).error()).startsWith("fail-fast");
    assertThat(result.metadata().stoppedEarly()).isTrue();
    assertThat(echo.calls.get()).isZero();
  }

  @Test
  void unknownTool_failsTheStep() {
    ToolRun run =
        new Executor(ToolRegistry.of(List.of()), FAST)
            .execute(plan(step("s1", "rm_rf")), "r")
            .toolResults()
            .get(0);
    assertThat(run.status()).isEqualTo(StepStatus.FAILED);
    assertThat(run.error()).contains("unknown tool 'rm_rf'");
  }

  @Test
  void result_roundTripsThroughJson() {
    Scripted echo = new Scripted("echo", (in, n) -> new EchoOutput(in.text()));
    ExecutionResult result =
        new Executor(ToolRegistry.of(List.of(echo)), FAST).execute(plan(step("s1", "echo")), "r");
    assertThat(Json.convert(Json.tree(result), ExecutionResult.class)).isEqualTo(result);
  }
}
