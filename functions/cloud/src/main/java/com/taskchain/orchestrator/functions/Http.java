package com.taskchain.orchestrator.functions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.taskchain.orchestrator.config.ConfigException;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.log.Log;
import com.taskchain.orchestrator.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
      storeFailure(request, response, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response.appendHeader("Retry-After", "1");
      error(response, 503, "interrupted", "the request was interrupted; retry", null);
    } catch (RuntimeException e) {
      LOG.error("unexpected error", e, "path", request.getPath());
      error(response, 500, "internal_error", "internal error; it has been logged", null);
    }
  }

  /**
   * Only a database that cannot be reached (or is overloaded, or asks for a retry) is a 503; a
   * value the database refuses is the client's (400, the request validation should have caught it);
   * anything else is our defect (500).
   */
  private static void storeFailure(HttpRequest request, HttpResponse response, StoreException e)
      throws IOException {
    if (e.retriable()) {
      // An outage is logged once per request without a stack trace: it is not a defect.
      LOG.warn("database unavailable", "path", request.getPath(), "reason", e.getMessage());
      response.appendHeader("Retry-After", "5");
      error(response, 503, "database_unavailable", "the database is unavailable; retry", null);
    } else if (e.invalidValue()) {
      LOG.warn(
          "a value was refused by the database",
          "path",
          request.getPath(),
          "reason",
          e.getMessage());
      error(
          response, 400, "invalid_value", "the request holds a value that cannot be stored", null);
    } else {
      LOG.error("database error", e, "path", request.getPath());
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
    // Method names are case-sensitive (RFC 9110 9.1): "get" is not GET.
    String method = request.getMethod();
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
        "method "
            + abbreviate(method)
            + " is not allowed here; use "
            + String.join(" or ", methods));
  }

  /**
   * Reads a JSON body: 415 unless the media type is {@code application/json} (in UTF-8), 413 over
   * {@link #MAX_BODY_BYTES}, 400 when the body cannot be read to its end, is not UTF-8, or is not
   * well-formed JSON (a duplicate key included). An empty body reads as {@code {}} when {@code
   * emptyAllowed}.
   */
  static JsonNode readJson(HttpRequest request, boolean emptyAllowed)
      throws HttpError, IOException {
    byte[] body = readBody(request);
    if (body.length == 0 && emptyAllowed) {
      return Json.object();
    }
    requireJsonMediaType(request.getContentType().orElse(""));
    if (body.length == 0) {
      throw new HttpError(400, "invalid_json", "request body is empty; a JSON object is required");
    }
    String text = strictUtf8(body);
    try {
      return STRICT_JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new HttpError(
          400, "invalid_json", "request body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * The project's mapper, refusing an object with the same key twice instead of keeping the last.
   */
  private static final ObjectReader STRICT_JSON =
      Json.mapper().reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /**
   * Accepts {@code application/json} compared as a media type (type and subtype, case-insensitive,
   * parameters after {@code ;}), with no charset or UTF-8: JSON on the wire is UTF-8 (RFC 8259).
   */
  static void requireJsonMediaType(String header) throws HttpError {
    String[] parts = header.split(";", -1);
    String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
    boolean utf8 = true;
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
      if (parameter.startsWith("charset=")) {
        String charset = parameter.substring("charset=".length()).replace("\"", "").trim();
        utf8 = charset.equals("utf-8") || charset.equals("utf8");
      }
    }
    if (!mediaType.equals("application/json") || !utf8) {
      throw new HttpError(
          415,
          "unsupported_media_type",
          "Content-Type must be application/json (UTF-8)"
              + (header.isEmpty() ? " (none was sent)" : ", got " + abbreviate(header)));
    }
  }

  /** Decodes UTF-8, refusing malformed bytes, overlong forms and encoded surrogates. */
  private static String strictUtf8(byte[] body) throws HttpError {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(body);
    CharBuffer out = CharBuffer.allocate(body.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw new HttpError(
          400, "invalid_utf8", "request body is not valid UTF-8 (at byte " + in.position() + ")");
    }
    return out.flip().toString();
  }

  private static byte[] readBody(HttpRequest request) throws HttpError {
    Optional<Long> declared = Optional.of(request.getContentLength()).filter(length -> length >= 0);
    if (declared.isPresent() && declared.get() > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    } catch (IOException | UncheckedIOException e) {
      throw unreadable(e);
    } catch (RuntimeException e) {
      // The server's own parse errors of the body (bad chunked encoding) are unchecked.
      throw unreadable(e);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    return body;
  }

  private static HttpError unreadable(Exception e) {
    // A body cut short (fewer bytes than Content-Length) or a broken chunked encoding: the client's
    // fault, and the connection cannot carry another request.
    return new HttpError(
        400,
        "unreadable_body",
        "request body could not be read to its end: " + e.getClass().getSimpleName());
  }

  /**
   * The query parameters: 400 when the query cannot be decoded (bad percent-encoding, or bytes that
   * are not UTF-8).
   */
  static Map<String, List<String>> query(HttpRequest request) throws HttpError {
    try {
      return request.getQueryParameters();
    } catch (RuntimeException e) {
      throw new HttpError(
          400, "invalid_query", "the query string is not valid percent-encoded UTF-8");
    }
  }

  /** A query parameter given at most once; 400 naming it when repeated. */
  static Optional<String> queryParameter(HttpRequest request, String name) throws HttpError {
    List<String> values = query(request).getOrDefault(name, List.of());
    if (values.size() > 1) {
      throw new HttpError(
          400, "invalid_" + name, name + " may be given once, got " + values.size(), name);
    }
    return values.stream().findFirst();
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
    return canonicalUuid(raw, "task_id");
  }

  static String abbreviate(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }

  /**
   * The UUID in the path segment after {@code name} (e.g. the run id after {@code runs}): 400
   * naming {@code field} when it is missing or not a canonical UUID.
   */
  static UUID uuidAfter(HttpRequest request, String name, String field) throws HttpError {
    List<String> segments =
        Arrays.stream(request.getPath().split("/")).filter(s -> !s.isEmpty()).toList();
    int index = segments.indexOf(name);
    if (index < 0 || index + 1 >= segments.size()) {
      throw new HttpError(400, "missing_" + field, "the path must name a " + field, field);
    }
    return canonicalUuid(segments.get(index + 1), field);
  }

  private static UUID canonicalUuid(String raw, String field) throws HttpError {
    try {
      UUID id = UUID.fromString(raw);
      if (!id.toString().equalsIgnoreCase(raw)) {
        throw new IllegalArgumentException("not canonical");
      }
      return id;
    } catch (IllegalArgumentException e) {
      throw new HttpError(
          400, "invalid_" + field, field + " '" + abbreviate(raw) + "' is not a UUID", field);
    }
  }

  /** Writes a JSON answer. */
  static void json(HttpResponse response, int status, Object body) throws IOException {
    response.setStatusCode(status);
    response.setContentType("application/json; charset=utf-8");
    response.appendHeader("X-Content-Type-Options", "nosniff");
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
