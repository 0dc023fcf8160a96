package com.taskchain.orchestrator.wiring;

import com.taskchain.orchestrator.config.ConfigException;
import com.taskchain.orchestrator.config.Environment;
import com.taskchain.orchestrator.execute.Executor;
import com.taskchain.orchestrator.execute.ExecutorConfig;
import com.taskchain.orchestrator.llm.LlmClient;
import com.taskchain.orchestrator.llm.LlmClients;
import com.taskchain.orchestrator.llm.LlmConfig;
import com.taskchain.orchestrator.pipeline.LlmPipeline;
import com.taskchain.orchestrator.pipeline.Pipeline;
import com.taskchain.orchestrator.pipeline.PipelineConfig;
import com.taskchain.orchestrator.pipeline.StageRunner;
import com.taskchain.orchestrator.pipeline.StageWork;
import com.taskchain.orchestrator.pipeline.Sweeper;
import com.taskchain.orchestrator.plan.DeterministicPlanner;
import com.taskchain.orchestrator.queue.CloudTasksStageQueue;
import com.taskchain.orchestrator.queue.QueueConfig;
import com.taskchain.orchestrator.queue.StageQueue;
import com.taskchain.orchestrator.retrieval.RetrievalIndex;
import com.taskchain.orchestrator.skill.SkillTools;
import com.taskchain.orchestrator.store.Database;
import com.taskchain.orchestrator.store.DatabaseConfig;
import com.taskchain.orchestrator.store.TaskStore;
import com.taskchain.orchestrator.task.TaskService;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.company.CompanySystemsConfig;
import com.taskchain.orchestrator.tool.company.CompanyTools;
import com.taskchain.orchestrator.tool.text.TextTools;
import com.taskchain.orchestrator.verify.RuleVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The process-wide parts, each made once and only on first use, from {@link Environment#current()}:
 * a function that lists tools never opens a database pool, and one that reads a task never creates
 * a Cloud Tasks client. Configuration errors surface as {@link ConfigException} from the accessor
 * that needs the value. Thread-safe.
 */
public final class Components {
  private Components() {}

  /** A value computed once, on first use; a failure is not cached, so it is reported again. */
  static final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> supplier;
    private volatile T value;

    Lazy(Supplier<T> supplier) {
      this.supplier = supplier;
    }

    @Override
    public T get() {
      T result = value;
      if (result == null) {
        synchronized (this) {
          result = value;
          if (result == null) {
            result = supplier.get();
            value = result;
          }
        }
      }
      return result;
    }

    /** The value if it was made, without making it. */
    Optional<T> ifMade() {
      return Optional.ofNullable(value);
    }
  }

  static <T> Lazy<T> lazy(Supplier<T> supplier) {
    return new Lazy<>(supplier);
  }

  private static Map<String, String> env() {
    return Environment.current();
  }

  /** One generation of parts; {@link #reset()} starts a new one. */
  private static final class Graph {
    final Supplier<ToolRegistry> tools = lazy(() -> ToolRegistry.of(allTools()));
    final Supplier<TaskStore> store =
        lazy(() -> new TaskStore(Database.pool(DatabaseConfig.fromEnv(env()))));
    final Supplier<QueueConfig> queueConfig = lazy(() -> QueueConfig.fromEnv(env()));
    final Lazy<CloudTasksStageQueue> queue =
        lazy(() -> new CloudTasksStageQueue(queueConfig.get()));
    final Supplier<PipelineConfig> pipelineConfig = lazy(() -> PipelineConfig.fromEnv(env()));
    final Supplier<ModeConfig> modes = lazy(() -> ModeConfig.fromEnv(env()));
    final Supplier<LlmConfig> llmConfig = lazy(() -> LlmConfig.fromEnv(env()));
    // Made on the first LLM call, never at wiring: the SDK costs seconds of class loading.
    final Lazy<LlmClient> llmClient = lazy(() -> LlmClients.openAi(llmConfig.get()));
    final Supplier<StageRunner> stageRunner =
        lazy(
            () -> {
              // The mode check first: an LLM mode without its key is reported as such, before
              // the database pool or the queue client is made.
              StageWork work = stageWork();
              return new StageRunner(store.get(), queue.get(), work, pipelineConfig.get());
            });

    private StageWork stageWork() {
      ExecutorConfig executorConfig = ExecutorConfig.fromEnv(env());
      if (modes.get().usesLlm()) {
        return new LlmPipeline(
            modes.get(),
            llmConfig.get(),
            llmClient,
            tools.get(),
            executorConfig,
            new RuleVerifier(tools.get()));
      }
      return new Pipeline(
          new DeterministicPlanner(),
          new Executor(tools.get(), executorConfig),
          new RuleVerifier(tools.get()));
    }

    final Supplier<Sweeper> sweeper =
        lazy(() -> new Sweeper(store.get(), queue.get(), pipelineConfig.get()));
    final Supplier<TaskService> tasks =
        lazy(() -> new TaskService(store.get(), () -> (StageQueue) queue.get()));
  }

  private static List<Tool<?, ?>> allTools() {
    return standardTools(CompanySystemsConfig.fromEnv(env()), RetrievalIndex::shared);
  }

  /**
   * The six text tools, the six company tools, the skills and the answer composer: the registry of
   * every deployed function. Making them opens nothing: the company systems are called and the
   * retrieval index is loaded only when a tool runs.
   */
  public static List<Tool<?, ?>> standardTools(
      CompanySystemsConfig systems, Supplier<RetrievalIndex> index) {
    List<Tool<?, ?>> tools = new ArrayList<>(TextTools.all());
    tools.addAll(CompanyTools.all(systems, index));
    tools.addAll(SkillTools.all(systems));
    return List.copyOf(tools);
  }

  private static volatile Graph graph = new Graph();

  /**
   * Drops every part made so far and closes the pools, so the next access reads the environment
   * again (local runner start and stop, tests).
   */
  public static synchronized void reset() {
    graph.queue.ifMade().ifPresent(CloudTasksStageQueue::close);
    graph.llmClient.ifMade().ifPresent(LlmClient::close);
    graph = new Graph();
    Database.closeAll();
  }

  public static ToolRegistry tools() {
    return graph.tools.get();
  }

  public static TaskService tasks() {
    return graph.tasks.get();
  }

  public static QueueConfig queueConfig() {
    return graph.queueConfig.get();
  }

  public static StageRunner stageRunner() {
    return graph.stageRunner.get();
  }

  public static Sweeper sweeper() {
    return graph.sweeper.get();
  }

  /**
   * Checks the configuration every function needs at cold start, so a misconfiguration is reported
   * at once.
   *
   * @throws ConfigException naming the variable at fault
   */
  public static void checkConfiguration() {
    ModeConfig.fromEnv(env());
    DatabaseConfig.fromEnv(env());
    PipelineConfig.fromEnv(env());
    checkDeadlineWithinDispatch(ExecutorConfig.fromEnv(env()), QueueConfig.fromEnv(env()));
    CompanySystemsConfig.fromEnv(env());
  }

  /**
   * The execute stage must answer before Cloud Tasks' dispatch deadline: past it the queue counts
   * the attempt as failed and delivers again while the stage still works (the heartbeat keeps that
   * delivery out, but the attempt is spent). The lease itself no longer bounds a stage's length.
   *
   * @throws ConfigException naming both variables
   */
  static void checkDeadlineWithinDispatch(ExecutorConfig executor, QueueConfig queue) {
    if (executor.runDeadline().compareTo(queue.dispatchDeadline()) >= 0) {
      throw new ConfigException(
          "ORCHESTRATOR_RUN_DEADLINE_S ("
              + executor.runDeadline().toMillis() / 1000d
              + ") must be shorter than ORCHESTRATOR_STAGE_DISPATCH_DEADLINE_S ("
              + queue.dispatchDeadline().toMillis() / 1000d
              + ")");
    }
  }
}
