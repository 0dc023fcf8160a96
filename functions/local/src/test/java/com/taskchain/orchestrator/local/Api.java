package com.taskchain.orchestrator.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A small HTTP client for driving the local runner in tests, over real loopback HTTP. */
final class Api {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI base;

  Api(URI base) {
    this.base = base;
  }

  /** A response with its parsed JSON body (or a text node when the body is not JSON). */
  record Reply(int status, JsonNode json, HttpResponse<String> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  Reply send(
      String method, String path, String contentType, String body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(90))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json;
    try {
      json = Json.read(response.body());
    } catch (RuntimeException e) {
      json = Json.mapper().getNodeFactory().textNode(response.body());
    }
    return new Reply(response.statusCode(), json, response);
  }

  Reply get(String path) throws IOException, InterruptedException {
    return send("GET", path, null, null, Map.of());
  }

  Reply postJson(String path, String body) throws IOException, InterruptedException {
    return send("POST", path, "application/json", body, Map.of());
  }

  String createSeedTask() throws IOException, InterruptedException {
    Reply created =
        postJson(
            "/tasks",
            """
            {"task": "Prepare an executive update for Atlas Checkout migration and include risks.",
             "context": {"project": "Atlas Checkout", "priority": "high"}}
            """);
    if (created.status() != 201) {
      throw new AssertionError("create answered " + created.status() + ": " + created.json());
    }
    return created.json().get("task_id").asText();
  }

  /** Polls the task until its status is not running (or queued), up to {@code max}. */
  JsonNode awaitFinished(String taskId, Duration max) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(max);
    while (true) {
      JsonNode task = get("/tasks/" + taskId).json();
      String status = task.get("status").asText();
      if (status.equals("succeeded") || status.equals("failed")) {
        return task;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("task " + taskId + " still " + status + " after " + max);
      }
      Thread.sleep(20);
    }
  }
}
