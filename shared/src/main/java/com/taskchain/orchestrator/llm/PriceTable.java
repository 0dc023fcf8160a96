package com.taskchain.orchestrator.llm;

import com.taskchain.orchestrator.config.ConfigException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Prices per model in US dollars per million tokens, read from {@code ORCHESTRATOR_LLM_PRICES} as
 * {@code model=input:output} pairs separated by commas, e.g. {@code
 * gpt-4o-mini=0.15:0.60,gpt-4o=2.50:10.00}. The default is {@value #DEFAULT}, the list prices of
 * the seed's default model when this was written; override it when prices change. Estimates only:
 * cached-input discounts and the like are ignored. Immutable and thread-safe.
 */
public final class PriceTable {
  /** The default table. */
  public static final String DEFAULT = "gpt-4o-mini=0.15:0.60,gpt-4o=2.50:10.00";

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  /**
   * One model's prices.
   *
   * @param inputPerMillion dollars per million prompt tokens
   * @param outputPerMillion dollars per million completion tokens
   */
  public record Price(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {}

  private final Map<String, Price> prices;

  private PriceTable(Map<String, Price> prices) {
    this.prices = Map.copyOf(prices);
  }

  /**
   * Parses a table.
   *
   * @throws ConfigException naming {@code ORCHESTRATOR_LLM_PRICES} when an entry is malformed
   */
  public static PriceTable parse(String spec) {
    Map<String, Price> prices = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      String trimmed = entry.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      int colon = trimmed.indexOf(':', eq + 1);
      try {
        if (eq <= 0 || colon < 0) {
          throw new NumberFormatException();
        }
        BigDecimal in = new BigDecimal(trimmed.substring(eq + 1, colon).strip());
        BigDecimal out = new BigDecimal(trimmed.substring(colon + 1).strip());
        if (in.signum() < 0 || out.signum() < 0) {
          throw new NumberFormatException();
        }
        prices.put(trimmed.substring(0, eq).strip(), new Price(in, out));
      } catch (NumberFormatException e) {
        throw new ConfigException(
            "ORCHESTRATOR_LLM_PRICES: entry '"
                + trimmed
                + "' must be model=input:output in dollars per million tokens");
      }
    }
    return new PriceTable(prices);
  }

  public Optional<Price> price(String model) {
    return Optional.ofNullable(prices.get(model));
  }

  /** The estimated cost in dollars (6 decimals), or empty when the model has no price. */
  public Optional<BigDecimal> cost(String model, TokenUsage usage) {
    return price(model)
        .map(
            p ->
                p.inputPerMillion()
                    .multiply(BigDecimal.valueOf(usage.promptTokens()))
                    .add(
                        p.outputPerMillion().multiply(BigDecimal.valueOf(usage.completionTokens())))
                    .divide(MILLION, 6, RoundingMode.HALF_UP));
  }
}
