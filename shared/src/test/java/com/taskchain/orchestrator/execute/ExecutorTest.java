package com.taskchain.orchestrator.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.plan.Plan;
import com.taskchain.orchestrator.plan.PlanStep;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolException;
import com.taskchain.orchestrator.tool.ToolRegistry;
import dev.failsafe.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
      ExecutorConfig.defaults()
          .withToolTimeout(Duration.ofSeconds(2))
          .withRetries(2, Duration.ofMillis(1));

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
    assertThat(run.attempts()).isZero();
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
        FAST.withToolTimeout(Duration.ofMillis(100)).withRetries(1, Duration.ofMillis(1));
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
  void failFast_sequential_stopsAfterTheFirstFailure_andSaysSo() {
    Scripted broken =
        new Scripted(
            "broken",
            (in, n) -> {
              throw new ToolException.Permanent("no");
            });
    Scripted echo = new Scripted("echo", (in, n) -> new EchoOutput(in.text()));
    ExecutorConfig failFast =
        FAST.withRetries(0, Duration.ZERO).withFailFast(true).withParallelism(1);
    ExecutionResult result =
        new Executor(ToolRegistry.of(List.of(broken, echo)), failFast)
            .execute(plan(step("s1", "broken"), step("s2", "echo")), "r");

    assertThat(result.toolResults().get(1).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(result.toolResults().get(1).error()).contains("fail-fast").contains("s1");
    assertThat(result.metadata().stoppedEarly()).isTrue();
    assertThat(result.metadata().stopReason()).contains("fail-fast");
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

  private static Scripted echo(String name) {
    return new Scripted(name, (in, n) -> new EchoOutput(in.text()));
  }

  private static Scripted failing(String name) {
    return new Scripted(
        name,
        (in, n) -> {
          throw new ToolException.Permanent("no");
        });
  }

  /** Sleeps until interrupted or ten seconds have passed; records the interrupt. */
  private static Scripted sleeper(String name, AtomicBoolean interrupted) {
    return new Scripted(
        name,
        (in, n) -> {
          try {
            Thread.sleep(10_000);
          } catch (InterruptedException e) {
            interrupted.set(true);
            Thread.currentThread().interrupt();
          }
          return new EchoOutput("late");
        });
  }

  @Test
  void step_startsOnlyAfterEveryStepItDependsOn_hasFinished() {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    Scripted logged =
        new Scripted(
            "logged",
            (in, n) -> {
              events.add("start " + in.text());
              events.add("end " + in.text());
              return new EchoOutput(in.text());
            });
    Plan plan =
        plan(
            new PlanStep("s3", "logged", Json.object().put("text", "s3"), List.of("s1", "s2")),
            new PlanStep("s1", "logged", Json.object().put("text", "s1"), List.of()),
            new PlanStep("s2", "logged", Json.object().put("text", "s2"), List.of("s1")));

    ExecutionResult result =
        new Executor(ToolRegistry.of(List.of(logged)), FAST).execute(plan, "r");

    assertThat(result.toolResults()).allMatch(ToolRun::succeeded);
    assertThat(events.indexOf("start s2")).isGreaterThan(events.indexOf("end s1"));
    assertThat(events.indexOf("start s3"))
        .isGreaterThan(events.indexOf("end s1"))
        .isGreaterThan(events.indexOf("end s2"));
  }

  @Test
  void independentSteps_runAtTheSameTime_neverMoreThanTheParallelism() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    // Each step waits for another to be running beside it: only concurrent steps get through.
    CyclicBarrier pairs = new CyclicBarrier(2);
    Scripted paired =
        new Scripted(
            "paired",
            (in, n) -> {
              most.accumulateAndGet(running.incrementAndGet(), Math::max);
              try {
                pairs.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new ToolException.Permanent("no partner: " + e);
              } finally {
                running.decrementAndGet();
              }
              return new EchoOutput(in.text());
            });
    ExecutorConfig two = FAST.withParallelism(2).withRetries(0, Duration.ZERO);

    ExecutionResult result =
        new Executor(ToolRegistry.of(List.of(paired)), two)
            .execute(
                plan(
                    step("s1", "paired"),
                    step("s2", "paired"),
                    step("s3", "paired"),
                    step("s4", "paired")),
                "r");

    assertThat(result.toolResults()).allMatch(ToolRun::succeeded);
    assertThat(most.get()).isEqualTo(2);
    assertThat(result.metadata().parallelism()).isEqualTo(2);
  }

  @Test
  void results_keepPlanOrder_whateverOrderTheStepsFinishIn() {
    CountDownLatch thirdStarted = new CountDownLatch(1);
    Scripted first =
        new Scripted(
            "first",
            (in, n) -> {
              try {
                // s3 starts only once s2's result is recorded: s1 surely finishes after s2.
                thirdStarted.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new EchoOutput("first");
            });
    Scripted third =
        new Scripted(
            "third",
            (in, n) -> {
              thirdStarted.countDown();
              return new EchoOutput("third");
            });

    ExecutionResult result =
        new Executor(ToolRegistry.of(List.of(first, echo("echo"), third)), FAST)
            .execute(plan(step("s1", "first"), step("s2", "echo"), step("s3", "third", "s2")), "r");

    assertThat(result.toolResults()).allMatch(ToolRun::succeeded);
    assertThat(result.toolResults()).extracting(ToolRun::stepId).containsExactly("s1", "s2", "s3");
  }

  @Test
  void skip_followsDependenciesTransitively() {
    Scripted echo = echo("echo");
    ExecutionResult result =
        new Executor(ToolRegistry.of(List.of(failing("broken"), echo)), FAST)
            .execute(
                plan(
                    step("s1", "broken"),
                    step("s2", "echo", "s1"),
                    step("s3", "echo", "s2"),
                    step("s4", "echo")),
                "r");

    assertThat(result.toolResults())
        .extracting(ToolRun::status)
        .containsExactly(
            StepStatus.FAILED, StepStatus.SKIPPED, StepStatus.SKIPPED, StepStatus.SUCCEEDED);
    assertThat(result.toolResults().get(1).error()).isEqualTo("dependency s1 failed");
    assertThat(result.toolResults().get(2).error()).isEqualTo("dependency s2 skipped");
    assertThat(echo.calls.get()).isEqualTo(1);
  }

  @Test
  void failFast_inParallel_letsRunningStepsFinish_andStartsNoNewOne() {
    CountDownLatch brokenCalled = new CountDownLatch(1);
    Scripted broken =
        new Scripted(
            "broken",
            (in, n) -> {
              brokenCalled.countDown();
              throw new ToolException.Permanent("no");
            });
    // s2 holds its slot until well after s1 has failed, so s3 can only start after the failure.
    Scripted echo =
        new Scripted(
            "echo",
            (in, n) -> {
              try {
                brokenCalled.await(5, TimeUnit.SECONDS);
                Thread.sleep(300);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new EchoOutput(in.text());
            });
    Scripted other = echo("other");
    ExecutorConfig config =
        FAST.withRetries(0, Duration.ZERO).withFailFast(true).withParallelism(2);

    ExecutionResult result =
        new Executor(ToolRegistry.of(List.of(broken, echo, other)), config)
            .execute(plan(step("s1", "broken"), step("s2", "echo"), step("s3", "other")), "r");

    // s1 and s2 start together; s3 waits for a free slot, and s1's failure is handled first.
    assertThat(result.toolResults())
        .extracting(ToolRun::status)
        .containsExactly(StepStatus.FAILED, StepStatus.SUCCEEDED, StepStatus.SKIPPED);
    assertThat(result.toolResults().get(2).error())
        .isEqualTo("not started: fail-fast: step s1 failed");
    assertThat(other.calls.get()).isZero();
    assertThat(result.metadata().stoppedEarly()).isTrue();
  }

  @Test
  void withoutFailFast_aFailureDoesNotStopIndependentSteps() {
    Scripted echo = echo("echo");
    ExecutionResult result =
        new Executor(
                ToolRegistry.of(List.of(failing("broken"), echo)),
                FAST.withRetries(0, Duration.ZERO).withParallelism(1))
            .execute(plan(step("s1", "broken"), step("s2", "echo")), "r");

    assertThat(result.toolResults().get(1).status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(result.metadata().stoppedEarly()).isFalse();
    assertThat(result.metadata().stopReason()).isNull();
  }

  @Test
  void invalidArguments_areNotRetried_evenWhenRetriesAreAllowed() {
    Scripted echo = echo("echo");
    PlanStep wrongType = new PlanStep("s1", "echo", Json.object().put("text", 42), List.of());

    ToolRun run =
        new Executor(ToolRegistry.of(List.of(echo)), FAST.withRetries(5, Duration.ofMillis(1)))
            .execute(plan(wrongType), "r")
            .toolResults()
            .get(0);

    assertThat(run.status()).isEqualTo(StepStatus.FAILED);
    assertThat(run.attempts()).isZero();
    assertThat(run.errorCount()).isEqualTo(1);
    assertThat(run.error()).contains("text").contains("must be a string");
    assertThat(echo.calls.get()).isZero();
  }

  @Test
  void repairableArguments_areRepairedOnce_andSaySo() {
    Scripted echo = echo("echo");
    PlanStep aliased = new PlanStep("s1", "echo", Json.object().put("query", "hi"), List.of());

    ToolRun run =
        new Executor(ToolRegistry.of(List.of(echo)), FAST)
            .execute(plan(aliased), "r")
            .toolResults()
            .get(0);

    assertThat(run.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(run.argsRepaired()).isTrue();
    assertThat(run.output().get("echoed").asText()).isEqualTo("hi");
    assertThat(echo.calls.get()).isEqualTo(1);
  }

  @Test
  void circuitBreaker_opensAfterConsecutiveFailures_andThenFailsFastAcrossRuns() {
    Scripted down =
        new Scripted(
            "down",
            (in, n) -> {
              throw new ToolException.Retriable("connection refused");
            });
    Scripted echo = echo("echo");
    Executor executor =
        new Executor(
            ToolRegistry.of(List.of(down, echo)),
            FAST.withRetries(0, Duration.ZERO).withBreaker(2, Duration.ofMinutes(5)));

    executor.execute(plan(step("s1", "down")), "run-1");
    executor.execute(plan(step("s1", "down")), "run-2");
    ExecutionResult third = executor.execute(plan(step("s1", "down"), step("s2", "echo")), "run-3");

    assertThat(down.calls.get()).isEqualTo(2);
    assertThat(executor.breakerState("down")).isEqualTo(CircuitBreaker.State.OPEN);
    ToolRun refused = third.toolResults().get(0);
    assertThat(refused.status()).isEqualTo(StepStatus.FAILED);
    assertThat(refused.attempts()).isZero();
    assertThat(refused.error()).contains("circuit breaker open for down");
    assertThat(third.toolResults().get(1).status())
        .as("other tools keep their own breaker")
        .isEqualTo(StepStatus.SUCCEEDED);
    assertThat(third.metadata().toolCalls()).isEqualTo(1);
  }

  @Test
  void circuitBreaker_opensDuringRetries_andStopsThem() {
    Scripted down =
        new Scripted(
            "down",
            (in, n) -> {
              throw new ToolException.Retriable("connection refused");
            });
    Executor executor =
        new Executor(
            ToolRegistry.of(List.of(down)),
            FAST.withRetries(5, Duration.ofMillis(1)).withBreaker(2, Duration.ofMinutes(5)));

    ToolRun run = executor.execute(plan(step("s1", "down")), "r").toolResults().get(0);

    assertThat(run.attempts()).isEqualTo(2);
    assertThat(run.error()).contains("connection refused").contains("circuit breaker open");
  }

  @Test
  void permanentErrors_doNotOpenTheBreaker() {
    Scripted broken = failing("broken");
    Executor executor =
        new Executor(
            ToolRegistry.of(List.of(broken)),
            FAST.withRetries(0, Duration.ZERO).withBreaker(2, Duration.ofMinutes(5)));

    for (int i = 0; i < 4; i++) {
      executor.execute(plan(step("s1", "broken")), "r" + i);
    }

    assertThat(broken.calls.get()).isEqualTo(4);
    assertThat(executor.breakerState("broken")).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void toolCallBudget_stopsTheRun_withThatReason() {
    Scripted flaky =
        new Scripted(
            "flaky",
            (in, n) -> {
              throw new ToolException.Retriable("busy");
            });
    Scripted echo = echo("echo");
    ExecutorConfig config =
        FAST.withRetries(5, Duration.ofMillis(1))
            .withParallelism(1)
            .withLimits(10, 3, Duration.ofMinutes(1));

    ExecutionResult result =
        new Executor(ToolRegistry.of(List.of(flaky, echo)), config)
            .execute(plan(step("s1", "flaky"), step("s2", "echo")), "r");

    assertThat(flaky.calls.get()).isEqualTo(3);
    assertThat(echo.calls.get()).isZero();
    ToolRun first = result.toolResults().get(0);
    assertThat(first.status()).isEqualTo(StepStatus.FAILED);
    assertThat(first.error()).contains("busy").contains("tool-call budget of 3 calls");
    assertThat(result.toolResults().get(1).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(result.toolResults().get(1).error()).contains("tool-call budget of 3 calls");
    assertThat(result.metadata().toolCalls()).isEqualTo(3);
    assertThat(result.metadata().stoppedEarly()).isTrue();
    assertThat(result.metadata().stopReason()).contains("tool-call budget of 3 calls");
  }

  @Test
  void runDeadline_interruptsRunningSteps_andStopsTheRun_withThatReason() {
    AtomicBoolean interrupted = new AtomicBoolean();
    Scripted slow = sleeper("slow", interrupted);
    Scripted echo = echo("echo");
    ExecutorConfig config =
        FAST.withToolTimeout(Duration.ofSeconds(30))
            .withParallelism(1)
            .withLimits(10, 50, Duration.ofMillis(300));

    ExecutionResult result =
        new Executor(ToolRegistry.of(List.of(slow, echo)), config)
            .execute(plan(step("s1", "slow"), step("s2", "echo")), "r");

    assertThat(interrupted).isTrue();
    assertThat(result.toolResults().get(0).status()).isEqualTo(StepStatus.FAILED);
    assertThat(result.toolResults().get(0).error()).contains("run deadline of 0.3 s passed");
    assertThat(result.toolResults().get(1).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(echo.calls.get()).isZero();
    assertThat(result.metadata().stopReason()).contains("run deadline");
    assertThat(result.metadata().durationMs()).isLessThan(10_000);
  }

  @Test
  void metadata_namesTheCriticalPath_andTheTimeParallelismSaved() {
    Scripted slow =
        new Scripted(
            "slow",
            (in, n) -> {
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new EchoOutput(in.text());
            });
    Scripted echo = echo("echo");

    ExecutionResult result =
        new Executor(ToolRegistry.of(List.of(slow, echo)), FAST)
            .execute(
                plan(
                    step("s1", "slow"),
                    step("s2", "slow"),
                    step("s3", "slow", "s1"),
                    step("s4", "echo")),
                "r");

    ExecutionMetadata metadata = result.metadata();
    assertThat(metadata.criticalPath()).containsExactly("s1", "s3");
    long stepTime = result.toolResults().stream().mapToLong(ToolRun::durationMs).sum();
    assertThat(metadata.stepTimeMs()).isEqualTo(stepTime);
    assertThat(metadata.criticalPathMs())
        .isEqualTo(
            result.toolResults().get(0).durationMs() + result.toolResults().get(2).durationMs());
    assertThat(metadata.savedByParallelismMs())
        .isEqualTo(Math.max(0, stepTime - metadata.durationMs()));
  }

  @Test
  void unvalidatedPlan_withACycleOrAnUnknownDependency_skipsThoseSteps_withoutHanging() {
    Scripted echo = echo("echo");
    ExecutionResult result =
        new Executor(ToolRegistry.of(List.of(echo)), FAST)
            .execute(
                plan(
                    step("s1", "echo", "s2"),
                    step("s2", "echo", "s1"),
                    step("s3", "echo", "s9"),
                    step("s4", "echo")),
                "r");

    assertThat(result.toolResults())
        .extracting(ToolRun::status)
        .containsExactly(
            StepStatus.SKIPPED, StepStatus.SKIPPED, StepStatus.SKIPPED, StepStatus.SUCCEEDED);
    assertThat(result.toolResults().get(0).error()).contains("cycle");
    assertThat(result.toolResults().get(2).error()).contains("s9");
  }
}
