package com.taskchain.orchestrator.local.db;

import com.taskchain.orchestrator.log.Log;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Clears the way for a start on a data directory that an earlier run did not shut down.
 *
 * <p>Two cases. The JVM was killed: its server is still running, daemonised by {@code pg_ctl}, and
 * holds the directory; it is stopped with the bundled {@code pg_ctl stop -m fast}, then by signals
 * if that fails. The server itself was killed: {@code postmaster.pid} names a dead process, and its
 * children may outlive it for a moment; they are waited for (and killed if they linger), and the
 * pid file is left for PostgreSQL, which removes it itself and first checks that no process of the
 * old server still uses its shared memory. The pid file is deleted only when its pid now belongs to
 * an unrelated program, which PostgreSQL would otherwise take for a running server.
 *
 * <p>Processes of a server are recognised on Linux by their executable ({@code postgres}) and their
 * working directory (a server runs in its data directory). Elsewhere only the pid file is used.
 */
final class LeftoverServer {
  private static final Log LOG = Log.get(LeftoverServer.class);

  private static final String PID_FILE = "postmaster.pid";
  private static final Duration PG_CTL_LIMIT = Duration.ofSeconds(30);
  private static final Duration SIGNAL_LIMIT = Duration.ofSeconds(10);
  private static final Duration ORPHAN_EXIT_LIMIT = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(100);

  private LeftoverServer() {}

  /** Whether a process is the server of a data directory, as far as can be told. */
  private enum Verdict {
    OURS,
    NOT_OURS,
    UNKNOWN
  }

