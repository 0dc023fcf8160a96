package com.taskchain.orchestrator.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.execute.ExecutionResult;
import com.taskchain.orchestrator.execute.Executor;
import com.taskchain.orchestrator.execute.ExecutorConfig;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.llm.LlmClient;
import com.taskchain.orchestrator.llm.LlmConfig;
import com.taskchain.orchestrator.llm.TokenLedger;
import com.taskchain.orchestrator.llm.TokenUsage;
import com.taskchain.orchestrator.llm.planner.LlmPlanner;
import com.taskchain.orchestrator.llm.planner.PlanOutcome;
import com.taskchain.orchestrator.llm.planner.StructuralPlanCheck;
import com.taskchain.orchestrator.llm.tools.LlmTextTools;
import com.taskchain.orchestrator.plan.DeterministicPlanner;
import com.taskchain.orchestrator.plan.Plan;
import com.taskchain.orchestrator.plan.TaskInput;
import com.taskchain.orchestrator.queue.Stage;
import com.taskchain.orchestrator.task.RunRecord;
import com.taskchain.orchestrator.task.RunStatus;
import com.taskchain.orchestrator.task.TaskRecord;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.verify.Verification;
import com.taskchain.orchestrator.verify.Verifier;
import com.taskchain.orchestrator.wiring.ModeConfig;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The stages when a mode is {@code llm}: the LLM planner and/or LLM text tools, each with its
 * deterministic fallback, and the same verifier. Token usage, estimated cost and fallbacks are
 * written to {@code plan_json.llm} and {@code result_json.metadata.llm}; the execute stage adds the
 * plan stage's figures to give the run's, and the run's token budget spans both stages. The model
 * client is asked for only when a call is made, so the verify stage (and the deterministic one of a
 * mixed configuration) never creates it. Thread-safe.
 */
public final class LlmPipeline implements StageWork {
  /** The field of {@code plan_json}, and of {@code result_json.metadata}, with the LLM report. */
  public static final String LLM_FIELD = "llm";

  private final ModeConfig modes;
  private final LlmConfig config;
  private final Supplier<LlmClient> client;
  private final ToolRegistry tools;
  private final ExecutorConfig executorConfig;
  private final Verifier verifier;
  private final DeterministicPlanner deterministic = new DeterministicPlanner();
  private final LlmPlanner llmPlanner;
  private final Executor deterministicExecutor;

  /**
   * @param client made on first use (lazily), only by a stage in {@code llm} mode
   * @param tools the deterministic tools; the text tools among them are wrapped in LLM executor
   *     mode
   */
  public LlmPipeline(
      ModeConfig modes,
      LlmConfig config,
      Supplier<LlmClient> client,
      ToolRegistry tools,
      ExecutorConfig executorConfig,
      Verifier verifier) {
    this.modes = Objects.requireNonNull(modes, "modes");
    this.config = Objects.requireNonNull(config, "config");
    this.client = Objects.requireNonNull(client, "client");
    this.tools = Objects.requireNonNull(tools, "tools");
    this.executorConfig = Objects.requireNonNull(executorConfig, "executorConfig");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.llmPlanner =
        new LlmPlanner(
            tools, deterministic, new StructuralPlanCheck(tools), config.plannerTimeout());
    this.deterministicExecutor = new Executor(tools, executorConfig);
  }

  @Override
  public Artifact perform(Stage stage, TaskRecord task, RunRecord run) throws StageFailure {
    TaskInput input = new TaskInput(task.inputTask(), task.context());
    return switch (stage) {
      case PLAN -> new Artifact(plan(input), Optional.empty());
      case EXECUTE -> new Artifact(execute(run), Optional.empty());
      case VERIFY -> {
        Plan plan =
            convert(withoutLlm(required(run.planJson(), "plan_json")), Plan.class, "plan_json");
        ExecutionResult result = readResult(run);
        Verification verdict = verifier.verify(input, plan, result);
        yield new Artifact(
            Json.tree(verdict),
            Optional.of(verdict.passed() ? RunStatus.SUCCEEDED : RunStatus.FAILED));
      }
    };
  }

  private JsonNode plan(TaskInput input) {
    if (!modes.llmPlanner()) {
      return Json.tree(deterministic.plan(input));
    }
    TokenLedger ledger = TokenLedger.first("plan", modes.plannerMode(), config);
    PlanOutcome outcome = llmPlanner.plan(input, client, ledger);
    ObjectNode json = (ObjectNode) Json.tree(outcome.plan());
    ObjectNode report = (ObjectNode) Json.tree(ledger.report());
    report.set("planner", Json.tree(outcome));
    json.set(LLM_FIELD, report);
    return json;
  }

  private JsonNode execute(RunRecord run) throws StageFailure {
    JsonNode planJson = required(run.planJson(), "plan_json");
    Plan plan = convert(withoutLlm(planJson), Plan.class, "plan_json");
    JsonNode before = planJson.path(LLM_FIELD);
    TokenUsage usedBefore =
        before.has("run_tokens")
            ? Json.convert(before.get("run_tokens"), TokenUsage.class)
            : TokenUsage.ZERO;
    Optional<BigDecimal> costBefore =
        before.isMissingNode()
            ? Optional.of(BigDecimal.ZERO)
            : before.path("run_cost_usd").isNumber()
                ? Optional.of(before.get("run_cost_usd").decimalValue())
                : Optional.empty();
    TokenLedger ledger =
        new TokenLedger("execute", modes.executorMode(), config, usedBefore, costBefore);
    Executor executor = deterministicExecutor;
    if (modes.llmExecutor()) {
      List<Tool<?, ?>> deterministicTools =
          tools.names().stream().<Tool<?, ?>>map(name -> tools.find(name).orElseThrow()).toList();
      executor =
          new Executor(
              ToolRegistry.of(
                  LlmTextTools.wrap(deterministicTools, client, ledger, config.executorTimeout())),
              executorConfig);
    }
    ObjectNode json = (ObjectNode) Json.tree(executor.execute(plan, run.runId().toString()));
    ((ObjectNode) json.get("metadata")).set(LLM_FIELD, Json.tree(ledger.report()));
    return json;
  }

  private static ExecutionResult readResult(RunRecord run) throws StageFailure {
    JsonNode json = required(run.resultJson(), "result_json").deepCopy();
    if (json.path("metadata").isObject()) {
      ((ObjectNode) json.get("metadata")).remove(LLM_FIELD);
    }
    return convert(json, ExecutionResult.class, "result_json");
  }

  private static JsonNode withoutLlm(JsonNode planJson) {
    ObjectNode copy = (ObjectNode) planJson.deepCopy();
    copy.remove(LLM_FIELD);
    return copy;
  }

  private static JsonNode required(Optional<JsonNode> json, String name)
      throws StageFailure.Permanent {
    if (json.isEmpty() || !json.get().isObject()) {
      throw new StageFailure.Permanent(name + " is missing from the run");
    }
    return json.get();
  }

  private static <T> T convert(JsonNode json, Class<T> type, String name)
      throws StageFailure.Permanent {
    try {
      return Json.convert(json, type);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      throw new StageFailure.Permanent(name + " cannot be read: " + e.getMessage(), e);
    }
  }
}
