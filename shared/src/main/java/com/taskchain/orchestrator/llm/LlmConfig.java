package com.taskchain.orchestrator.llm;

import com.taskchain.orchestrator.config.ConfigException;
import com.taskchain.orchestrator.config.EnvReader;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How LLM calls are made, with the seed's variable names. Reading it never loads the OpenAI SDK.
 *
 * @param provider {@code ORCHESTRATOR_LLM_PROVIDER}; only {@code openai}
 * @param apiKey {@code OPENAI_API_KEY}; masked in {@link #toString()}
 * @param model {@code ORCHESTRATOR_LLM_MODEL}, default {@code gpt-4o-mini}
 * @param baseUrl {@code ORCHESTRATOR_LLM_BASE_URL}; the provider's when empty (an OpenAI-compatible
 *     server's {@code .../v1})
 * @param maxRetries {@code ORCHESTRATOR_LLM_MAX_RETRIES}, default 2: attempts after the first on
 *     timeouts, 429 and 5xx only; the SDK's own retries are off
 * @param backoff {@code ORCHESTRATOR_LLM_BACKOFF_S}, default 0.5 s, doubling per retry
 * @param trace {@code ORCHESTRATOR_LLM_TRACE=1}: one log line per call (purpose, model, tokens,
 *     outcome; never prompts, replies or the key)
 * @param plannerTimeout {@code ORCHESTRATOR_PLANNER_TIMEOUT_S}, default 20 s: the deadline of one
 *     planning request including its retries
 * @param executorTimeout {@code ORCHESTRATOR_EXECUTOR_LLM_TIMEOUT_S}, default 8 s: the deadline of
 *     one LLM text-tool call including retries; must be below the executor's tool timeout
 * @param rerankMode {@code ORCHESTRATOR_RAG_RERANK_MODE}: {@code auto} (default), {@code
 *     deterministic} or {@code llm}
 * @param rerankTimeout {@code ORCHESTRATOR_RAG_RERANK_TIMEOUT_S}, default 5 s
 * @param runTokenBudget {@code ORCHESTRATOR_LLM_RUN_TOKEN_BUDGET}, default 50,000: once a run has
 *     used this many tokens, further LLM calls are not made and the deterministic path runs
 * @param prices {@code ORCHESTRATOR_LLM_PRICES}, see {@link PriceTable}
 */
public record LlmConfig(
    String provider,
    Optional<String> apiKey,
    String model,
    Optional<URI> baseUrl,
    int maxRetries,
    Duration backoff,
    boolean trace,
    Duration plannerTimeout,
    Duration executorTimeout,
    String rerankMode,
    Duration rerankTimeout,
    long runTokenBudget,
    PriceTable prices) {

  public static final String API_KEY = "OPENAI_API_KEY";

  /**
   * Reads the configuration; the key may be absent (see {@link #requireKey}).
   *
   * @throws ConfigException naming the variable at fault
   */
  public static LlmConfig fromEnv(Map<String, String> env) {
    EnvReader reader = new EnvReader(env);
    return new LlmConfig(
        reader.choice("ORCHESTRATOR_LLM_PROVIDER", "openai", "openai"),
        reader.optional(API_KEY),
        reader.string("ORCHESTRATOR_LLM_MODEL", "gpt-4o-mini"),
        reader.url("ORCHESTRATOR_LLM_BASE_URL"),
        reader.integer("ORCHESTRATOR_LLM_MAX_RETRIES", 2, 0, 10),
        reader.seconds(
            "ORCHESTRATOR_LLM_BACKOFF_S",
            Duration.ofMillis(500),
            Duration.ZERO,
            Duration.ofSeconds(60)),
        reader.flag("ORCHESTRATOR_LLM_TRACE", false),
        reader.seconds(
            "ORCHESTRATOR_PLANNER_TIMEOUT_S",
            Duration.ofSeconds(20),
            Duration.ofMillis(10),
            Duration.ofMinutes(10)),
        reader.seconds(
            "ORCHESTRATOR_EXECUTOR_LLM_TIMEOUT_S",
            Duration.ofSeconds(8),
            Duration.ofMillis(10),
            Duration.ofMinutes(10)),
        reader.choice("ORCHESTRATOR_RAG_RERANK_MODE", "auto", "auto", "deterministic", "llm"),
        reader.seconds(
            "ORCHESTRATOR_RAG_RERANK_TIMEOUT_S",
            Duration.ofSeconds(5),
            Duration.ofMillis(10),
            Duration.ofMinutes(10)),
        reader.integer("ORCHESTRATOR_LLM_RUN_TOKEN_BUDGET", 50_000, 0, 100_000_000),
        PriceTable.parse(reader.string("ORCHESTRATOR_LLM_PRICES", PriceTable.DEFAULT)));
  }

  /**
   * This configuration, checked to have a key.
   *
   * @param why the setting that needs it, quoted in the message
   * @throws ConfigException when {@code OPENAI_API_KEY} is not set
   */
  public LlmConfig requireKey(String why) {
    if (apiKey.isEmpty()) {
      throw new ConfigException(
          why + " needs " + API_KEY + "; set it, or use deterministic mode (the default)");
    }
    return this;
  }

  /** Replaces every occurrence of the API key in {@code text} (error messages, model replies). */
  public String redact(String text) {
    if (text == null || apiKey.isEmpty() || apiKey.get().length() < 4) {
      return text;
    }
    return text.replace(apiKey.get(), "[redacted]");
  }

  @Override
  public String toString() {
    return "LlmConfig[provider="
        + provider
        + ", apiKey="
        + (apiKey.isPresent() ? "****" : "<unset>")
        + ", model="
        + model
        + ", baseUrl="
        + baseUrl.map(URI::toString).orElse("<default>")
        + ", maxRetries="
        + maxRetries
        + ", backoff="
        + backoff
        + ", trace="
        + trace
        + ", plannerTimeout="
        + plannerTimeout
        + ", executorTimeout="
        + executorTimeout
        + ", rerankMode="
        + rerankMode
        + ", rerankTimeout="
        + rerankTimeout
        + ", runTokenBudget="
        + runTokenBudget
        + "]";
  }
}