  /**
   * Stops or clears whatever an earlier run left on {@code dataDirectory}.
   *
   * @param dataDirectory the real path of an existing data directory
   * @param serverLog where {@code pg_ctl}'s output goes
   * @return whether anything was left behind
   * @throws IOException when a left-behind server cannot be stopped
   */
  static boolean recover(Path dataDirectory, Path serverLog) throws IOException {
    Path pidFile = dataDirectory.resolve(PID_FILE);
    if (!Files.exists(pidFile)) {
      return false;
    }
    OptionalLong pid = readPid(pidFile);
    Optional<ProcessHandle> process =
        pid.isPresent()
            ? ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive)
            : Optional.empty();
    if (pid.isEmpty()) {
      awaitOrphans(dataDirectory);
      LOG.warn("postmaster.pid names no process; removing it", "dataDirectory", dataDirectory);
      Files.deleteIfExists(pidFile);
      return true;
    }
    if (process.isEmpty()) {
      LOG.info(
          "the server of an earlier run was killed; PostgreSQL will recover its data at start",
          "dataDirectory",
          dataDirectory,
          "deadPid",
          pid.getAsLong());
      awaitOrphans(dataDirectory);
      return true;
    }
    switch (verdict(process.get(), dataDirectory)) {
      case OURS -> {
        LOG.info(
            "a server left behind by an earlier run still holds the data directory; stopping it",
            "dataDirectory",
            dataDirectory,
            "pid",
            pid.getAsLong());
        stop(process.get(), dataDirectory, serverLog);
        awaitOrphans(dataDirectory);
      }
      case NOT_OURS -> {
        LOG.warn(
            "postmaster.pid names a process that is not this directory's server (pid reused);"
                + " removing the stale pid file",
            "dataDirectory",
            dataDirectory,
            "pid",
            pid.getAsLong());
        awaitOrphans(dataDirectory);
        Files.deleteIfExists(pidFile);
      }
      case UNKNOWN ->
          // Deleting the pid file of a server that might be live would let two servers write the
          // same files; PostgreSQL refuses to start instead, with a clear message in its log.
          LOG.warn(
              "postmaster.pid names a live process that cannot be inspected; leaving it to"
                  + " PostgreSQL",
              "dataDirectory",
              dataDirectory,
              "pid",
              pid.getAsLong());
    }
    return true;
  }

  private static OptionalLong readPid(Path pidFile) throws IOException {
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      long pid = Long.parseLong(lines.get(0).trim());
      return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      // A server killed while writing its pid file leaves it empty or truncated.
      return OptionalLong.empty();
    }
  }

  private static Verdict verdict(ProcessHandle process, Path dataDirectory) {
    Optional<String> command = process.info().command();
    if (command.isPresent() && !isPostgres(command.get())) {
      return Verdict.NOT_OURS;
    }
    Optional<Path> directory = workingDirectory(process);
    if (directory.isPresent()) {
      return directory.get().equals(dataDirectory) ? Verdict.OURS : Verdict.NOT_OURS;
    }
    return command.isPresent() ? Verdict.OURS : Verdict.UNKNOWN;
  }

  /**
   * The server's processes on this directory, the postmaster's children included. Strict: a process
   * is counted only when both its executable and its working directory are known to match, so a
   * shell sitting in the directory, or another server, is never touched.
   */
  private static List<ProcessHandle> serverProcesses(Path dataDirectory) {
    long self = ProcessHandle.current().pid();
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != self)
        .filter(p -> p.info().command().map(LeftoverServer::isPostgres).orElse(false))
        .filter(p -> workingDirectory(p).map(dataDirectory::equals).orElse(false))
        .toList();
  }

  private static boolean isPostgres(String command) {
    Path name = Path.of(command).getFileName();
    return name != null && name.toString().equals("postgres");
  }

  private static Optional<Path> workingDirectory(ProcessHandle process) {
    try {
      return Optional.of(
          Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")));
    } catch (IOException | UnsupportedOperationException e) {
      // No /proc (not Linux), or the process is gone or not ours to inspect.
      return Optional.empty();
    }
  }

  private static void stop(ProcessHandle postmaster, Path dataDirectory, Path serverLog)
      throws IOException {
    Optional<Path> pgCtl =
        postmaster
            .info()
            .command()
            .map(command -> Path.of(command).resolveSibling("pg_ctl"))
            .filter(Files::isExecutable);
    if (pgCtl.isPresent()) {
      runPgCtlStop(pgCtl.get(), dataDirectory, serverLog);
      if (awaitExit(postmaster, SIGNAL_LIMIT)) {
        return;
      }
    }
    // SIGTERM is a "smart" shutdown: it waits for open sessions, so it is given a limit.
    LOG.warn("stopping the left-behind server with SIGTERM", "pid", postmaster.pid());
    postmaster.destroy();
    if (awaitExit(postmaster, SIGNAL_LIMIT)) {
      return;
    }
    LOG.warn(
        "the left-behind server ignored SIGTERM; killing it (its data is recovered at start)",
        "pid",
        postmaster.pid());
    postmaster.destroyForcibly();
    if (!awaitExit(postmaster, SIGNAL_LIMIT)) {
      throw new IOException(
          "could not stop the server (pid " + postmaster.pid() + ") on " + dataDirectory);
    }
  }

  private static void runPgCtlStop(Path pgCtl, Path dataDirectory, Path serverLog)
      throws IOException {
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      // The same rule zonky follows for every command it runs: as root, pg_ctl refuses to run
      // unless it is in a user namespace where it is not root.
      command.addAll(List.of("unshare", "-U"));
    }
    command.addAll(
        List.of(
            pgCtl.toString(),
            "stop",
            "-D",
            dataDirectory.toString(),
            "-m",
            "fast",
            "-w",
            "-t",
            Long.toString(PG_CTL_LIMIT.toSeconds())));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
            .start();
    try {
      if (!process.waitFor(PG_CTL_LIMIT.plus(SIGNAL_LIMIT).toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        LOG.warn("pg_ctl stop did not return in time", "pgCtl", pgCtl);
      } else if (process.exitValue() != 0) {
        LOG.warn("pg_ctl stop failed", "exitCode", process.exitValue(), "serverLog", serverLog);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while stopping the left-behind server", e);
    }
  }

  /**
   * Waits for the processes of a server whose postmaster is gone. They notice its death and exit
   * within moments, except a backend deep in a long statement; PostgreSQL will not start while any
   * of them still holds the old shared memory, so stragglers are killed.
   */
  private static void awaitOrphans(Path dataDirectory) throws IOException {
    long deadline = System.nanoTime() + ORPHAN_EXIT_LIMIT.toNanos();
    List<ProcessHandle> left = serverProcesses(dataDirectory);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      sleep(POLL);
      left = serverProcesses(dataDirectory);
    }
    if (left.isEmpty()) {
      return;
    }
    LOG.warn(
        "killing processes of the earlier server that outlived it",
        "pids",
        left.stream().map(ProcessHandle::pid).toList());
    for (ProcessHandle process : left) {
      process.destroyForcibly();
    }
    for (ProcessHandle process : left) {
      if (!awaitExit(process, SIGNAL_LIMIT)) {
        throw new IOException(
            "process " + process.pid() + " of an earlier server on " + dataDirectory + " survives");
      }
    }
  }

  private static boolean awaitExit(ProcessHandle process, Duration limit) throws IOException {
    try {
      process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IOException("could not wait for process " + process.pid(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for process " + process.pid(), e);
    }
  }

  private static void sleep(Duration duration) throws IOException {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
