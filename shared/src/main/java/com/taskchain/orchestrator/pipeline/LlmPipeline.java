package com.taskchain.orchestrator.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.answer.ComposeAnswer;
import com.taskchain.orchestrator.execute.Executor;
import com.taskchain.orchestrator.execute.ExecutorConfig;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.llm.LlmClient;
import com.taskchain.orchestrator.llm.LlmConfig;
import com.taskchain.orchestrator.llm.TokenLedger;
import com.taskchain.orchestrator.llm.TokenUsage;
import com.taskchain.orchestrator.llm.planner.LlmPlanner;
import com.taskchain.orchestrator.llm.planner.PlanCheck;
import com.taskchain.orchestrator.llm.planner.PlanOutcome;
import com.taskchain.orchestrator.llm.rerank.LlmReranker;
import com.taskchain.orchestrator.llm.rerank.RerankingSearchTool;
import com.taskchain.orchestrator.llm.tools.LlmComposeAnswer;
import com.taskchain.orchestrator.llm.tools.LlmTextTools;
import com.taskchain.orchestrator.plan.DeterministicPlanner;
import com.taskchain.orchestrator.plan.PlanValidator;
import com.taskchain.orchestrator.queue.Stage;
import com.taskchain.orchestrator.task.RunRecord;
import com.taskchain.orchestrator.task.TaskRecord;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.company.EvidenceResult;
import com.taskchain.orchestrator.tool.company.SearchPreviousIssues;
import com.taskchain.orchestrator.verify.Verifier;
import com.taskchain.orchestrator.wiring.ModeConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The stages when a mode is {@code llm}: the LLM planner and/or the LLM text tools, each with its
 * deterministic fallback, around the same {@link Pipeline} (so the same validation, refusal of
 * invalid plans and verifier apply). Token usage, estimated cost and fallbacks are written to
 * {@code plan_json.llm} and {@code result_json.metadata.llm}; the execute stage adds the plan
 * stage's figures to give the run's, and the run's token budget spans both stages. The model client
 * is asked for only when a call is made, so the verify stage (and the deterministic stage of a
 * mixed configuration) never creates it. Thread-safe.
 *
 * <p>{@code search_previous_issues} is re-ranked by the model ({@link RerankingSearchTool}) when
 * {@code ORCHESTRATOR_RAG_RERANK_MODE} says so ({@code llm}, or {@code auto} with a key), in either
 * executor mode; its calls count in the execute stage's ledger.
 *
 * <p>In LLM executor mode, and whenever re-ranking is on, each run gets its own executor (its LLM
 * tools record into that run's ledger), so circuit breakers do not carry over between runs there.
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
  private final PlanValidator validator;
  private final LlmPlanner llmPlanner;
  private final Executor deterministicExecutor;
  private final LlmReranker reranker;

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
    this.validator = new PlanValidator(tools, executorConfig.planLimits());
    this.llmPlanner =
        new LlmPlanner(tools, deterministic, PlanCheck.of(validator), config.plannerTimeout());
    this.deterministicExecutor = new Executor(tools, executorConfig);
    this.reranker =
        new LlmReranker(config.rerankMode(), config.apiKey().isPresent(), config.rerankTimeout());
  }

  @Override
  public Artifact perform(Stage stage, TaskRecord task, RunRecord run) throws StageFailure {
    return switch (stage) {
      case PLAN -> plan(task, run);
      case EXECUTE -> execute(task, run);
      case VERIFY ->
          pipeline(deterministicExecutor, deterministic)
              .perform(
                  stage,
                  task,
                  withArtifacts(
                      run,
                      run.planJson().map(LlmPipeline::withoutLlm),
                      run.resultJson().map(LlmPipeline::withoutMetadataLlm)));
    };
  }

  private Pipeline pipeline(Executor executor, com.taskchain.orchestrator.plan.Planner planner) {
    return new Pipeline(planner, validator, executor, verifier);
  }

  private Artifact plan(TaskRecord task, RunRecord run) throws StageFailure {
    if (!modes.llmPlanner()) {
      return pipeline(deterministicExecutor, deterministic).perform(Stage.PLAN, task, run);
    }
    TokenLedger ledger = TokenLedger.first("plan", modes.plannerMode(), config);
    AtomicReference<PlanOutcome> outcome = new AtomicReference<>();
    Artifact artifact =
        pipeline(
                deterministicExecutor,
                input -> {
                  PlanOutcome decided = llmPlanner.plan(input, client, ledger);
                  outcome.set(decided);
                  // The model plans the evidence; the answer steps are the rules' in every mode.
                  return DeterministicPlanner.withAnswer(decided.plan(), input);
                })
            .perform(Stage.PLAN, task, run);
    ObjectNode json = (ObjectNode) artifact.artifact();
    ObjectNode report = (ObjectNode) Json.tree(ledger.report());
    report.set("planner", Json.tree(outcome.get()));
    json.set(LLM_FIELD, report);
    return new Artifact(json, artifact.finalStatus(), artifact.failureReason());
  }

  private Artifact execute(TaskRecord task, RunRecord run) throws StageFailure {
    JsonNode before = run.planJson().map(p -> p.path(LLM_FIELD)).orElse(null);
    TokenUsage usedBefore =
        before != null && before.has("run_tokens")
            ? Json.convert(before.get("run_tokens"), TokenUsage.class)
            : TokenUsage.ZERO;
    Optional<BigDecimal> costBefore =
        before == null || before.isMissingNode()
            ? Optional.of(BigDecimal.ZERO)
            : before.path("run_cost_usd").isNumber()
                ? Optional.of(before.get("run_cost_usd").decimalValue())
                : Optional.empty();
    TokenLedger ledger =
        new TokenLedger("execute", modes.executorMode(), config, usedBefore, costBefore);
    Executor executor = deterministicExecutor;
    boolean rerank = reranker.wantsModel() && tools.find(SearchPreviousIssues.NAME).isPresent();
    if (modes.llmExecutor() || rerank) {
      List<Tool<?, ?>> runTools = new ArrayList<>();
      for (String name : tools.names()) {
        Tool<?, ?> tool = tools.find(name).orElseThrow();
        runTools.add(
            rerank && name.equals(SearchPreviousIssues.NAME) ? reranking(tool, ledger) : tool);
      }
      if (modes.llmExecutor()) {
        runTools = LlmTextTools.wrap(runTools, client, ledger, config.executorTimeout());
        runTools = composingWithModel(runTools, ledger);
      }
      executor = new Executor(ToolRegistry.of(runTools), executorConfig);
    }
    Artifact artifact =
        pipeline(executor, deterministic)
            .perform(
                Stage.EXECUTE,
                task,
                withArtifacts(run, run.planJson().map(LlmPipeline::withoutLlm), run.resultJson()));
    ObjectNode json = (ObjectNode) artifact.artifact();
    ((ObjectNode) json.get("metadata")).set(LLM_FIELD, Json.tree(ledger.report()));
    return new Artifact(json, artifact.finalStatus(), artifact.failureReason());
  }

  /** The tools with {@code compose_answer} written by the model (deterministic fallback). */
  private List<Tool<?, ?>> composingWithModel(List<Tool<?, ?>> tools, TokenLedger ledger) {
    List<Tool<?, ?>> out = new ArrayList<>();
    for (Tool<?, ?> tool : tools) {
      out.add(
          tool instanceof ComposeAnswer composer
              ? new LlmComposeAnswer(composer, client, ledger, config.executorTimeout())
              : tool);
    }
    return out;
  }

  /** The search wrapped in a re-ranker that records into this run's ledger. */
  @SuppressWarnings("unchecked") // checked: the registered tool's declared input and output types
  private Tool<?, ?> reranking(Tool<?, ?> tool, TokenLedger ledger) {
    if (tool.inputType() != SearchPreviousIssues.Input.class
        || tool.outputType() != EvidenceResult.class) {
      throw new IllegalStateException(
          SearchPreviousIssues.NAME + " is registered with unexpected types: " + tool);
    }
    return new RerankingSearchTool(
        (Tool<SearchPreviousIssues.Input, EvidenceResult>) tool, reranker, client, ledger);
  }

  private static JsonNode withoutLlm(JsonNode planJson) {
    if (!planJson.isObject()) {
      return planJson;
    }
    ObjectNode copy = planJson.deepCopy();
    copy.remove(LLM_FIELD);
    return copy;
  }

  private static JsonNode withoutMetadataLlm(JsonNode resultJson) {
    if (!resultJson.path("metadata").isObject()) {
      return resultJson;
    }
    ObjectNode copy = resultJson.deepCopy();
    ((ObjectNode) copy.get("metadata")).remove(LLM_FIELD);
    return copy;
  }

  /** The run as {@link Pipeline} must read it: artifacts without this class's additions. */
  private static RunRecord withArtifacts(
      RunRecord run, Optional<JsonNode> planJson, Optional<JsonNode> resultJson) {
    return new RunRecord(
        run.runId(),
        run.taskId(),
        run.runNumber(),
        run.status(),
        run.stage(),
        run.version(),
        run.stageAttempts(),
        run.sweepCount(),
        planJson,
        resultJson,
        run.verificationJson(),
        run.failureReason(),
        run.createdAt(),
        run.updatedAt(),
        run.stageEnteredAt(),
        run.finishedAt());
  }
}
