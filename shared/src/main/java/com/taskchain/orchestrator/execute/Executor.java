package com.taskchain.orchestrator.execute;

import com.taskchain.orchestrator.execute.internal.Breakers;
import com.taskchain.orchestrator.execute.internal.CriticalPath;
import com.taskchain.orchestrator.execute.internal.RunBudget;
import com.taskchain.orchestrator.plan.Plan;
import com.taskchain.orchestrator.plan.PlanStep;
import com.taskchain.orchestrator.tool.EvidenceTool;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.Upstream;
import dev.failsafe.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Runs a plan's steps as a dependency graph on a bounded pool: a step starts once every step it
 * depends on has succeeded, at most {@link ExecutorConfig#parallelism()} at a time, earlier steps
 * of the plan first when more are ready than may run. Results keep plan order whatever order the
 * steps finished in.
 *
 * <p>Each step goes through Failsafe (see {@code StepCaller}): its arguments are repaired once and
 * bound strictly, then the tool is called with a per-attempt timeout that interrupts, retries with
 * exponential backoff and jitter on retriable errors only, and a circuit breaker per tool that this
 * executor keeps for all the runs it executes, so a dead dependency fails fast.
 *
 * <p>A step whose dependency failed or was skipped is skipped with that reason. The run stops
 * scheduling new steps (steps already running finish, and the rest are skipped with the reason)
 * when fail-fast is on and a step failed, when the run's tool-call budget is used up, or when its
 * deadline passes; the deadline also interrupts the attempts still running. The metadata says
 * whether and why the run stopped early, and what parallelism saved.
 *
 * <p>Tool failures are recorded in the result, never thrown. A plan is expected to have passed
 * {@link com.taskchain.orchestrator.plan.PlanValidator}; an unvalidated one still never deadlocks:
 * steps that wait on an unknown step or a cycle are skipped. Thread-safe: one executor serves
 * concurrent runs, each on its own pool of at most {@code parallelism} threads.
 */
public final class Executor {
  /**
   * How long past the run deadline the executor waits for interrupted steps before it abandons
   * them: a tool that ignores interrupts must not hold the stage.
   */
  static final Duration ABANDON_AFTER_DEADLINE = Duration.ofSeconds(5);

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ToolRegistry registry;
  private final ExecutorConfig config;
  private final Breakers breakers;
  private final StepCaller caller;

  public Executor(ToolRegistry registry, ExecutorConfig config) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.config = Objects.requireNonNull(config, "config");
    this.breakers =
        new Breakers(config.breakerFailures(), config.breakerOpen(), config.toolTimeout());
    this.caller = new StepCaller(registry, breakers, config);
  }

  public ToolRegistry registry() {
    return registry;
  }

  public ExecutorConfig config() {
    return config;
  }

  /** The named tool's circuit breaker state: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}. */
  public CircuitBreaker.State breakerState(String tool) {
    return breakers.breaker(tool).getState();
  }

  /**
   * Executes the plan. Deterministic in its outputs for deterministic tools: the same plan gives
   * the same outputs in the same order; only timings differ. Blocks until every step has ended or
   * been skipped (at most about the run deadline).
   *
   * @param runId recorded in the metadata and in the names of the pool's threads
   */
  public ExecutionResult execute(Plan plan, String runId) {
    Instant startedAt = Instant.now();
    long startNanos = System.nanoTime();
    RunBudget budget = new RunBudget(config.maxToolCalls(), config.runDeadline());
    Schedule schedule = new Schedule(plan.steps(), this::runsAfterFailures);
    String stopReason = null;
    boolean hardStop = false;

    int threads = Math.min(config.parallelism(), Math.max(1, plan.steps().size()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, threadsNamed(runId));
    ExecutorCompletionService<Finished> finished = new ExecutorCompletionService<>(pool);
    int running = 0;
    try {
      while (true) {
        if (stopReason == null && budget.expired()) {
          stopReason = budget.deadlineReason();
          hardStop = true;
        }
        while (stopReason == null && running < config.parallelism() && schedule.hasReady()) {
          int index = schedule.nextReady();
          PlanStep step = plan.steps().get(index);
          Upstream upstream = schedule.upstreamOf(index);
          finished.submit(() -> runStep(index, step, upstream, budget));
          running++;
        }
        if (running == 0) {
          break;
        }
        Future<Finished> next =
            finished.poll(
                budget.remaining().plus(ABANDON_AFTER_DEADLINE).toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
          stopReason = budget.deadlineReason();
          hardStop = true;
          schedule.abandonRunning(
              "still running " + ABANDON_AFTER_DEADLINE.toSeconds() + " s after the " + stopReason);
          break;
        }
        running--;
        Finished done = next.get();
        schedule.record(done.index(), done.outcome().run());
        if (stopReason == null && done.outcome().stopReason().isPresent()) {
          stopReason = done.outcome().stopReason().get();
          hardStop = true;
        }
        if (stopReason == null
            && config.failFast()
            && done.outcome().run().status() == StepStatus.FAILED
            && schedule.hasUndecided()) {
          stopReason = "fail-fast: step " + done.outcome().run().stepId() + " failed";
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopReason = "execution interrupted";
      hardStop = true;
      schedule.abandonRunning(stopReason);
    } catch (ExecutionException e) {
      // runStep catches everything; reaching here is a bug, reported rather than hidden.
      throw new IllegalStateException("a step failed outside its own error handling", e);
    } finally {
      pool.shutdownNow();
    }
    int notStarted =
        schedule.skipUndecided(
            stopReason == null
                ? "never became ready: it waits on a step that cannot finish (a dependency cycle)"
                : "not started: " + stopReason);
    boolean stoppedEarly = stopReason != null && (hardStop || notStarted > 0);
    return new ExecutionResult(
        schedule.results(),
        metadata(
            plan,
            runId,
            startedAt,
            startNanos,
            schedule.results(),
            stoppedEarly ? stopReason : null));
  }

  private boolean runsAfterFailures(String tool) {
    return registry.find(tool).orElse(null) instanceof EvidenceTool<?, ?> evidence
        && evidence.runsAfterFailedDependencies();
  }

  private Finished runStep(int index, PlanStep step, Upstream upstream, RunBudget budget) {
    try {
      return new Finished(index, caller.call(step, upstream, budget));
    } catch (RuntimeException e) {
      ToolRun failed =
          new ToolRun(
              step.id(),
              step.tool(),
              StepStatus.FAILED,
              0,
              0,
              null,
              null,
              null,
              "executor error: " + e,
              false,
              1);
      return new Finished(index, new StepCaller.Outcome(failed, Optional.empty()));
    } finally {
      // An interrupt meant for this step (its timeout or the run deadline) must not leak into the
      // pool thread's next step.
      Thread.interrupted();
    }
  }

  private ExecutionMetadata metadata(
      Plan plan,
      String runId,
      Instant startedAt,
      long startNanos,
      List<ToolRun> runs,
      String stopReason) {
    long durationMs = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    int calls = runs.stream().mapToInt(ToolRun::attempts).sum();
    int retries = runs.stream().mapToInt(r -> Math.max(0, r.attempts() - 1)).sum();
    int errors = (int) runs.stream().filter(r -> r.status() == StepStatus.FAILED).count();
    long stepTimeMs = runs.stream().mapToLong(ToolRun::durationMs).sum();
    Map<String, List<String>> dependsOn = new LinkedHashMap<>();
    Map<String, Long> durations = new HashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      dependsOn.putIfAbsent(runs.get(i).stepId(), plan.steps().get(i).dependsOn());
      durations.merge(runs.get(i).stepId(), runs.get(i).durationMs(), Long::sum);
    }
    CriticalPath critical = CriticalPath.of(dependsOn, durations);
    return new ExecutionMetadata(
        runId,
        startedAt,
        startedAt.plusMillis(durationMs),
        durationMs,
        calls,
        retries,
        errors,
        stopReason != null,
        stopReason,
        config.parallelism(),
        stepTimeMs,
        critical.durationMs(),
        critical.steps(),
        Math.max(0, stepTimeMs - durationMs));
  }

  private static ThreadFactory threadsNamed(String runId) {
    String prefix = "executor-" + POOLS.incrementAndGet() + "-" + abbreviate(runId) + "-";
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      // A step abandoned at the deadline must not keep the function instance's JVM alive.
      thread.setDaemon(true);
      return thread;
    };
  }

  private static String abbreviate(String runId) {
    return runId.length() <= 8 ? runId : runId.substring(0, 8);
  }

  private record Finished(int index, StepCaller.Outcome outcome) {}

  /**
   * Which steps are waiting, ready, running or decided. Only the thread that runs {@link #execute}
   * touches it.
   */
  private static final class Schedule {
    private final List<PlanStep> steps;
    private final ToolRun[] results;
    private final boolean[] started;
    private final int[] waitingOn;
    private final List<List<Integer>> dependents = new ArrayList<>();
    private final PriorityQueue<Integer> ready = new PriorityQueue<>();
    private final Predicate<String> runsAfterFailures;
    private final List<List<Integer>> dependencies = new ArrayList<>();

    Schedule(List<PlanStep> steps, Predicate<String> runsAfterFailures) {
      this.steps = steps;
      this.runsAfterFailures = runsAfterFailures;
      int n = steps.size();
      results = new ToolRun[n];
      started = new boolean[n];
      waitingOn = new int[n];
      Map<String, Integer> indexById = new HashMap<>();
      for (int i = 0; i < n; i++) {
        dependents.add(new ArrayList<>());
        dependencies.add(new ArrayList<>());
        if (indexById.putIfAbsent(steps.get(i).id(), i) != null) {
          results[i] = skip(i, "another step has the id " + steps.get(i).id());
        }
      }
      for (int i = 0; i < n; i++) {
        if (results[i] != null) {
          continue;
        }
        for (String dependency : new LinkedHashSet<>(steps.get(i).dependsOn())) {
          Integer before = indexById.get(dependency);
          if (before == null || before == i) {
            results[i] =
                skip(
                    i,
                    before == null
                        ? "dependency " + dependency + " is not in the plan"
                        : "depends on itself");
            break;
          }
          dependents.get(before).add(i);
          dependencies.get(i).add(before);
          waitingOn[i]++;
        }
      }
      Deque<Integer> decided = new ArrayDeque<>();
      for (int i = 0; i < n; i++) {
        if (results[i] != null) {
          decided.add(i);
        }
      }
      decided.forEach(this::skipDependents);
      for (int i = 0; i < n; i++) {
        if (results[i] == null && waitingOn[i] == 0 && !ready.contains(i)) {
          ready.add(i);
        }
      }
    }

    boolean hasReady() {
      return !ready.isEmpty();
    }

    int nextReady() {
      int index = ready.remove();
      started[index] = true;
      return index;
    }

    boolean hasUndecided() {
      for (int i = 0; i < results.length; i++) {
        if (results[i] == null && !started[i]) {
          return true;
        }
      }
      return false;
    }

    /** What the step's dependencies produced, for an {@link EvidenceTool}. */
    Upstream upstreamOf(int index) {
      List<Upstream.Step> outcomes = new ArrayList<>();
      for (int dependency : dependencies.get(index)) {
        ToolRun run = results[dependency];
        if (run != null) {
          outcomes.add(
              new Upstream.Step(
                  run.stepId(), run.tool(), run.succeeded(), run.output(), run.error()));
        }
      }
      return new Upstream(outcomes);
    }

    /** Records a finished step and makes ready, or skips, what waited on it. */
    void record(int index, ToolRun run) {
      results[index] = run;
      if (!run.succeeded()) {
        skipDependents(index);
        return;
      }
      for (int dependent : dependents.get(index)) {
        if (results[dependent] == null && --waitingOn[dependent] == 0) {
          ready.add(dependent);
        }
      }
    }

    /** Fails the steps still running, when the executor stops waiting for them. */
    void abandonRunning(String reason) {
      for (int i = 0; i < results.length; i++) {
        if (started[i] && results[i] == null) {
          results[i] =
              new ToolRun(
                  steps.get(i).id(),
                  steps.get(i).tool(),
                  StepStatus.FAILED,
                  0,
                  0,
                  null,
                  null,
                  null,
                  "abandoned: " + reason,
                  false,
                  1);
        }
      }
    }

    /** Skips every step not yet decided; returns how many. */
    int skipUndecided(String reason) {
      int count = 0;
      for (int i = 0; i < results.length; i++) {
        if (results[i] == null) {
          results[i] = skip(i, reason);
          count++;
        }
      }
      return count;
    }

    List<ToolRun> results() {
      return List.of(results);
    }

    private void skipDependents(int index) {
      Deque<Integer> pending = new ArrayDeque<>(List.of(index));
      while (!pending.isEmpty()) {
        int cause = pending.remove();
        for (int dependent : dependents.get(cause)) {
          if (results[dependent] == null && runsAfterFailures.test(steps.get(dependent).tool())) {
            // It reads the failure in its upstream instead of being skipped.
            if (--waitingOn[dependent] == 0) {
              ready.add(dependent);
            }
          } else if (results[dependent] == null) {
            results[dependent] =
                skip(
                    dependent,
                    "dependency " + steps.get(cause).id() + " " + results[cause].status().wire());
            pending.add(dependent);
          }
        }
      }
    }

    private ToolRun skip(int index, String reason) {
      return ToolRun.skipped(steps.get(index).id(), steps.get(index).tool(), reason);
    }
  }
}
