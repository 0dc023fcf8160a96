package com.taskchain.company;

import com.google.cloud.functions.HttpRequest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link HttpRequest} without a body, built from a method and a raw query string. */
final class FakeRequest implements HttpRequest {
  private final String method;
  private final String query;
  private final Map<String, List<String>> parameters = new LinkedHashMap<>();

  private FakeRequest(String method, String query) {
    this.method = method;
    this.query = query;
    if (!query.isEmpty()) {
      for (String pair : query.split("&", -1)) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
    }
  }

  static FakeRequest get(String query) {
    return new FakeRequest("GET", query);
  }

  static FakeRequest method(String method, String query) {
    return new FakeRequest(method, query);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  @Override
  public String getMethod() {
    return method;
  }

  @Override
  public String getUri() {
    return "http://127.0.0.1/" + (query.isEmpty() ? "" : "?" + query);
  }

  @Override
  public String getPath() {
    return "/";
  }

  @Override
  public Optional<String> getQuery() {
    return query.isEmpty() ? Optional.empty() : Optional.of(query);
  }

  @Override
  public Map<String, List<String>> getQueryParameters() {
    return parameters;
  }

  @Override
  public Map<String, HttpPart> getParts() {
    return Map.of();
  }

  @Override
  public Optional<String> getContentType() {
    return Optional.empty();
  }

  @Override
  public long getContentLength() {
    return 0;
  }

  @Override
  public Optional<String> getCharacterEncoding() {
    return Optional.empty();
  }

  @Override
  public InputStream getInputStream() {
    return new ByteArrayInputStream(new byte[0]);
  }

  @Override
  public BufferedReader getReader() {
    return new BufferedReader(new StringReader(""));
  }

  @Override
  public Map<String, List<String>> getHeaders() {
    return Map.of();
  }
}
