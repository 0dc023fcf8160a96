package com.taskchain.orchestrator.store;

import com.taskchain.orchestrator.config.ConfigException;
import com.taskchain.orchestrator.config.EnvReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach PostgreSQL. Either a URL ({@code ORCHESTRATOR_DATABASE_URL}, in libpq form {@code
 * postgresql://user:pass@host:port/db} as the seed used, or a {@code jdbc:postgresql:} URL), or
 * Cloud SQL through the Java connector with IAM database authentication ({@code
 * ORCHESTRATOR_CLOUDSQL_INSTANCE} = {@code project:region:instance}, {@code ORCHESTRATOR_DB_NAME},
 * {@code ORCHESTRATOR_DB_IAM_USER}). The password never appears in {@link #toString()}.
 *
 * @param jdbcUrl the JDBC URL (without credentials)
 * @param user the user, may be empty when the URL carries none
 * @param password the password, may be empty
 * @param cloudSqlInstance the Cloud SQL instance connection name, when connecting through the
 *     connector
 * @param poolSize the maximum pool size per function instance
 */
public record DatabaseConfig(
    String jdbcUrl, String user, String password, Optional<String> cloudSqlInstance, int poolSize) {

  public static final String URL = "ORCHESTRATOR_DATABASE_URL";
  public static final String CLOUDSQL_INSTANCE = "ORCHESTRATOR_CLOUDSQL_INSTANCE";
  public static final String DB_NAME = "ORCHESTRATOR_DB_NAME";
  public static final String DB_IAM_USER = "ORCHESTRATOR_DB_IAM_USER";
  public static final String POOL_SIZE = "ORCHESTRATOR_DB_POOL_SIZE";

  /**
   * Reads the configuration.
   *
   * @throws ConfigException when neither form is configured or a value is malformed
   */
  public static DatabaseConfig fromEnv(Map<String, String> env) {
    EnvReader reader = new EnvReader(env);
    int pool = reader.integer(POOL_SIZE, 4, 2, 50);
    Optional<String> instance = reader.optional(CLOUDSQL_INSTANCE);
    if (instance.isPresent()) {
      if (!instance.get().matches("[^:]+:[^:]+:[^:]+")) {
        throw new ConfigException(
            CLOUDSQL_INSTANCE + " must be project:region:instance, got '" + instance.get() + "'");
      }
      String db = reader.required(DB_NAME);
      String user = reader.required(DB_IAM_USER);
      // The connector's settings travel in the URL, so the pool and the migrator connect the same
      // way.
      String url =
          "jdbc:postgresql:///"
              + db
              + "?socketFactory=com.google.cloud.sql.postgres.SocketFactory"
              + "&cloudSqlInstance="
              + instance.get()
              + "&enableIamAuth=true&cloudSqlRefreshStrategy=lazy&sslmode=disable";
      return new DatabaseConfig(url, user, "iam", instance, pool);
    }
    String url =
        reader
            .optional(URL)
            .orElseThrow(
                () ->
                    new ConfigException(
                        URL
                            + " is required (postgresql://user:password@host:5432/db), or "
                            + CLOUDSQL_INSTANCE
                            + " with "
                            + DB_NAME
                            + " and "
                            + DB_IAM_USER));
    return parseUrl(url, pool);
  }

  static DatabaseConfig parseUrl(String url, int pool) {
    if (url.startsWith("jdbc:postgresql:")) {
      return new DatabaseConfig(url, "", "", Optional.empty(), pool);
    }
    if (!(url.startsWith("postgresql://") || url.startsWith("postgres://"))) {
      throw new ConfigException(
          URL + " must start with postgresql:// or jdbc:postgresql:, got '" + redact(url) + "'");
    }
    try {
      URI uri = new URI(url);
      if (uri.getHost() == null) {
        throw new ConfigException(URL + " has no host: '" + redact(url) + "'");
      }
      String user = "";
      String password = "";
      if (uri.getRawUserInfo() != null) {
        String[] parts = uri.getRawUserInfo().split(":", 2);
        user = decode(parts[0]);
        password = parts.length > 1 ? decode(parts[1]) : "";
      }
      int port = uri.getPort() > 0 ? uri.getPort() : 5432;
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      if (path.equals("/")) {
        throw new ConfigException(URL + " names no database: '" + redact(url) + "'");
      }
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + path + query;
      return new DatabaseConfig(jdbc, user, password, Optional.empty(), pool);
    } catch (URISyntaxException e) {
      throw new ConfigException(URL + " is not a valid URL: '" + redact(url) + "'");
    }
  }

  private static String decode(String raw) {
    return URLDecoder.decode(raw, StandardCharsets.UTF_8);
  }

  private static String redact(String url) {
    return url.replaceAll("://([^:@/]+):[^@/]*@", "://$1:***@");
  }

  @Override
  public String toString() {
    return "DatabaseConfig[jdbcUrl="
        + jdbcUrl
        + ", user="
        + user
        + ", password="
        + (password.isEmpty() ? "<none>" : "***")
        + ", cloudSqlInstance="
        + cloudSqlInstance.orElse("<none>")
        + ", poolSize="
        + poolSize
        + "]";
  }
}
