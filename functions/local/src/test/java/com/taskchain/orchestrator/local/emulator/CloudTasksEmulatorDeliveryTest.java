package com.taskchain.orchestrator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.local.emulator.TargetServer.Delivery;
import com.taskchain.orchestrator.queue.CloudTasksStageQueue;
import com.taskchain.orchestrator.queue.EnqueueException;
import com.taskchain.orchestrator.queue.Stage;
import com.taskchain.orchestrator.queue.StageMessage;
import com.taskchain.orchestrator.queue.StageQueue.EnqueueResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@link CloudTasksStageQueue} (and so the real google-cloud-tasks client over HTTP/JSON)
 * against the emulator, delivering to a loopback target.
 */
class CloudTasksEmulatorDeliveryTest {
  /** Generous: only reached when something is broken. */
  private static final Duration IDLE_WAIT = Duration.ofSeconds(30);

  private static final EmulatorSettings FAST_RETRIES =
      EmulatorSettings.defaults()
          .withBackoff(Duration.ofMillis(10), Duration.ofMillis(100), 5)
          .withMaxAttempts(3);

  private TargetServer target;
  private CloudTasksEmulator emulator;
  private CloudTasksStageQueue queue;
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

  @BeforeEach
  void startTarget() throws Exception {
    target = new TargetServer();
  }

  @AfterEach
  void stopAll() throws Exception {
    if (queue != null) {
      queue.close();
    }
    if (emulator != null) {
      emulator.close();
    }
    target.close();
  }

  private void start(EmulatorSettings settings, String... extraEnv) throws Exception {
    emulator =
        new CloudTasksEmulator(
                settings, 0, new PrintStream(logBytes, true, StandardCharsets.UTF_8.name()))
            .start();
    Map<String, String> env = new HashMap<>();
    env.put("ORCHESTRATOR_TASKS_EMULATOR_URL", emulator.url());
    env.put("ORCHESTRATOR_TASKS_MAX_ATTEMPTS", Integer.toString(settings.maxAttempts()));
    for (Stage stage : Stage.values()) {
      env.put("ORCHESTRATOR_STAGE_" + stage.name() + "_URL", target.url("/" + stage.wire()));
    }
    for (int i = 0; i < extraEnv.length; i += 2) {
      env.put(extraEnv[i], extraEnv[i + 1]);
    }
    queue = CloudTasksStageQueue.fromEnv(env);
  }

  private static StageMessage message(Stage stage) {
    return new StageMessage(UUID.randomUUID(), UUID.randomUUID(), stage, 0);
  }

  private void awaitIdle() throws InterruptedException {
    assertThat(emulator.awaitIdle(IDLE_WAIT)).as("emulator idle").isTrue();
  }

