package com.taskchain.orchestrator.llm.rerank;

import com.taskchain.orchestrator.llm.LlmClient;
import com.taskchain.orchestrator.llm.TokenLedger;
import com.taskchain.orchestrator.llm.rerank.LlmReranker.Candidate;
import com.taskchain.orchestrator.llm.rerank.LlmReranker.Ranking;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolException;
import com.taskchain.orchestrator.tool.company.EvidenceHit;
import com.taskchain.orchestrator.tool.company.EvidenceResult;
import com.taskchain.orchestrator.tool.company.SearchPreviousIssues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code search_previous_issues} with its hits re-ranked by a model: the deterministic search runs
 * first, then {@link LlmReranker} orders its hits by the model's relevance per citation id. The
 * result reports {@code ranking_mode} ({@code llm} or {@code bm25}) and, when a wanted model
 * ranking was not applied, {@code rerank_fallback_reason}; the hits themselves, the confidence and
 * the filters are the search's. A model failure never fails the call: the BM25 order is kept and
 * the fallback is recorded in the ledger. Same name and input/output types as the tool it wraps, so
 * plans and schemas do not change.
 *
 * <p>Thread-safe when the wrapped tool is. Not idempotent in order (the model may score differently
 * on a repeat), but the set of hits is the search's.
 */
public final class RerankingSearchTool implements Tool<SearchPreviousIssues.Input, EvidenceResult> {
  private final Tool<SearchPreviousIssues.Input, EvidenceResult> search;
  private final LlmReranker reranker;
  private final Supplier<LlmClient> client;
  private final TokenLedger ledger;

  /**
   * @param search the deterministic {@code search_previous_issues}
   * @param reranker decides from its mode whether the model is called at all
   * @param client made on first use, only when the model is called
   * @param ledger the run's ledger for this stage: the rerank calls' tokens and fallbacks go there
   */
  public RerankingSearchTool(
      Tool<SearchPreviousIssues.Input, EvidenceResult> search,
      LlmReranker reranker,
      Supplier<LlmClient> client,
      TokenLedger ledger) {
    this.search = Objects.requireNonNull(search, "search");
    this.reranker = Objects.requireNonNull(reranker, "reranker");
    this.client = Objects.requireNonNull(client, "client");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  @Override
  public String name() {
    return search.name();
  }

  @Override
  public String description() {
    return search.description();
  }

  @Override
  public Class<SearchPreviousIssues.Input> inputType() {
    return search.inputType();
  }

  @Override
  public Class<EvidenceResult> outputType() {
    return search.outputType();
  }

  /**
   * Searches, then re-ranks.
   *
   * @throws ToolException only as the wrapped search throws it
   */
  @Override
  public EvidenceResult call(SearchPreviousIssues.Input input) throws ToolException {
    EvidenceResult found = search.call(input);
    // Citation ids are record ids, unique within one search; the map keeps BM25 order.
    Map<String, EvidenceHit> byId = new LinkedHashMap<>();
    for (EvidenceHit hit : found.hits()) {
      if (byId.putIfAbsent(hit.citationId(), hit) != null) {
        // A repeated id could not be told apart in the model's scores: keep the search's order.
        String reason = "the search returned '" + hit.citationId() + "' twice";
        ledger.fallback("rerank", reason);
        return found.ranked(found.hits(), EvidenceResult.BM25, reason);
      }
    }
    List<Candidate> candidates =
        found.hits().stream()
            .map(hit -> new Candidate(hit.citationId(), hit.title(), hit.snippet()))
            .toList();
    Ranking ranking = reranker.rerank(input.query(), candidates, client, ledger);
    return found.ranked(
        ranking.order().stream().map(byId::get).toList(),
        ranking.rankingMode(),
        ranking.fallbackReason());
  }
}
