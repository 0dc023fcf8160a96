package com.taskchain.orchestrator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

class PgHarnessTest {
  /** The database each nested test class saw, by class. */
  private static final Map<String, String> DATABASE_BY_CLASS = new ConcurrentHashMap<>();

  @AfterAll
  static void eachTestClassHadADatabaseOfItsOwn() {
    assertThat(DATABASE_BY_CLASS.values()).doesNotHaveDuplicates();
  }

  @Test
  void newDatabase_hasTheMigratedSchema() throws SQLException {
    try (TestDatabase db = PgHarness.newDatabase("schema")) {
      assertThat(tables(db.dataSource())).contains("tasks", "runs", "task_events");
    }
  }

  @Test
  void twoDatabases_areIsolated() throws SQLException {
    try (TestDatabase first = PgHarness.newDatabase("first");
        TestDatabase second = PgHarness.newDatabase("second")) {
      insertTask(first.dataSource(), "only in first");

      assertThat(first.name()).isNotEqualTo(second.name());
      assertThat(taskInputs(first.dataSource())).containsExactly("only in first");
      assertThat(taskInputs(second.dataSource())).isEmpty();
    }
  }

  @Test
  void close_dropsTheDatabase() throws SQLException {
    String name;
    try (TestDatabase db = PgHarness.newDatabase("dropped")) {
      name = db.name();
      db.dataSource(); // an open pool must not stop the drop
    }
    try (TestDatabase witness = PgHarness.newDatabase("witness");
        Connection connection = witness.openConnection();
        PreparedStatement query =
            connection.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        assertThat(rows.getInt(1)).isZero();
      }
    }
  }

  @Test
  void closedDatabase_refusesNewConnections() {
    TestDatabase db = PgHarness.newDatabase("closed");
    db.close();

    assertThatThrownBy(db::dataSource).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void cloneTime_isPrinted() {
    PgHarness.newDatabase("warm-up").close(); // the first call of the JVM starts the server
    List<Duration> times = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      TestDatabase db = PgHarness.newDatabase("timed");
      times.add(Duration.ofNanos(System.nanoTime() - start));
      db.close();
    }
    System.out.println(
        "[PgHarnessTest] "
            + PgHarness.serverDescription()
            + ": clone times (ms) "
            + times.stream().map(Duration::toMillis).toList());
    assertThat(times).hasSize(5);
  }

  @Test
  void databaseName_isAValidIdentifierWhateverTheHint() {
    assertThat(PgHarness.databaseName("Task Store: CAS / lease \"race\" ünïcode and a long tail"))
        .matches("t_[a-z0-9_]{1,24}_[0-9a-f]{6}_[0-9]+")
        .hasSizeLessThanOrEqualTo(63);
    assertThat(PgHarness.databaseName("")).startsWith("t_db_");
  }

  @Nested
  @ExtendWith(PgExtension.class)
  class FirstClass {
    private final TestDatabase fromConstructor;

    FirstClass(TestDatabase db) {
      this.fromConstructor = db;
    }

    @Test
    void constructorAndMethod_receiveTheSameDatabase(TestDatabase db) {
      assertThat(db).isSameAs(fromConstructor);
    }

    @Test
    void seesNoRowsOfAnotherClass(TestDatabase db) throws SQLException {
      DATABASE_BY_CLASS.put(getClass().getSimpleName(), db.name());
      insertTask(db.dataSource(), "written by FirstClass");

      assertThat(taskInputs(db.dataSource())).containsOnly("written by FirstClass");
    }
  }

  @Nested
  @ExtendWith(PgExtension.class)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class SecondClass {
    private TestDatabase fromBeforeAll;

    @BeforeAll
    void remember(TestDatabase db) {
      fromBeforeAll = db;
    }

    @Test
    void beforeAllAndMethod_receiveTheSameDatabase(TestDatabase db) {
      assertThat(db).isSameAs(fromBeforeAll);
    }

    @Test
    void seesNoRowsOfAnotherClass(TestDatabase db) throws SQLException {
      DATABASE_BY_CLASS.put(getClass().getSimpleName(), db.name());
      insertTask(db.dataSource(), "written by SecondClass");

      assertThat(taskInputs(db.dataSource())).containsOnly("written by SecondClass");
    }

    @Test
    void schemaIsPresent(TestDatabase db) throws SQLException {
      assertThat(tables(db.dataSource())).contains("tasks", "runs", "task_events");
    }
  }

  private static List<String> tables(DataSource dataSource) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }

  private static void insertTask(DataSource dataSource, String input) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO tasks (task_id, input_task) VALUES (?, ?)")) {
      insert.setObject(1, UUID.randomUUID());
      insert.setString(2, input);
      insert.executeUpdate();
    }
  }

  private static List<String> taskInputs(DataSource dataSource) throws SQLException {
    List<String> inputs = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT input_task FROM tasks")) {
      while (rows.next()) {
        inputs.add(rows.getString(1));
      }
    }
    return inputs;
  }
}
