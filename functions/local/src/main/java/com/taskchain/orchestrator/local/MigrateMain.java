package com.taskchain.orchestrator.local;

import com.taskchain.orchestrator.config.ConfigException;
import com.taskchain.orchestrator.local.db.Migrations;
import com.taskchain.orchestrator.store.DatabaseConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code make migrate}: applies {@code migrations/} to the configured database — {@code
 * ORCHESTRATOR_DATABASE_URL}, or Cloud SQL through the Java connector ({@code
 * ORCHESTRATOR_CLOUDSQL_INSTANCE}, {@code ORCHESTRATOR_DB_NAME}, {@code ORCHESTRATOR_DB_IAM_USER},
 * with application default credentials). Run at deploy time; functions never migrate on a cold
 * start.
 */
public final class MigrateMain {
  private MigrateMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
      System.out.println(
          "Usage: make migrate   (applies migrations/ to ORCHESTRATOR_DATABASE_URL, or to Cloud SQL via"
              + " ORCHESTRATOR_CLOUDSQL_INSTANCE + ORCHESTRATOR_DB_NAME + ORCHESTRATOR_DB_IAM_USER)");
      return;
    }
    Path root = Path.of("").toAbsolutePath();
    Map<String, String> env = new HashMap<>(DotEnv.read(root.resolve(".env")));
    env.putAll(System.getenv());
    DatabaseConfig config;
    try {
      config = DatabaseConfig.fromEnv(env);
    } catch (ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.out.println("migrating " + config);
    System.out.println(
        Migrations.migrate(
            config.jdbcUrl(), config.user(), config.password(), root.resolve("migrations")));
  }
}