  private List<JsonNode> logLines() {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : logBytes.toString(StandardCharsets.UTF_8).split("\n", -1)) {
      if (!line.isBlank()) {
        lines.add(Json.read(line));
      }
    }
    return lines;
  }

  @Test
  void enqueuedMessage_isPostedWithItsJsonBodyContentTypeAndCloudTasksHeaders() throws Exception {
    start(FAST_RETRIES);
    StageMessage message = message(Stage.EXECUTE);
    Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);

    assertThat(queue.enqueue(message)).isEqualTo(EnqueueResult.CREATED);
    awaitIdle();

    assertThat(target.deliveries()).hasSize(1);
    Delivery delivery = target.deliveries().get(0);
    assertThat(delivery.method()).isEqualTo("POST");
    assertThat(delivery.path()).isEqualTo("/execute");
    assertThat(delivery.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = Json.read(delivery.body());
    assertThat(body.path("task_id").asText()).isEqualTo(message.taskId().toString());
    assertThat(body.path("run_id").asText()).isEqualTo(message.runId().toString());
    assertThat(delivery.header("X-CloudTasks-QueueName")).isEqualTo("taskchain-stages");
    assertThat(delivery.header("X-CloudTasks-TaskName")).isEqualTo(message.taskName());
    assertThat(delivery.header("X-CloudTasks-TaskRetryCount")).isEqualTo("0");
    assertThat(delivery.header("X-CloudTasks-TaskExecutionCount")).isEqualTo("0");
    assertThat(delivery.header("X-CloudTasks-TaskPreviousResponse")).isNull();
    assertThat(delivery.header("X-CloudTasks-TaskRetryReason")).isNull();
    assertThat(delivery.header("Authorization")).isNull();
    assertThat(delivery.header("User-Agent")).isEqualTo("Google-Cloud-Tasks");
    Instant eta = eta(delivery.header("X-CloudTasks-TaskETA"));
    assertThat(eta).isBetween(before, delivery.at());
    assertThat(emulator.stats()).isEqualTo(new EmulatorStats(1, 1, 1, 0, 0, 0));
  }

  @Test
  void sameMessageEnqueuedTwice_isAlreadyExistsAndDeliveredOnce() throws Exception {
    start(FAST_RETRIES);
    StageMessage message = message(Stage.PLAN);

    assertThat(queue.enqueue(message)).isEqualTo(EnqueueResult.CREATED);
    assertThat(queue.enqueue(message)).isEqualTo(EnqueueResult.ALREADY_EXISTS);
    awaitIdle();
    // The name stays taken after the task has run, as in Cloud Tasks.
    assertThat(queue.enqueue(message)).isEqualTo(EnqueueResult.ALREADY_EXISTS);
    awaitIdle();

    assertThat(target.deliveries()).hasSize(1);
    assertThat(emulator.stats().created()).isEqualTo(1);
  }

  @Test
  void nextGenerationOfTheSameStage_isANewTask() throws Exception {
    start(FAST_RETRIES);
    StageMessage first = message(Stage.PLAN);
    StageMessage again = new StageMessage(first.taskId(), first.runId(), first.stage(), 1);

    assertThat(queue.enqueue(first)).isEqualTo(EnqueueResult.CREATED);
    assertThat(queue.enqueue(again)).isEqualTo(EnqueueResult.CREATED);
    awaitIdle();

    assertThat(target.deliveries()).hasSize(2);
  }

  @Test
  void nameIsFreeAgainAfterTheTombstoneWindow() throws Exception {
    start(FAST_RETRIES.withTombstoneWindow(Duration.ofMillis(1)));
    StageMessage message = message(Stage.PLAN);

    assertThat(queue.enqueue(message)).isEqualTo(EnqueueResult.CREATED);
    awaitIdle();
    TimeUnit.MILLISECONDS.sleep(50);

    assertThat(queue.enqueue(message)).isEqualTo(EnqueueResult.CREATED);
    awaitIdle();
    assertThat(target.deliveries()).hasSize(2);
  }

  @Test
  void target503Then200_isDeliveredTwice_secondWithRetryCountOneAndPreviousResponse503()
      throws Exception {
    start(FAST_RETRIES);
    target.respondWith((delivery, closing) -> delivery.number() == 1 ? 503 : 200);

    queue.enqueue(message(Stage.VERIFY));
    awaitIdle();

    List<Delivery> deliveries = target.deliveries();
    assertThat(deliveries).hasSize(2);
    Delivery second = deliveries.get(1);
    assertThat(second.header("X-CloudTasks-TaskRetryCount")).isEqualTo("1");
    assertThat(second.header("X-CloudTasks-TaskPreviousResponse")).isEqualTo("503");
    assertThat(second.header("X-CloudTasks-TaskRetryReason")).isEqualTo("UNAVAILABLE");
    // A 5xx answer is not an execution.
    assertThat(second.header("X-CloudTasks-TaskExecutionCount")).isEqualTo("0");
    assertThat(second.body()).isEqualTo(deliveries.get(0).body());
    assertThat(second.header("X-CloudTasks-TaskName"))
        .isEqualTo(deliveries.get(0).header("X-CloudTasks-TaskName"));
    assertThat(emulator.stats()).isEqualTo(new EmulatorStats(1, 2, 1, 1, 0, 0));
  }

  @Test
  void clientError_isRetriedToo_andCountsAsAnExecution() throws Exception {
    start(FAST_RETRIES);
    target.respondWith((delivery, closing) -> delivery.number() == 1 ? 404 : 204);

    queue.enqueue(message(Stage.PLAN));
    awaitIdle();

    List<Delivery> deliveries = target.deliveries();
    assertThat(deliveries).hasSize(2);
    assertThat(deliveries.get(1).header("X-CloudTasks-TaskPreviousResponse")).isEqualTo("404");
    assertThat(deliveries.get(1).header("X-CloudTasks-TaskRetryReason")).isEqualTo("NOT_FOUND");
    assertThat(deliveries.get(1).header("X-CloudTasks-TaskExecutionCount")).isEqualTo("1");
  }

  @Test
  void targetThatAlwaysFails_isTriedMaxAttemptsTimesThenDropped() throws Exception {
    start(FAST_RETRIES);
    target.respondWith((delivery, closing) -> 500);

    queue.enqueue(message(Stage.EXECUTE));
    awaitIdle();

    List<Delivery> deliveries = target.deliveries();
    assertThat(deliveries).hasSize(FAST_RETRIES.maxAttempts());
    assertThat(deliveries)
        .extracting(d -> d.header("X-CloudTasks-TaskRetryCount"))
        .containsExactly("0", "1", "2");
    assertThat(emulator.stats()).isEqualTo(new EmulatorStats(1, 3, 0, 3, 1, 0));
  }

  @Test
  void unreachableTarget_isRetriedAsAFailureWithoutResponse() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    start(FAST_RETRIES, "ORCHESTRATOR_STAGE_PLAN_URL", "http://127.0.0.1:" + closedPort + "/plan");

    queue.enqueue(message(Stage.PLAN));
    awaitIdle();

    assertThat(emulator.stats()).isEqualTo(new EmulatorStats(1, 3, 0, 3, 1, 0));
    assertThat(logLines())
        .hasSize(3)
        .allSatisfy(line -> assertThat(line.path("rpc_status").asText()).isEqualTo("UNAVAILABLE"));
  }

  @Test
  void attemptPastTheDispatchDeadline_failsAndIsRetried() throws Exception {
    start(FAST_RETRIES.withDispatchDeadlineOverride(Duration.ofMillis(300)));
    target.respondWith(
        (delivery, closing) -> {
          if (delivery.number() == 1) {
            // Outlives the deadline; released when the test ends.
            closing.await(30, TimeUnit.SECONDS);
          }
          return 200;
        });

    queue.enqueue(message(Stage.EXECUTE));
    awaitIdle();

    List<Delivery> deliveries = target.deliveries();
    assertThat(deliveries).hasSize(2);
    assertThat(deliveries.get(1).header("X-CloudTasks-TaskRetryCount")).isEqualTo("1");
    assertThat(deliveries.get(1).header("X-CloudTasks-TaskRetryReason"))
        .isEqualTo("DEADLINE_EXCEEDED");
    assertThat(deliveries.get(1).header("X-CloudTasks-TaskPreviousResponse")).isEqualTo("0");
    assertThat(emulator.stats()).isEqualTo(new EmulatorStats(1, 2, 1, 1, 0, 0));
  }

  @Test
  void nonLoopbackStageUrl_isRefusedAtEnqueue() throws Exception {
    start(FAST_RETRIES, "ORCHESTRATOR_STAGE_PLAN_URL", "http://example.com/plan");

    assertThatThrownBy(() -> queue.enqueue(message(Stage.PLAN)))
        .isInstanceOf(EnqueueException.class)
        .hasMessageContaining("INVALID_ARGUMENT");
    assertThat(emulator.stats().created()).isZero();
  }

  @Test
  void configuredInvokerServiceAccount_addsABearerTokenWithEmailAndAudienceClaims()
      throws Exception {
    start(FAST_RETRIES, "ORCHESTRATOR_TASKS_INVOKER_SA", "tasks@demo.iam.gserviceaccount.com");

    queue.enqueue(message(Stage.VERIFY));
    awaitIdle();

    String authorization = target.deliveries().get(0).header("Authorization");
    assertThat(authorization).startsWith("Bearer ");
    String[] parts = authorization.substring("Bearer ".length()).split("\\.", -1);
    assertThat(parts).hasSize(3);
    JsonNode claims =
        Json.read(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    assertThat(claims.path("email").asText()).isEqualTo("tasks@demo.iam.gserviceaccount.com");
    assertThat(claims.path("aud").asText()).isEqualTo(target.url("/verify"));
    assertThat(claims.path("exp").asLong()).isGreaterThan(claims.path("iat").asLong());
  }

  @Test
  void dispatchConcurrency_isBounded() throws Exception {
    start(FAST_RETRIES.withDispatchConcurrency(2));
    target.respondWith(
        (delivery, closing) -> {
          // Long enough for the next due tasks to pile up behind the busy threads.
          closing.await(200, TimeUnit.MILLISECONDS);
          return 200;
        });

    for (int i = 0; i < 6; i++) {
      queue.enqueue(message(Stage.PLAN));
    }
    awaitIdle();

    assertThat(target.deliveries()).hasSize(6);
    assertThat(target.maxConcurrent()).isBetween(1, 2);
  }

  @Test
  void everyAttempt_isLoggedAsOneJsonLine() throws Exception {
    start(FAST_RETRIES);
    target.respondWith((delivery, closing) -> delivery.number() == 1 ? 503 : 200);
    StageMessage message = message(Stage.PLAN);

    queue.enqueue(message);
    awaitIdle();

    List<JsonNode> lines = logLines();
    assertThat(lines).hasSize(2);
    assertThat(lines)
        .extracting(line -> line.path("severity").asText())
        .containsExactly("WARNING", "INFO");
    assertThat(lines).extracting(line -> line.path("status").asInt()).containsExactly(503, 200);
    assertThat(lines)
        .allSatisfy(
            line -> {
              assertThat(line.path("task_name").asText()).endsWith("/tasks/" + message.taskName());
              assertThat(line.path("message").asText()).isNotBlank();
            });
  }

  private static Instant eta(String header) {
    BigDecimal seconds = new BigDecimal(header);
    long whole = seconds.longValue();
    long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValueExact();
    return Instant.ofEpochSecond(whole, nanos);
  }
}
