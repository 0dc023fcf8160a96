package com.taskchain.orchestrator.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** The scenario tasks of {@code company_details/company_sim/scenarios/scenarios.jsonl}. */
final class Scenarios {
  private Scenarios() {}

  /** The scenario's {@code {"task", "context"}} as a create-task body. */
  static String createBody(String id) throws IOException {
    for (String line :
        Files.readAllLines(
            RepoRoot.find().resolve("company_details/company_sim/scenarios/scenarios.jsonl"),
            StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode scenario = Json.read(line);
      if (scenario.path("id").asText().equals(id)) {
        var body = Json.object();
        body.set("task", scenario.get("task"));
        body.set("context", scenario.get("context"));
        return Json.write(body);
      }
    }
    throw new IllegalArgumentException("no scenario " + id);
  }
}
