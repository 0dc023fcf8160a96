package com.taskchain.orchestrator.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.log.Log;
import com.taskchain.orchestrator.pipeline.Delivery;
import com.taskchain.orchestrator.pipeline.StageOutcome;
import com.taskchain.orchestrator.pipeline.StageRunner;
import com.taskchain.orchestrator.queue.QueueConfig;
import com.taskchain.orchestrator.queue.Stage;
import com.taskchain.orchestrator.queue.StageMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The shared body of the plan, execute and verify functions, which Cloud Tasks calls with {@code
 * {"task_id", "run_id"}}. Answers 2xx for every final outcome (written, duplicate, stale, run
 * failed) and 503 only when another delivery should follow. A malformed message from the queue is
 * acknowledged with 200 and logged, since retrying it cannot help; the same from anyone else is a
 * 400.
 */
final class StageDoor {
  private static final Log LOG = Log.get(StageDoor.class);

  private final Stage stage;
  private final Supplier<StageRunner> runner;
  private final Supplier<QueueConfig> queueConfig;

  StageDoor(Stage stage, Supplier<StageRunner> runner, Supplier<QueueConfig> queueConfig) {
    this.stage = stage;
    this.runner = runner;
    this.queueConfig = queueConfig;
  }

  void service(HttpRequest request, HttpResponse response) throws IOException {
    Http.serve(
        request,
        response,
        () -> {
          Http.requireMethod(request, response, "POST");
          boolean fromQueue = request.getFirstHeader("X-CloudTasks-TaskName").isPresent();
          QueueConfig config = queueConfig.get();
          checkCaller(request, config);
          StageMessage message;
          try {
            message = parse(Http.readJson(request, false));
          } catch (HttpError e) {
            if (!fromQueue) {
              throw e;
            }
            LOG.error("malformed stage message acknowledged", e, "stage", stage);
            Http.json(
                response,
                200,
                Json.object().put("outcome", "rejected").put("message", e.getMessage()));
            return;
          }
          int retryCount = headerInt(request, "X-CloudTasks-TaskRetryCount");
          Delivery delivery = new Delivery(retryCount, config.isLastAttempt(retryCount));
          StageOutcome outcome = runner.get().run(message, delivery);
          var body =
              Json.object()
                  .put("task_id", message.taskId().toString())
                  .put("run_id", message.runId().toString())
                  .put("stage", stage.wire())
                  .put("outcome", outcome.outcome());
          if (outcome.retry()) {
            response.appendHeader("Retry-After", "2");
          }
          Http.json(response, outcome.retry() ? 503 : 200, body);
        });
  }

  private StageMessage parse(JsonNode body) throws HttpError {
    if (!body.isObject()) {
      throw new HttpError(400, "invalid_request", "body must be a JSON object");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("task_id") && !name.equals("run_id")) {
        throw new HttpError(400, "invalid_request", "unknown field '" + name + "'", name);
      }
    }
    return new StageMessage(uuid(body, "task_id"), uuid(body, "run_id"), stage, 0);
  }

  private static UUID uuid(JsonNode body, String field) throws HttpError {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual()) {
      throw new HttpError(400, "invalid_request", field + " is required (a UUID string)", field);
    }
    try {
      return UUID.fromString(value.asText());
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, "invalid_request", field + " is not a UUID", field);
    }
  }

  private static int headerInt(HttpRequest request, String name) {
    try {
      return Math.max(0, Integer.parseInt(request.getFirstHeader(name).orElse("0").trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * When an invoker service account is configured, the OIDC token's {@code email} and {@code aud}
   * claims must match it and this stage's URL. Cloud Functions has already verified the token (and
   * strips its signature), so this checks who it was issued to, not its signature.
   */
  private void checkCaller(HttpRequest request, QueueConfig config) throws HttpError {
    Optional<String> account = config.invokerServiceAccount();
    if (account.isEmpty()) {
      return;
    }
    String authorization = request.getFirstHeader("Authorization").orElse("");
    if (!authorization.startsWith("Bearer ")) {
      throw new HttpError(401, "unauthenticated", "a Bearer OIDC token is required");
    }
    String[] parts = authorization.substring("Bearer ".length()).trim().split("\\.");
    JsonNode claims;
    try {
      claims =
          Json.mapper()
              .readTree(
                  new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      throw new HttpError(401, "unauthenticated", "the OIDC token cannot be read");
    }
    String email = claims.path("email").asText("");
    String audience = claims.path("aud").asText("");
    if (!email.equals(account.get()) || !audience.equals(config.stageUrl(stage).toString())) {
      throw new HttpError(403, "forbidden", "the token was not issued to the task invoker");
    }
  }
}
