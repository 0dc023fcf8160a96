package com.taskchain.orchestrator.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code make bench}: starts the local runner on a fresh embedded database and measures, over HTTP,
 * the time from {@code POST /tasks/{id}/run} to {@code succeeded} for one task, then for 100 tasks
 * run at once. Prints figures; asserts nothing about time.
 */
public final class PipelineBench {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PipelineBench() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of("").toAbsolutePath();
    Path data = root.resolve("target/bench-pg-" + System.currentTimeMillis());
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("ORCHESTRATOR_DATABASE_URL");
    env.put("PORT", "0");
    env.put("ORCHESTRATOR_LOCAL_DATA_DIR", data.toString());
    try (LocalRunner runner = LocalRunner.start(env, root)) {
      URI base = runner.baseUrl();
      // Warm up the JVM paths once, not measured.
      runAndWait(base, create(base));
      long[] single = new long[5];
      for (int i = 0; i < single.length; i++) {
        single[i] = runAndWait(base, create(base));
      }
      Arrays.sort(single);
      System.out.printf(
          "one task, run -> succeeded: median %d ms (min %d, max %d, n=%d)%n",
          single[single.length / 2], single[0], single[single.length - 1], single.length);

      int n = 100;
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ids.add(create(base));
      }
      // Every run is requested at once from its own thread; then one poller watches them all
      // finish.
      long start = System.nanoTime();
      Map<String, Long> requested = new ConcurrentHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(n);
      try {
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (String id : ids) {
          runs.add(
              CompletableFuture.runAsync(
                  () -> {
                    try {
                      startRun(base, id);
                      requested.put(id, System.nanoTime());
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  },
                  pool));
        }
        runs.forEach(CompletableFuture::join);
      } finally {
        pool.shutdown();
      }
      Map<String, Long> finished = new HashMap<>();
      while (finished.size() < n) {
        for (String id : ids) {
          if (!finished.containsKey(id) && isFinished(base, id)) {
            finished.put(id, System.nanoTime());
          }
        }
        Thread.sleep(20);
      }
      long[] each =
          ids.stream()
              .mapToLong(id -> (finished.get(id) - requested.get(id)) / 1_000_000)
              .sorted()
              .toArray();
      long wall =
          (finished.values().stream().mapToLong(Long::longValue).max().orElseThrow() - start)
              / 1_000_000;
      System.out.printf(
          "%d tasks run at once: all succeeded %d ms after the first run request (%.1f tasks/s);"
              + " per task, run request to succeeded: p50 %d ms, p95 %d ms, max %d ms%n",
          n, wall, n * 1000.0 / wall, each[n / 2], each[(int) (n * 0.95) - 1], each[n - 1]);
    }
  }

  private static String create(URI base) throws Exception {
    JsonNode body =
        send(
            HttpRequest.newBuilder(base.resolve("/tasks"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"task\":\"Prepare an executive update for Atlas Checkout migration and"
                            + " include risks.\",\"context\":{\"project\":\"Atlas Checkout\","
                            + "\"priority\":\"high\"}}"))
                .build(),
            201);
    return body.get("task_id").asText();
  }

  private static void startRun(URI base, String id) throws Exception {
    send(
        HttpRequest.newBuilder(base.resolve("/tasks/" + id + "/run"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build(),
        202);
  }

  private static boolean isFinished(URI base, String id) throws Exception {
    JsonNode task = send(HttpRequest.newBuilder(base.resolve("/tasks/" + id)).build(), 200);
    String status = task.get("status").asText();
    if (status.equals("failed")) {
      throw new IllegalStateException("task " + id + " failed: " + task.get("verification_json"));
    }
    return status.equals("succeeded");
  }

  /** Runs a task and polls until it ends; returns milliseconds from the run request to the end. */
  private static long runAndWait(URI base, String id) throws Exception {
    long start = System.nanoTime();
    send(
        HttpRequest.newBuilder(base.resolve("/tasks/" + id + "/run"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build(),
        202);
    while (true) {
      JsonNode task = send(HttpRequest.newBuilder(base.resolve("/tasks/" + id)).build(), 200);
      String status = task.get("status").asText();
      if (status.equals("succeeded")) {
        return (System.nanoTime() - start) / 1_000_000;
      }
      if (status.equals("failed")) {
        throw new IllegalStateException("task " + id + " failed: " + task.get("verification_json"));
      }
      Thread.sleep(10);
    }
  }

  private static JsonNode send(HttpRequest request, int expected) throws Exception {
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return Json.read(response.body());
  }
}
