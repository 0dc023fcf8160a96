package com.taskchain.orchestrator.local;

import com.taskchain.orchestrator.config.ConfigException;
import com.taskchain.orchestrator.config.EnvReader;
import com.taskchain.orchestrator.config.Environment;
import com.taskchain.orchestrator.local.db.EmbeddedDatabase;
import com.taskchain.orchestrator.local.db.Migrations;
import com.taskchain.orchestrator.local.emulator.CloudTasksEmulator;
import com.taskchain.orchestrator.local.emulator.EmulatorSettings;
import com.taskchain.orchestrator.local.emulator.OidcTokens;
import com.taskchain.orchestrator.log.Log;
import com.taskchain.orchestrator.pipeline.Sweeper;
import com.taskchain.orchestrator.queue.QueueConfig;
import com.taskchain.orchestrator.store.DatabaseConfig;
import com.taskchain.orchestrator.tool.company.CompanySystemsConfig;
import com.taskchain.orchestrator.wiring.Components;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Everything on one machine, on loopback: PostgreSQL (embedded unless {@code
 * ORCHESTRATOR_DATABASE_URL} is set), migrations, the Cloud Tasks emulator, every function behind
 * one Jetty server through the Functions Framework's executor (with the mock company systems under
 * {@code /company/*}, which the company tools call unless {@code COMPANY_*_BASE_URL} point
 * elsewhere), and a periodic sweep. {@link #close()} stops it all.
 */
public final class LocalRunner implements AutoCloseable {
  private static final Log LOG = Log.get(LocalRunner.class);

  static final String USAGE =
      """
      Usage: make run    (or: java -cp <classpath> com.taskchain.orchestrator.local.LocalRunner)

      Starts Taskchain Orchestrator locally on 127.0.0.1: every function behind one server, the Cloud Tasks
      emulator, and PostgreSQL. Configuration comes from the environment and from ./.env (the environment wins).

        PORT                              port of the API (default 8000)
        ORCHESTRATOR_DATABASE_URL         postgresql://user:pass@host:5432/db; unset: embedded PostgreSQL 17
                                          with its data under target/local-pg (kept across restarts)
        ORCHESTRATOR_LOCAL_DATA_DIR       where embedded PostgreSQL keeps its data (default target/local-pg)
        ORCHESTRATOR_LOCAL_SWEEP_S        seconds between sweeps of stuck runs (default 5)
        COMPANY_JIRA_BASE_URL             the company tools' Jira, metrics and logs systems; unset: the mock
        COMPANY_METRICS_BASE_URL          systems this runner serves at /company/jira, /company/metrics and
        COMPANY_LOGS_BASE_URL             /company/logs
        ORCHESTRATOR_*                    every other variable of .env.example applies as in the cloud

      Options:
        -h, --help                        print this and exit
      """;

  private final Server server;
  private final CloudTasksEmulator emulator;
  private final Optional<EmbeddedDatabase> embedded;
  private final ScheduledExecutorService sweeps;
  private final URI baseUrl;

  private LocalRunner(
      Server server,
      CloudTasksEmulator emulator,
      Optional<EmbeddedDatabase> embedded,
      ScheduledExecutorService sweeps,
      URI baseUrl) {
    this.server = server;
    this.emulator = emulator;
    this.embedded = embedded;
    this.sweeps = sweeps;
    this.baseUrl = baseUrl;
  }

  /**
   * Starts everything.
   *
   * @param env the configuration (process environment merged with .env, or a test's map)
   * @param repoRoot where {@code target/} and {@code migrations/} are
   */
  public static LocalRunner start(Map<String, String> env, Path repoRoot) throws Exception {
    EnvReader reader = new EnvReader(env);
    int port = reader.integer("PORT", 8000, 0, 65535);
    Duration sweepEvery =
        reader.seconds(
            "ORCHESTRATOR_LOCAL_SWEEP_S",
            Duration.ofSeconds(5),
            Duration.ofMillis(100),
            Duration.ofHours(1));

    Optional<EmbeddedDatabase> embedded = Optional.empty();
    Map<String, String> overlay = new HashMap<>(env);
    DatabaseConfig database;
    if (reader.optional(DatabaseConfig.URL).isPresent()
        || reader.optional(DatabaseConfig.CLOUDSQL_INSTANCE).isPresent()) {
      database = DatabaseConfig.fromEnv(env);
      LOG.info("using the configured database", "database", database.toString());
    } else {
      Path dataDir =
          Path.of(
              reader.string(
                  "ORCHESTRATOR_LOCAL_DATA_DIR", repoRoot.resolve("target/local-pg").toString()));
      EmbeddedDatabase db = EmbeddedDatabase.start(dataDir);
      embedded = Optional.of(db);
      overlay.put(
          DatabaseConfig.URL, db.jdbcUrl() + "?user=" + db.user() + "&password=" + db.password());
      database = DatabaseConfig.fromEnv(overlay);
    }
    Migrations.migrate(
        database.jdbcUrl(), database.user(), database.password(), repoRoot.resolve("migrations"));

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    // Bind first, so the stage URLs the functions enqueue can name the real port.
    connector.open();
    int boundPort = connector.getLocalPort();
    URI base = URI.create("http://127.0.0.1:" + boundPort);

    CloudTasksEmulator emulator =
        new CloudTasksEmulator(
            EmulatorSettings.defaults()
                .withMaxAttempts(reader.integer("ORCHESTRATOR_TASKS_MAX_ATTEMPTS", 5, 1, 100)));
    emulator.start();

    overlay.put("ORCHESTRATOR_TASKS_EMULATOR_URL", emulator.url().toString());
    overlay.putIfAbsent("ORCHESTRATOR_STAGE_PLAN_URL", base + Routes.PLAN_STAGE_PATH);
    overlay.putIfAbsent("ORCHESTRATOR_STAGE_EXECUTE_URL", base + Routes.EXECUTE_STAGE_PATH);
    overlay.putIfAbsent("ORCHESTRATOR_STAGE_VERIFY_URL", base + Routes.VERIFY_STAGE_PATH);
    overlay.putIfAbsent(QueueConfig.SWEEP_URL_VAR, base + Routes.SWEEP_PATH);
    // The company tools call the mock systems this server serves, unless pointed elsewhere.
    companyUrl(reader, overlay, CompanySystemsConfig.JIRA_URL, base + Routes.COMPANY_JIRA_PATH);
    companyUrl(
        reader, overlay, CompanySystemsConfig.METRICS_URL, base + Routes.COMPANY_METRICS_PATH);
    companyUrl(reader, overlay, CompanySystemsConfig.LOGS_URL, base + Routes.COMPANY_LOGS_PATH);
    Environment.install(overlay);
    Components.reset();
    Components.checkConfiguration();

    server.setHandler(new FunctionRouter(openApi(repoRoot, base)));
    server.start();
    recoverLostMessages();

    ScheduledExecutorService sweeps =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "local-sweep");
              thread.setDaemon(true);
              return thread;
            });
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    sweeps.scheduleWithFixedDelay(
        () -> sweepOnce(client, base, reader.optional(QueueConfig.INVOKER_SA_VAR)),
        sweepEvery.toMillis(),
        sweepEvery.toMillis(),
        TimeUnit.MILLISECONDS);
    LOG.info(
        "Taskchain Orchestrator is running",
        "url",
        base.toString(),
        "emulator",
        emulator.url().toString());
    return new LocalRunner(server, emulator, embedded, sweeps, base);
  }

  /**
   * The emulator keeps its queue in memory, so a runner that stopped (or was killed) lost every
   * stage message it held: re-enqueue the stage of every running run without a live lease. Runs
   * whose lease the dead process still held are picked up by the periodic sweep once it expires.
   */
  private static void recoverLostMessages() {
    try {
      Sweeper.Report report = Components.sweeper().recoverLostMessages();
      if (report.examined() > 0) {
        LOG.info(
            "re-enqueued the stages of unfinished runs",
            "requeued",
            report.requeued().size(),
            "failed",
            report.failed().size());
      }
    } catch (RuntimeException e) {
      // The periodic sweep finds them later; starting matters more.
      LOG.warn("could not re-enqueue unfinished runs at start: " + e);
    }
  }

  private static void companyUrl(
      EnvReader reader, Map<String, String> overlay, String variable, String url) {
    if (reader.optional(variable).isEmpty()) {
      overlay.put(variable, url);
    }
  }

  /**
   * The gateway's OpenAPI document ({@code infra/openapi.yaml}) with every backend address pointing
   * at this runner, so local and cloud describe one API; empty when the file is not there.
   */
  static Optional<String> openApi(Path repoRoot, URI base) throws java.io.IOException {
    Path file = repoRoot.resolve("infra/openapi.yaml");
    if (!java.nio.file.Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String template = java.nio.file.Files.readString(file);
    return Optional.of(template.replaceAll("\\$\\{[a-z_]+_url\\}", base.toString()));
  }

  /** Calls the sweep as Cloud Scheduler does, with the invoker's token when one is configured. */
  private static void sweepOnce(HttpClient client, URI base, Optional<String> invoker) {
    try {
      URI url = base.resolve(Routes.SWEEP_PATH);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(url)
              .timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.noBody());
      invoker.ifPresent(
          account ->
              request.header(
                  "Authorization",
                  "Bearer " + OidcTokens.mint(account, url.toString(), java.time.Instant.now())));
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        LOG.warn("sweep answered " + response.statusCode(), "body", response.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("sweep call failed: " + e);
    }
  }

  /** The API's base URL, e.g. {@code http://127.0.0.1:8000}. */
  public URI baseUrl() {
    return baseUrl;
  }

  public CloudTasksEmulator emulator() {
    return emulator;
  }

  /**
   * Stops the sweep, the server, the emulator, the pools and embedded PostgreSQL, in that order.
   */
  @Override
  public void close() {
    sweeps.shutdownNow();
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("server stop failed: " + e);
    }
    emulator.close();
    Components.reset();
    embedded.ifPresent(EmbeddedDatabase::close);
    LOG.info("stopped");
  }

  public static void main(String[] args) throws Exception {
    for (String arg : args) {
      if (arg.equals("-h") || arg.equals("--help")) {
        System.out.print(USAGE);
        return;
      }
      System.err.println("unknown argument: " + arg);
      System.err.print(USAGE);
      System.exit(2);
    }
    JsonLogging.install();
    Path root = Path.of("").toAbsolutePath();
    Map<String, String> env = new HashMap<>(DotEnv.read(root.resolve(".env")));
    env.putAll(System.getenv());
    LocalRunner runner;
    try {
      runner = start(env, root);
    } catch (ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  runner.close();
                  stopped.countDown();
                },
                "local-runner-shutdown"));
    // Standard output carries only JSON log lines, so the start is announced by the log line
    // "Taskchain Orchestrator is running" with its url.
    stopped.await();
  }
}
