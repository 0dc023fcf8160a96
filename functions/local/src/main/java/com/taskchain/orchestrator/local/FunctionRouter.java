package com.taskchain.orchestrator.local;

import com.google.cloud.functions.invoker.HttpFunctionExecutor;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One Jetty handler that hands each request to the Functions Framework's executor for its function,
 * so every function runs here exactly as the invoker runs it in the cloud (one instance per class,
 * made through its public no-arg constructor).
 */
final class FunctionRouter extends Handler.Abstract {
  private final Map<Class<?>, HttpFunctionExecutor> executors = new LinkedHashMap<>();

  FunctionRouter() {
    for (Routes.Route route : Routes.ALL) {
      executors.computeIfAbsent(route.function(), HttpFunctionExecutor::forClass);
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    Optional<Routes.Route> route = Routes.match(path);
    if (route.isEmpty()) {
      response.setStatus(404);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
      String body =
          "{\"error\":\"not_found\",\"message\":\"no route for "
              + path.replace("\\", "\\\\").replace("\"", "\\\"")
              + "\"}";
      response.write(true, StandardCharsets.UTF_8.encode(body), callback);
      return true;
    }
    return executors.get(route.get().function()).handle(request, response, callback);
  }
}
