package com.taskchain.orchestrator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.local.emulator.EmulatedTask.Attempt;
import com.taskchain.orchestrator.local.emulator.EmulatedTask.Oidc;
import com.taskchain.orchestrator.local.emulator.EmulatedTask.TargetMethod;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Cloud Tasks v2 REST shapes, as protobuf's JsonFormat writes and reads them: lowerCamel field
 * names (proto names also accepted), enums as names or numbers, RFC 3339 timestamps, durations as
 * {@code "600s"}, bytes as base64.
 */
final class TaskJson {
  static final Duration DEFAULT_DISPATCH_DEADLINE = Duration.ofMinutes(10);
  static final Duration MIN_DISPATCH_DEADLINE = Duration.ofSeconds(15);
  static final Duration MAX_DISPATCH_DEADLINE = Duration.ofMinutes(30);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_-]{1,500}");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(?:\\.(\\d{1,9}))?s");

  // Output-only fields a client may echo back; Cloud Tasks ignores them on create.
  private static final Set<String> TASK_FIELDS =
      Set.of(
          "name",
          "httpRequest",
          "http_request",
          "scheduleTime",
          "schedule_time",
          "dispatchDeadline",
          "dispatch_deadline",
          "createTime",
          "create_time",
          "dispatchCount",
          "dispatch_count",
          "responseCount",
          "response_count",
          "firstAttempt",
          "first_attempt",
          "lastAttempt",
          "last_attempt",
          "view");
  private static final Set<String> HTTP_REQUEST_FIELDS =
      Set.of(
          "url",
          "httpMethod",
          "http_method",
          "headers",
          "body",
          "oidcToken",
          "oidc_token",
          "oauthToken",
          "oauth_token");
  private static final Set<String> CREATE_REQUEST_FIELDS =
      Set.of("task", "responseView", "response_view");

  private TaskJson() {}

  /** Which fields a returned task carries; BASIC leaves out the body. */
  enum View {
    BASIC(1),
    FULL(2);

    private final int number;

    View(int number) {
      this.number = number;
    }

    /** Reads a {@code responseView} given as a name or a number; unspecified means BASIC. */
    static View parse(String raw) throws ApiError {
      if (raw == null || raw.isEmpty()) {
        return BASIC;
      }
      return switch (raw) {
        case "0", "VIEW_UNSPECIFIED", "1", "BASIC" -> BASIC;
        case "2", "FULL" -> FULL;
        default -> throw ApiError.invalid("unknown responseView: " + raw);
      };
    }
  }

  /** Reads a CreateTaskRequest body into a task for the queue. */
  static EmulatedTask parseCreate(
      String queuePath, JsonNode request, Instant now, Supplier<String> newTaskId) throws ApiError {
    if (!request.isObject()) {
      throw ApiError.invalid("the request body must be a JSON object");
    }
    checkFields(request, CREATE_REQUEST_FIELDS, "CreateTaskRequest");
    JsonNode task = field(request, "task");
    if (!task.isObject()) {
      throw ApiError.invalid("task is required");
    }
    if (task.has("appEngineHttpRequest") || task.has("app_engine_http_request")) {
      throw ApiError.invalid("the emulator supports HTTP targets only, not appEngineHttpRequest");
    }
    checkFields(task, TASK_FIELDS, "Task");

    String taskId = taskId(queuePath, text(field(task, "name"), "task.name"), newTaskId);

    JsonNode http = field(task, "httpRequest");
    if (!http.isObject()) {
      throw ApiError.invalid("task.httpRequest is required");
    }
    checkFields(http, HTTP_REQUEST_FIELDS, "HttpRequest");
    String rawUrl = text(field(http, "url"), "httpRequest.url");
    if (rawUrl == null) {
      throw ApiError.invalid("httpRequest.url is required");
    }
    URI url = LoopbackUrls.parse(rawUrl);
    TargetMethod method = method(field(http, "httpMethod"));
    Map<String, String> headers = headers(field(http, "headers"));
    byte[] body = bytes(field(http, "body"), "httpRequest.body");
    if (body.length > 0 && !method.allowsBody()) {
      throw ApiError.invalid("httpRequest.body is only allowed with POST, PUT or PATCH");
    }
    if (!field(http, "oauthToken").isMissingNode()) {
      throw ApiError.invalid("the emulator supports oidcToken only, not oauthToken");
    }
    Optional<Oidc> oidc = oidc(field(http, "oidcToken"));

    String rawSchedule = text(field(task, "scheduleTime"), "task.scheduleTime");
    // Cloud Tasks keeps microseconds; a time in the past means now.
    Instant scheduleTime =
        rawSchedule == null ? now : parseTimestamp(rawSchedule).truncatedTo(ChronoUnit.MICROS);
    String rawDeadline = text(field(task, "dispatchDeadline"), "task.dispatchDeadline");
    Duration deadline =
        rawDeadline == null ? DEFAULT_DISPATCH_DEADLINE : parseDuration(rawDeadline);
    if (deadline.compareTo(MIN_DISPATCH_DEADLINE) < 0
        || deadline.compareTo(MAX_DISPATCH_DEADLINE) > 0) {
      throw ApiError.invalid(
          "task.dispatchDeadline must be between 15s and 1800s for HTTP targets, got "
              + rawDeadline);
    }
    return new EmulatedTask(
        queuePath,
        taskId,
        url,
        method,
        headers,
        body,
        oidc,
        now.truncatedTo(ChronoUnit.MICROS),
        scheduleTime,
        deadline);
  }

  /** The view of a CreateTaskRequest body. */
  static View responseView(JsonNode request) throws ApiError {
    JsonNode view = field(request, "responseView");
    return view.isMissingNode() || view.isNull() ? View.BASIC : View.parse(view.asText());
  }

  /** A task as GetTask returns it. Call under the store's monitor. */
  static ObjectNode render(EmulatedTask task, View view, boolean numericEnums) {
    ObjectNode out = NODES.objectNode();
    out.put("name", task.name);
    ObjectNode http = out.putObject("httpRequest");
    http.put("url", task.url.toString());
    if (numericEnums) {
      http.put("httpMethod", task.method.number());
    } else {
      http.put("httpMethod", task.method.name());
    }
    if (!task.headers.isEmpty()) {
      ObjectNode headers = http.putObject("headers");
      task.headers.forEach(headers::put);
    }
    byte[] body = task.body();
    if (view == View.FULL && body.length > 0) {
      http.put("body", Base64.getEncoder().encodeToString(body));
    }
    task.oidc.ifPresent(
        oidc -> {
          ObjectNode token = http.putObject("oidcToken");
          token.put("serviceAccountEmail", oidc.serviceAccountEmail());
          if (!oidc.audience().isEmpty()) {
            token.put("audience", oidc.audience());
          }
        });
    out.put("scheduleTime", timestamp(task.scheduleTime));
    out.put("createTime", timestamp(task.createTime));
    out.put("dispatchDeadline", duration(task.dispatchDeadline));
    // JsonFormat leaves out zero values.
    if (task.dispatchCount > 0) {
      out.put("dispatchCount", task.dispatchCount);
    }
    if (task.responseCount > 0) {
      out.put("responseCount", task.responseCount);
    }
    if (task.firstAttempt != null) {
      out.set("firstAttempt", attempt(task.firstAttempt));
    }
    if (task.lastAttempt != null) {
      out.set("lastAttempt", attempt(task.lastAttempt));
    }
    if (numericEnums) {
      out.put("view", view.number);
    } else {
      out.put("view", view.name());
    }
    return out;
  }

  /** A Google JSON error body. */
  static ObjectNode error(RpcCode code, String message) {
    ObjectNode out = NODES.objectNode();
    ObjectNode error = out.putObject("error");
    error.put("code", code.httpStatus());
    error.put("message", message);
    error.put("status", code.name());
    return out;
  }

  static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  static Instant parseTimestamp(String raw) throws ApiError {
    try {
      return OffsetDateTime.parse(raw, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.invalid("not an RFC 3339 timestamp: " + raw);
    }
  }

  static String duration(Duration duration) {
    long seconds = duration.getSeconds();
    int nanos = duration.getNano();
    if (nanos == 0) {
      return seconds + "s";
    }
    return BigDecimal.valueOf(seconds)
            .add(BigDecimal.valueOf(nanos, 9))
            .stripTrailingZeros()
            .toPlainString()
        + "s";
  }

  static Duration parseDuration(String raw) throws ApiError {
    Matcher matcher = DURATION.matcher(raw);
    if (!matcher.matches()) {
      throw ApiError.invalid("not a duration such as \"600s\": " + raw);
    }
    long seconds = Long.parseLong(matcher.group(1));
    String fraction = matcher.group(2) == null ? "" : matcher.group(2);
    long nanos = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00000000").substring(0, 9));
    return Duration.ofSeconds(seconds, nanos);
  }

  private static ObjectNode attempt(Attempt attempt) {
    ObjectNode out = NODES.objectNode();
    out.put("scheduleTime", timestamp(attempt.scheduleTime()));
    out.put("dispatchTime", timestamp(attempt.dispatchTime()));
    if (attempt.responseTime() != null) {
      out.put("responseTime", timestamp(attempt.responseTime()));
    }
    if (attempt.status() != null) {
      ObjectNode status = out.putObject("responseStatus");
      if (attempt.status() != RpcCode.OK) {
        status.put("code", attempt.status().number());
      }
      if (attempt.message() != null && !attempt.message().isEmpty()) {
        status.put("message", attempt.message());
      }
    }
    return out;
  }

  private static String taskId(String queuePath, String name, Supplier<String> newTaskId)
      throws ApiError {
    if (name == null || name.isEmpty()) {
      return newTaskId.get();
    }
    String prefix = queuePath + "/tasks/";
    if (!name.startsWith(prefix)) {
      throw ApiError.invalid("task.name must be in the queue " + queuePath + ": " + name);
    }
    String id = name.substring(prefix.length());
    if (!TASK_ID.matcher(id).matches()) {
      throw ApiError.invalid(
          "a task id is 1-500 letters, digits, hyphens or underscores, got: " + id);
    }
    return id;
  }

  private static TargetMethod method(JsonNode node) throws ApiError {
    if (node.isMissingNode() || node.isNull()) {
      return TargetMethod.POST;
    }
    Optional<TargetMethod> method =
        node.isInt()
            ? TargetMethod.fromNumber(node.asInt())
            : node.isTextual() ? TargetMethod.fromName(node.asText()) : Optional.empty();
    return method.orElseThrow(() -> ApiError.invalid("unknown httpRequest.httpMethod: " + node));
  }

  private static Map<String, String> headers(JsonNode node) throws ApiError {
    Map<String, String> headers = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return headers;
    }
    if (!node.isObject()) {
      throw ApiError.invalid("httpRequest.headers must be an object of strings");
    }
    for (Map.Entry<String, JsonNode> header : node.properties()) {
      if (!header.getValue().isTextual()) {
        throw ApiError.invalid("httpRequest.headers." + header.getKey() + " must be a string");
      }
      headers.put(header.getKey(), header.getValue().asText());
    }
    return headers;
  }

  private static byte[] bytes(JsonNode node, String what) throws ApiError {
    String raw = text(node, what);
    if (raw == null || raw.isEmpty()) {
      return new byte[0];
    }
    try {
      return Base64.getDecoder().decode(raw);
    } catch (IllegalArgumentException notStandard) {
      try {
        // JsonFormat also accepts the URL-safe alphabet.
        return Base64.getUrlDecoder().decode(raw);
      } catch (IllegalArgumentException e) {
        throw ApiError.invalid(what + " must be base64");
      }
    }
  }

  private static Optional<Oidc> oidc(JsonNode node) throws ApiError {
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      throw ApiError.invalid("httpRequest.oidcToken must be an object");
    }
    String email = text(field(node, "serviceAccountEmail"), "oidcToken.serviceAccountEmail");
    if (email == null || email.isEmpty()) {
      throw ApiError.invalid("oidcToken.serviceAccountEmail is required");
    }
    String audience = text(field(node, "audience"), "oidcToken.audience");
    return Optional.of(new Oidc(email, audience == null ? "" : audience));
  }

  private static void checkFields(JsonNode node, Set<String> known, String message)
      throws ApiError {
    for (Map.Entry<String, JsonNode> property : node.properties()) {
      String name = property.getKey();
      if (!known.contains(name)) {
        throw ApiError.invalid("unknown field \"" + name + "\" in " + message);
      }
    }
  }

  /** A field by its JSON name or, failing that, its proto name. */
  private static JsonNode field(JsonNode node, String jsonName) {
    JsonNode value = node.path(jsonName);
    if (!value.isMissingNode()) {
      return value;
    }
    StringBuilder protoName = new StringBuilder();
    for (int i = 0; i < jsonName.length(); i++) {
      char c = jsonName.charAt(i);
      if (Character.isUpperCase(c)) {
        protoName.append('_').append(Character.toLowerCase(c));
      } else {
        protoName.append(c);
      }
    }
    return node.path(protoName.toString());
  }

  private static String text(JsonNode node, String what) throws ApiError {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ApiError.invalid(what + " must be a string");
    }
    return node.asText();
  }
}
