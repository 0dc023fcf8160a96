package com.taskchain.orchestrator.functions;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.taskchain.orchestrator.task.TaskService;
import com.taskchain.orchestrator.task.TaskView;
import com.taskchain.orchestrator.wiring.Components;
import java.io.IOException;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code GET /tasks/{task_id}} → the task with its current artifacts, stage, run history and event
 * timeline. Unknown id → 404; malformed id → 400.
 */
public final class GetTaskFunction implements HttpFunction {
  private final Supplier<TaskService> tasks;

  public GetTaskFunction() {
    this(Components::tasks);
  }

  GetTaskFunction(Supplier<TaskService> tasks) {
    this.tasks = tasks;
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    Http.serve(
        request,
        response,
        () -> {
          Http.requireMethod(request, response, "GET");
          UUID id = Http.taskId(request);
          TaskView task =
              tasks
                  .get()
                  .get(id)
                  .orElseThrow(
                      () ->
                          new HttpError(404, "not_found", "task " + id + " not found", "task_id"));
          Http.json(response, 200, task);
        });
  }
}
