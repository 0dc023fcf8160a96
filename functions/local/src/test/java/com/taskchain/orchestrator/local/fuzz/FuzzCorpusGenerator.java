package com.taskchain.orchestrator.local.fuzz;

import com.taskchain.orchestrator.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes the fuzz corpus ({@code src/test/resources/fuzz/corpus.jsonl}) from a fixed seed, so it is
 * the same on every machine: hostile bodies, headers, methods, paths, queries and framings for
 * every public and internal endpoint. Regenerate with {@code java ... FuzzCorpusGenerator <file>}
 * after adding a family; the committed file is what the tests run.
 */
public final class FuzzCorpusGenerator {
  private static final long SEED = 11;
  private static final String[] PUBLIC_POSTS = {"/tasks", "/tasks/{task}/run"};
  private static final String[] STAGES = {
    "/internal/stages/plan", "/internal/stages/execute", "/internal/stages/verify"
  };

  private final Random random = new Random(SEED);
  private final List<FuzzCase> cases = new ArrayList<>();

  public static void main(String[] args) throws IOException {
    FuzzCorpusGenerator generator = new FuzzCorpusGenerator();
    generator.generate();
    StringBuilder out = new StringBuilder();
    for (FuzzCase c : generator.cases) {
      out.append(Json.write(c)).append('\n');
    }
    Files.writeString(Path.of(args[0]), out, StandardCharsets.UTF_8);
    System.out.println(generator.cases.size() + " cases written to " + args[0]);
  }

  private void add(String kind, byte[] raw, boolean mustRefuse) {
    cases.add(
        new FuzzCase(cases.size() + 1, kind, Base64.getEncoder().encodeToString(raw), mustRefuse));
  }

  private static byte[] request(
      String method, String target, Map<String, String> headers, byte[] body, String version) {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(' ').append(version).append("\r\n");
    head.append("Host: 127.0.0.1\r\nConnection: close\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    if (body != null
        && !headers.containsKey("Content-Length")
        && !headers.containsKey("Transfer-Encoding")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      bytes.writeBytes(body);
    }
    return bytes.toByteArray();
  }

