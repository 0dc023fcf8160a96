package com.taskchain.orchestrator.local.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
  private static final Path MODULE = Path.of(System.getProperty("user.dir"));

  @Test
  void locate_walksUpToTheRepositoryFolder() {
    Path found = Migrations.locateMigrationsDir(Map.of(), MODULE.resolve("src/main/java"));

    assertThat(found.getFileName()).hasToString("migrations");
    assertThat(found.resolveSibling("pom.xml")).exists();
    assertThat(found).isNotEqualTo(MODULE.resolve("migrations"));
  }

  @Test
  void locate_honoursTheEnvironment(@TempDir Path elsewhere) {
    Path found =
        Migrations.locateMigrationsDir(
            Map.of(Migrations.MIGRATIONS_DIR_ENV, elsewhere.toString()), MODULE);

    assertThat(found).isEqualTo(elsewhere.toAbsolutePath().normalize());
  }

  @Test
  void locate_outsideTheRepository_saysWhatToSet(@TempDir Path outside) throws IOException {
    // A module-like pom with taskchain-parent only as its parent is not the repository root.
    Files.createDirectories(outside.resolve("migrations"));
    Files.writeString(
        outside.resolve("pom.xml"),
        "<project><parent><artifactId>taskchain-parent</artifactId></parent>"
            + "<artifactId>taskchain-local</artifactId></project>");

    assertThatThrownBy(() -> Migrations.locateMigrationsDir(Map.of(), outside))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(Migrations.MIGRATIONS_DIR_ENV);
  }

  @Test
  void migrate_refusesAMissingFolder(@TempDir Path empty) {
    assertThatThrownBy(
            () ->
                Migrations.migrate(
                    "jdbc:postgresql://127.0.0.1:1/x", "u", "p", empty.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
