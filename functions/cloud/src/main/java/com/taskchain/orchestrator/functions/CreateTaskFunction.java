package com.taskchain.orchestrator.functions;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.store.TaskStore.CreateResult;
import com.taskchain.orchestrator.task.InvalidRequestException;
import com.taskchain.orchestrator.task.NewTask;
import com.taskchain.orchestrator.task.TaskRecord;
import com.taskchain.orchestrator.task.TaskService;
import com.taskchain.orchestrator.wiring.Components;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /tasks} {@code {"task": "...", "context": {...}}} → {@code 201 {"task_id", "status":
 * "queued"}}. An {@code Idempotency-Key} header makes a repeat return the first task ({@code
 * Idempotent-Replayed: true}); the same key with a different body is a 422.
 */
public final class CreateTaskFunction implements HttpFunction {
  private static final int MAX_KEY_LENGTH = 255;
  private final Supplier<TaskService> tasks;

  public CreateTaskFunction() {
    this(Components::tasks);
  }

  CreateTaskFunction(Supplier<TaskService> tasks) {
    this.tasks = tasks;
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    Http.serve(
        request,
        response,
        () -> {
          Http.requireMethod(request, response, "POST");
          NewTask task;
          try {
            task = NewTask.parse(Http.readJson(request, false));
          } catch (InvalidRequestException e) {
            throw new HttpError(400, "invalid_request", e.getMessage(), e.field());
          }
          Optional<String> key = idempotencyKey(request);
          CreateResult result = tasks.get().create(task, key);
          if (result instanceof CreateResult.KeyReused reused) {
            throw new HttpError(
                422,
                "idempotency_key_reused",
                "Idempotency-Key was used for task "
                    + reused.existingTaskId()
                    + " with a different request",
                "Idempotency-Key");
          }
          TaskRecord record =
              result instanceof CreateResult.Created created
                  ? created.task()
                  : ((CreateResult.Replayed) result).task();
          if (result instanceof CreateResult.Replayed) {
            response.appendHeader("Idempotent-Replayed", "true");
          }
          response.appendHeader("Location", "/tasks/" + record.taskId());
          Http.json(
              response,
              201,
              Json.object()
                  .put("task_id", record.taskId().toString())
                  .put("status", record.status().wire()));
        });
  }

  private static Optional<String> idempotencyKey(HttpRequest request) throws HttpError {
    Optional<String> key = request.getFirstHeader("Idempotency-Key").map(String::trim);
    if (key.isEmpty()) {
      return key;
    }
    String value = key.get();
    if (value.isEmpty()
        || value.length() > MAX_KEY_LENGTH
        || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
      throw new HttpError(
          400,
          "invalid_idempotency_key",
          "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters",
          "Idempotency-Key");
    }
    return key;
  }
}
