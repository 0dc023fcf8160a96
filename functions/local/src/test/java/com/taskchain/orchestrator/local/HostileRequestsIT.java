package com.taskchain.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.local.RawHttp.Response;
import com.taskchain.orchestrator.testing.PgExtension;
import com.taskchain.orchestrator.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Input that once reached the database or escaped the functions (issue 11): each is a 4xx in the
 * JSON error shape that names the problem, writes nothing and is not logged at ERROR.
 */
@ExtendWith(PgExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsIT {
  private final TestDatabase database;
  private LocalRunner runner;

  HostileRequestsIT(TestDatabase database) {
    this.database = database;
  }

  @BeforeAll
  void start() throws Exception {
    runner = TestRunners.start(database);
  }

  @AfterAll
  void stop() {
    if (runner != null) {
      runner.close();
    }
  }

  private long rows(String table) throws Exception {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Response send(byte[] request) throws Exception {
    return RawHttp.exchange(runner.baseUrl(), request);
  }

  private static JsonNode json(Response response) {
    return Json.read(response.body());
  }

  /** A 4xx in the JSON error shape, with nosniff, that wrote nothing and logged no ERROR. */
  private Response refused(byte[] request, int status) throws Exception {
    long tasks = rows("tasks");
    long events = rows("task_events");
    Response response;
    try (CapturedOutput log = new CapturedOutput()) {
      response = send(request);
      assertThat(log.lines()).noneMatch(line -> line.contains("\"severity\":\"ERROR\""));
    }
    String what = new String(request, 0, Math.min(request.length, 120), StandardCharsets.UTF_8);
    assertThat(response.status()).as(what).isEqualTo(status);
    assertThat(response.header("Content-Type")).as(what).startsWith("application/json");
    assertThat(response.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
    assertThat(json(response).get("error").asText()).as(what).isNotBlank();
    assertThat(json(response).get("message").asText()).as(what).isNotBlank();
    assertThat(rows("tasks")).as(what).isEqualTo(tasks);
    assertThat(rows("task_events")).as(what).isEqualTo(events);
    return response;
  }

  private String field(byte[] request) throws Exception {
    return json(refused(request, 400)).path("field").asText(null);
  }

  @Test
  void nulCharacter_inTheTaskOrAnyContextKeyOrValue_is400NamingTheField() throws Exception {
    assertThat(field(RawHttp.json("POST", "/tasks", "{\"task\": \"a\\u0000b\"}")))
        .isEqualTo("task");
    assertThat(
            field(
                RawHttp.json(
                    "POST", "/tasks", "{\"task\": \"x\", \"context\": {\"a\": \"b\\u0000\"}}")))
        .isEqualTo("context.a");
    assertThat(
            field(
                RawHttp.json(
                    "POST", "/tasks", "{\"task\": \"x\", \"context\": {\"k\\u0000\": 1}}")))
        .isEqualTo("context");
    assertThat(
            field(
                RawHttp.json(
                    "POST",
                    "/tasks",
                    "{\"task\": \"x\", \"context\": {\"a\": {\"b\": [\"ok\", \"\\u0000\"]}}}")))
        .isEqualTo("context.a.b[1]");
  }

  @Test
  void cursorWithAnOutOfRangeTime_is400NamingBefore() throws Exception {
    String cursor =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "+1000000000-01-01T00:00:00Z|7f1c4f9e-1111-4b7e-9a63-1f0de1c2f001"
                    .getBytes(StandardCharsets.UTF_8));
    Response response =
        refused(RawHttp.request("GET", "/tasks?before=" + cursor, Map.of(), null), 400);
    assertThat(json(response).get("field").asText()).isEqualTo("before");
  }

  @Test
  void invalidPercentEncodingInTheQuery_is400() throws Exception {
    refused(RawHttp.request("GET", "/tasks?x=%ff", Map.of(), null), 400);
    refused(RawHttp.request("GET", "/tasks?status=%zz", Map.of(), null), 400);
    String id = new Api(runner.baseUrl()).createSeedTask();
    refused(RawHttp.json("POST", "/tasks/" + id + "/run?wait=%ff", "{}"), 400);
    assertThat(new Api(runner.baseUrl()).get("/tasks/" + id).json().get("status").asText())
        .isEqualTo("queued");
  }

  @Test
  void bodyShorterThanItsContentLength_isAJson400() throws Exception {
    String body = "{\"task\": \"cut short\"}";
    String request =
        "POST /tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: "
            + (body.length() + 50)
            + "\r\n\r\n"
            + body;
    refused(request.getBytes(StandardCharsets.UTF_8), 400);
  }

  @Test
  void brokenChunkedEncoding_isAJson400() throws Exception {
    String request =
        "POST /tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + "5\r\n{\"tas\r\nZZ\r\nk\": \"x\"}\r\n0\r\n\r\n";
    refused(request.getBytes(StandardCharsets.UTF_8), 400);
  }

  @Test
  void invalidUtf8_andEncodedOrEscapedLoneSurrogates_are400() throws Exception {
    for (byte[] bad :
        new byte[][] {
          {(byte) 0xff}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}
        }) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.writeBytes("{\"task\": \"a".getBytes(StandardCharsets.UTF_8));
      body.writeBytes(bad);
      body.writeBytes("b\"}".getBytes(StandardCharsets.UTF_8));
      Response response = refused(RawHttp.json("POST", "/tasks", body.toByteArray()), 400);
      assertThat(json(response).get("error").asText()).isEqualTo("invalid_utf8");
    }
    assertThat(field(RawHttp.json("POST", "/tasks", "{\"task\": \"a\\ud800b\"}")))
        .isEqualTo("task");
    assertThat(
            field(
                RawHttp.json(
                    "POST", "/tasks", "{\"task\": \"x\", \"context\": {\"s\": \"\\udc00\"}}")))
        .isEqualTo("context.s");
  }

  @Test
  void overflowingNumbers_andDuplicateKeys_are400NamingTheProblem() throws Exception {
    assertThat(
            field(
                RawHttp.json(
                    "POST", "/tasks", "{\"task\": \"x\", \"context\": {\"n\": 1e999999}}")))
        .isEqualTo("context.n");
    assertThat(
            field(
                RawHttp.json(
                    "POST", "/tasks", "{\"task\": \"x\", \"context\": {\"n\": [-1e999999]}}")))
        .isEqualTo("context.n[0]");
    Response duplicate =
        refused(RawHttp.json("POST", "/tasks", "{\"task\": \"a\", \"task\": \"b\"}"), 400);
    assertThat(json(duplicate).get("message").asText()).contains("Duplicate").contains("task");
  }

  @Test
  void contentType_isComparedAsAMediaType() throws Exception {
    byte[] body = "{\"task\": \"x\"}".getBytes(StandardCharsets.UTF_8);
    for (String type :
        new String[] {
          "application/jsonx", "application/json-patch", "application/json; charset=latin1"
        }) {
      refused(RawHttp.request("POST", "/tasks", Map.of("Content-Type", type), body), 415);
    }
    long before = rows("tasks");
    for (String type : new String[] {"Application/JSON", "application/json ; charset=UTF-8"}) {
      Response created =
          send(RawHttp.request("POST", "/tasks", Map.of("Content-Type", type), body));
      assertThat(created.status()).as(type).isEqualTo(201);
    }
    assertThat(rows("tasks")).isEqualTo(before + 2);
  }

  @Test
  void lowerCaseMethod_is405() throws Exception {
    refused(RawHttp.request("get", "/tasks", Map.of(), null), 405);
    refused(RawHttp.request("get", "/health", Map.of(), null), 405);
    refused(RawHttp.json("post", "/tasks", "{\"task\": \"x\"}"), 405);
  }

  @Test
  void jsonAnswers_carryNosniff() throws Exception {
    for (String path : new String[] {"/health", "/tasks", "/tools", "/nowhere"}) {
      Response response = send(RawHttp.request("GET", path, Map.of(), null));
      assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
    }
  }

  @Test
  void stageBodyThatDoesNotParse_is400_loggedOnceAtWarningWithoutAStackTrace() throws Exception {
    try (CapturedOutput log = new CapturedOutput()) {
      refused(RawHttp.json("POST", "/internal/stages/plan", "{\"task_id\": "), 400);
      assertThat(log.lines())
          .filteredOn(line -> line.contains("malformed stage message"))
          .singleElement()
          .satisfies(
              line -> {
                assertThat(line).contains("\"severity\":\"WARNING\"");
                assertThat(line).doesNotContain("stack_trace");
              });
    }
  }
}
