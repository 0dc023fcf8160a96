package com.taskchain.orchestrator.local.emulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.local.emulator.TaskStore.AttemptResult;
import com.taskchain.orchestrator.local.emulator.TaskStore.DispatchTicket;
import com.taskchain.orchestrator.local.emulator.TaskStore.Outcome;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs each task at its schedule time, retries failures with backoff, and logs every attempt as one
 * JSON line on stdout. At most {@link EmulatorSettings#dispatchConcurrency()} attempts are in
 * flight; a due task waits for a free thread, as a rate-limited queue would.
 */
final class Dispatcher implements AutoCloseable {
  /** What Cloud Tasks sends as User-Agent, whatever the task says. */
  static final String USER_AGENT = "Google-Cloud-Tasks";

  // Headers Cloud Tasks sets itself or that the JDK client refuses to take from a caller.
  private static final Set<String> DROPPED_HEADERS =
      Set.of("host", "content-length", "connection", "expect", "upgrade", "user-agent");
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

  private final TaskStore store;
  private final EmulatorSettings settings;
  private final ScheduledThreadPoolExecutor executor;
  private final HttpClient http;
  private final PrintStream log;

  Dispatcher(TaskStore store, EmulatorSettings settings, PrintStream log) {
    this.store = store;
    this.settings = settings;
    this.log = log;
    this.executor =
        new ScheduledThreadPoolExecutor(
            settings.dispatchConcurrency(), daemonThreads("cloud-tasks-emulator-dispatch-"));
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    // HTTP/1.1 only: the JDK server and Cloud Functions' local invoker speak nothing else, and an
    // h2c upgrade attempt is wasted work.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Runs an attempt of the task at {@code at} (now if that has passed). */
  void schedule(EmulatedTask task, Instant at) {
    long delayNanos = Math.max(0, Duration.between(store.now(), at).toNanos());
    try {
      // attempt() handles its own failures, so the future has nothing to report.
      Future<?> unused = executor.schedule(() -> attempt(task), delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      // The emulator is closing; pending tasks are dropped with it.
    }
  }

  private void attempt(EmulatedTask task) {
    try {
      attemptOnce(task);
    } catch (RuntimeException e) {
      // A bug here must be seen, not swallowed by the executor's future.
      ObjectNode line = JsonNodeFactory.instance.objectNode();
      line.put("severity", "ERROR");
      line.put("message", "Cloud Tasks emulator failed to dispatch: " + e);
      line.put("task_name", task.name);
      log.println(Json.write(line));
    }
  }

  private void attemptOnce(EmulatedTask task) {
    DispatchTicket ticket = store.begin(task).orElse(null);
    if (ticket == null) {
      return; // deleted, or the emulator is closing
    }
    try {
      long start = System.nanoTime();
      AttemptResult result = send(ticket);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      Outcome outcome = store.finish(ticket, result);
      logAttempt(ticket, result, outcome, elapsed);
      if (outcome instanceof Outcome.Retry retry) {
        schedule(task, retry.at());
      }
    } finally {
      store.release();
    }
  }

  private AttemptResult send(DispatchTicket ticket) {
    EmulatedTask task = ticket.task();
    Duration deadline = settings.dispatchDeadlineOverride().orElse(task.dispatchDeadline);
    try {
      HttpResponse<Void> response =
          http.send(request(ticket, deadline), HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      return new AttemptResult(status, RpcCode.fromHttpStatus(status), "HTTP " + status);
    } catch (HttpTimeoutException e) {
      // Cloud Tasks stops waiting; whether the handler stops is up to the handler.
      return new AttemptResult(
          0, RpcCode.DEADLINE_EXCEEDED, "no answer within the dispatch deadline of " + deadline);
    } catch (IOException e) {
      return new AttemptResult(0, RpcCode.UNAVAILABLE, "could not reach the target: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new AttemptResult(0, RpcCode.CANCELLED, "the emulator is closing");
    } catch (RuntimeException e) {
      return new AttemptResult(0, RpcCode.INTERNAL, "could not send the request: " + e);
    }
  }

  private static HttpRequest request(DispatchTicket ticket, Duration deadline) {
    EmulatedTask task = ticket.task();
    byte[] body = task.body();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(task.url)
            .timeout(deadline)
            .method(
                task.method.name(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    boolean hasContentType = false;
    for (Map.Entry<String, String> header : task.headers.entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (DROPPED_HEADERS.contains(name)
          || name.startsWith("x-cloudtasks-")
          || name.startsWith("x-google-")
          || name.startsWith("x-appengine-")) {
        continue;
      }
      try {
        request.header(header.getKey(), header.getValue());
        hasContentType |= name.equals("content-type");
      } catch (IllegalArgumentException refused) {
        // A header the JDK client will not send (restricted or malformed) is dropped, as Cloud
        // Tasks drops the headers it does not forward, rather than failing every attempt.
      }
    }
    if (body.length > 0 && !hasContentType) {
      request.header("Content-Type", "application/octet-stream");
    }
    request
        .header("User-Agent", USER_AGENT)
        .header("X-CloudTasks-QueueName", task.queueId)
        .header("X-CloudTasks-TaskName", task.taskId)
        .header("X-CloudTasks-TaskRetryCount", Integer.toString(ticket.retryCount()))
        .header("X-CloudTasks-TaskExecutionCount", Integer.toString(ticket.executionCount()))
        .header("X-CloudTasks-TaskETA", eta(ticket.eta()));
    ticket
        .previousResponse()
        .ifPresent(
            status -> request.header("X-CloudTasks-TaskPreviousResponse", status.toString()));
    ticket
        .retryReason()
        .ifPresent(reason -> request.header("X-CloudTasks-TaskRetryReason", reason.name()));
    task.oidc.ifPresent(
        oidc ->
            request.header(
                "Authorization",
                "Bearer "
                    + OidcTokens.mint(
                        oidc.serviceAccountEmail(),
                        oidc.audience().isEmpty() ? task.url.toString() : oidc.audience(),
                        ticket.dispatchTime())));
    return request.build();
  }

  /** Seconds since the epoch with microseconds, as Cloud Tasks writes X-CloudTasks-TaskETA. */
  static String eta(Instant eta) {
    return String.format(Locale.ROOT, "%d.%06d", eta.getEpochSecond(), eta.getNano() / 1000);
  }

  private void logAttempt(
      DispatchTicket ticket, AttemptResult result, Outcome outcome, Duration elapsed) {
    String what =
        "attempt "
            + ticket.attempt()
            + " of "
            + settings.maxAttempts()
            + " to "
            + ticket.task().url
            + ": "
            + result.message();
    String severity;
    String message;
    String verdict;
    // Java 17 has no pattern switch; the sealed Outcome keeps this chain complete.
    if (outcome instanceof Outcome.Succeeded) {
      severity = "INFO";
      message = what + "; task done";
      verdict = "succeeded";
    } else if (outcome instanceof Outcome.Retry retry) {
      severity = "WARNING";
      message = what + "; retry in " + retry.backoff().toMillis() + " ms";
      verdict = "retry";
    } else if (outcome instanceof Outcome.Exhausted) {
      severity = "ERROR";
      message = what + "; no attempts left, task deleted";
      verdict = "exhausted";
    } else {
      severity = "INFO";
      message = what + "; task was deleted meanwhile";
      verdict = "abandoned";
    }
    ObjectNode line = JsonNodeFactory.instance.objectNode();
    line.put("severity", severity);
    line.put("message", message);
    line.put("task_name", ticket.task().name);
    line.put("status", result.httpStatus());
    line.put("rpc_status", result.code().name());
    line.put("attempt", ticket.attempt());
    line.put("outcome", verdict);
    line.put("elapsed_ms", elapsed.toMillis());
    log.println(Json.write(line));
  }

  /** Stops dispatching; attempts in flight are interrupted. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      // A test or runner that forgets close() must still be able to exit.
      thread.setDaemon(true);
      return thread;
    };
  }
}
