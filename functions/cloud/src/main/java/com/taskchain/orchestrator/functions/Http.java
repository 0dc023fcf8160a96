package com.taskchain.orchestrator.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.taskchain.orchestrator.config.ConfigException;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.log.Log;
import com.taskchain.orchestrator.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * What every function door shares: method and content-type checks, a bounded JSON body, JSON
 * answers, and the mapping of failures to status codes. Bad input gets a 4xx naming the problem; a
 * failure of ours gets a JSON 5xx without a stack trace.
 */
final class Http {
  private static final Log LOG = Log.get(Http.class);

  /** Largest accepted request body. */
  static final int MAX_BODY_BYTES = 256 * 1024;

  /** How much of a refused body is read and dropped to keep the connection usable. */
  static final int DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;

  private Http() {}

  /** A handler that may refuse a request with an {@link HttpError}. */
  interface Handler {
    void handle() throws HttpError, IOException, InterruptedException;
  }

  /** Runs a handler, turning every failure into a JSON answer. */
  static void serve(HttpRequest request, HttpResponse response, Handler handler)
      throws IOException {
    try {
      handler.handle();
    } catch (HttpError e) {
      if (!discardBody(request)) {
        // The rest of the body is left unread, so the connection cannot be reused: say so to the
        // client.
        response.appendHeader("Connection", "close");
      }
      error(response, e.status, e.code, e.getMessage(), e.field);
    } catch (ConfigException e) {
      LOG.error("configuration error", e);
      error(response, 500, "configuration_error", e.getMessage(), null);
    } catch (StoreException e) {
      LOG.error("database unavailable", e);
      response.appendHeader("Retry-After", "5");
      error(response, 503, "database_unavailable", "the database is unavailable; retry", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error(response, 503, "interrupted", "the request was interrupted; retry", null);
    } catch (RuntimeException e) {
      LOG.error("unexpected error", e, "path", request.getPath());
      error(response, 500, "internal_error", "internal error; it has been logged", null);
    }
  }

  /**
   * Reads and drops what is left of a refused request's body, up to {@link #DRAIN_LIMIT_BYTES}, so
   * the connection can carry the client's next request: Jetty closes a connection whose request
   * body was left unread, and a client still sending a too-large body into a closed connection may
   * lose the answer. Returns false when the body could not be read to its end.
   */
  private static boolean discardBody(HttpRequest request) {
    try (InputStream in = request.getInputStream()) {
      long left = DRAIN_LIMIT_BYTES + 1L;
      byte[] buffer = new byte[8192];
      int n;
      while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
        left -= n;
      }
      return left > 0;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Refuses any method but the given ones with 405 and an {@code Allow} header. */
  static void requireMethod(HttpRequest request, HttpResponse response, String... methods)
      throws HttpError {
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    if (Arrays.asList(methods).contains(method)) {
      return;
    }
    if (method.equals("HEAD") && Arrays.asList(methods).contains("GET")) {
      return;
    }
    response.appendHeader("Allow", String.join(", ", methods));
    throw new HttpError(
        405,
        "method_not_allowed",
        "method " + method + " is not allowed here; use " + String.join(" or ", methods));
  }

  /**
   * Reads a JSON body: 415 unless the content type is JSON, 413 over {@link #MAX_BODY_BYTES}, 400
   * when it is not well-formed JSON. An empty body reads as {@code {}} when {@code emptyAllowed}.
   */
  static JsonNode readJson(HttpRequest request, boolean emptyAllowed)
      throws HttpError, IOException {
    byte[] body = readBody(request);
    if (body.length == 0 && emptyAllowed) {
      return Json.object();
    }
    String type = request.getContentType().orElse("");
    if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new HttpError(
          415,
          "unsupported_media_type",
          "Content-Type must be application/json"
              + (type.isEmpty() ? " (none was sent)" : ", got " + type));
    }
    if (body.length == 0) {
      throw new HttpError(400, "invalid_json", "request body is empty; a JSON object is required");
    }
    try {
      return Json.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new HttpError(
          400, "invalid_json", "request body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static byte[] readBody(HttpRequest request) throws HttpError, IOException {
    Optional<Long> declared = Optional.of(request.getContentLength()).filter(length -> length >= 0);
    if (declared.isPresent() && declared.get() > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw tooLarge();
      }
      return body;
    }
  }

  private static HttpError tooLarge() {
    return new HttpError(
        413, "payload_too_large", "request body is larger than " + MAX_BODY_BYTES + " bytes");
  }

  /**
   * The task id in the path: the segment after {@code tasks} ({@code /tasks/{id}}, {@code
   * /tasks/{id}/run}), or the first segment when the function is called at its own URL ({@code
   * /{id}}).
   */
  static UUID taskId(HttpRequest request) throws HttpError {
    List<String> segments =
        Arrays.stream(request.getPath().split("/")).filter(s -> !s.isEmpty()).toList();
    int index = segments.indexOf("tasks");
    String raw =
        index >= 0
            ? (index + 1 < segments.size() ? segments.get(index + 1) : null)
            : (segments.isEmpty() ? null : segments.get(0));
    if (raw == null || raw.equals("run")) {
      throw new HttpError(400, "missing_task_id", "the path must name a task id", "task_id");
    }
    try {
      UUID id = UUID.fromString(raw);
      if (!id.toString().equalsIgnoreCase(raw)) {
        throw new IllegalArgumentException("not canonical");
      }
      return id;
    } catch (IllegalArgumentException e) {
      throw new HttpError(
          400, "invalid_task_id", "task id '" + abbreviate(raw) + "' is not a UUID", "task_id");
    }
  }

  static String abbreviate(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }

  /** Writes a JSON answer. */
  static void json(HttpResponse response, int status, Object body) throws IOException {
    response.setStatusCode(status);
    response.setContentType("application/json; charset=utf-8");
    try (Writer writer = response.getWriter()) {
      writer.write(Json.write(body));
    }
  }

  /** Writes the JSON error shape: {@code {"error": code, "message": ..., "field": ...}}. */
  static void error(HttpResponse response, int status, String code, String message, String field)
      throws IOException {
    ObjectNode body = Json.object().put("error", code).put("message", message);
    if (field != null) {
      body.put("field", field);
    }
    json(response, status, body);
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
