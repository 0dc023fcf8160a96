package com.taskchain.orchestrator.functions;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.taskchain.orchestrator.task.InvalidRequestException;
import com.taskchain.orchestrator.task.TaskListQuery;
import com.taskchain.orchestrator.task.TaskService;
import com.taskchain.orchestrator.wiring.Components;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * {@code GET /tasks?status=&limit=&before=} → {@code 200 {"tasks": [...], "next_cursor"}}: recent
 * tasks, newest first, {@code limit} (1–100, default 20) at a time. {@code before} is the previous
 * page's {@code next_cursor}; {@code next_cursor} is null on the last page. A bad parameter → 400
 * naming it.
 */
public final class ListTasksFunction implements HttpFunction {
  private final Supplier<TaskService> tasks;

  public ListTasksFunction() {
    this(Components::tasks);
  }

  ListTasksFunction(Supplier<TaskService> tasks) {
    this.tasks = tasks;
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    Http.serve(
        request,
        response,
        () -> {
          Http.requireMethod(request, response, "GET");
          TaskListQuery query;
          try {
            query =
                TaskListQuery.parse(
                    Http.queryParameter(request, "status"),
                    Http.queryParameter(request, "limit"),
                    Http.queryParameter(request, "before"));
          } catch (InvalidRequestException e) {
            throw new HttpError(400, "invalid_" + e.field(), e.getMessage(), e.field());
          }
          // A listing is out of date at once; a cached one would hide new tasks from the console.
          response.appendHeader("Cache-Control", "no-store");
          Http.json(response, 200, tasks.get().list(query));
        });
  }
}
