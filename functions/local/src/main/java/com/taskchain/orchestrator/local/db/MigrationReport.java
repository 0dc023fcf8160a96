package com.taskchain.orchestrator.local.db;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link Migrations#migrate} call did.
 *
 * @param applied the migrations applied by this call, in order; empty when the schema was current
 * @param schemaVersion the schema's version afterwards, empty when the folder holds no migration
 */
public record MigrationReport(List<AppliedMigration> applied, String schemaVersion) {
  public MigrationReport {
    applied = List.copyOf(applied);
    Objects.requireNonNull(schemaVersion, "schemaVersion");
  }

  /** Whether the schema was already current. */
  public boolean upToDate() {
    return applied.isEmpty();
  }

  /**
   * One migration applied.
   *
   * @param version its version ({@code 1} for {@code V1__tasks_runs_events.sql})
   * @param description its description, from the file name
   * @param script the file name
   * @param took how long it ran
   */
  public record AppliedMigration(String version, String description, String script, Duration took) {
    public AppliedMigration {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(script, "script");
      Objects.requireNonNull(took, "took");
    }
  }
}
