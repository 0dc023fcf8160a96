package com.taskchain.orchestrator.testing;

import com.taskchain.orchestrator.store.MigrationsDirectory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Real PostgreSQL for tests: one server per JVM, one migrated template database on it, and a fresh
 * clone of the template per caller.
 *
 * <p>The server is chosen once, on first use, and the choice is printed as one line: {@code
 * PGTEST_JDBC_URL} (with {@code PGTEST_USER} / {@code PGTEST_PASSWORD} when the URL carries no
 * credentials; the user needs CREATEDB) when set; otherwise a {@code postgres:17-alpine} container
 * when a Docker daemon answers within 5 s; otherwise embedded PostgreSQL 17 (zonky), which needs
 * nothing installed. The template is migrated with Flyway from the repository's {@code migrations/}
 * folder (or {@code ORCHESTRATOR_MIGRATIONS_DIR}), so tests run against exactly the schema a deploy
 * creates. The server is stopped at JVM exit; on an external server the template and any clone
 * still open are dropped instead.
 *
 * <p>Thread-safe: concurrent callers get distinct databases.
 */
public final class PgHarness {
  static final String USER_ENV = "PGTEST_USER";
  static final String PASSWORD_ENV = "PGTEST_PASSWORD";
  static final String IMAGE = "postgres:17-alpine";
  private static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);

  /**
   * PostgreSQL answers {@code 55006 object_in_use} when a session is connected to the template; it
   * already waits 5 s for such sessions to leave, so a few more attempts are ample.
   */
  private static final int CLONE_ATTEMPTS = 5;

  private static final Duration CLONE_RETRY_PAUSE = Duration.ofMillis(200);
  private static final int HINT_LENGTH = 24;

  /** Tells this JVM's databases apart from another JVM's on a shared external server. */
  private static final String JVM_TAG = randomTag();

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  /**
   * Serialises clones within this JVM. The template refuses connections, so no session can sit on
   * it; cloning one at a time also keeps each {@code CREATE DATABASE} short on two cores.
   */
  private static final Object CLONE_LOCK = new Object();

  private static final Map<String, TestDatabase> OPEN = new ConcurrentHashMap<>();

  private static Prepared prepared;

  /** Why preparing failed, so that later callers fail at once instead of trying again. */
  private static String failure;

  private PgHarness() {}

  /** A running server and how to reach it as a user that may create databases. */
  private record Server(String description, JdbcUrl adminUrl, String user, String password) {
    String jdbcUrl(String database) {
      return adminUrl.withDatabase(database).toString();
    }

    Connection connectAdmin() throws SQLException {
      return DriverManager.getConnection(adminUrl.toString(), credentials(user, password));
    }
  }

  private record Prepared(Server server, String template) {}

  /**
   * A new database cloned from the migrated template: the full schema, no rows. The first call in a
   * JVM starts the server and migrates the template (seconds); later calls clone (tens of
   * milliseconds). The caller closes the database.
   *
   * @param hint a few words saying what the database is for; it becomes part of the name
   * @throws IllegalStateException when no server can be started or the clone fails; once the server
   *     fails to start, every later call fails the same way without trying again
   */
  public static TestDatabase newDatabase(String hint) {
    Prepared ready = prepared();
    String name = databaseName(hint);
    try {
      clone(ready, name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not clone the template into " + name, e);
    }
    Server server = ready.server();
    TestDatabase database =
        new TestDatabase(
            name,
            server.jdbcUrl(name),
            server.user(),
            server.password(),
            dropped -> {
              OPEN.remove(dropped);
              drop(server, dropped);
            });
    OPEN.put(name, database);
    return database;
  }

  /** Which server this JVM uses, for test output; starts it if needed. */
  public static String serverDescription() {
    return prepared().server().description();
  }

  private static synchronized Prepared prepared() {
    if (prepared != null) {
      return prepared;
    }
    if (failure != null) {
      throw new IllegalStateException(
          "PostgreSQL for tests could not be prepared earlier in this JVM: " + failure);
    }
    try {
      prepared = prepare();
      return prepared;
    } catch (RuntimeException e) {
      failure = e.toString();
      throw e;
    }
  }

  private static Prepared prepare() {
    ServerChoice choice =
        ServerChoice.choose(
            System.getenv(),
            () ->
                ServerChoice.probe(
                    () -> DockerClientFactory.instance().isDockerAvailable(),
                    ServerChoice.DOCKER_PROBE_LIMIT));
    Server server;
    try {
      server = start(choice);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start PostgreSQL for tests: " + choice.why(), e);
    }
    System.out.println("[PgHarness] " + server.description() + ", because " + choice.why());

    String template = "taskchain_template_" + JVM_TAG;
    Path migrations =
        MigrationsDirectory.locate(System.getenv(), Path.of(System.getProperty("user.dir")));
    try {
      createTemplate(server, template, migrations);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the template database " + template, e);
    }
    if (choice instanceof ServerChoice.External) {
      // A shared server outlives this JVM: leave nothing behind on it.
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> dropEverything(server, template), "pg-harness-cleanup"));
    }
    return new Prepared(server, template);
  }

  private static Server start(ServerChoice choice) throws IOException {
    if (choice instanceof ServerChoice.External external) {
      return external(external.jdbcUrl(), System.getenv());
    }
    if (choice instanceof ServerChoice.Container) {
      return container();
    }
    return embedded();
  }

  private static Server external(String url, Map<String, String> env) {
    JdbcUrl parsed = JdbcUrl.parse(url);
    String user = parsed.parameter("user").orElseGet(() -> env.getOrDefault(USER_ENV, "postgres"));
    String password =
        parsed.parameter("password").orElseGet(() -> env.getOrDefault(PASSWORD_ENV, ""));
    JdbcUrl admin = parsed.withoutParameters("user", "password");
    if (admin.database().isEmpty()) {
      admin = admin.withDatabase("postgres");
    }
    return new Server("external PostgreSQL at " + admin.hosts(), admin, user, password);
  }

  private static Server container() {
    PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
    container.start();
    // Ryuk removes the container if this JVM dies; the hook stops it sooner on a normal exit.
    Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "pg-harness-container"));
    JdbcUrl url = JdbcUrl.parse(container.getJdbcUrl());
    return new Server(
        "PostgreSQL container " + IMAGE + " at " + url.hosts(),
        url,
        container.getUsername(),
        container.getPassword());
  }

  private static Server embedded() throws IOException {
    requireEmbeddedCanRun();
    try {
      return startEmbedded();
    } catch (PortTakenException e) {
      // Lost the race for a free port to another process; a second port is all but certain.
      return startEmbedded();
    }
  }

  private static Server startEmbedded() throws IOException {
    // Data directories live where zonky keeps its own: each start sweeps that folder for
    // directories whose JVM died more than 10 minutes ago, stops their server and deletes them,
    // so a killed test run does not leave a server behind for good.
    Path workingDirectory =
        Path.of(
            System.getProperty(
                "ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
    Path dataDirectory = workingDirectory.resolve("taskchain-test-" + UUID.randomUUID());
    Path log = Path.of(System.getProperty("user.dir"), "target", "pg-harness.log");
    Files.createDirectories(log.getParent());
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(true)
            // TCP on loopback only: a Unix socket in /tmp would collide with servers of other
            // builds on this machine that happen to pick the same port.
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("unix_socket_directories", "''")
            // Test data is thrown away: durability buys nothing and costs a fsync per commit.
            .setServerConfig("fsync", "off")
            .setServerConfig("full_page_writes", "off")
            .setLocaleConfig("locale", "C")
            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .setPGStartupWait(STARTUP_LIMIT)
            .start();
    String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    Server server =
        new Server(
            "embedded PostgreSQL 17 (zonky) at 127.0.0.1:" + postgres.getPort(),
            JdbcUrl.parse(url),
            "postgres",
            "");
    requireServesDirectory(server, dataDirectory, postgres);
    return server;
  }

  /** Another server answered on the port zonky chose. */
  private static final class PortTakenException extends IOException {
    private static final long serialVersionUID = 1L;

    PortTakenException(int port, Throwable cause) {
      super("another server answered on port " + port, cause);
    }
  }

  /**
   * Zonky picks a free port, then starts the server on it; if another server took the port in
   * between, zonky's readiness check would be answered by that other server. Asking the server for
   * its data directory tells the two apart.
   */
  private static void requireServesDirectory(
      Server server, Path dataDirectory, EmbeddedPostgres postgres) throws IOException {
    try (Connection connection = server.connectAdmin();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW data_directory")) {
      rows.next();
      if (Files.isSameFile(Path.of(rows.getString(1)), dataDirectory)) {
        return;
      }
    } catch (SQLException e) {
      // Zonky saw a server answer, yet ours refuses its own superuser: the answer came from
      // another server.
      postgres.close();
      throw new PortTakenException(postgres.getPort(), e);
    }
    postgres.close();
    throw new PortTakenException(postgres.getPort(), null);
  }

  /**
   * {@code initdb} and {@code postgres} refuse to run as root. Zonky then runs them through {@code
   * unshare -U}, in a user namespace where the process is not root (its files still belong to the
   * real root); this works only where unprivileged user namespaces are allowed.
   */
  private static void requireEmbeddedCanRun() {
    if (isRoot() && !LinuxUtils.isUnshareAvailable()) {
      throw new IllegalStateException(
          "embedded PostgreSQL cannot run as root here: `unshare -U` is not available. Run the"
              + " tests as a normal user, or point "
              + ServerChoice.JDBC_URL_ENV
              + " at a server");
    }
  }

  private static boolean isRoot() {
    try {
      Class<?> unix = Class.forName("com.sun.security.auth.module.UnixSystem");
      Object system = unix.getDeclaredConstructor().newInstance();
      return ((Number) unix.getMethod("getUid").invoke(system)).longValue() == 0;
    } catch (ClassNotFoundException
        | NoSuchMethodException
        | InstantiationException
        | IllegalAccessException
        | InvocationTargetException e) {
      // Not a Unix system: there is no root to worry about.
      return false;
    }
  }

  private static void createTemplate(Server server, String template, Path migrations)
      throws SQLException {
    try (Connection connection = server.connectAdmin();
        Statement statement = connection.createStatement()) {
      // template0 accepts no connections, so no other session can block this copy.
      statement.execute("CREATE DATABASE " + quote(template) + " TEMPLATE template0");
    }
    Flyway.configure()
        .dataSource(server.jdbcUrl(template), server.user(), server.password())
        .locations("filesystem:" + migrations.toAbsolutePath())
        .failOnMissingLocations(true)
        .validateMigrationNaming(true)
        .load()
        .migrate();
    try (Connection connection = server.connectAdmin();
        Statement statement = connection.createStatement()) {
      // PostgreSQL refuses to clone a database while any session is connected to it; once no
      // session may connect, a clone can only wait for Flyway's sessions to finish closing.
      statement.execute("ALTER DATABASE " + quote(template) + " ALLOW_CONNECTIONS false");
    }
  }

  private static void clone(Prepared ready, String name) throws SQLException {
    synchronized (CLONE_LOCK) {
      for (int attempt = 1; ; attempt++) {
        try (Connection connection = ready.server().connectAdmin();
            Statement statement = connection.createStatement()) {
          statement.execute(
              "CREATE DATABASE " + quote(name) + " TEMPLATE " + quote(ready.template()));
          return;
        } catch (SQLException e) {
          if (!"55006".equals(e.getSQLState()) || attempt == CLONE_ATTEMPTS) {
            throw e;
          }
        }
        pause(CLONE_RETRY_PAUSE);
      }
    }
  }

  private static void drop(Server server, String name) throws SQLException {
    try (Connection connection = server.connectAdmin();
        Statement statement = connection.createStatement()) {
      // FORCE ends the sessions a test left open instead of failing on them.
      statement.execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
    }
  }

  private static void dropEverything(Server server, String template) {
    for (TestDatabase database : OPEN.values()) {
      try {
        database.close();
      } catch (RuntimeException e) {
        System.err.println("[PgHarness] " + e.getMessage());
      }
    }
    try {
      drop(server, template);
    } catch (SQLException e) {
      System.err.println("[PgHarness] could not drop " + template + ": " + e.getMessage());
    }
  }

  static String databaseName(String hint) {
    String cleaned =
        Objects.requireNonNullElse(hint, "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "_")
            .replaceAll("^_+|_+$", "");
    if (cleaned.length() > HINT_LENGTH) {
      cleaned = cleaned.substring(0, HINT_LENGTH);
    }
    if (cleaned.isEmpty()) {
      cleaned = "db";
    }
    return "t_" + cleaned + "_" + JVM_TAG + "_" + SEQUENCE.incrementAndGet();
  }

  /** Names are built from [a-z0-9_] only; quoting still keeps them from being read as keywords. */
  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static Properties credentials(String user, String password) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    return properties;
  }

  private static String randomTag() {
    byte[] bytes = new byte[3];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
