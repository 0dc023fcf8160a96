package com.taskchain.orchestrator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.http.HttpResponseException;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.CloudTasksSettings;
import com.google.cloud.tasks.v2.GetTaskRequest;
import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.local.emulator.TargetServer.Delivery;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's REST surface through the real google-cloud-tasks client (HTTP/JSON). */
class CloudTasksEmulatorApiTest {
  private static final String QUEUE = "projects/demo/locations/us-central1/queues/api-test";
  private static final Duration IDLE_WAIT = Duration.ofSeconds(30);
  private static final Duration LATER = Duration.ofHours(1);

  private TargetServer target;
  private CloudTasksEmulator emulator;
  private CloudTasksClient client;

  @BeforeEach
  void start() throws Exception {
    target = new TargetServer();
    emulator =
        new CloudTasksEmulator(
                EmulatorSettings.defaults(),
                0,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8.name()))
            .start();
    client =
        CloudTasksClient.create(
            CloudTasksSettings.newHttpJsonBuilder()
                .setEndpoint(emulator.url())
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build());
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    emulator.close();
    target.close();
  }

  private Task.Builder task(String id, Instant scheduleTime) {
    Task.Builder task =
        Task.newBuilder()
            .setHttpRequest(
                HttpRequest.newBuilder()
                    .setUrl(target.url("/work"))
                    .setHttpMethod(HttpMethod.POST)
                    .putHeaders("Content-Type", "text/plain")
                    .setBody(ByteString.copyFromUtf8("payload " + id)));
    if (id != null) {
      task.setName(QUEUE + "/tasks/" + id);
    }
    if (scheduleTime != null) {
      task.setScheduleTime(timestamp(scheduleTime));
    }
    return task;
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  @Test
  void createdTask_isReturnedWithCloudTasksDefaults() {
    Task created = client.createTask(QUEUE, task("defaults", Instant.now().plus(LATER)).build());

    assertThat(created.getName()).isEqualTo(QUEUE + "/tasks/defaults");
    assertThat(created.getDispatchDeadline().getSeconds()).isEqualTo(600);
    assertThat(created.getHttpRequest().getHttpMethod()).isEqualTo(HttpMethod.POST);
    assertThat(created.getHttpRequest().getUrl()).isEqualTo(target.url("/work"));
    assertThat(created.getView()).isEqualTo(Task.View.BASIC);
    // The BASIC view leaves the body out.
    assertThat(created.getHttpRequest().getBody().isEmpty()).isTrue();
    assertThat(created.hasCreateTime()).isTrue();
  }

  @Test
  void futureScheduleTime_isHonoured() throws Exception {
    Instant due = Instant.now().plusMillis(1500).truncatedTo(ChronoUnit.MICROS);

    client.createTask(QUEUE, task("later", due).build());
    assertThat(emulator.awaitIdle(IDLE_WAIT)).isTrue();

    Delivery delivery = target.deliveries().get(0);
    assertThat(delivery.at()).isAfterOrEqualTo(due);
    assertThat(delivery.header("X-CloudTasks-TaskETA")).isEqualTo(Dispatcher.eta(due));
    assertThat(delivery.header("X-CloudTasks-QueueName")).isEqualTo("api-test");
    assertThat(delivery.header("Content-Type")).isEqualTo("text/plain");
    assertThat(delivery.body()).isEqualTo("payload later");
  }

  @Test
  void headersCloudTasksSetsItself_cannotBeSpoofedByTheTask() throws Exception {
    Task spoofing =
        task("spoof", null)
            .setHttpRequest(
                task("spoof", null)
                    .getHttpRequestBuilder()
                    .putHeaders("X-CloudTasks-TaskRetryCount", "99")
                    .putHeaders("User-Agent", "not-cloud-tasks")
                    .putHeaders("X-Custom", "kept"))
            .build();

    client.createTask(QUEUE, spoofing);
    assertThat(emulator.awaitIdle(IDLE_WAIT)).isTrue();

    Delivery delivery = target.deliveries().get(0);
    assertThat(delivery.header("X-CloudTasks-TaskRetryCount")).isEqualTo("0");
    assertThat(delivery.header("User-Agent")).isEqualTo("Google-Cloud-Tasks");
    assertThat(delivery.header("X-Custom")).isEqualTo("kept");
  }

  @Test
  void pendingTask_canBeReadInFullListedAndDeleted_andIsNeverDelivered() throws Exception {
    Instant due = Instant.now().plus(LATER).truncatedTo(ChronoUnit.MICROS);
    client.createTask(QUEUE, task("pending", due).build());

    Task full =
        client.getTask(
            GetTaskRequest.newBuilder()
                .setName(QUEUE + "/tasks/pending")
                .setResponseView(Task.View.FULL)
                .build());
    assertThat(full.getHttpRequest().getBody().toStringUtf8()).isEqualTo("payload pending");
    assertThat(instant(full.getScheduleTime())).isEqualTo(due);
    assertThat(full.getView()).isEqualTo(Task.View.FULL);
    List<String> listed = new ArrayList<>();
    client.listTasks(QUEUE).iterateAll().forEach(task -> listed.add(task.getName()));
    assertThat(listed).containsExactly(QUEUE + "/tasks/pending");

    client.deleteTask(QUEUE + "/tasks/pending");

    assertThatThrownBy(() -> client.getTask(QUEUE + "/tasks/pending"))
        .isInstanceOf(NotFoundException.class);
    assertThat(emulator.awaitIdle(IDLE_WAIT)).isTrue();
    assertThat(target.deliveries()).isEmpty();
  }

  @Test
  void nameOfADeletedTask_staysTaken_as409AlreadyExists() {
    client.createTask(QUEUE, task("once", Instant.now().plus(LATER)).build());
    client.deleteTask(QUEUE + "/tasks/once");

    // gax-httpjson turns every 409 into ABORTED; the body says which conflict it was.
    assertThatThrownBy(() -> client.createTask(QUEUE, task("once", null).build()))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getStatusCode().getTransportCode()).isEqualTo(409);
              assertThat(e.getCause()).isInstanceOf(HttpResponseException.class);
              JsonNode body = Json.read(((HttpResponseException) e.getCause()).getContent());
              assertThat(body.path("error").path("status").asText()).isEqualTo("ALREADY_EXISTS");
              assertThat(body.path("error").path("code").asInt()).isEqualTo(409);
            });
  }

  @Test
  void unnamedTask_getsAGeneratedNameAndIsDeliveredUnderIt() throws Exception {
    Task created = client.createTask(QUEUE, task(null, null).build());
    assertThat(emulator.awaitIdle(IDLE_WAIT)).isTrue();

    assertThat(created.getName()).startsWith(QUEUE + "/tasks/");
    String id = created.getName().substring((QUEUE + "/tasks/").length());
    assertThat(id).isNotEmpty();
    assertThat(target.deliveries()).hasSize(1);
    assertThat(target.deliveries().get(0).header("X-CloudTasks-TaskName")).isEqualTo(id);
  }

  @Test
  void listTasks_pagesThroughEveryPendingTaskOfTheQueueOnly() {
    Instant later = Instant.now().plus(LATER);
    for (int i = 0; i < 3; i++) {
      client.createTask(QUEUE, task("page-" + i, later).build());
    }
    client.createTask(
        "projects/demo/locations/us-central1/queues/other", task(null, later).clearName().build());

    List<String> listed = new ArrayList<>();
    client
        .listTasks(
            com.google.cloud.tasks.v2.ListTasksRequest.newBuilder()
                .setParent(QUEUE)
                .setPageSize(2)
                .build())
        .iterateAll()
        .forEach(task -> listed.add(task.getName()));

    assertThat(listed)
        .containsExactly(QUEUE + "/tasks/page-0", QUEUE + "/tasks/page-1", QUEUE + "/tasks/page-2");
  }

  @Test
  void dispatchDeadlineOutsideCloudTasksLimits_isRefused() {
    Task tooShort =
        task("short", null)
            .setDispatchDeadline(com.google.protobuf.Duration.newBuilder().setSeconds(5))
            .build();

    assertThatThrownBy(() -> client.createTask(QUEUE, tooShort))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void taskNamedInAnotherQueue_isRefused() {
    Task elsewhere =
        task(null, null)
            .setName("projects/demo/locations/us-central1/queues/other/tasks/x")
            .build();

    assertThatThrownBy(() -> client.createTask(QUEUE, elsewhere))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void loopbackTargets_areAccepted_othersRefused() {
    for (String url :
        new String[] {
          "http://localhost:1/x", "http://127.0.0.2:1/x", "http://[::1]:1/x",
        }) {
      Task task =
          Task.newBuilder()
              .setHttpRequest(HttpRequest.newBuilder().setUrl(url))
              .setScheduleTime(timestamp(Instant.now().plus(LATER)))
              .build();
      assertThat(client.createTask(QUEUE, task).getHttpRequest().getUrl()).as(url).isEqualTo(url);
    }
    for (String url :
        new String[] {"http://10.0.0.1/x", "https://example.com/x", "http://127.0.0.1.nip.io/x"}) {
      Task task = Task.newBuilder().setHttpRequest(HttpRequest.newBuilder().setUrl(url)).build();
      assertThatThrownBy(() -> client.createTask(QUEUE, task))
          .as(url)
          .isInstanceOf(InvalidArgumentException.class);
    }
  }

  @Test
  void unknownTask_isNotFound() {
    assertThatThrownBy(() -> client.getTask(QUEUE + "/tasks/none"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client.deleteTask(QUEUE + "/tasks/none"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void unknownPath_answers404WithAGoogleErrorBody() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(URI.create(emulator.url() + "/v1/anything"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode error = Json.read(response.body()).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(404);
    assertThat(error.path("status").asText()).isEqualTo("NOT_FOUND");
    assertThat(error.path("message").asText()).contains("/v1/anything");
  }

  @Test
  void malformedBody_answers400() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        URI.create(emulator.url() + "/v2/" + QUEUE + "/tasks"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{not json"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Json.read(response.body()).path("error").path("status").asText())
        .isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  void awaitIdle_isFalseWhileATaskWaitsForItsScheduleTime() throws Exception {
    client.createTask(QUEUE, task("waiting", Instant.now().plus(LATER)).build());

    assertThat(emulator.awaitIdle(Duration.ofMillis(100))).isFalse();
    assertThat(emulator.stats().pending()).isEqualTo(1);
  }

  @Test
  void lifecycle_startOnce_closeIdempotent() throws Exception {
    assertThatThrownBy(emulator::start).isInstanceOf(IllegalStateException.class);
    CloudTasksEmulator unstarted = new CloudTasksEmulator(EmulatorSettings.defaults());
    assertThatThrownBy(unstarted::port).isInstanceOf(IllegalStateException.class);
    unstarted.close();
    unstarted.close();
    assertThatThrownBy(unstarted::start).isInstanceOf(IllegalStateException.class);
  }
}