  private static byte[] json(String method, String target, byte[] body) {
    return request(method, target, Map.of("Content-Type", "application/json"), body, "HTTP/1.1");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private void generate() {
    badValues();
    badJson();
    badBytes();
    mediaTypes();
    methods();
    paths();
    queries();
    framing();
    headers();
    stageBodies();
    randomMutations();
  }

  /** Values PostgreSQL cannot hold, or that would be stored altered, anywhere in a create. */
  private void badValues() {
    String[] values = {
      "\"a\\u0000b\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\"", "\"x\\ud83d\"", "\"\\ude00x\"",
      "1e999999", "-1e999999", "1E400", "-9e99999", "[1e999999]", "{\"n\": 1e999999}",
      "{\"k\\u0000\": 1}", "{\"\\ud800\": 1}", "[\"ok\", \"\\u0000\"]"
    };
    for (String value : values) {
      add(
          "bad_value",
          json("POST", "/tasks", utf8("{\"task\": \"x\", \"context\": {\"a\": " + value + "}}")),
          true);
      add(
          "bad_value",
          json(
              "POST",
              "/tasks",
              utf8("{\"task\": \"x\", \"context\": {\"a\": {\"b\": [" + value + "]}}}")),
          true);
      if (value.startsWith("\"")) {
        add("bad_value", json("POST", "/tasks", utf8("{\"task\": " + value + "}")), true);
        add(
            "bad_value",
            json("POST", "/tasks", utf8("{\"task\": \"ok\", \"context\": {" + value + ": 1}}")),
            true);
      }
    }
    for (int depth : new int[] {1, 5, 50}) {
      String open = "{\"a\": ".repeat(depth);
      String close = "}".repeat(depth);
      add(
          "bad_value",
          json(
              "POST",
              "/tasks",
              utf8("{\"task\": \"x\", \"context\": " + open + "\"\\u0000\"" + close + "}")),
          true);
    }
  }

  /** Bodies that are not one well-formed JSON object of the right shape. */
  private void badJson() {
    String[] bodies = {
      "",
      " ",
      "{",
      "}",
      "[",
      "[]",
      "null",
      "true",
      "7",
      "\"task\"",
      "{\"task\": }",
      "{\"task\"}",
      "{\"task\": \"x\",}",
      "{\"task\": \"x\"} {}",
      "{\"task\": \"x\"}]",
      "{'task': 'x'}",
      "{task: \"x\"}",
      "{\"task\": \"x\", \"task\": \"y\"}",
      "{\"task\": \"x\", \"context\": {\"a\": 1, \"a\": 2}}",
      "{\"task\": NaN}",
      "{\"task\": \"x\", \"context\": {\"n\": NaN}}",
      "{\"task\": \"x\", \"context\": {\"n\": Infinity}}",
      "{\"task\": \"x\", \"context\": {\"n\": 01}}",
      "{\"task\": \"x\", \"context\": {\"n\": 1.}}",
      "{\"task\": \"x\", \"context\": {\"n\": .5}}",
      "{\"task\": \"x\", \"context\": {\"n\": +1}}",
      "{\"task\": \"x\" /* c */}",
      "{\"task\": \"x\"} // c",
      "{\"task\": \"\\x41\"}",
      "{\"task\": \"\\u12\"}",
      "{\"task\": \"line\nbreak\"}",
      "{\"task\": \"tab\there\"}",
      "{\"task\": null}",
      "{\"task\": 7}",
      "{\"task\": true}",
      "{\"task\": []}",
      "{\"task\": {}}",
      "{\"task\": \"\"}",
      "{\"task\": \"   \"}",
      "{\"task\": \"x\", \"context\": 1}",
      "{\"task\": \"x\", \"context\": \"s\"}",
      "{\"task\": \"x\", \"context\": []}",
      "{\"task\": \"x\", \"contxt\": {}}",
      "{\"TASK\": \"x\"}",
      "{\"task\": \"x\", \"extra\": 1}",
      "{\"task\": \"" + "y".repeat(20_001) + "\"}",
      "{\"task\": \"x\", \"context\": " + "[".repeat(3000) + "]".repeat(3000) + "}",
      "{\"task\": \"x\", \"context\": {\"n\": " + "9".repeat(5000) + "}}",
      "\u00ef\u00bb\u00bf{\"task\": \"x\"}"
    };
    for (String body : bodies) {
      add("bad_json", json("POST", "/tasks", utf8(body)), true);
    }
    String[] runBodies = {
      "[", "[]", "7", "{\"force\": true}", "{\"a\": 1, \"a\": 1}", "null", "{\"\\u0000\": 1}"
    };
    for (String body : runBodies) {
      add("bad_json", json("POST", "/tasks/{task}/run", utf8(body)), true);
    }
  }

  /** Bodies that are not UTF-8. */
  private void badBytes() {
    byte[][] bad = {
      {(byte) 0xff},
      {(byte) 0xfe},
      {(byte) 0xc0, (byte) 0xaf},
      {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
      {(byte) 0xed, (byte) 0xbf, (byte) 0xbf},
      {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0x80},
      {(byte) 0xc3},
      {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}
    };
    for (byte[] b : bad) {
      for (String[] around :
          new String[][] {
            {"{\"task\": \"a", "b\"}"},
            {"{\"task\": \"x\", \"context\": {\"", "\": 1}}"},
            {"{\"task\": \"x\", \"context\": {\"k\": \"", "\"}}"}
          }) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(utf8(around[0]));
        body.writeBytes(b);
        body.writeBytes(utf8(around[1]));
        add("bad_bytes", json("POST", "/tasks", body.toByteArray()), true);
      }
    }
  }

  /** Content types that are not application/json in UTF-8. */
  private void mediaTypes() {
    String[] types = {
      "application/jsonx",
      "application/json-patch+json",
      "application/jsonp",
      "text/json",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/json; charset=latin1",
      "application/json; charset=utf-16",
      "application/*",
      "*/*",
      "json",
      "application",
      "application/",
      "/json",
      ";",
      "application/json,text/plain",
      "application/json\u0001"
    };
    byte[] body = utf8("{\"task\": \"x\"}");
    for (String type : types) {
      for (String path : PUBLIC_POSTS) {
        add(
            "media_type",
            request("POST", path, Map.of("Content-Type", type), utf8("{\"force\": 1}"), "HTTP/1.1"),
            true);
      }
      add(
          "media_type",
          request("POST", "/tasks", Map.of("Content-Type", type), body, "HTTP/1.1"),
          true);
    }
    add("media_type", request("POST", "/tasks", Map.of(), body, "HTTP/1.1"), true);
  }

  /** Methods each path does not take, in any case, and ones no path takes. */
  private void methods() {
    String[] paths = {
      "/",
      "/health",
      "/tools",
      "/tasks",
      "/tasks/{task}",
      "/tasks/{task}/run",
      "/tasks/{task}/runs/7f1c4f9e-1111-4b7e-9a63-1f0de1c2f001",
      "/internal/sweep",
      "/internal/stages/plan",
      "/openapi.yaml",
      "/console/console.js"
    };
    String[] methods = {
      "get",
      "post",
      "Get",
      "PUT",
      "DELETE",
      "PATCH",
      "OPTIONS",
      "TRACE",
      "CONNECT",
      "FOO",
      "G-E-T",
      "GETT",
      "M".repeat(200)
    };
    for (String path : paths) {
      for (String method : methods) {
        add("method", request(method, path, Map.of(), null, "HTTP/1.1"), false);
      }
    }
  }

  /** Paths that name nothing, or ids that are not UUIDs. */
  private void paths() {
    String[] targets = {
      "/tasks/not-a-uuid",
      "/tasks/7F1C4F9E-1111-4B7E-9A63-1F0DE1C2F001x",
      "/tasks/%00",
      "/tasks/%ff",
      "/tasks/%zz",
      "/tasks/%",
      "/tasks/..%2f..%2fetc%2fpasswd",
      "/tasks/../tools",
      "//tasks",
      "/tasks//",
      "/tasks/{task}/runs/",
      "/tasks/{task}/runs/nope",
      "/tasks/{task}/runs/%ff",
      "/tasks/{task}/runs/{task}",
      "/tasks/{task}/run/extra",
      "/console/../../etc/passwd",
      "/console/%2e%2e/%2e%2e/pom.xml",
      "/console/x.exe",
      "/console/CONSOLE.JS",
      "/" + "a".repeat(9000),
      "/tasks/" + "1".repeat(5000),
      "/internal/stages/nope",
      "/internal",
      "/company/../internal/sweep",
      "/tasks;x=1",
      "/tasks/{task};jsessionid=1",
      "/%2e/tasks",
      "/tasks/\u00e9",
      "*",
      "http://evil/tasks",
      "/tasks/7f1c4f9e-1111-4b7e-9a63-1f0de1c2f001",
      "/tasks/7f1c4f9e-1111-4b7e-9a63-1f0de1c2f001/run"
    };
    for (String target : targets) {
      add("path", request("GET", target, Map.of(), null, "HTTP/1.1"), false);
      add("path", json("POST", target, utf8("{}")), false);
    }
  }

  /** Query strings that do not decode, or carry bad values. */
  private void queries() {
    String[] queries = {
      "x=%ff",
      "x=%",
      "x=%zz",
      "x=%c3%28",
      "x=%ed%a0%80",
      "%ff=1",
      "status=%ff",
      "status=nope",
      "status=running&status=failed",
      "limit=0",
      "limit=-1",
      "limit=101",
      "limit=1e9",
      "limit=abc",
      "limit=99999999999999999999",
      "limit=%00",
      "before=",
      "before=nope",
      "before=%ff",
      "before=" + b64("+1000000000-01-01T00:00:00Z|7f1c4f9e-1111-4b7e-9a63-1f0de1c2f001"),
      "before=" + b64("-999999999-01-01T00:00:00Z|7f1c4f9e-1111-4b7e-9a63-1f0de1c2f001"),
      "before=" + b64("0000-01-01T00:00:00Z|7f1c4f9e-1111-4b7e-9a63-1f0de1c2f001"),
      "before=" + b64("2026-01-01T00:00:00Z|not-a-uuid"),
      "before=" + b64("2026-01-01T00:00:00Z"),
      "before=" + b64("\u0000|\u0000"),
      "before=" + b64("2026-01-01T00:00:00Z|7f1c4f9e-1111-4b7e-9a63-1f0de1c2f001") + "==",
      "before=a&before=b",
      "=",
      "&&&",
      "a=" + "b".repeat(10_000),
      "x=%u0041"
    };
    for (String query : queries) {
      // Bad values of the listing's own parameters must be refused; undecodable others only
      // must not fail.
      boolean own =
          (query.startsWith("status=") || query.startsWith("limit=") || query.startsWith("before="))
              && !query.equals("before=");
      add("query", request("GET", "/tasks?" + query, Map.of(), null, "HTTP/1.1"), own);
    }
    String[] waits = {"%ff", "%", "-1", "61", "1e1", "abc", "1&wait=2", "", "%00", "99999999999"};
    for (String wait : waits) {
      add("query", json("POST", "/tasks/{task}/run?wait=" + wait, utf8("{\"x\": 1}")), true);
      add("query", json("POST", "/tasks/{task}/run?wait=" + wait + "&x=%ff", utf8("[]")), true);
    }
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(text));
  }

