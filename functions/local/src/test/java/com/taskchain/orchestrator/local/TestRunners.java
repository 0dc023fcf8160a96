package com.taskchain.orchestrator.local;

import com.taskchain.orchestrator.testing.TestDatabase;
import java.util.HashMap;
import java.util.Map;

/** Starts the local runner for a test: a free port, the test's own database, no periodic sweep. */
final class TestRunners {
  private TestRunners() {}

  static LocalRunner start(TestDatabase database) throws Exception {
    return start(database, Map.of());
  }

  /**
   * Starts a runner on the test database, with {@code extra} settings on top of the test defaults.
   */
  static LocalRunner start(TestDatabase database, Map<String, String> extra) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put(
        "ORCHESTRATOR_DATABASE_URL",
        database.jdbcUrl()
            + (database.jdbcUrl().contains("?") ? "&" : "?")
            + "user="
            + database.user()
            + "&password="
            + database.password());
    env.put("ORCHESTRATOR_LOCAL_SWEEP_S", "3600");
    env.putAll(extra);
    return LocalRunner.start(env, RepoRoot.find());
  }
}
