package com.taskchain.orchestrator.local.emulator;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One task held by the emulator: what createTask was given, and its dispatch history.
 *
 * <p>The request fields are immutable. The history fields are mutable and guarded by the {@link
 * TaskStore}'s monitor; read them only through the store.
 */
final class EmulatedTask {
  final String name;
  final String queuePath;
  final String queueId;
  final String taskId;
  final URI url;
  final TargetMethod method;
  final Map<String, String> headers;
  private final byte[] body;
  final Optional<Oidc> oidc;
  final Instant createTime;
  final Duration dispatchDeadline;

  // Guarded by the TaskStore.
  Instant scheduleTime;
  int dispatchCount;
  int responseCount;
  int executionCount;
  Attempt firstAttempt;
  Attempt lastAttempt;
  boolean inFlight;
  // What the next attempt reports in X-CloudTasks-TaskPreviousResponse (0: no HTTP answer) and
  // X-CloudTasks-TaskRetryReason; null before the first failure.
  Integer previousResponse;
  RpcCode retryReason;

  EmulatedTask(
      String queuePath,
      String taskId,
      URI url,
      TargetMethod method,
      Map<String, String> headers,
      byte[] body,
      Optional<Oidc> oidc,
      Instant createTime,
      Instant scheduleTime,
      Duration dispatchDeadline) {
    this.queuePath = Objects.requireNonNull(queuePath);
    this.queueId = queuePath.substring(queuePath.lastIndexOf('/') + 1);
    this.taskId = Objects.requireNonNull(taskId);
    this.name = queuePath + "/tasks/" + taskId;
    this.url = Objects.requireNonNull(url);
    this.method = Objects.requireNonNull(method);
    this.headers = Map.copyOf(headers);
    this.body = body.clone();
    this.oidc = Objects.requireNonNull(oidc);
    this.createTime = Objects.requireNonNull(createTime);
    this.scheduleTime = Objects.requireNonNull(scheduleTime);
    this.dispatchDeadline = Objects.requireNonNull(dispatchDeadline);
  }

  byte[] body() {
    return body.clone();
  }

  /** The HTTP methods of Cloud Tasks v2, with their enum numbers. */
  enum TargetMethod {
    POST(1),
    GET(2),
    HEAD(3),
    PUT(4),
    DELETE(5),
    PATCH(6),
    OPTIONS(7);

    private final int number;

    TargetMethod(int number) {
      this.number = number;
    }

    int number() {
      return number;
    }

    boolean allowsBody() {
      return this == POST || this == PUT || this == PATCH;
    }

    /** Unspecified (0 or absent) means POST, as in Cloud Tasks. */
    static Optional<TargetMethod> fromNumber(int number) {
      if (number == 0) {
        return Optional.of(POST);
      }
      for (TargetMethod method : values()) {
        if (method.number == number) {
          return Optional.of(method);
        }
      }
      return Optional.empty();
    }

    static Optional<TargetMethod> fromName(String name) {
      if (name.equals("HTTP_METHOD_UNSPECIFIED")) {
        return Optional.of(POST);
      }
      for (TargetMethod method : values()) {
        if (method.name().equals(name)) {
          return Optional.of(method);
        }
      }
      return Optional.empty();
    }
  }

  /** An OIDC token to mint for each attempt. */
  record Oidc(String serviceAccountEmail, String audience) {}

  /**
   * One dispatch attempt as Cloud Tasks reports it.
   *
   * @param responseTime null while the attempt is in flight
   * @param status null while the attempt is in flight
   */
  record Attempt(
      Instant scheduleTime,
      Instant dispatchTime,
      Instant responseTime,
      RpcCode status,
      String message) {}
}
