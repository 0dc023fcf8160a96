package com.taskchain.orchestrator.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.Task;
import com.sun.net.httpserver.HttpServer;
import com.taskchain.orchestrator.config.ConfigException;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.queue.StageQueue.EnqueueResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real client against a loopback server that answers with fixed Google-style responses: what
 * the queue sends and how it maps answers. The full emulator is exercised in functions/local.
 */
class CloudTasksStageQueueTest {
  private static final String SUCCESS_BODY =
      "{\"name\":\"projects/p/locations/l/queues/q/tasks/t\",\"view\":\"BASIC\"}";

  private HttpServer server;
  private final AtomicReference<Integer> status = new AtomicReference<>(200);
  private final AtomicReference<String> answer = new AtomicReference<>(SUCCESS_BODY);
  private final AtomicReference<String> lastPath = new AtomicReference<>();
  private final AtomicReference<String> lastBody = new AtomicReference<>();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          lastPath.set(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
          lastBody.set(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] out = answer.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
          exchange.sendResponseHeaders(status.get(), out.length);
          exchange.getResponseBody().write(out);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private Map<String, String> env(String... extra) {
    Map<String, String> env = new HashMap<>();
    env.put("ORCHESTRATOR_TASKS_EMULATOR_URL", "http://127.0.0.1:" + server.getAddress().getPort());
    env.put("ORCHESTRATOR_STAGE_PLAN_URL", "http://127.0.0.1:9/plan");
    env.put("ORCHESTRATOR_STAGE_EXECUTE_URL", "http://127.0.0.1:9/execute");
    for (int i = 0; i < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return env;
  }

  private static StageMessage message(Stage stage) {
    return new StageMessage(UUID.randomUUID(), UUID.randomUUID(), stage, 0);
  }

  @Test
  void createdTask_isPostedToTheQueuePathWithTheMessageAsJsonBody() throws Exception {
    StageMessage message = message(Stage.EXECUTE);
    try (CloudTasksStageQueue queue = CloudTasksStageQueue.fromEnv(env())) {
      assertThat(queue.enqueue(message)).isEqualTo(EnqueueResult.CREATED);
    }

    assertThat(lastPath.get())
        .isEqualTo(
            "POST /v2/projects/local-project/locations/us-central1/queues/taskchain-stages/tasks");
    JsonNode task = Json.read(lastBody.get()).path("task");
    assertThat(task.path("name").asText())
        .isEqualTo(
            "projects/local-project/locations/us-central1/queues/taskchain-stages/tasks/"
                + message.taskName());
    assertThat(task.path("httpRequest").path("url").asText())
        .isEqualTo("http://127.0.0.1:9/execute");
    assertThat(task.path("dispatchDeadline").asText()).isEqualTo("600s");
    byte[] body =
        java.util.Base64.getDecoder().decode(task.path("httpRequest").path("body").asText());
    JsonNode payload = Json.read(new String(body, StandardCharsets.UTF_8));
    assertThat(payload.path("task_id").asText()).isEqualTo(message.taskId().toString());
    assertThat(payload.path("run_id").asText()).isEqualTo(message.runId().toString());
    assertThat(payload.size()).isEqualTo(2);
  }

  @Test
  void emulatorUrlWithTrailingSlash_reachesTheSamePaths() throws Exception {
    Map<String, String> env =
        env(
            "ORCHESTRATOR_TASKS_EMULATOR_URL",
            "http://127.0.0.1:" + server.getAddress().getPort() + "/");
    try (CloudTasksStageQueue queue = CloudTasksStageQueue.fromEnv(env)) {
      assertThat(queue.enqueue(message(Stage.PLAN))).isEqualTo(EnqueueResult.CREATED);
    }

    assertThat(lastPath.get())
        .isEqualTo(
            "POST /v2/projects/local-project/locations/us-central1/queues/taskchain-stages/tasks");
  }

  @Test
  void builtTask_carriesPostJsonHeaderDeadlineAndOidcTokenForTheStageUrl() {
    CloudTasksStageQueue queue =
        CloudTasksStageQueue.fromEnv(
            env(
                "ORCHESTRATOR_TASKS_INVOKER_SA", "invoker@p.iam.gserviceaccount.com",
                "ORCHESTRATOR_STAGE_DISPATCH_DEADLINE_S", "45"));

    Task task = queue.buildTask(message(Stage.PLAN));

    assertThat(task.getHttpRequest().getHttpMethod()).isEqualTo(HttpMethod.POST);
    assertThat(task.getHttpRequest().getHeadersMap())
        .containsEntry("Content-Type", "application/json");
    assertThat(task.getHttpRequest().getOidcToken().getServiceAccountEmail())
        .isEqualTo("invoker@p.iam.gserviceaccount.com");
    assertThat(task.getHttpRequest().getOidcToken().getAudience())
        .isEqualTo("http://127.0.0.1:9/plan");
    assertThat(task.getDispatchDeadline().getSeconds()).isEqualTo(45);
  }

  @Test
  void withoutInvokerServiceAccount_noOidcTokenIsAttached() {
    CloudTasksStageQueue queue = CloudTasksStageQueue.fromEnv(env());

    assertThat(queue.buildTask(message(Stage.PLAN)).getHttpRequest().hasOidcToken()).isFalse();
  }

  @Test
  void conflictWithAlreadyExistsStatus_isAlreadyExists() throws Exception {
    status.set(409);
    answer.set(
        "{\"error\":{\"code\":409,\"message\":\"Requested entity already exists\","
            + "\"status\":\"ALREADY_EXISTS\"}}");
    try (CloudTasksStageQueue queue = CloudTasksStageQueue.fromEnv(env())) {
      assertThat(queue.enqueue(message(Stage.PLAN))).isEqualTo(EnqueueResult.ALREADY_EXISTS);
    }
  }

  @Test
  void conflictThatIsNotAlreadyExists_isARetriableFailure() {
    status.set(409);
    answer.set("{\"error\":{\"code\":409,\"message\":\"concurrent\",\"status\":\"ABORTED\"}}");
    try (CloudTasksStageQueue queue = CloudTasksStageQueue.fromEnv(env())) {
      assertThatThrownBy(() -> queue.enqueue(message(Stage.PLAN)))
          .isInstanceOf(EnqueueException.class)
          .hasMessageContaining("ABORTED");
    }
  }

  @Test
  void unavailable_isARetriableFailure() {
    status.set(503);
    answer.set("{\"error\":{\"code\":503,\"message\":\"down\",\"status\":\"UNAVAILABLE\"}}");
    try (CloudTasksStageQueue queue = CloudTasksStageQueue.fromEnv(env())) {
      assertThatThrownBy(() -> queue.enqueue(message(Stage.PLAN)))
          .isInstanceOf(EnqueueException.class)
          .hasMessageContaining("UNAVAILABLE");
    }
  }

  @Test
  void unreachableQueue_isARetriableFailure() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Map<String, String> env =
        env("ORCHESTRATOR_TASKS_EMULATOR_URL", "http://127.0.0.1:" + closedPort);
    try (CloudTasksStageQueue queue = CloudTasksStageQueue.fromEnv(env)) {
      assertThatThrownBy(() -> queue.enqueue(message(Stage.PLAN)))
          .isInstanceOf(EnqueueException.class);
    }
  }

  @Test
  void stageWithoutUrl_isAConfigErrorAndSendsNothing() {
    try (CloudTasksStageQueue queue = CloudTasksStageQueue.fromEnv(env())) {
      assertThatThrownBy(() -> queue.enqueue(message(Stage.VERIFY)))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("ORCHESTRATOR_STAGE_VERIFY_URL");
    }
    assertThat(lastPath.get()).isNull();
  }

  @Test
  void enqueueAfterClose_isRefused() throws Exception {
    CloudTasksStageQueue queue = CloudTasksStageQueue.fromEnv(env());
    queue.enqueue(message(Stage.PLAN));
    queue.close();
    queue.close();

    assertThatThrownBy(() -> queue.enqueue(message(Stage.PLAN)))
        .isInstanceOf(IllegalStateException.class);
  }
}
