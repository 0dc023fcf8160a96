package com.taskchain.orchestrator.testing;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Which PostgreSQL server the tests of this JVM use, and why. Decided once by {@link PgHarness}: an
 * explicit {@code PGTEST_JDBC_URL} wins, then Docker through Testcontainers when a daemon answers,
 * then the embedded server, which always works.
 */
sealed interface ServerChoice {
  String JDBC_URL_ENV = "PGTEST_JDBC_URL";
  Duration DOCKER_PROBE_LIMIT = Duration.ofSeconds(5);

  /** Why this server was chosen, as one clause for the harness's single line of output. */
  String why();

  /** A server named by {@code PGTEST_JDBC_URL}. */
  record External(String jdbcUrl) implements ServerChoice {
    public External {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    @Override
    public String why() {
      return JDBC_URL_ENV + " is set";
    }
  }

  /** A throw-away container, because a Docker daemon answered. */
  record Container() implements ServerChoice {
    @Override
    public String why() {
      return JDBC_URL_ENV + " is not set and a Docker daemon answered";
    }
  }

  /** The embedded server, because neither of the others is available. */
  record Embedded(String dockerProblem) implements ServerChoice {
    public Embedded {
      Objects.requireNonNull(dockerProblem, "dockerProblem");
    }

    @Override
    public String why() {
      return JDBC_URL_ENV + " is not set and Docker is unavailable (" + dockerProblem + ")";
    }
  }

  /**
   * Chooses a server. The Docker probe runs only when no URL is given.
   *
   * @param env the environment
   * @param dockerProblem empty when a Docker daemon answered, otherwise why it did not
   */
  static ServerChoice choose(
      Map<String, String> env, java.util.function.Supplier<Optional<String>> dockerProblem) {
    String url = env.get(JDBC_URL_ENV);
    if (url != null && !url.isBlank()) {
      return new External(url.trim());
    }
    Optional<String> problem = dockerProblem.get();
    return problem.isEmpty() ? new Container() : new Embedded(problem.get());
  }

  /**
   * Runs a Docker probe on a daemon thread and waits at most {@code limit} for it: a Docker socket
   * that accepts a connection and never answers blocks the probe for minutes, and the tests must
   * not wait on it. A probe that times out is left to finish on its own.
   *
   * @return empty when the probe answered {@code true}, otherwise the reason
   */
  static Optional<String> probe(Callable<Boolean> probe, Duration limit) {
    FutureTask<Boolean> task = new FutureTask<>(probe);
    Thread thread = new Thread(task, "pg-harness-docker-probe");
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(limit.toMillis(), TimeUnit.MILLISECONDS)
          ? Optional.empty()
          : Optional.of("no Docker environment found");
    } catch (TimeoutException e) {
      thread.interrupt();
      return Optional.of("no Docker daemon answered within " + limit.toSeconds() + " s");
    } catch (ExecutionException e) {
      return Optional.of("the Docker probe failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while probing Docker");
    }
  }
}
