package com.taskchain.orchestrator.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.local.db.EmbeddedDatabase;
import com.taskchain.orchestrator.local.fuzz.FuzzCase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code make soak}: drives a local runner (a child process, on its own embedded PostgreSQL) with
 * normal runs, the fuzz corpus, duplicate and late stage deliveries, a {@code kill -9} of the
 * runner with a restart, and a freeze of the database (SIGSTOP of every PostgreSQL process for
 * {@code SOAK_FREEZE_S}, 10 s); then checks invariants from the database itself and prints the
 * counts. All traffic goes to 127.0.0.1; every loop is bounded. Exits 1 when an invariant fails.
 *
 * <p>Settings (environment): {@code SOAK_RUNS} runs per phase (default 60), {@code SOAK_ROUNDS}
 * rounds of the whole sequence (default 1), {@code SOAK_FREEZE_S} (default 10), {@code
 * SOAK_RECOVERY_LIMIT_S}: how long after a recovery every run must be finished (default 60).
 */
public final class SoakHarness {
  private static final String SEED_TASK =
      "Prepare an executive update for Atlas Checkout migration and include risks.";

  private final Path work;
  private final EmbeddedDatabase database;
  private final int port;
  private final URI base;
  private final Api api;
  private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
  private final AtomicInteger created = new AtomicInteger();
  private final List<String> problems = new ArrayList<>();
  private final Map<String, Long> figures = new TreeMap<>();
  private final Random random = new Random(11);
  private Process runner;

  private SoakHarness(Path work, EmbeddedDatabase database, int port) {
    this.work = work;
    this.database = database;
    this.port = port;
    this.base = URI.create("http://127.0.0.1:" + port);
    this.api = new Api(base);
  }

  public static void main(String[] args) throws Exception {
    Path root = RepoRoot.find();
    Path work =
        Files.createTempDirectory(Files.createDirectories(root.resolve("target/soak")), "run");
    int runs = intEnv("SOAK_RUNS", 60);
    int rounds = intEnv("SOAK_ROUNDS", 1);
    int freeze = intEnv("SOAK_FREEZE_S", 10);
    int limit = intEnv("SOAK_RECOVERY_LIMIT_S", 60);
    int code;
    try (EmbeddedDatabase database = EmbeddedDatabase.start(work.resolve("pg"))) {
      SoakHarness soak = new SoakHarness(work, database, freePort());
      try {
        soak.startRunner();
        for (int round = 1; round <= rounds; round++) {
          soak.log("round " + round + " of " + rounds);
          soak.normalRunsWithFuzzAndDuplicates(runs);
          soak.crashAndRestart(runs, limit);
          soak.databaseFreeze(runs, freeze, limit);
        }
        soak.checkInvariants();
      } finally {
        soak.stopRunner();
      }
      code = soak.report();
    }
    System.exit(code);
  }

