package com.taskchain.orchestrator.local.db;

import com.taskchain.orchestrator.store.MigrationsDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the repository's Flyway migrations ({@code migrations/V*__*.sql}). Run at local start and
 * at deploy, never on a function's cold start (a migrate costs 0.3–0.8 s in a cold JVM).
 */
public final class Migrations {
  /** Names the migrations folder explicitly, instead of finding it above the working directory. */
  public static final String MIGRATIONS_DIR_ENV = MigrationsDirectory.ENV;

  private Migrations() {}

  /**
   * Applies the migrations of {@code migrationsDir} that the database has not had yet. Idempotent:
   * a second call applies nothing. Concurrent callers are safe: Flyway takes a lock in the
   * database, so one applies and the other finds the schema current.
   *
   * <p>Flyway opens its own connections from the URL (a pool of one connection makes it hang; see
   * STACK.md) and closes them before returning.
   *
   * @param migrationsDir a folder of {@code V<version>__<description>.sql} files
   * @throws IllegalArgumentException when {@code migrationsDir} is not a directory
   * @throws org.flywaydb.core.api.FlywayException when the database cannot be reached, a migration
   *     fails (its transaction is rolled back), or an applied migration's file was changed since
   */
  public static MigrationReport migrate(
      String jdbcUrl, String user, String password, Path migrationsDir) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(migrationsDir, "migrationsDir");
    if (!Files.isDirectory(migrationsDir)) {
      throw new IllegalArgumentException("migrationsDir: not a directory: " + migrationsDir);
    }
    Flyway flyway =
        Flyway.configure()
            .dataSource(jdbcUrl, user, password)
            .locations("filesystem:" + migrationsDir.toAbsolutePath().normalize())
            .failOnMissingLocations(true)
            .validateMigrationNaming(true)
            .load();
    MigrateResult result = flyway.migrate();
    List<MigrationReport.AppliedMigration> applied =
        result.migrations.stream().map(Migrations::applied).toList();
    MigrationInfo current = flyway.info().current();
    String version =
        current == null || current.getVersion() == null ? "" : current.getVersion().getVersion();
    return new MigrationReport(applied, version);
  }

  private static MigrationReport.AppliedMigration applied(MigrateOutput output) {
    Path file = Path.of(output.filepath).getFileName();
    return new MigrationReport.AppliedMigration(
        output.version,
        output.description,
        file == null ? output.filepath : file.toString(),
        Duration.ofMillis(output.executionTime));
  }

  /**
   * The migrations folder: {@value #MIGRATIONS_DIR_ENV} when set, otherwise the {@code migrations/}
   * folder of the repository, found by walking up from the working directory to the directory that
   * holds it beside the {@code taskchain-parent} {@code pom.xml}.
   *
   * @throws IllegalStateException when there is none
   */
  public static Path locateMigrationsDir() {
    return locateMigrationsDir(System.getenv(), Path.of(System.getProperty("user.dir")));
  }

  static Path locateMigrationsDir(Map<String, String> env, Path start) {
    return MigrationsDirectory.locate(env, start);
  }
}
