package com.taskchain.orchestrator.tool.company.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskchain.orchestrator.tool.ToolException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * One company system over HTTP: a GET with query parameters answering JSON. Failures say whether to
 * retry: the system down (connection refused or timed out), 429 and 5xx are {@link
 * ToolException.Retriable}; another 4xx (the system refused the question) and an unset URL are
 * {@link ToolException.Permanent}. The executor owns retries; this makes exactly one attempt.
 * Thread-safe.
 */
public final class CompanyHttp {
  /** How long to wait for a connection. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /**
   * How long to wait for an answer: below the executor's default per-attempt timeout (10 s), so a
   * slow system is reported as such rather than as an interrupted attempt.
   */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(8);

  private static final int MAX_ERROR_CHARS = 300;

  // Upstream answers are read leniently: a new field in a system's answer must not break the tool.
  private static final ObjectMapper READER = new ObjectMapper();

  private static final class Client {
    // One client per process: it pools connections and is thread-safe.
    static final HttpClient HTTP =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  private final String system;
  private final String variable;
  private final Optional<URI> url;

  /**
   * @param system the system's name in messages, e.g. {@code jira}
   * @param variable the variable that configures it, e.g. {@code COMPANY_JIRA_BASE_URL}
   * @param url the endpoint; empty when not configured
   */
  public CompanyHttp(String system, String variable, Optional<URI> url) {
    this.system = system;
    this.variable = variable;
    this.url = url;
  }

  /**
   * Asks the system.
   *
   * @param params query parameters; null values are left out
   * @return the parsed JSON answer of a 2xx
   * @throws ToolException.Retriable when the system is down, slow, busy or failing (5xx)
   * @throws ToolException.Permanent when not configured, or the system refuses the question (4xx)
   *     or answers something that is not JSON
   */
  public JsonNode get(Map<String, String> params) throws ToolException {
    URI endpoint =
        url.orElseThrow(
            () ->
                new ToolException.Permanent(
                    system + " is not configured: set " + variable + " to its URL"));
    URI uri = withQuery(endpoint, params);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response =
          Client.HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpConnectTimeoutException e) {
      throw new ToolException.Retriable(
          system + " did not accept a connection within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
    } catch (HttpTimeoutException e) {
      throw new ToolException.Retriable(
          system + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
    } catch (IOException e) {
      throw new ToolException.Retriable(
          system + " is unreachable at " + endpoint + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolException.Retriable(system + " call interrupted", e);
    }
    int status = response.statusCode();
    if (status == 429 || status >= 500) {
      throw new ToolException.Retriable(
          system + " answered " + status + ": " + errorMessage(response.body()));
    }
    if (status < 200 || status >= 300) {
      throw new ToolException.Permanent(
          system + " refused the request (" + status + "): " + errorMessage(response.body()));
    }
    try {
      return READER.readTree(response.body());
    } catch (IOException e) {
      throw new ToolException.Permanent(
          system + " answered " + status + " with a body that is not JSON", e);
    }
  }

  static URI withQuery(URI endpoint, Map<String, String> params) {
    StringJoiner query = new StringJoiner("&");
    params.forEach(
        (name, value) -> {
          if (value != null) {
            query.add(encode(name) + "=" + encode(value));
          }
        });
    if (query.length() == 0) {
      return endpoint;
    }
    String base = endpoint.toString();
    return URI.create(base + (base.contains("?") ? "&" : "?") + query);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The system's own message ({@code {"message": ..., "field": ...}}) or the start of the body. */
  private static String errorMessage(String body) {
    try {
      JsonNode json = READER.readTree(body);
      if (json != null && json.hasNonNull("message")) {
        String field = json.path("field").asText("");
        return abbreviate(json.get("message").asText())
            + (field.isEmpty() ? "" : " (parameter " + field + ")");
      }
    } catch (IOException e) {
      // Not JSON: quote the body instead.
    }
    return body == null || body.isBlank() ? "no body" : abbreviate(body.strip());
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + " " + message;
  }

  private static String abbreviate(String text) {
    return text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) + "…" : text;
  }
}
