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
import java.util.Iterator;
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
          InvokerCheck.require(
              request, config.invokerServiceAccount(), () -> config.stageUrl(stage));
          StageMessage message;
          try {
            message = parse(Http.readJson(request, false));
          } catch (HttpError e) {
            // Logged once, without a stack trace: a malformed message is the sender's mistake.
            LOG.warn(
                fromQueue
                    ? "malformed stage message from the queue acknowledged"
                    : "malformed stage message refused",
                "stage",
                stage,
                "reason",
                e.getMessage());
            if (!fromQueue) {
              throw e;
            }
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
}
