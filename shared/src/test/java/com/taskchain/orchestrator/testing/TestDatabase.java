package com.taskchain.orchestrator.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * One database of its own for a test class, cloned from the migrated template, so it starts with
 * the full schema and no rows. Obtain one from {@link PgHarness#newDatabase(String)} or by
 * declaring a parameter of this type under {@link PgExtension}.
 *
 * <p>Thread-safe. {@link #close()} is idempotent; after it, {@link #dataSource()} and {@link
 * #openConnection()} throw {@link IllegalStateException}.
 */
public final class TestDatabase implements AutoCloseable {
  /** Enough for the concurrency tests of the store (compare-and-set races, leases). */
  static final int POOL_SIZE = 8;

  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);

  /** Drops a database by name. */
  @FunctionalInterface
  interface Dropper {
    void drop(String name) throws SQLException;
  }

  private final String name;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final Dropper dropper;
  private HikariDataSource pool;
  private boolean closed;

  TestDatabase(String name, String jdbcUrl, String user, String password, Dropper dropper) {
    this.name = Objects.requireNonNull(name, "name");
    this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    this.user = Objects.requireNonNull(user, "user");
    this.password = Objects.requireNonNull(password, "password");
    this.dropper = Objects.requireNonNull(dropper, "dropper");
  }

  /** The database name, unique on the server. */
  public String name() {
    return name;
  }

  /** A URL without credentials: use it with {@link #user()} and {@link #password()}. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /**
   * A HikariCP pool of {@value #POOL_SIZE} connections to this database, created on first call and
   * the same afterwards; closed by {@link #close()}.
   *
   * @throws IllegalStateException when this database is closed
   */
  public synchronized DataSource dataSource() {
    requireOpen();
    if (pool == null) {
      HikariConfig config = new HikariConfig();
      config.setPoolName("test-" + name);
      config.setJdbcUrl(jdbcUrl);
      config.setUsername(user);
      config.setPassword(password);
      config.setMaximumPoolSize(POOL_SIZE);
      config.setMinimumIdle(1);
      config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
      pool = new HikariDataSource(config);
    }
    return pool;
  }

  /**
   * A new connection outside the pool, for a test that needs one of its own (a second session in a
   * race, or a session it will kill). The caller closes it.
   *
   * @throws IllegalStateException when this database is closed
   */
  public Connection openConnection() throws SQLException {
    synchronized (this) {
      requireOpen();
    }
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    return DriverManager.getConnection(jdbcUrl, properties);
  }

  /**
   * Closes the pool and drops the database, ending any session still connected to it.
   *
   * @throws IllegalStateException when the database cannot be dropped
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
    try {
      dropper.drop(name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop test database " + name, e);
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("test database " + name + " is closed");
    }
  }

  @Override
  public String toString() {
    return "TestDatabase[" + name + " at " + jdbcUrl + "]";
  }
}
