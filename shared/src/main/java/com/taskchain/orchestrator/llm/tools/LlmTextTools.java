package com.taskchain.orchestrator.llm.tools;

import com.taskchain.orchestrator.llm.LlmClient;
import com.taskchain.orchestrator.llm.TokenLedger;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.text.TextTools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The six text tools in LLM executor mode; every other tool stays deterministic. */
public final class LlmTextTools {
  private LlmTextTools() {}

  /**
   * The tools with each of {@link TextTools#NAMES} wrapped in an {@link LlmTextTool}, in the same
   * order.
   */
  public static List<Tool<?, ?>> wrap(
      List<? extends Tool<?, ?>> tools,
      Supplier<LlmClient> client,
      TokenLedger ledger,
      Duration deadline) {
    List<Tool<?, ?>> wrapped = new ArrayList<>();
    for (Tool<?, ?> tool : tools) {
      wrapped.add(
          TextTools.NAMES.contains(tool.name()) ? llm(tool, client, ledger, deadline) : tool);
    }
    return wrapped;
  }

  private static <I extends Record, O extends Record> Tool<I, O> llm(
      Tool<I, O> tool, Supplier<LlmClient> client, TokenLedger ledger, Duration deadline) {
    return new LlmTextTool<>(tool, client, ledger, deadline);
  }
}
