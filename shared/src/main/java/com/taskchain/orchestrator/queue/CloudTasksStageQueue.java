package com.taskchain.orchestrator.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.client.http.HttpResponseException;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.CloudTasksSettings;
import com.google.cloud.tasks.v2.CreateTaskRequest;
import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.OidcToken;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.ByteString;
import com.taskchain.orchestrator.config.ConfigException;
import com.taskchain.orchestrator.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link StageQueue} on Google Cloud Tasks through the official client, over its HTTP/JSON
 * transport. Thread-safe: one instance serves every request of a function instance.
 *
 * <p>The client is created on the first {@link #enqueue} (so a cold start that never enqueues does
 * not pay for it) and closed by {@link #close()}. When {@link QueueConfig#emulatorUrl()} is set the
 * client talks plaintext HTTP to that emulator without credentials; otherwise to Google with
 * application default credentials.
 *
 * <p>Each task posts {@code {"task_id","run_id"}} as JSON to the stage's URL, is named after {@link
 * StageMessage#taskName()} (so a repeated enqueue is de-duplicated by Cloud Tasks) and carries an
 * OIDC token for {@link QueueConfig#invokerServiceAccount()} when one is configured.
 */
public final class CloudTasksStageQueue implements StageQueue, AutoCloseable {

  /**
   * How long one createTask call may take. The client does not retry: a failed enqueue surfaces as
   * {@link EnqueueException}, the stage answers 503 and Cloud Tasks' own retry of that stage is the
   * retry.
   */
  static final Duration CREATE_TASK_TIMEOUT = Duration.ofSeconds(10);

  private final QueueConfig config;
  private final Object lock = new Object();

  // Written once under lock; volatile so the fast path of enqueue reads it without locking.
  private volatile CloudTasksClient client;
  private boolean closed; // guarded by lock

  /** A queue with this configuration; nothing is connected until the first enqueue. */
  public CloudTasksStageQueue(QueueConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * A queue configured from the environment.
   *
   * @throws ConfigException when a variable is malformed
   */
  public static CloudTasksStageQueue fromEnv(Map<String, String> env) {
    return new CloudTasksStageQueue(QueueConfig.fromEnv(env));
  }

  public QueueConfig config() {
    return config;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Idempotent per {@link StageMessage#taskName()}: Cloud Tasks refuses a name it holds or held
   * within about an hour, which is returned as {@link EnqueueResult#ALREADY_EXISTS}.
   *
   * @throws ConfigException when the URL of the message's stage is not configured (permanent: a
   *     deployment error)
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public EnqueueResult enqueue(StageMessage message) throws EnqueueException {
    CreateTaskRequest request =
        CreateTaskRequest.newBuilder()
            .setParent(config.queuePath())
            .setTask(buildTask(message))
            .build();
    CloudTasksClient tasks = client();
    try {
      tasks.createTask(request);
      return EnqueueResult.CREATED;
    } catch (ApiException e) {
      if (isAlreadyExists(e)) {
        return EnqueueResult.ALREADY_EXISTS;
      }
      throw new EnqueueException(
          "Cloud Tasks refused task "
              + request.getTask().getName()
              + ": "
              + e.getStatusCode().getCode()
              + " "
              + e.getMessage(),
          e);
    } catch (RuntimeException e) {
      throw new EnqueueException(
          "could not enqueue task " + request.getTask().getName() + ": " + e, e);
    }
  }

  /** The task for a message; package-private so a test can inspect it without a server. */
  Task buildTask(StageMessage message) {
    URI url = config.stageUrl(message.stage());
    ObjectNode body = Json.object();
    body.put("task_id", message.taskId().toString());
    body.put("run_id", message.runId().toString());
    HttpRequest.Builder http =
        HttpRequest.newBuilder()
            .setUrl(url.toString())
            .setHttpMethod(HttpMethod.POST)
            .putHeaders("Content-Type", "application/json")
            .setBody(ByteString.copyFrom(Json.write(body), StandardCharsets.UTF_8));
    config
        .invokerServiceAccount()
        .ifPresent(
            email ->
                http.setOidcToken(
                    OidcToken.newBuilder()
                        .setServiceAccountEmail(email)
                        .setAudience(url.toString())));
    Duration deadline = config.dispatchDeadline();
    return Task.newBuilder()
        .setName(config.queuePath() + "/tasks/" + message.taskName())
        .setHttpRequest(http)
        .setDispatchDeadline(
            com.google.protobuf.Duration.newBuilder()
                .setSeconds(deadline.getSeconds())
                .setNanos(deadline.getNano()))
        .build();
  }

  /**
   * Whether Cloud Tasks refused the task because its name is taken.
   *
   * <p>Over gRPC that is the ALREADY_EXISTS code. Over HTTP/JSON, gax (2.74) derives the code from
   * the HTTP status alone and maps 409 to ABORTED, so the error body's {@code status} decides.
   */
  static boolean isAlreadyExists(ApiException e) {
    StatusCode.Code code = e.getStatusCode().getCode();
    if (code == StatusCode.Code.ALREADY_EXISTS) {
      return true;
    }
    if (code != StatusCode.Code.ABORTED) {
      return false;
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof HttpResponseException http && http.getStatusCode() == 409) {
        return "ALREADY_EXISTS".equals(errorStatus(http.getContent()));
      }
    }
    return false;
  }

  /** The {@code error.status} of a Google JSON error body, or null. */
  private static String errorStatus(String content) {
    if (content == null || content.isBlank()) {
      return null;
    }
    try {
      JsonNode status = Json.read(content).path("error").path("status");
      return status.isTextual() ? status.asText() : null;
    } catch (UncheckedIOException e) {
      return null;
    }
  }

  private CloudTasksClient client() throws EnqueueException {
    CloudTasksClient existing = client;
    if (existing != null) {
      return existing;
    }
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("CloudTasksStageQueue is closed");
      }
      if (client == null) {
        try {
          client = CloudTasksClient.create(settings(config));
        } catch (IOException | RuntimeException e) {
          // Not cached: the next enqueue tries again.
          throw new EnqueueException("could not create the Cloud Tasks client: " + e, e);
        }
      }
      return client;
    }
  }

  private static CloudTasksSettings settings(QueueConfig config) throws IOException {
    CloudTasksSettings.Builder builder = CloudTasksSettings.newHttpJsonBuilder();
    if (config.emulatorUrl().isPresent()) {
      // gax-httpjson keeps an explicit http:// scheme on the endpoint (it only adds https:// to a
      // bare host:port), so the emulator is reached in plaintext.
      String endpoint = config.emulatorUrl().get().toString();
      builder
          .setEndpoint(
              endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint)
          .setCredentialsProvider(NoCredentialsProvider.create());
    }
    builder.createTaskSettings().setSimpleTimeoutNoRetriesDuration(CREATE_TASK_TIMEOUT);
    return builder.build();
  }

  /** Closes the client if one was created. Idempotent; later enqueues throw. */
  @Override
  public void close() {
    CloudTasksClient toClose;
    synchronized (lock) {
      closed = true;
      toClose = client;
      client = null;
    }
    if (toClose != null) {
      toClose.close();
    }
  }

  @Override
  public String toString() {
    return "CloudTasksStageQueue[" + config + "]";
  }
}