  /** Bodies whose framing is broken: short, chunked wrongly, contradictory lengths. */
  private void framing() {
    String body = "{\"task\": \"cut short\"}";
    for (String path : new String[] {"/tasks", "/tasks/{task}/run", "/internal/stages/plan"}) {
      for (int extra : new int[] {1, 10, 1000, 200_000}) {
        add(
            "framing",
            raw(
                "POST "
                    + path
                    + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + (body.length() + extra)
                    + "\r\n\r\n"
                    + body),
            true);
      }
      String[] chunked = {
        "5\r\n{\"tas\r\nZZ\r\nk\": \"x\"}\r\n0\r\n\r\n",
        "zz\r\n{}\r\n0\r\n\r\n",
        "5\r\n{}\r\n",
        "ffffffffffffffff\r\n{}\r\n0\r\n\r\n",
        "-1\r\n{}\r\n0\r\n\r\n",
        "2\r\n{}",
        "2;x=y\r\n{}\r\n0\r\nBad Trailer\r\n\r\n"
      };
      for (String chunks : chunked) {
        // A trailer the server may or may not read: only "no 5xx" is asked of that one.
        boolean refuse = !chunks.contains("Bad Trailer");
        add(
            "framing",
            raw(
                "POST "
                    + path
                    + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + chunks),
            refuse);
      }
      add(
          "framing",
          raw(
              "POST "
                  + path
                  + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n{}{}{}{}"),
          true);
      add(
          "framing",
          raw(
              "POST "
                  + path
                  + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -5\r\n\r\n{}"),
          true);
      add(
          "framing",
          raw(
              "POST "
                  + path
                  + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}"),
          true);
      add(
          "framing",
          raw(
              "POST "
                  + path
                  + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\n{}"),
          true);
      add(
          "framing",
          raw(
              "POST "
                  + path
                  + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{]\r\n0\r\n\r\n"),
          true);
    }
    String[] lines = {
      "GET /tasks HTTP/9.9", "GET /tasks HTTP/1.1 extra", "GET  /tasks HTTP/1.1", "GET /tasks",
      "GET", "\u0000\u0001\u0002", "GET /tasks HTTP/1.1\nHost: x", "GET /tasks HTTP/0.9",
      "GET /ta sks HTTP/1.1", "GET /tasks\u0000 HTTP/1.1", "POST /tasks HTTP/1.0"
    };
    for (String line : lines) {
      add("framing", raw(line + "\r\nHost: x\r\nConnection: close\r\n\r\n"), false);
    }
  }

  private static byte[] raw(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Headers with hostile values. */
  private void headers() {
    String[] keys = {
      "", " ", "x".repeat(256), "caf\u00e9", "a b", "a\tb", "\u0001", "ok-key-" + "z".repeat(250)
    };
    for (String key : keys) {
      add(
          "header",
          request(
              "POST",
              "/tasks",
              Map.of("Content-Type", "application/json", "Idempotency-Key", key),
              utf8("{}"),
              "HTTP/1.1"),
          true);
    }
    String[] authorizations = {
      "",
      "Bearer",
      "Bearer ",
      "bearer x.y.z",
      "Bearer a.b",
      "Bearer ...",
      "Bearer " + "a".repeat(5000),
      "Basic Zm9vOmJhcg==",
      "Bearer x.%%%.z",
      "Bearer x.eyJlbWFpbCI6MX0.z"
    };
    for (String auth : authorizations) {
      add(
          "header",
          request(
              "POST",
              "/internal/sweep",
              Map.of("Authorization", auth, "Content-Type", "application/json"),
              utf8("{}"),
              "HTTP/1.1"),
          false);
      add(
          "header",
          request(
              "POST",
              "/internal/stages/plan",
              Map.of("Authorization", auth, "Content-Type", "application/json"),
              utf8("{\"task_id\": 1}"),
              "HTTP/1.1"),
          true);
    }
    add(
        "header",
        request("GET", "/tasks", Map.of("X-Big", "v".repeat(20_000)), null, "HTTP/1.1"),
        false);
    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      many.put("X-H" + i, "v");
    }
    add("header", request("GET", "/tasks", many, null, "HTTP/1.1"), false);
    add(
        "header",
        request(
            "POST",
            "/tasks",
            Map.of("Content-Type", "application/json", "Expect", "100-continue"),
            utf8("{\"task\": 1}"),
            "HTTP/1.1"),
        true);
    add(
        "header",
        request(
            "POST",
            "/tasks",
            Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"),
            utf8("{\"task\": 1}"),
            "HTTP/1.1"),
        true);
  }

  /** Stage messages that do not parse or name nothing, with and without the queue's headers. */
  private void stageBodies() {
    String[] bodies = {
      "",
      "{",
      "[]",
      "{}",
      "{\"task_id\": \"nope\"}",
      "{\"task_id\": 1, \"run_id\": 2}",
      "{\"task_id\": \"7f1c4f9e-1111-4b7e-9a63-1f0de1c2f001\"}",
      "{\"task_id\": \"7f1c4f9e-1111-4b7e-9a63-1f0de1c2f001\", \"run_id\": \"x\"}",
      "{\"task_id\": \"7f1c4f9e-1111-4b7e-9a63-1f0de1c2f001\", \"run_id\": \"7f1c4f9e-1111-4b7e-9a63-1f0de1c2f002\", \"extra\": 1}",
      "{\"task_id\": \"a\\u0000\", \"run_id\": \"b\"}",
      "{\"task_id\": \"x\", \"task_id\": \"y\"}"
    };
    for (String stage : STAGES) {
      for (String body : bodies) {
        add("stage", json("POST", stage, utf8(body)), true);
        add(
            "stage",
            request(
                "POST",
                stage,
                Map.of(
                    "Content-Type",
                    "application/json",
                    "X-CloudTasks-TaskName",
                    "t",
                    "X-CloudTasks-TaskRetryCount",
                    "x"),
                utf8(body),
                "HTTP/1.1"),
            false);
      }
      add(
          "stage",
          json(
              "POST",
              stage,
              utf8(
                  "{\"task_id\": \"7f1c4f9e-1111-4b7e-9a63-1f0de1c2f001\", \"run_id\": \"7f1c4f9e-1111-4b7e-9a63-1f0de1c2f002\"}")),
          false);
    }
  }

  /** Random byte flips, truncations and insertions of a valid create and a valid run body. */
  private void randomMutations() {
    byte[][] seeds = {
      utf8(
          "{\"task\": \"Prepare an executive update for Atlas Checkout\", \"context\": {\"project\": \"Atlas\", \"priority\": \"high\", \"n\": [1, 2.5, -3e2, true, null]}}"),
      utf8(
          "{\"task\": \"Summarise\", \"context\": {\"a\": {\"b\": {\"c\": \"\\u00e9\\ud83d\\ude00\"}}}}")
    };
    byte[] hostile = {
      0,
      (byte) 0xff,
      (byte) 0xed,
      '"',
      '\\',
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      'e',
      '9',
      '-',
      (byte) 0x80,
      '\n'
    };
    int target = 2_400 - cases.size();
    for (int i = 0; i < target; i++) {
      byte[] seed = seeds[i % seeds.length];
      byte[] body = seed.clone();
      int edits = 1 + random.nextInt(4);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(body);
      body = out.toByteArray();
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(body.length);
        switch (random.nextInt(4)) {
          case 0 -> body[at] = hostile[random.nextInt(hostile.length)];
          case 1 -> body = java.util.Arrays.copyOf(body, Math.max(1, at));
          case 2 -> {
            ByteArrayOutputStream grown = new ByteArrayOutputStream();
            grown.write(body, 0, at);
            grown.write(hostile[random.nextInt(hostile.length)]);
            grown.write(body, at, body.length - at);
            body = grown.toByteArray();
          }
          default -> body[at] = (byte) random.nextInt(256);
        }
      }
      // A mutation may still be a valid request: the corpus asks only that it is not a 5xx.
      String path = random.nextInt(5) == 0 ? "/tasks/{task}/run" : "/tasks";
      add("mutation", json("POST", path, body), false);
    }
  }
}
