package com.taskchain.orchestrator.local.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * A local runner in miniature, run in a child JVM by {@link EmbeddedDatabaseTest} and killed there
 * with SIGKILL, so that its server is left running as a real killed run leaves it.
 *
 * <p>Arguments: the data directory and a note to store. Prints {@code READY} once the note is
 * committed, then waits to be killed.
 */
public final class LeftBehindServerMain {
  private LeftBehindServerMain() {}

  public static void main(String[] args) throws Exception {
    EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]));
    try (Connection connection = db.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS notes (body text NOT NULL)");
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notes VALUES (?)")) {
        insert.setString(1, args[1]);
        insert.executeUpdate();
      }
    }
    System.out.println("READY");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
