package com.taskchain.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.local.Api.Reply;
import com.taskchain.orchestrator.testing.PgExtension;
import com.taskchain.orchestrator.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the web console needs from the server, over real HTTP through the local runner: the task
 * listing at {@code GET /tasks} beside creation at {@code POST /tasks}, and the console's page and
 * assets.
 */
@ExtendWith(PgExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleApiIT {
  private final TestDatabase database;
  private LocalRunner runner;
  private Api api;

  ConsoleApiIT(TestDatabase database) {
    this.database = database;
  }

  @BeforeAll
  void start() throws Exception {
    runner = TestRunners.start(database);
    api = new Api(runner.baseUrl());
  }

  @AfterAll
  void stop() {
    if (runner != null) {
      runner.close();
    }
  }

  @Test
  void getTasks_listsNewestFirst_andPagesWithTheCursorToTheEnd() throws Exception {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(api.createSeedTask());
    }
    List<String> listed = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Reply page =
          api.get(
              "/tasks?limit=2"
                  + (cursor == null
                      ? ""
                      : "&before=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.header("Cache-Control")).isEqualTo("no-store");
      page.json().get("tasks").forEach(t -> listed.add(t.get("task_id").asText()));
      cursor =
          page.json().get("next_cursor").isNull() ? null : page.json().get("next_cursor").asText();
      pages++;
    } while (cursor != null && pages < 50);

    // Other tests of this class add tasks too; the five of this one come newest first, in a row.
    int first = listed.indexOf(created.get(4));
    assertThat(first).isNotNegative();
    assertThat(listed.subList(first, first + 5))
        .containsExactly(
            created.get(4), created.get(3), created.get(2), created.get(1), created.get(0));
    assertThat(listed).doesNotHaveDuplicates();
  }

  @Test
  void getTasks_rowsCarryTheListFields_andTheStatusFilterHolds() throws Exception {
    String id = api.createSeedTask();
    api.postJson("/tasks/" + id + "/run?wait=30", "{}");

    JsonNode succeeded = api.get("/tasks?status=succeeded&limit=100").json().get("tasks");
    JsonNode queued = api.get("/tasks?status=queued&limit=100").json().get("tasks");

    JsonNode row = null;
    for (JsonNode task : succeeded) {
      assertThat(task.get("status").asText()).isEqualTo("succeeded");
      if (task.get("task_id").asText().equals(id)) {
        row = task;
      }
    }
    assertThat(row).as("the finished task in the succeeded list").isNotNull();
    assertThat(row.get("stage").asText()).isEqualTo("done");
    assertThat(row.get("run_count").asInt()).isEqualTo(1);
    assertThat(row.get("task_preview").asText()).startsWith("Prepare an executive update");
    assertThat(row.get("created_at").asText()).isNotBlank();
    assertThat(row.get("updated_at").asText()).isNotBlank();
    queued.forEach(t -> assertThat(t.get("status").asText()).isEqualTo("queued"));
    queued.forEach(t -> assertThat(t.get("task_id").asText()).isNotEqualTo(id));
  }

  @Test
  void getTasks_badParameters_are400NamingTheParameter() throws Exception {
    Map<String, String> cases =
        Map.of(
            "/tasks?status=done", "status",
            "/tasks?limit=0", "limit",
            "/tasks?limit=101", "limit",
            "/tasks?limit=ten", "limit",
            "/tasks?before=not-a-cursor", "before",
            "/tasks?limit=5&limit=6", "limit");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Reply reply = api.get(c.getKey());
      assertThat(reply.status()).as(c.getKey()).isEqualTo(400);
      assertThat(reply.json().get("field").asText()).as(c.getKey()).isEqualTo(c.getValue());
      assertThat(reply.json().get("message").asText()).as(c.getKey()).contains(c.getValue());
    }
  }

  @Test
  void tasksPath_routesByMethod_andRefusesOthersNamingBoth() throws Exception {
    assertThat(api.get("/tasks").status()).isEqualTo(200);
    assertThat(api.send("HEAD", "/tasks", null, null, Map.of()).status()).isEqualTo(200);
    assertThat(api.postJson("/tasks", "{\"task\": \"routed to create\"}").status()).isEqualTo(201);

    Reply put = api.send("PUT", "/tasks", "application/json", "{\"task\": \"x\"}", Map.of());
    assertThat(put.status()).isEqualTo(405);
    assertThat(put.header("Allow")).isEqualTo("GET, POST");
    assertThat(put.json().get("error").asText()).isEqualTo("method_not_allowed");
  }

  /**
   * A refusal that comes before the body is read (by the router, or by a function checking the
   * method) must still leave the keep-alive connection usable. The body is sent a moment after the
   * headers, as HTTP clients often do, so it has not arrived when the refusal is written.
   */
  @Test
  void refusalsBeforeTheBodyIsRead_leaveTheConnectionUsable() throws Exception {
    for (String target : List.of("PUT /tasks", "POST /health", "POST /nowhere")) {
      byte[] body = "{\"task\": \"x\"}".getBytes(StandardCharsets.US_ASCII);
      try (Socket socket = new Socket("127.0.0.1", runner.baseUrl().getPort())) {
        socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(
            (target
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: "
                    + body.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(Duration.ofMillis(300).toMillis());
        out.write(body);
        out.write(
            "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();

        String answers = readUntil(socket.getInputStream(), "{\"status\":\"ok\"}");
        assertThat(answers).as(target).startsWith("HTTP/1.1 4");
        assertThat(answers).as(target).contains("HTTP/1.1 200");
      }
    }
  }

  /**
   * What the server sends until {@code end} appears, the connection closes or the read times out.
   */
  private static String readUntil(InputStream in, String end) {
    StringBuilder text = new StringBuilder();
    byte[] buffer = new byte[8192];
    try {
      int n;
      while (!text.toString().contains(end) && (n = in.read(buffer)) >= 0) {
        text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
      }
    } catch (IOException e) {
      // A timeout or a reset: the caller's assertions say what was missing.
    }
    return text.toString();
  }

  @Test
  void console_servesThePageAndItsAssets_withTheirTypesAndAStrictPolicy() throws Exception {
    Reply page = api.get("/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
    String html = page.raw().body();
    assertThat(html).contains("console/console.js", "console/console.css");
    assertThat(html).doesNotContain("http://", "https://", "<script>");

    Reply script = api.get("/console/console.js");
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.header("Content-Type")).startsWith("text/javascript");
    assertThat(script.header("X-Content-Type-Options")).isEqualTo("nosniff");
    Reply style = api.get("/console/console.css");
    assertThat(style.status()).isEqualTo(200);
    assertThat(style.header("Content-Type")).startsWith("text/css");
  }

  @Test
  void console_refusesUnknownFilesAndPathsOutsideItsFolder() throws Exception {
    for (String path :
        List.of(
            "/console/missing.js",
            "/console/index.html",
            "/console/.hidden.js",
            "/console/sub/console.js",
            "/console/Console.JS")) {
      Reply reply = api.get(path);
      assertThat(reply.status()).as(path).isEqualTo(404);
      assertThat(reply.json().get("error").asText()).as(path).isEqualTo("not_found");
    }
    // Jetty itself refuses an encoded slash before any function sees it.
    assertThat(api.get("/console/..%2F..%2Fpom.xml").status()).isBetween(400, 404);
    assertThat(api.send("POST", "/console/console.js", null, null, Map.of()).status())
        .isEqualTo(405);
  }
}
