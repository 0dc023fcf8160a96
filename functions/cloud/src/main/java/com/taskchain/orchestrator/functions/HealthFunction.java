package com.taskchain.orchestrator.functions;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.taskchain.orchestrator.json.Json;
import java.io.IOException;

/**
 * {@code GET /health} (and {@code /healthz}, {@code /live}) → {@code {"status":"ok"}}: liveness
 * only.
 */
public final class HealthFunction implements HttpFunction {
  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    Http.serve(
        request,
        response,
        () -> {
          Http.requireMethod(request, response, "GET");
          Http.json(response, 200, Json.object().put("status", "ok"));
        });
  }
}
