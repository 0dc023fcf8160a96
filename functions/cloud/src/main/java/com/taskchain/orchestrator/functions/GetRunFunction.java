package com.taskchain.orchestrator.functions;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.taskchain.orchestrator.task.RunView;
import com.taskchain.orchestrator.task.TaskService;
import com.taskchain.orchestrator.wiring.Components;
import java.io.IOException;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code GET /tasks/{task_id}/runs/{run_id}} → one run with its artifacts ({@code plan_json,
 * result_json, verification_json}), status, failure reason and the events of its timeline: how the
 * console shows an earlier run, since the task document carries only the current run's artifacts.
 * Unknown task or run → 404; malformed id → 400 naming it.
 */
public final class GetRunFunction implements HttpFunction {
  private final Supplier<TaskService> tasks;

  public GetRunFunction() {
    this(Components::tasks);
  }

  GetRunFunction(Supplier<TaskService> tasks) {
    this.tasks = tasks;
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    Http.serve(
        request,
        response,
        () -> {
          Http.requireMethod(request, response, "GET");
          UUID taskId = Http.taskId(request);
          UUID runId = Http.uuidAfter(request, "runs", "run_id");
          RunView run =
              tasks
                  .get()
                  .getRun(taskId, runId)
                  .orElseThrow(
                      () ->
                          new HttpError(
                              404,
                              "not_found",
                              "task " + taskId + " has no run " + runId,
                              "run_id"));
          Http.json(response, 200, run);
        });
  }
}
