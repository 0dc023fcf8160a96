package com.taskchain.orchestrator.testing;

import com.google.common.base.Splitter;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A PostgreSQL JDBC URL split into hosts, database and parameters, so that the harness can point
 * the same server address at another database. Only the {@code jdbc:postgresql://} form is
 * understood; that is the form every source of a test server (an explicit URL, Testcontainers, the
 * embedded server) produces. Immutable.
 *
 * @param hosts the text between {@code //} and the path: {@code host[:port][,host[:port]…]}
 * @param database the database name, empty when the URL names none
 * @param parameters the query parameters, decoded, in their original order
 */
record JdbcUrl(String hosts, String database, Map<String, String> parameters) {
  private static final String PREFIX = "jdbc:postgresql://";
  private static final Splitter AMPERSAND = Splitter.on('&');

  JdbcUrl {
    Objects.requireNonNull(hosts, "hosts");
    Objects.requireNonNull(database, "database");
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /**
   * Parses a URL.
   *
   * @throws IllegalArgumentException when the URL is not of the form {@code
   *     jdbc:postgresql://host[:port]/[database][?parameters]}
   */
  static JdbcUrl parse(String url) {
    if (url == null || !url.startsWith(PREFIX) || url.length() == PREFIX.length()) {
      throw new IllegalArgumentException(
          "expected jdbc:postgresql://host[:port]/database[?parameters], got '" + url + "'");
    }
    String rest = url.substring(PREFIX.length());
    int query = rest.indexOf('?');
    String address = query < 0 ? rest : rest.substring(0, query);
    int slash = address.indexOf('/');
    String hosts = slash < 0 ? address : address.substring(0, slash);
    String database = slash < 0 ? "" : decode(address.substring(slash + 1));
    Map<String, String> parameters = new LinkedHashMap<>();
    if (query >= 0) {
      for (String pair : AMPERSAND.omitEmptyStrings().split(rest.substring(query + 1))) {
        int equals = pair.indexOf('=');
        String key = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        parameters.put(key, value);
      }
    }
    return new JdbcUrl(hosts, database, parameters);
  }

  Optional<String> parameter(String key) {
    return Optional.ofNullable(parameters.get(key));
  }

  JdbcUrl withDatabase(String name) {
    return new JdbcUrl(hosts, name, parameters);
  }

  JdbcUrl withoutParameters(String... keys) {
    Map<String, String> kept = new LinkedHashMap<>(parameters);
    for (String key : keys) {
      kept.remove(key);
    }
    return new JdbcUrl(hosts, database, kept);
  }

  @Override
  public String toString() {
    String query =
        parameters.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    return PREFIX + hosts + "/" + encode(database) + (query.isEmpty() ? "" : "?" + query);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
