package com.taskchain.orchestrator.llm;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The LLM calls, tokens, cost and fallbacks of one stage of one run, and the run's token budget.
 * Every LLM call of the pipeline goes through {@link #call}: it refuses to send a request once the
 * run (earlier stages included) has used its budget, and records every call, failed ones too, with
 * the tokens they cost. Thread-safe; concurrent calls may each pass the budget check and overshoot
 * it by what they use.
 */
public final class TokenLedger {
  private final String stage;
  private final String mode;
  private final LlmConfig config;
  private final String model;
  private final long budget;
  private final PriceTable prices;
  private final TokenUsage before;
  private final Optional<BigDecimal> costBefore;
  private final List<LlmCall> calls = new ArrayList<>();
  private final List<Fallback> fallbacks = new ArrayList<>();
  private TokenUsage used = TokenUsage.ZERO;
  private boolean exhausted;

  /**
   * A ledger for one stage.
   *
   * @param stage {@code plan} or {@code execute}
   * @param mode the stage's configured mode
   * @param config the model, budget and prices
   * @param before tokens earlier stages of the run used
   * @param costBefore their estimated cost; empty when unknown
   */
  public TokenLedger(
      String stage,
      String mode,
      LlmConfig config,
      TokenUsage before,
      Optional<BigDecimal> costBefore) {
    this.stage = Objects.requireNonNull(stage, "stage");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.config = config;
    this.model = config.model();
    this.budget = config.runTokenBudget();
    this.prices = config.prices();
    this.before = Objects.requireNonNull(before, "before");
    this.costBefore = Objects.requireNonNull(costBefore, "costBefore");
  }

  /** A ledger for the first stage of a run. */
  public static TokenLedger first(String stage, String mode, LlmConfig config) {
    return new TokenLedger(stage, mode, config, TokenUsage.ZERO, Optional.of(BigDecimal.ZERO));
  }

  /**
   * Makes the call unless the run's budget is spent, and records it.
   *
   * @throws LlmException with reason {@code budget} (no request sent), or the client's failure
   */
  public <T> LlmReply<T> call(Supplier<LlmClient> client, LlmRequest<T> request)
      throws LlmException {
    synchronized (this) {
      long runTotal = before.totalTokens() + used.totalTokens();
      if (runTotal >= budget) {
        exhausted = true;
        String why = "the run has used " + runTotal + " of its " + budget + " tokens";
        calls.add(
            new LlmCall(
                request.purpose(), model, "budget", 0, 0, TokenUsage.ZERO, BigDecimal.ZERO, why));
        throw new LlmException(LlmException.Reason.BUDGET, why, TokenUsage.ZERO, 0);
      }
    }
    long started = System.nanoTime();
    try {
      LlmReply<T> reply;
      try {
        reply = client.get().complete(request);
      } catch (RuntimeException e) {
        // A client that cannot be made or that breaks its contract is one more reason to fall
        // back, never a failed stage.
        throw new LlmException(
            LlmException.Reason.UNAVAILABLE,
            "the LLM client failed: "
                + e.getClass().getSimpleName()
                + ": "
                + config.redact(String.valueOf(e.getMessage())),
            TokenUsage.ZERO,
            0);
      }
      record(
          request.purpose(), reply.model(), "ok", reply.attempts(), started, reply.usage(), null);
      return reply;
    } catch (LlmException e) {
      record(
          request.purpose(),
          model,
          e.reason().wire(),
          e.attempts(),
          started,
          e.usage(),
          e.getMessage());
      throw e;
    }
  }

  private synchronized void record(
      String purpose,
      String answeredBy,
      String outcome,
      int attempts,
      long startedNanos,
      TokenUsage usage,
      String error) {
    used = used.plus(usage);
    // Providers answer with a dated model name (gpt-4o-mini-2024-07-18); price it as configured.
    String priced = prices.price(answeredBy).isPresent() ? answeredBy : model;
    calls.add(
        new LlmCall(
            purpose,
            answeredBy,
            outcome,
            attempts,
            Duration.ofNanos(System.nanoTime() - startedNanos).toMillis(),
            usage,
            prices.cost(priced, usage).orElse(null),
            error));
  }

  /** Records that a deterministic path ran instead of an LLM answer. */
  public synchronized void fallback(String what, String reason) {
    fallbacks.add(new Fallback(what, reason));
  }

  public synchronized TokenUsage stageTokens() {
    return used;
  }

  public synchronized List<Fallback> fallbacks() {
    return List.copyOf(fallbacks);
  }

  public synchronized List<LlmCall> calls() {
    return List.copyOf(calls);
  }

  /** The stage's report, for its artifact. */
  public synchronized LlmUsageReport report() {
    BigDecimal stageCost = BigDecimal.ZERO;
    for (LlmCall call : calls) {
      if (call.costUsd() == null) {
        stageCost = null;
        break;
      }
      stageCost = stageCost.add(call.costUsd());
    }
    BigDecimal runCost =
        stageCost == null || costBefore.isEmpty() ? null : costBefore.get().add(stageCost);
    return new LlmUsageReport(
        stage,
        mode,
        model,
        calls,
        fallbacks,
        used,
        before.plus(used),
        stageCost,
        runCost,
        budget,
        exhausted);
  }
}
