package com.taskchain.orchestrator.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.taskchain.orchestrator.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible server on loopback for tests: {@code POST /v1/chat/completions} answered by
 * a {@link Script} that sees each request (its messages and {@code response_format}) and returns a
 * reply: content with usage, an HTTP error, a delay, or a raw body. Records every request.
 */
public final class MockOpenAi implements AutoCloseable {

  /** What to answer to one request. */
  public sealed interface Reply {}

  /** A chat completion whose message content is {@code content}, with the given usage. */
  public record Content(String content, long prompt, long completion, Duration delay)
      implements Reply {}

  /** An HTTP error with an OpenAI-style error body. */
  public record Status(int status) implements Reply {}

  /** A raw response body with status 200 (a broken envelope). */
  public record Raw(String body) implements Reply {}

  /** Chooses the reply for the n-th request (1-based). */
  @FunctionalInterface
  public interface Script {
    Reply reply(int n, Request request);
  }

  /**
   * One received request.
   *
   * @param schemaName {@code response_format.json_schema.name}
   * @param system the system message
   * @param user the user message
   * @param authorization the Authorization header
   * @param body the whole request body
   */
  public record Request(
      String schemaName, String system, String user, String authorization, JsonNode body) {}

  public static Reply json(Object value, long prompt, long completion) {
    return new Content(
        value instanceof String s ? s : Json.write(value), prompt, completion, Duration.ZERO);
  }

  public static Reply slow(Duration delay) {
    return new Content("{}", 1, 1, delay);
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger count = new AtomicInteger();
  private volatile Script script;

  public MockOpenAi(Script script) throws IOException {
    this.script = script;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** The base URL for {@code ORCHESTRATOR_LLM_BASE_URL}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public void script(Script script) {
    this.script = script;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public int count() {
    return count.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode body = Json.read(new String(exchange.getRequestBody().readAllBytes(), UTF8));
      String system = "";
      String user = "";
      for (JsonNode message : body.path("messages")) {
        if (message.path("role").asText().equals("system")) {
          system = message.path("content").asText();
        } else if (message.path("role").asText().equals("user")) {
          user = message.path("content").asText();
        }
      }
      Request request =
          new Request(
              body.path("response_format").path("json_schema").path("name").asText(),
              system,
              user,
              exchange.getRequestHeaders().getFirst("Authorization"),
              body);
      requests.add(request);
      Reply reply = script.reply(count.incrementAndGet(), request);
      if (reply instanceof Content c) {
        if (!c.delay().isZero()) {
          try {
            Thread.sleep(c.delay().toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        send(exchange, 200, Json.write(completion(body, c)));
      } else if (reply instanceof Status s) {
        send(
            exchange,
            s.status(),
            "{\"error\":{\"message\":\"mock error\",\"type\":\"server_error\",\"code\":null}}");
      } else if (reply instanceof Raw r) {
        send(exchange, 200, r.body());
      }
    } catch (IOException | RuntimeException e) {
      // The client may have hung up (a timeout test); nothing to answer.
    }
  }

  private static ObjectNode completion(JsonNode request, Content c) {
    ObjectNode root = Json.object();
    root.put("id", "chatcmpl-mock");
    root.put("object", "chat.completion");
    root.put("created", 1_700_000_000L);
    root.put("model", request.path("model").asText("gpt-4o-mini"));
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    choice.put("finish_reason", "stop");
    choice.putNull("logprobs");
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", c.content());
    message.putNull("refusal");
    ObjectNode usage = root.putObject("usage");
    usage.put("prompt_tokens", c.prompt());
    usage.put("completion_tokens", c.completion());
    usage.put("total_tokens", c.prompt() + c.completion());
    return root;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(UTF8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
