package com.taskchain.orchestrator.local.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for Cloud Tasks v2 that the real {@code CloudTasksClient} talks to over its
 * HTTP/JSON transport, bound to 127.0.0.1 only.
 *
 * <p>It implements createTask, getTask, listTasks and deleteTask for any queue (queues exist
 * implicitly) and delivers each task as Cloud Tasks does: at its schedule time, an HTTP request to
 * the task's URL with its headers and body plus the {@code X-CloudTasks-*} headers, an unsigned
 * OIDC token when the task asks for one, retries with exponential backoff for anything but 2xx, and
 * deletion after the last attempt. A task name stays taken for {@link
 * EmulatorSettings#tombstoneWindow()} after the task is gone. Targets must be on loopback.
 *
 * <p>Known differences from Cloud Tasks: no rate limits or queue administration, one retry
 * configuration for every queue, and the retry reason header carries the google.rpc code name of
 * the failed attempt.
 *
 * <p>Thread-safe. {@link #close()} stops the server and every dispatch thread; tasks still pending
 * are dropped.
 */
public final class CloudTasksEmulator implements AutoCloseable {
  private static final int API_THREADS = 4;
  private static final int BACKLOG = 64;

  private final EmulatorSettings settings;
  private final int requestedPort;
  private final PrintStream log;
  private final TaskStore store;
  private final Dispatcher dispatcher;

  // Guarded by this.
  private HttpServer server;
  private ExecutorService apiExecutor;
  private boolean closed;

  /** An emulator on a free port, logging to stdout. */
  public CloudTasksEmulator(EmulatorSettings settings) {
    this(settings, 0);
  }

  /**
   * An emulator on a given port, logging to stdout.
   *
   * @param port the port to bind on 127.0.0.1; 0 picks a free one
   */
  public CloudTasksEmulator(EmulatorSettings settings, int port) {
    this(settings, port, System.out);
  }

  CloudTasksEmulator(EmulatorSettings settings, int port, PrintStream log) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    this.settings = Objects.requireNonNull(settings, "settings");
    this.requestedPort = port;
    this.log = Objects.requireNonNull(log, "log");
    this.store = new TaskStore(settings, Clock.systemUTC());
    this.dispatcher = new Dispatcher(store, settings, log);
  }

  /**
   * Binds the server and starts serving.
   *
   * @return this, for chaining
   * @throws IOException when the port cannot be bound
   * @throws IllegalStateException when already started or closed
   */
  public synchronized CloudTasksEmulator start() throws IOException {
    if (closed || server != null) {
      throw new IllegalStateException(closed ? "emulator is closed" : "emulator already started");
    }
    InetAddress loopback = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    HttpServer created = HttpServer.create(new InetSocketAddress(loopback, requestedPort), BACKLOG);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            API_THREADS, Dispatcher.daemonThreads("cloud-tasks-emulator-api-"));
    created.createContext("/", new TasksApi(store, dispatcher, log));
    created.setExecutor(executor);
    created.start();
    server = created;
    apiExecutor = executor;
    return this;
  }

  /**
   * The bound port.
   *
   * @throws IllegalStateException before {@link #start()}
   */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("emulator not started");
    }
    return server.getAddress().getPort();
  }

  /**
   * The base URL for {@code ORCHESTRATOR_TASKS_EMULATOR_URL}, e.g. {@code http://127.0.0.1:8123}.
   *
   * @throws IllegalStateException before {@link #start()}
   */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  public EmulatorSettings settings() {
    return settings;
  }

  /** Counts since start; a consistent snapshot. */
  public EmulatorStats stats() {
    return store.stats();
  }

  /**
   * Waits until no task is pending (including those scheduled for later) or in flight.
   *
   * @return true when idle, false when the timeout passed or the emulator was closed first
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    return store.awaitIdle(Objects.requireNonNull(timeout, "timeout"));
  }

  /** Stops the server and the dispatch threads. Idempotent. */
  @Override
  public void close() {
    HttpServer toStop;
    ExecutorService toShutDown;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toStop = server;
      toShutDown = apiExecutor;
    }
    store.shutDown();
    if (toStop != null) {
      toStop.stop(0);
    }
    if (toShutDown != null) {
      toShutDown.shutdownNow();
    }
    dispatcher.close();
  }
}
