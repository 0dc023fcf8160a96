package com.taskchain.orchestrator.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the repository's {@code migrations/} folder. It is not on the classpath (Flyway reads it
 * from the file system, as the deploy step does), so it is found by walking up from the working
 * directory to the repository root: the directory holding {@code migrations/} and the parent {@code
 * pom.xml}. Used by the local runner, {@code make migrate} and the test harness; functions never
 * migrate.
 */
public final class MigrationsDirectory {
  public static final String ENV = "ORCHESTRATOR_MIGRATIONS_DIR";
  private static final Pattern PARENT_BLOCK = Pattern.compile("(?s)<parent>.*?</parent>");
  private static final String ROOT_ARTIFACT = "<artifactId>taskchain-parent</artifactId>";

  private MigrationsDirectory() {}

  /**
   * The migrations folder: {@code ORCHESTRATOR_MIGRATIONS_DIR} when set, otherwise found from
   * {@code start} upwards.
   *
   * @throws IllegalStateException when there is none
   */
  public static Path locate(Map<String, String> env, Path start) {
    String override = env.get(ENV);
    if (override != null && !override.isBlank()) {
      Path dir = Path.of(override.trim()).toAbsolutePath().normalize();
      if (!Files.isDirectory(dir)) {
        throw new IllegalStateException(ENV + " names " + dir + ", which is not a directory");
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
        "no migrations/ folder next to the taskchain-parent pom.xml above "
            + start.toAbsolutePath()
            + "; set "
            + ENV);
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
