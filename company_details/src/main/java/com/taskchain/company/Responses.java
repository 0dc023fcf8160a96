package com.taskchain.company;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * JSON answers of the mock systems, in the product's error shape: {@code {"error", "message",
 * "field"}}.
 */
final class Responses {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Responses() {}

  /** True for GET and HEAD; otherwise answers 405 with {@code Allow: GET} and returns false. */
  static boolean requireGet(HttpRequest request, HttpResponse response) throws IOException {
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    if (method.equals("GET") || method.equals("HEAD")) {
      return true;
    }
    response.appendHeader("Allow", "GET");
    error(
        response, 405, "method_not_allowed", "method " + method + " is not allowed; use GET", null);
    return false;
  }

  static void json(HttpResponse response, int status, Object body) throws IOException {
    response.setStatusCode(status);
    response.setContentType("application/json; charset=utf-8");
    try (Writer writer = response.getWriter()) {
      writer.write(MAPPER.writeValueAsString(body));
    }
  }

  static void badParameter(HttpResponse response, BadParameterException e) throws IOException {
    error(response, 400, "invalid_parameter", e.getMessage(), e.parameter());
  }

  static void error(HttpResponse response, int status, String code, String message, String field)
      throws IOException {
    ObjectNode body = MAPPER.createObjectNode().put("error", code).put("message", message);
    if (field != null) {
      body.put("field", field);
    }
    json(response, status, body);
  }
}
