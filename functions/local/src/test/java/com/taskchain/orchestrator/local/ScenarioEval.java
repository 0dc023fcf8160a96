package com.taskchain.orchestrator.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.local.Api.Reply;
import com.taskchain.orchestrator.testing.PgHarness;
import com.taskchain.orchestrator.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code make eval-scenarios}: runs every scenario of the given JSONL files through the local chain
 * (the real stages, Cloud Tasks emulator and PostgreSQL, over loopback HTTP) and scores its answer:
 *
 * <ul>
 *   <li>{@code succeeded}: the run ended succeeded;
 *   <li>{@code cite:<path>}: a claim of the answer cites the {@code must_cite} document;
 *   <li>{@code hit:<id>}: an expected incident or ticket id is among the first three hits of a
 *       search step;
 *   <li>{@code field:<name>}: the expected field equals the answer's (strings case-insensitively,
 *       lists must contain every expected item, booleans and objects exactly);
 *   <li>{@code mention:<text>}: the {@code must_mention} string occurs in {@code answer.text}
 *       (case-insensitively).
 * </ul>
 *
 * Prints one line per scenario with what it missed, then per type and overall, the overall line
 * last. Asserts nothing: it measures.
 */
public final class ScenarioEval {
  private static final Duration FINISH = Duration.ofSeconds(120);

  private ScenarioEval() {}

  /** One property of one scenario. */
  record Property(String name, boolean met) {}

  public static void main(String[] args) throws Exception {
    List<Path> files = new ArrayList<>();
    for (String arg : args) {
      files.add(RepoRoot.find().resolve(arg));
    }
    if (files.isEmpty()) {
      files.add(RepoRoot.find().resolve("company_details/company_sim/scenarios/scenarios.jsonl"));
    }
    TestDatabase database = PgHarness.newDatabase("scenario_eval");
    Map<String, int[]> byType = new LinkedHashMap<>();
    int[] overall = new int[2];
    int runs = 0;
    int succeeded = 0;
    long totalMs = 0;
    try (LocalRunner runner = TestRunners.start(database)) {
      Api api = new Api(runner.baseUrl());
      for (Path file : files) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode scenario = Json.read(line);
          long start = System.nanoTime();
          JsonNode task = run(api, scenario);
          long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
          totalMs += ms;
          runs++;
          List<Property> properties = score(scenario, task);
          if ("succeeded".equals(task.path("status").asText())) {
            succeeded++;
          }
          int met = (int) properties.stream().filter(Property::met).count();
          int[] type =
              byType.computeIfAbsent(scenario.path("type").asText("general"), k -> new int[2]);
          type[0] += met;
          type[1] += properties.size();
          overall[0] += met;
          overall[1] += properties.size();
          List<String> missed =
              properties.stream().filter(p -> !p.met()).map(Property::name).toList();
          System.out.printf(
              Locale.ROOT,
              "%-8s %-18s %2d/%-2d %6d ms  answer=%s%s%n",
              scenario.path("id").asText(),
              scenario.path("type").asText(),
              met,
              properties.size(),
              ms,
              task.path("result_json").path("answer").path("type").asText("-"),
              missed.isEmpty() ? "" : "  missed: " + String.join(" | ", missed));
        }
      }
    } finally {
      database.close();
    }
    System.out.println();
    byType.forEach(
        (type, counts) ->
            System.out.printf(
                Locale.ROOT,
                "type %-18s %4d/%-4d properties  %5.1f %%%n",
                type,
                counts[0],
                counts[1],
                percent(counts)));
    System.out.printf(
        Locale.ROOT,
        "runs succeeded %d/%d; mean time per scenario %d ms%n",
        succeeded,
        runs,
        runs == 0 ? 0 : totalMs / runs);
    System.out.printf(
        Locale.ROOT,
        "overall %d/%d properties  %.1f %%%n",
        overall[0],
        overall[1],
        percent(overall));
  }

  private static double percent(int[] counts) {
    return counts[1] == 0 ? 0 : 100.0 * counts[0] / counts[1];
  }

  private static JsonNode run(Api api, JsonNode scenario) throws IOException, InterruptedException {
    var body = Json.object();
    body.set("task", scenario.get("task"));
    body.set("context", scenario.get("context"));
    Reply created = api.postJson("/tasks", Json.write(body));
    if (created.status() != 201) {
      throw new IllegalStateException(
          "create answered " + created.status() + ": " + created.json());
    }
    String id = created.json().get("task_id").asText();
    Reply started = api.postJson("/tasks/" + id + "/run", "{}");
    if (started.status() != 202) {
      throw new IllegalStateException("run answered " + started.status() + ": " + started.json());
    }
    return api.awaitFinished(id, FINISH);
  }

  /** The scenario's properties, scored against the finished task. */
  static List<Property> score(JsonNode scenario, JsonNode task) {
    List<Property> properties = new ArrayList<>();
    JsonNode answer = task.path("result_json").path("answer");
    properties.add(new Property("succeeded", "succeeded".equals(task.path("status").asText())));
    List<String> cited = new ArrayList<>();
    answer.path("claims").forEach(c -> c.path("citations").forEach(id -> cited.add(id.asText())));
    for (JsonNode path : scenario.path("must_cite")) {
      boolean met =
          cited.stream()
              .anyMatch(id -> id.equals(path.asText()) || id.startsWith(path.asText() + "#"));
      properties.add(new Property("cite:" + path.asText(), met));
    }
    JsonNode expected = scenario.path("expected");
    List<String> topHits = topHits(task);
    for (String key : List.of("incident", "finding")) {
      JsonNode id = expected.get(key);
      if (id != null && id.isTextual()) {
        properties.add(new Property("hit:" + id.asText(), topHits.contains(id.asText())));
      }
    }
    Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equals("must_mention")) {
        continue;
      }
      properties.add(
          new Property(
              "field:" + field.getKey(), matches(field.getValue(), answer.get(field.getKey()))));
    }
    String text = answer.path("text").asText("").toLowerCase(Locale.ROOT);
    for (JsonNode mention : expected.path("must_mention")) {
      properties.add(
          new Property(
              "mention:" + mention.asText(),
              text.contains(mention.asText().toLowerCase(Locale.ROOT))));
    }
    return properties;
  }

  /** The citation ids of the first three hits of every search step. */
  private static List<String> topHits(JsonNode task) {
    List<String> ids = new ArrayList<>();
    for (JsonNode run : task.path("result_json").path("tool_results")) {
      JsonNode hits = run.path("output").path("hits");
      for (int i = 0; i < Math.min(3, hits.size()); i++) {
        ids.add(hits.get(i).path("citation_id").asText());
      }
    }
    return ids;
  }

  static boolean matches(JsonNode expected, JsonNode actual) {
    if (actual == null || actual.isNull() || actual.isMissingNode()) {
      return false;
    }
    if (expected.isTextual()) {
      if (actual.isArray()) {
        // A single expected name is met by a list that has it first.
        return actual.size() > 0 && actual.get(0).asText().equalsIgnoreCase(expected.asText());
      }
      return actual.isValueNode() && actual.asText().equalsIgnoreCase(expected.asText());
    }
    if (expected.isArray()) {
      List<String> have = new ArrayList<>();
      if (actual.isArray()) {
        actual.forEach(item -> have.add(item.asText().toLowerCase(Locale.ROOT)));
      } else {
        have.add(actual.asText().toLowerCase(Locale.ROOT));
      }
      for (JsonNode item : expected) {
        if (!have.contains(item.asText().toLowerCase(Locale.ROOT))) {
          return false;
        }
      }
      return true;
    }
    return expected.equals(actual);
  }
}
