package com.taskchain.orchestrator.local.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.local.emulator.TaskJson.View;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST surface of Cloud Tasks v2 that the HTTP/JSON client uses for tasks: create, get, list
 * and delete. Queues exist implicitly. Every error is a Google JSON error body.
 */
final class TasksApi implements HttpHandler {
  /** Cloud Tasks' limit on a task's size for HTTP targets. */
  static final int MAX_REQUEST_BYTES = 1024 * 1024;

  private static final int MAX_PAGE_SIZE = 1000;
  private static final Pattern TASKS_PATH =
      Pattern.compile(
          "/v2/(projects/[A-Za-z0-9:._-]+/locations/[A-Za-z0-9_-]+/queues/[A-Za-z0-9_-]+)/tasks"
              + "(?:/([^/]+))?");

  private final TaskStore store;
  private final Dispatcher dispatcher;
  private final PrintStream log;

  TasksApi(TaskStore store, Dispatcher dispatcher, PrintStream log) {
    this.store = store;
    this.dispatcher = dispatcher;
    this.log = log;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      int status = 200;
      JsonNode body;
      try {
        body = route(exchange);
      } catch (ApiError e) {
        status = e.code().httpStatus();
        body = TaskJson.error(e.code(), e.getMessage());
      } catch (RuntimeException e) {
        status = RpcCode.INTERNAL.httpStatus();
        body = TaskJson.error(RpcCode.INTERNAL, "emulator failure: " + e);
        log.println(
            Json.write(
                JsonNodeFactory.instance
                    .objectNode()
                    .put("severity", "ERROR")
                    .put("message", "Cloud Tasks emulator failed on a request: " + e)));
      }
      byte[] out = Json.write(body).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
      exchange.sendResponseHeaders(status, out.length);
      exchange.getResponseBody().write(out);
    } finally {
      exchange.close();
    }
  }

  private JsonNode route(HttpExchange exchange) throws ApiError, IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    Matcher matcher = TASKS_PATH.matcher(path == null ? "" : path);
    if (!matcher.matches()) {
      throw ApiError.notFound("no such resource: " + method + " " + path);
    }
    String queuePath = matcher.group(1);
    String taskId = matcher.group(2);
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    // gax asks for "$alt=json;enum-encoding=int" and Google then answers enums as numbers.
    boolean numericEnums = query.getOrDefault("$alt", "").contains("enum-encoding=int");
    if (taskId == null) {
      return switch (method) {
        case "POST" -> create(queuePath, readBody(exchange), numericEnums);
        case "GET" -> list(queuePath, query, numericEnums);
        default -> throw ApiError.notFound("no such method: " + method + " " + path);
      };
    }
    String name = queuePath + "/tasks/" + taskId;
    return switch (method) {
      case "GET" -> get(name, View.parse(query.get("responseView")), numericEnums);
      case "DELETE" -> {
        store.delete(name);
        yield JsonNodeFactory.instance.objectNode();
      }
      default -> throw ApiError.notFound("no such method: " + method + " " + path);
    };
  }

  private JsonNode create(String queuePath, JsonNode request, boolean numericEnums)
      throws ApiError {
    View view = TaskJson.responseView(request);
    EmulatedTask task =
        TaskJson.parseCreate(queuePath, request, store.now(), TasksApi::generatedTaskId);
    store.add(task);
    // Rendered before scheduling so the answer shows the task as created, not as dispatched.
    ObjectNode created = store.read(task, t -> TaskJson.render(t, view, numericEnums));
    dispatcher.schedule(task, task.scheduleTime);
    return created;
  }

  private JsonNode get(String name, View view, boolean numericEnums) throws ApiError {
    return store
        .read(name, task -> TaskJson.render(task, view, numericEnums))
        .orElseThrow(() -> ApiError.notFound("Requested entity was not found: " + name));
  }

  private JsonNode list(String queuePath, Map<String, String> query, boolean numericEnums)
      throws ApiError {
    View view = View.parse(query.get("responseView"));
    int pageSize = integer(query.get("pageSize"), "pageSize");
    if (pageSize == 0 || pageSize > MAX_PAGE_SIZE) {
      pageSize = MAX_PAGE_SIZE;
    }
    int offset = integer(query.get("pageToken"), "pageToken");
    List<ObjectNode> tasks =
        store.readQueue(queuePath, task -> TaskJson.render(task, view, numericEnums));
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    int end = Math.min(tasks.size(), offset + pageSize);
    if (offset < end) {
      ArrayNode page = out.putArray("tasks");
      tasks.subList(offset, end).forEach(page::add);
    }
    if (end < tasks.size()) {
      out.put("nextPageToken", Integer.toString(end));
    }
    return out;
  }

  private static int integer(String raw, String what) throws ApiError {
    if (raw == null || raw.isEmpty()) {
      return 0;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value < 0) {
        throw ApiError.invalid(what + " must not be negative");
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiError.invalid(what + " is not valid: " + raw);
    }
  }

  private static JsonNode readBody(HttpExchange exchange) throws ApiError, IOException {
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_REQUEST_BYTES + 1);
    }
    if (bytes.length > MAX_REQUEST_BYTES) {
      throw ApiError.invalid("the task exceeds the maximum size of 1 MiB");
    }
    try {
      return Json.mapper().readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiError.invalid("the request body is not JSON: " + e.getOriginalMessage());
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  /** Cloud Tasks makes up a long number when no name is given. */
  private static String generatedTaskId() {
    return Long.toUnsignedString(ThreadLocalRandom.current().nextLong() >>> 1);
  }
}
