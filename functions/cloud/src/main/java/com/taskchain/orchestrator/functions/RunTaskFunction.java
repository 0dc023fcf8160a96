package com.taskchain.orchestrator.functions;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.task.TaskService;
import com.taskchain.orchestrator.task.TaskService.RunResult;
import com.taskchain.orchestrator.task.TaskStatus;
import com.taskchain.orchestrator.task.TaskView;
import com.taskchain.orchestrator.wiring.Components;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code POST /tasks/{task_id}/run} → {@code 202 {"task_id", "run_id", "status": "running"}} and a
 * Cloud Task to the plan stage. {@code ?wait=N} (0–60 s) blocks until the run ends and answers 200
 * with the finished task, as the Python service's synchronous run did, or 202 with the task if it
 * is still running after N seconds. A running task → 409 naming its current run. The body, if any,
 * must be a JSON object (the Python service's clients send {@code {}}).
 */
public final class RunTaskFunction implements HttpFunction {
  private final Supplier<TaskService> tasks;

  public RunTaskFunction() {
    this(Components::tasks);
  }

  RunTaskFunction(Supplier<TaskService> tasks) {
    this.tasks = tasks;
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    Http.serve(
        request,
        response,
        () -> {
          Http.requireMethod(request, response, "POST");
          UUID id = Http.taskId(request);
          Duration wait = waitParameter(request);
          var body = Http.readJson(request, true);
          if (!body.isObject()) {
            throw new HttpError(400, "invalid_request", "request body must be a JSON object");
          }
          if (body.size() > 0) {
            String field = body.fieldNames().next();
            throw new HttpError(
                400,
                "invalid_request",
                "unknown field '" + field + "'; run takes no fields",
                field);
          }
          RunResult result = tasks.get().run(id);
          if (result instanceof RunResult.NotFound) {
            throw new HttpError(404, "not_found", "task " + id + " not found", "task_id");
          }
          if (result instanceof RunResult.AlreadyRunning running) {
            throw new HttpError(
                409,
                "already_running",
                "task " + id + " is already running as run " + running.currentRunId(),
                "task_id");
          }
          RunResult.Started started = (RunResult.Started) result;
          if (wait.isZero()) {
            Http.json(
                response,
                202,
                Json.object()
                    .put("task_id", id.toString())
                    .put("run_id", started.runId().toString())
                    .put("status", TaskStatus.RUNNING.wire()));
            return;
          }
          TaskView task = tasks.get().awaitRun(id, started.runId(), wait).orElseThrow();
          boolean finished =
              started.runId().equals(task.currentRunId()) && task.status() != TaskStatus.RUNNING;
          Http.json(response, finished ? 200 : 202, task);
        });
  }

  private static Duration waitParameter(HttpRequest request) throws HttpError {
    Optional<String> value = Http.queryParameter(request, "wait");
    if (value.isEmpty()) {
      return Duration.ZERO;
    }
    String raw = value.get();
    try {
      int seconds = Integer.parseInt(raw);
      if (seconds < 0 || seconds > TaskService.MAX_WAIT.toSeconds()) {
        throw new NumberFormatException();
      }
      return Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      throw new HttpError(
          400,
          "invalid_wait",
          "wait must be a whole number of seconds from 0 to "
              + TaskService.MAX_WAIT.toSeconds()
              + ", got '"
              + Http.abbreviate(raw)
              + "'",
          "wait");
    }
  }
}
