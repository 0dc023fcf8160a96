package com.taskchain.orchestrator.local.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class EmbeddedDatabaseTest {
  /** Generous: a cold start unpacks the binaries and runs initdb on a busy 2-core machine. */
  private static final Duration CHILD_READY_LIMIT = Duration.ofMinutes(2);

  private static final Duration EXIT_LIMIT = Duration.ofSeconds(30);

  private Path dataDirectory;
  private final List<EmbeddedDatabase> started = new ArrayList<>();
  private Process child;

  @BeforeEach
  void newDataDirectory(TestInfo test) {
    dataDirectory =
        Path.of(System.getProperty("user.dir"), "target", "embedded-db-test")
            .resolve(test.getTestMethod().orElseThrow().getName() + "-" + UUID.randomUUID());
  }

  @AfterEach
  void stopEverything() throws IOException {
    started.forEach(EmbeddedDatabase::close);
    if (child != null) {
      child.destroyForcibly();
    }
    // A test that failed half-way may leave a server running on the directory.
    livePostmaster().ifPresent(ProcessHandle::destroy);
    livePostmaster().ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
    deleteRecursively(dataDirectory);
    Files.deleteIfExists(dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log"));
  }

  @Test
  void committedData_survivesCloseAndStart() throws Exception {
    EmbeddedDatabase first = start();
    addNote(first.dataSource(), "before restart");
    first.close();

    EmbeddedDatabase second = start();

    assertThat(notes(second.dataSource())).containsExactly("before restart");
    assertThat(second.dataDirectory()).isEqualTo(first.dataDirectory());
  }

  @Test
  void serverKilledWithSigkill_isRecoveredAtNextStartWithItsData() throws Exception {
    EmbeddedDatabase first = start();
    addNote(first.dataSource(), "before the crash");
    ProcessHandle postmaster = livePostmaster().orElseThrow();

    postmaster.destroyForcibly();
    postmaster.onExit().get(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
    first.close(); // releases the directory lock; the server is already gone
    assertThat(dataDirectory.resolve("postmaster.pid")).exists();

    EmbeddedDatabase second = start();

    assertThat(notes(second.dataSource())).containsExactly("before the crash");
    assertThat(livePostmaster().orElseThrow().pid()).isNotEqualTo(postmaster.pid());
  }

  @Test
  void serverLeftRunningByAKilledJvm_isStoppedAndTheDirectoryReused() throws Exception {
    child = startChildRunner("written by the killed run");
    ProcessHandle leftBehind = livePostmaster().orElseThrow();

    child.destroyForcibly(); // SIGKILL: no shutdown hook runs, the server stays up
    assertThat(child.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(leftBehind.isAlive()).isTrue();

    EmbeddedDatabase db = start();

    assertThat(leftBehind.isAlive()).isFalse();
    assertThat(notes(db.dataSource())).containsExactly("written by the killed run");
  }

  @Test
  void directoryInUseByALiveRun_isRefusedAndItsServerLeftAlone() throws Exception {
    EmbeddedDatabase running = start();
    addNote(running.dataSource(), "still served");

    assertThatThrownBy(() -> EmbeddedDatabase.start(dataDirectory))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("in use");
    assertThat(notes(running.dataSource())).containsExactly("still served");
  }

  @Test
  void migrations_applyOnce() throws Exception {
    EmbeddedDatabase db = start();
    Path migrations = Migrations.locateMigrationsDir();
    long files;
    try (Stream<Path> listing = Files.list(migrations)) {
      files = listing.filter(p -> p.getFileName().toString().matches("V.+__.+\\.sql")).count();
    }

    MigrationReport first = Migrations.migrate(db.jdbcUrl(), db.user(), db.password(), migrations);
    MigrationReport second = Migrations.migrate(db.jdbcUrl(), db.user(), db.password(), migrations);

    assertThat(first.applied()).hasSize((int) files);
    assertThat(first.schemaVersion()).isNotEmpty();
    assertThat(second.upToDate()).isTrue();
    assertThat(second.schemaVersion()).isEqualTo(first.schemaVersion());
    assertThat(tables(db.dataSource())).contains("tasks", "runs", "task_events");
  }

  @Test
  void directoryHoldingSomethingElse_isRefusedAndKept() throws IOException {
    Files.createDirectories(dataDirectory);
    Path stranger = Files.writeString(dataDirectory.resolve("notes.txt"), "mine");

    assertThatThrownBy(() -> EmbeddedDatabase.start(dataDirectory))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("holds no PostgreSQL cluster");
    assertThat(stranger).exists();
  }

  @Test
  void takenPort_isRefused() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(
              () ->
                  EmbeddedDatabase.start(
                      dataDirectory, taken.getLocalPort(), EmbeddedDatabase.DEFAULT_DATABASE))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("in use");
    }
  }

  private EmbeddedDatabase start() throws IOException {
    EmbeddedDatabase db = EmbeddedDatabase.start(dataDirectory);
    started.add(db);
    return db;
  }

  private Process startChildRunner(String note) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                classpath,
                LeftBehindServerMain.class.getName(),
                dataDirectory.toString(),
                note)
            .redirectErrorStream(true)
            .start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("read failed: " + e);
              }
            },
            "child-runner-output");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + CHILD_READY_LIMIT.toNanos();
    List<String> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null) {
        seen.add(line);
        if (line.equals("READY")) {
          return process;
        }
      }
      if (!process.isAlive() && lines.isEmpty()) {
        break;
      }
    }
    process.destroyForcibly();
    throw new AssertionError("the child runner never got ready; its output:\n" + seen);
  }

  private Optional<ProcessHandle> livePostmaster() throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
  }

  private static void addNote(DataSource dataSource, String body) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS notes (body text NOT NULL)");
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notes VALUES (?)")) {
        insert.setString(1, body);
        insert.executeUpdate();
      }
    }
  }

  private static List<String> notes(DataSource dataSource) throws SQLException {
    List<String> bodies = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT body FROM notes")) {
      while (rows.next()) {
        bodies.add(rows.getString(1));
      }
    }
    return bodies;
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

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
