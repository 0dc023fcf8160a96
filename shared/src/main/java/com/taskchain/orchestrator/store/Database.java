package com.taskchain.orchestrator.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The connection pool, made once per configuration and only on first use: HikariCP connects when
 * the pool is built, so a function that never touches the database never pays for it. Thread-safe.
 */
public final class Database {
  private static final Map<DatabaseConfig, HikariDataSource> POOLS = new ConcurrentHashMap<>();

  private Database() {}

  /** The shared pool for this configuration, created on first call. */
  public static DataSource pool(DatabaseConfig config) {
    return POOLS.computeIfAbsent(config, Database::create);
  }

  private static HikariDataSource create(DatabaseConfig config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("taskchain");
    hikari.setJdbcUrl(config.jdbcUrl());
    if (!config.user().isEmpty()) {
      hikari.setUsername(config.user());
    }
    if (!config.password().isEmpty()) {
      hikari.setPassword(config.password());
    }
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
    hikari.setIdleTimeout(Duration.ofMinutes(5).toMillis());
    hikari.setMaxLifetime(Duration.ofMinutes(30).toMillis());
    // Fail on first use rather than at construction, so a cold start is not blocked by a slow
    // database.
    hikari.setInitializationFailTimeout(-1);
    return new HikariDataSource(hikari);
  }

  /** Closes every pool (local runner shutdown and tests). */
  public static void closeAll() {
    POOLS.values().forEach(HikariDataSource::close);
    POOLS.clear();
  }
}
