package com.taskchain.orchestrator.local.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
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
  public static final String MIGRATIONS_DIR_ENV = "ORCHESTRATOR_MIGRATIONS_DIR";

  private static final Pattern PARENT_BLOCK = Pattern.compile("(?s)<parent>.*?</parent>");
  private static final String ROOT_ARTIFACT = "<artifactId>taskchain-parent</artifactId>";

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
    String override = env.get(MIGRATIONS_DIR_ENV);
    if (override != null && !override.isBlank()) {
      Path dir = Path.of(override.trim()).toAbsolutePath().normalize();
      if (!Files.isDirectory(dir)) {
        throw new IllegalStateException(
            MIGRATIONS_DIR_ENV + " names " + dir + ", which is not a directory");
      }
      return dir;
    }
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("migrations"))
          && isRepositoryRoot(dir.resolve("pom.xml"))) {
        return dir.resolve("migrations");
      }
    }
    throw new IllegalStateException(
        "no migrations/ folder beside the taskchain-parent pom.xml above "
            + start.toAbsolutePath()
            + "; set "
            + MIGRATIONS_DIR_ENV);
  }

  private static boolean isRepositoryRoot(Path pom) {
    if (!Files.isRegularFile(pom)) {
      return false;
    }
    try {
      // A module's pom names taskchain-parent inside <parent>; only the root pom is
      // taskchain-parent.
      String own =
          PARENT_BLOCK.matcher(Files.readString(pom, StandardCharsets.UTF_8)).replaceAll("");
      return own.contains(ROOT_ARTIFACT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pom, e);
    }
  }
}
