package com.taskchain.orchestrator.local;

import com.google.cloud.functions.invoker.HttpFunctionExecutor;
import com.taskchain.orchestrator.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
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
  /** Where the API's OpenAPI document is served, as the cloud's gateway describes the same API. */
  static final String OPENAPI_PATH = "/openapi.yaml";

  private final Map<Class<?>, HttpFunctionExecutor> executors = new LinkedHashMap<>();
  private final Optional<String> openApi;

  /**
   * @param openApi the gateway's OpenAPI document with its backend addresses pointing here, if
   *     available
   */
  FunctionRouter(Optional<String> openApi) {
    this.openApi = openApi;
    for (Routes.Route route : Routes.ALL) {
      executors.computeIfAbsent(route.function(), HttpFunctionExecutor::forClass);
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    if (path.equals(OPENAPI_PATH) && openApi.isPresent()) {
      if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
        response.getHeaders().put(HttpHeader.ALLOW, "GET");
        return error(request, response, callback, 405, "method_not_allowed", "use GET for " + path);
      }
      response.setStatus(200);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/yaml; charset=utf-8");
      response.getHeaders().put("X-Content-Type-Options", "nosniff");
      response.write(true, StandardCharsets.UTF_8.encode(openApi.get()), callback);
      return true;
    }
    Routes.Match match = Routes.match(request.getMethod(), path);
    if (match instanceof Routes.Match.Found found) {
      return executors.get(found.route().function()).handle(request, response, callback);
    }
    if (match instanceof Routes.Match.MethodNotAllowed notAllowed) {
      // The functions answer 405 themselves; this is only for a path that several functions share,
      // where no one function knows every method the path takes.
      String allowed = String.join(", ", notAllowed.allowed());
      response.getHeaders().put(HttpHeader.ALLOW, allowed);
      return error(
          request,
          response,
          callback,
          405,
          "method_not_allowed",
          "method "
              + (request.getMethod().length() > 20
                  ? request.getMethod().substring(0, 20) + "…"
                  : request.getMethod())
              + " is not allowed here; use "
              + String.join(" or ", notAllowed.allowed()));
    }
    return error(request, response, callback, 404, "not_found", "no route for " + path);
  }

  private static boolean error(
      Request request,
      Response response,
      Callback callback,
      int status,
      String code,
      String message) {
    // Read the body the request may carry before answering. Jetty closes a connection whose request
    // content was left unread, and once the answer is committed it cannot say so in a header: a
    // keep-alive client would then send its next request on a dead connection.
    try {
      Content.Source.consumeAll(request);
    } catch (IOException | RuntimeException e) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    String body = Json.write(Json.object().put("error", code).put("message", message));
    response.write(true, StandardCharsets.UTF_8.encode(body), callback);
    return true;
  }
}