  private static int intEnv(String name, int fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void log(String line) {
    System.out.println("soak: " + line);
  }

  // --- The runner, as a child process -----------------------------------------------------------

  private void startRunner() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            absoluteClassPath(),
            LocalRunner.class.getName());
    // The runner finds migrations/ and infra/ from its working directory, the repository root.
    builder.directory(RepoRoot.find().toFile());
    Map<String, String> env = builder.environment();
    env.put("PORT", String.valueOf(port));
    env.put(
        "ORCHESTRATOR_DATABASE_URL",
        database.jdbcUrl() + "?user=" + database.user() + "&password=" + database.password());
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("runner.log").toFile()));
    runner = builder.start();
    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (api.get("/health").status() == 200) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      if (!runner.isAlive()) {
        throw new IllegalStateException("the runner exited; see " + work.resolve("runner.log"));
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the runner did not answer /health within 120 s");
  }

  /** This JVM's class path with every entry absolute, since the runner starts in another folder. */
  private static String absoluteClassPath() {
    return java.util.Arrays.stream(
            System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
  }

  private void stopRunner() throws InterruptedException {
    if (runner != null && runner.isAlive()) {
      runner.destroy();
      if (!runner.waitFor(30, TimeUnit.SECONDS)) {
        runner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  // --- Traffic -----------------------------------------------------------------------------------

  private void count(int status) {
    statuses.computeIfAbsent(String.valueOf(status), k -> new AtomicInteger()).incrementAndGet();
  }

  /** Creates a task and starts a run; returns the task id, or null when refused or unreachable. */
  private String createAndRun() {
    try {
      Api.Reply createdReply =
          api.postJson("/tasks", Json.write(Json.object().put("task", SEED_TASK)));
      count(createdReply.status());
      if (createdReply.status() != 201) {
        return null;
      }
      created.incrementAndGet();
      String id = createdReply.json().get("task_id").asText();
      Api.Reply run = api.postJson("/tasks/" + id + "/run", "{}");
      count(run.status());
      return id;
    } catch (IOException e) {
      count(0);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private List<String> burst(int runs) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        futures.add(pool.submit(this::createAndRun));
      }
      List<String> ids = new ArrayList<>();
      for (Future<String> f : futures) {
        String id = f.get(120, TimeUnit.SECONDS);
        if (id != null) {
          ids.add(id);
        }
      }
      return ids;
    } finally {
      pool.shutdownNow();
    }
  }

  private void normalRunsWithFuzzAndDuplicates(int runs) throws Exception {
    log("phase: " + runs + " runs beside the fuzz corpus and duplicate stage deliveries");
    long tasksBefore = countRows("tasks");
    ExecutorService fuzz = Executors.newSingleThreadExecutor();
    AtomicInteger fuzzCreated = new AtomicInteger();
    Future<?> fuzzing =
        fuzz.submit(
            () -> {
              try {
                String anyTask = createAndRun();
                for (FuzzCase c : FuzzCorpusIT.corpus()) {
                  int status;
                  try {
                    status = RawHttp.exchange(base, c.request(anyTask)).status();
                  } catch (IOException e) {
                    status = 0;
                  }
                  count(status);
                  if (status == 201) {
                    fuzzCreated.incrementAndGet();
                  }
                  if (c.mustRefuse() && (status < 400 || status >= 500)) {
                    synchronized (problems) {
                      problems.add(
                          "fuzz case #" + c.id() + " (" + c.kind() + ") answered " + status);
                    }
                  }
                }
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
              return null;
            });
    List<String> ids = burst(runs);
    fuzzing.get(15, TimeUnit.MINUTES);
    fuzz.shutdownNow();
    awaitAllTerminal("normal runs", Duration.ofSeconds(120));
    duplicateAndLateDeliveries(ids);
    long written = countRows("tasks") - tasksBefore;
    long expected = ids.size() + 1 + fuzzCreated.get();
    figures.put("fuzz.created_tasks", (long) fuzzCreated.get());
    if (written != expected) {
      problems.add("tasks written " + written + " but " + expected + " creates answered 201");
    }
  }

  /** Every stage of finished runs delivered again, as the queue would late or twice. */
  private void duplicateAndLateDeliveries(List<String> taskIds) throws Exception {
    String snapshot = eventDigest();
    int sent = 0;
    for (String taskId : taskIds) {
      JsonNode task = api.get("/tasks/" + taskId).json();
      String runId = task.path("current_run_id").asText(null);
      if (runId == null) {
        continue;
      }
      for (String stage : new String[] {"plan", "execute", "verify"}) {
        String body = "{\"task_id\": \"" + taskId + "\", \"run_id\": \"" + runId + "\"}";
        for (int i = 0; i < 2; i++) {
          Api.Reply reply =
              api.send(
                  "POST",
                  "/internal/stages/" + stage,
                  "application/json",
                  body,
                  Map.of(
                      "X-CloudTasks-TaskName",
                      "dup-" + sent,
                      "X-CloudTasks-TaskRetryCount",
                      String.valueOf(random.nextInt(5))));
          count(reply.status());
          sent++;
          if (reply.status() != 200 || !reply.json().path("outcome").asText().equals("no_op")) {
            problems.add(
                "duplicate " + stage + " delivery answered " + reply.status() + " " + reply.json());
          }
        }
      }
    }
    figures.put("duplicate_deliveries", (long) sent);
    if (!eventDigest().equals(snapshot)) {
      problems.add("duplicate deliveries changed the runs' stage events");
    }
  }

  private void crashAndRestart(int runs, int limitSeconds) throws Exception {
    log("phase: kill -9 of the runner during a burst of " + runs + " runs, then a restart");
    burst(runs);
    Thread.sleep(300);
    long running = countWhere("runs", "status = 'running'");
    runner.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    Instant killed = Instant.now();
    figures.put("crash.runs_in_flight_at_kill", running);
    startRunner();
    Instant restarted = Instant.now();
    figures.put("crash.restart_ms", Duration.between(killed, restarted).toMillis());
    long recovery = awaitAllTerminal("after kill -9", Duration.ofSeconds(limitSeconds + 60));
    figures.put("crash.all_terminal_after_restart_ms", recovery);
    if (recovery > limitSeconds * 1000L) {
      problems.add(
          "after kill -9, runs finished "
              + recovery
              + " ms after the restart (limit "
              + limitSeconds
              + " s)");
    }
  }

  private void databaseFreeze(int runs, int freezeSeconds, int limitSeconds) throws Exception {
    log("phase: " + freezeSeconds + " s freeze of PostgreSQL during a burst of " + runs + " runs");
    ExecutorService traffic = Executors.newSingleThreadExecutor();
    Future<List<String>> burst = traffic.submit(() -> burst(runs));
    Thread.sleep(500);
    List<Long> pids = postgresPids();
    signal("STOP", pids);
    Instant frozen = Instant.now();
    try {
      Thread.sleep(freezeSeconds * 1000L);
    } finally {
      signal("CONT", pids);
    }
    Instant resumed = Instant.now();
    figures.put("freeze.ms", Duration.between(frozen, resumed).toMillis());
    burst.get(5, TimeUnit.MINUTES);
    traffic.shutdownNow();
    long recovery = awaitAllTerminal("after the freeze", Duration.ofSeconds(limitSeconds + 60));
    figures.put(
        "freeze.all_terminal_after_resume_ms", Duration.between(resumed, Instant.now()).toMillis());
    if (recovery > limitSeconds * 1000L + 30_000) {
      problems.add("after the freeze, runs finished " + recovery + " ms later");
    }
  }

  private List<Long> postgresPids() throws IOException {
    String first =
        Files.readAllLines(database.dataDirectory().resolve("postmaster.pid")).get(0).trim();
    long postmaster = Long.parseLong(first);
    List<Long> pids = new ArrayList<>();
    pids.add(postmaster);
    ProcessHandle.of(postmaster)
        .ifPresent(p -> p.descendants().forEach(child -> pids.add(child.pid())));
    return pids;
  }

  private void signal(String signal, List<Long> pids) throws Exception {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(pid -> command.add(String.valueOf(pid)));
    new ProcessBuilder(command).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
  }

  // --- The database's view ----------------------------------------------------------------------

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
  }

  private long countRows(String table) throws SQLException {
    return countWhere(table, "true");
  }

  private long countWhere(String table, String condition) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table + " WHERE " + condition)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private String eventDigest() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*), coalesce(max(event_id), 0) FROM task_events"
                    + " WHERE kind IN ('stage_written', 'run_finished', 'stage_failed')")) {
      rs.next();
      return rs.getLong(1) + "/" + rs.getLong(2);
    }
  }

  /** Waits until no run is running; returns how long that took, in milliseconds. */
  private long awaitAllTerminal(String what, Duration max) throws Exception {
    Instant start = Instant.now();
    Instant deadline = start.plus(max);
    while (true) {
      long running;
      try {
        running = countWhere("runs", "status = 'running'");
      } catch (SQLException e) {
        running = -1;
      }
      if (running == 0) {
        long ms = Duration.between(start, Instant.now()).toMillis();
        log(what + ": every run terminal after " + ms + " ms");
        return ms;
      }
      if (Instant.now().isAfter(deadline)) {
        problems.add(what + ": " + running + " runs still running after " + max.toSeconds() + " s");
        return max.toMillis();
      }
      Thread.sleep(250);
    }
  }

  private void checkInvariants() throws SQLException {
    String[][] checks = {
      {"runs not terminal", "SELECT count(*) FROM runs WHERE status = 'running'"},
      {
        "succeeded runs without all three artifacts",
        "SELECT count(*) FROM runs WHERE status = 'succeeded' AND (plan_json IS NULL OR"
            + " result_json IS NULL OR verification_json IS NULL OR stage <> 'done')"
      },
      {
        "stages written more than once in a run",
        "SELECT count(*) FROM (SELECT run_id, stage FROM task_events WHERE kind = 'stage_written'"
            + " GROUP BY run_id, stage HAVING count(*) > 1) d"
      },
      {
        "artifacts without their stage_written event",
        "SELECT count(*) FROM runs r WHERE (plan_json IS NOT NULL AND NOT EXISTS (SELECT 1 FROM"
            + " task_events e WHERE e.run_id = r.run_id AND e.kind = 'stage_written' AND e.stage ="
            + " 'plan')) OR (verification_json IS NOT NULL AND NOT EXISTS (SELECT 1 FROM task_events"
            + " e WHERE e.run_id = r.run_id AND e.kind = 'stage_written' AND e.stage = 'verify'))"
      },
      {
        "terminal runs without exactly one run_finished",
        "SELECT count(*) FROM runs r WHERE status <> 'running' AND (SELECT count(*) FROM"
            + " task_events e WHERE e.run_id = r.run_id AND e.kind = 'run_finished') <> 1"
      },
      {
        "stage events out of order (a stage written before the one it follows)",
        "SELECT count(*) FROM task_events a JOIN task_events b ON a.run_id = b.run_id AND a.kind ="
            + " 'stage_written' AND b.kind = 'stage_written' AND ((a.stage = 'plan' AND b.stage ="
            + " 'execute') OR (a.stage = 'execute' AND b.stage = 'verify')) WHERE a.event_id >"
            + " b.event_id"
      },
      {
        "events after their run finished",
        "SELECT count(*) FROM task_events e JOIN task_events f ON e.run_id = f.run_id AND f.kind ="
            + " 'run_finished' WHERE e.kind IN ('stage_written', 'stage_claimed') AND e.event_id >"
            + " f.event_id"
      },
      {
        "tasks out of step with their current run",
        "SELECT count(*) FROM tasks t JOIN runs r ON r.run_id = t.current_run_id WHERE t.status"
            + " <> r.status"
      },
      {
        "failed runs without a failure reason",
        "SELECT count(*) FROM runs WHERE status = 'failed' AND failure_reason IS NULL"
      },
      {
        "tasks with more than one running run",
        "SELECT count(*) FROM (SELECT task_id FROM runs WHERE status = 'running' GROUP BY task_id"
            + " HAVING count(*) > 1) d"
      }
    };
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String[] check : checks) {
        try (ResultSet rs = s.executeQuery(check[1])) {
          rs.next();
          long n = rs.getLong(1);
          figures.put("invariant." + check[0].replace(' ', '_'), n);
          if (n != 0) {
            problems.add(check[0] + ": " + n);
          }
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT status, count(*) FROM runs GROUP BY status")) {
        while (rs.next()) {
          figures.put("runs." + rs.getString(1), rs.getLong(2));
        }
      }
      figures.put("tasks", countRows("tasks"));
    }
  }

  private int report() throws IOException {
    System.out.println();
    System.out.println("soak: requests by status " + new TreeMap<>(statuses));
    figures.forEach((k, v) -> System.out.println("soak: " + k + " = " + v));
    String runnerLog = Files.readString(work.resolve("runner.log"), StandardCharsets.UTF_8);
    long errors = runnerLog.lines().filter(l -> l.contains("\"severity\":\"ERROR\"")).count();
    long notJson = runnerLog.lines().filter(l -> !l.isBlank() && !l.startsWith("{")).count();
    System.out.println(
        "soak: runner log lines at ERROR = "
            + errors
            + ", not JSON = "
            + notJson
            + " ("
            + work.resolve("runner.log")
            + ")");
    long fiveHundreds =
        statuses.entrySet().stream()
            .filter(
                e ->
                    e.getKey().startsWith("5")
                        && !e.getKey().equals("503")
                        && !e.getKey().equals("505"))
            .mapToLong(e -> e.getValue().get())
            .sum();
    if (fiveHundreds > 0) {
      problems.add(fiveHundreds + " answers were 5xx other than 503/505");
    }
    if (problems.isEmpty()) {
      System.out.println("soak: PASSED");
      return 0;
    }
    problems.forEach(p -> System.out.println("soak: FAILED " + p));
    return 1;
  }
}
