package com.taskchain.orchestrator.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.text.TextTools;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A well-behaved model for {@link MockOpenAi}: plans the six text tools and answers each text tool
 * with what the deterministic tool computes from the same input. Usage is derived from the sizes of
 * the messages, and the totals it reported are kept so that tests can compare them with the
 * artifacts.
 */
public final class FakeModel implements MockOpenAi.Script {
  private static final ToolRegistry TOOLS = ToolRegistry.of(TextTools.all());

  private final AtomicLong promptTokens = new AtomicLong();
  private final AtomicLong completionTokens = new AtomicLong();

  /** A plan of the given tools, in order, each with empty args. */
  public static ObjectNode plan(List<String> tools) {
    ObjectNode plan = Json.object();
    ArrayNode steps = plan.putArray("steps");
    for (int i = 0; i < tools.size(); i++) {
      ObjectNode step = steps.addObject();
      step.put("id", "step" + (i + 1));
      step.put("tool", tools.get(i));
      step.putObject("args");
      step.putArray("depends_on");
      step.put("why", "the task needs " + tools.get(i));
    }
    return plan;
  }

  /** The plan this model writes. */
  public static ObjectNode seedPlan() {
    return plan(TextTools.NAMES);
  }

  @Override
  public MockOpenAi.Reply reply(int n, MockOpenAi.Request request) {
    String content;
    if (request.schemaName().equals("plan")) {
      content = Json.write(seedPlan());
    } else if (request.schemaName().startsWith("tool_")) {
      content = Json.write(toolOutput(request.schemaName().substring(5), request.user()));
    } else if (request.schemaName().equals("compose_answer")) {
      content = Json.write(writtenAnswer(request.user()));
    } else {
      throw new IllegalStateException("unexpected schema " + request.schemaName());
    }
    return counted(request, content);
  }

  /** A reply with usage derived from the message sizes, added to this model's totals. */
  public MockOpenAi.Reply counted(MockOpenAi.Request request, String content) {
    long prompt = (request.system().length() + request.user().length()) / 4 + 1;
    long completion = content.length() / 4 + 1;
    promptTokens.addAndGet(prompt);
    completionTokens.addAndGet(completion);
    return MockOpenAi.json(content, prompt, completion);
  }

  /** A well-behaved writer: the draft claims, and a text made of them. */
  static JsonNode writtenAnswer(String user) {
    JsonNode request = Json.read(user);
    ObjectNode written = Json.object();
    StringBuilder text = new StringBuilder();
    request
        .path("draft_claims")
        .forEach(c -> text.append("- ").append(c.path("text").asText()).append('\n'));
    written.put("text", text.length() == 0 ? "Nothing to report." : text.toString());
    written.set("claims", request.path("draft_claims"));
    return written;
  }

  static JsonNode toolOutput(String tool, String inputJson) {
    try {
      @SuppressWarnings("unchecked")
      Tool<Record, Record> t = (Tool<Record, Record>) TOOLS.find(tool).orElseThrow();
      return Json.tree(t.call(TOOLS.bind(tool, Json.read(inputJson))));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public TokenUsage reported() {
    return new TokenUsage(
        promptTokens.get(), completionTokens.get(), promptTokens.get() + completionTokens.get());
  }
}
