package com.taskchain.orchestrator.execute;

import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.plan.DeterministicPlanner;
import com.taskchain.orchestrator.plan.Plan;
import com.taskchain.orchestrator.plan.PlanStep;
import com.taskchain.orchestrator.plan.TaskInput;
import com.taskchain.orchestrator.plan.TextPlanRules;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolException;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.text.TextTools;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code make bench-parallel}: the deterministic planner's six-step plan for a risk-like task, with
 * each of the six text tools made to take a fixed {@value #TOOL_MILLIS} ms (a test wrapper that
 * waits, then calls the real tool), executed with parallelism 1 (the seed's one step after another)
 * and with the default parallelism, in one process. Prints the median wall times of {@value
 * #ROUNDS} rounds each and their ratio; the goal is a ratio of at most {@value #GOAL}. Not a test:
 * timing goals live in printed figures.
 */
public final class ParallelBench {
  static final long TOOL_MILLIS = 200;
  static final int ROUNDS = 5;
  static final double GOAL = 0.35;

  private ParallelBench() {}

  /** A tool that takes a fixed time before giving the real tool's answer, like a remote call. */
  private record Delayed<I extends Record, O extends Record>(Tool<I, O> tool, Duration delay)
      implements Tool<I, O> {
    @Override
    public String name() {
      return tool.name();
    }

    @Override
    public String description() {
      return tool.description();
    }

    @Override
    public Class<I> inputType() {
      return tool.inputType();
    }

    @Override
    public Class<O> outputType() {
      return tool.outputType();
    }

    @Override
    public O call(I input) throws ToolException {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ToolException.Retriable("interrupted", e);
      }
      return tool.call(input);
    }
  }

  private static Tool<?, ?> delayed(Tool<?, ?> tool) {
    return delayedTyped(tool);
  }

  private static <I extends Record, O extends Record> Tool<I, O> delayedTyped(Tool<I, O> tool) {
    return new Delayed<>(tool, Duration.ofMillis(TOOL_MILLIS));
  }

  public static void main(String[] args) {
    List<Tool<?, ?>> slowTools = TextTools.all().stream().map(ParallelBench::delayed).toList();
    ToolRegistry tools = ToolRegistry.of(slowTools);
    Plan plan =
        new DeterministicPlanner(TextPlanRules.all())
            .plan(
                new TaskInput(
                    "Prepare an executive update for the Atlas Checkout migration by Friday and"
                        + " include risks: the payment provider dependency is a blocker.",
                    Json.object().put("project", "Atlas Checkout").put("owner", "Jane Doe")));
    if (plan.steps().size() != 6) {
      throw new IllegalStateException("expected a six-step plan, got " + plan.steps().size());
    }
    ExecutorConfig defaults = ExecutorConfig.defaults();
    Executor sequential = new Executor(tools, defaults.withParallelism(1));
    Executor parallel = new Executor(tools, defaults);

    // Warm-up: class loading, JIT and Failsafe's scheduler, outside the figures.
    run(sequential, plan);
    run(parallel, plan);
    long[] sequentialMs = new long[ROUNDS];
    long[] parallelMs = new long[ROUNDS];
    ExecutionMetadata lastParallel = null;
    for (int round = 0; round < ROUNDS; round++) {
      sequentialMs[round] = run(sequential, plan).durationMs();
      lastParallel = run(parallel, plan);
      parallelMs[round] = lastParallel.durationMs();
    }
    long sequentialMedian = median(sequentialMs);
    long parallelMedian = median(parallelMs);
    double ratio = (double) parallelMedian / sequentialMedian;

    System.out.printf(
        "plan: %d independent steps (%s), each tool %d ms%n",
        plan.steps().size(),
        String.join(", ", plan.steps().stream().map(PlanStep::tool).toList()),
        TOOL_MILLIS);
    System.out.printf(
        "parallelism 1:  median wall %5d ms  (rounds %s)%n",
        sequentialMedian, Arrays.toString(sequentialMs));
    System.out.printf(
        "parallelism %d:  median wall %5d ms  (rounds %s)%n",
        defaults.parallelism(), parallelMedian, Arrays.toString(parallelMs));
    System.out.printf(
        "last parallel run: step time %d ms, critical path %d ms, saved by parallelism %d ms%n",
        lastParallel.stepTimeMs(),
        lastParallel.criticalPathMs(),
        lastParallel.savedByParallelismMs());
    System.out.printf(
        "ratio parallel/sequential: %.3f (goal <= %.2f: %s)%n",
        ratio, GOAL, ratio <= GOAL ? "met" : "MISSED");
    if (ratio > GOAL) {
      throw new IllegalStateException(String.format("ratio %.3f is above %.2f", ratio, GOAL));
    }
  }

  private static ExecutionMetadata run(Executor executor, Plan plan) {
    ExecutionResult result = executor.execute(plan, "bench");
    if (!result.toolResults().stream().allMatch(ToolRun::succeeded)) {
      throw new IllegalStateException("a step did not succeed: " + result.toolResults());
    }
    return result.metadata();
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
