package com.taskchain.orchestrator.skill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.taskchain.orchestrator.execute.ExecutionResult;
import com.taskchain.orchestrator.execute.Executor;
import com.taskchain.orchestrator.execute.ExecutorConfig;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.pipeline.Pipeline;
import com.taskchain.orchestrator.plan.DeterministicPlanner;
import com.taskchain.orchestrator.plan.Plan;
import com.taskchain.orchestrator.plan.TaskInput;
import com.taskchain.orchestrator.retrieval.RetrievalIndex;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.company.CompanySystemsConfig;
import com.taskchain.orchestrator.tool.company.CompanyTools;
import com.taskchain.orchestrator.tool.text.TextTools;
import com.taskchain.orchestrator.verify.RuleVerifier;
import com.taskchain.orchestrator.verify.Verification;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the repository's escalation, change approval and audit scenarios through the deterministic
 * planner, the executor (company tools against a loopback stand-in of Jira and the logs system over
 * the company's real records) and the verifier, and prints per scenario the scored properties:
 * expected fields equal, must_mention strings in the answer text, must_cite paths cited by claims.
 * It asserts only a minimum overall rate, not particular values.
 */
class OpsScenariosTest {
  private static final List<String> TYPES = List.of("escalation", "change_approval", "audit");

  /** The executor's default plan limit. */
  private static final int MAX_STEPS = ExecutorConfig.defaults().planLimits().maxSteps();

  private static HttpServer server;
  private static ToolRegistry tools;

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/company/jira", OpsScenariosTest::jira);
    server.createContext("/company/logs", OpsScenariosTest::logs);
    server.createContext("/company/metrics", e -> send(e, "{\"points\": [], \"aggregates\": {}}"));
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/company/";
    CompanySystemsConfig systems =
        new CompanySystemsConfig(
            Optional.of(URI.create(base + "jira")),
            Optional.of(URI.create(base + "metrics")),
            Optional.of(URI.create(base + "logs")));
    List<Tool<?, ?>> all = new ArrayList<>(TextTools.all());
    all.addAll(CompanyTools.all(systems, RetrievalIndex::shared));
    all.addAll(SkillTools.all(systems));
    tools = ToolRegistry.of(all);
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @Test
  void scenariosOfTheOpsTypes_scoreTheirProperties() throws IOException {
    DeterministicPlanner planner = new DeterministicPlanner();
    Executor executor = new Executor(tools, ExecutorConfig.defaults());
    RuleVerifier verifier = new RuleVerifier(tools);
    int properties = 0;
    int met = 0;
    int passed = 0;
    int runs = 0;
    StringBuilder report = new StringBuilder();
    for (String line :
        Files.readAllLines(CompanyFixtures.COMPANY.resolve("scenarios/scenarios.jsonl"))) {
      JsonNode scenario = Json.read(line);
      if (!TYPES.contains(scenario.path("type").asText())) {
        continue;
      }
      TaskInput input =
          new TaskInput(scenario.path("task").asText(), (ObjectNode) scenario.path("context"));
      Plan plan = planner.plan(input);
      ExecutionResult result =
          Pipeline.withAnswer(executor.execute(plan, scenario.path("id").asText()));
      Verification verification = verifier.verify(input, plan, result);
      JsonNode answer = result.answer() == null ? Json.object() : result.answer();
      runs++;
      assertThat(plan.steps()).as(scenario.path("id").asText()).hasSizeLessThanOrEqualTo(MAX_STEPS);
      passed += verification.passed() ? 1 : 0;
      List<String> misses = new ArrayList<>();
      int ok = 0;
      int all = 0;
      JsonNode expected = scenario.path("expected");
      var fields = expected.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        if (field.getKey().equals("must_mention")) {
          continue;
        }
        all++;
        if (equal(field.getValue(), answer.path(field.getKey()))) {
          ok++;
        } else {
          misses.add(
              field.getKey()
                  + "="
                  + answer.path(field.getKey())
                  + " (want "
                  + field.getValue()
                  + ")");
        }
      }
      String text = answer.path("text").asText("");
      for (JsonNode mention : expected.path("must_mention")) {
        all++;
        if (text.contains(mention.asText())) {
          ok++;
        } else {
          misses.add("mention '" + mention.asText() + "'");
        }
      }
      for (JsonNode cite : scenario.path("must_cite")) {
        all++;
        if (cited(answer, cite.asText())) {
          ok++;
        } else {
          misses.add("cite " + cite.asText());
        }
      }
      properties += all;
      met += ok;
      report
          .append(scenario.path("id").asText())
          .append(' ')
          .append(answer.path("type").asText())
          .append(" (")
          .append(plan.steps().size())
          .append(" steps)")
          .append(verification.passed() ? " verified " : " FAILED ")
          .append(ok)
          .append('/')
          .append(all)
          .append(misses.isEmpty() ? "" : "  missing: " + String.join("; ", misses))
          .append(verification.passed() ? "" : "  reasons: " + verification.reasons())
          .append('\n');
    }
    report.append(
        String.format(
            Locale.ROOT,
            "ops scenarios: %d/%d verified, %d/%d properties (%.0f %%)%n",
            passed,
            runs,
            met,
            properties,
            100.0 * met / properties));
    System.out.println(report);
    assertThat(runs).isGreaterThan(0);
    assertThat(met).isGreaterThanOrEqualTo((int) Math.ceil(0.8 * properties));
  }

  /**
   * Tasks of the three types over people, periods and services the repository's scenarios do not
   * touch, written from the rules (not tuned to the code): each must end verified with its type's
   * fields, and the printout shows the answers for review.
   */
  @Test
  void ownTasksOverOtherPeopleAndPeriods_endVerified() {
    String[][] tasks = {
      {
        "Fraud Sentinel P2 alert fired at 14:00 on 2026-04-14 and the primary has not acknowledged"
            + " by 14:25. Who should be paged?",
        "{\"service\": \"fraud-sentinel\", \"severity\": \"P2\", \"start_time\": \"2026-04-14T14:00:00Z\"}"
      },
      {
        "Payments Gateway P1 declared at 10:00 on 2026-01-14 is not acknowledged after 20 minutes."
            + " Who do we page?",
        "{\"service\": \"payments-gateway\", \"severity\": \"P1\", \"start_time\":"
            + " \"2026-01-14T10:00:00Z\", \"end_time\": \"2026-01-14T10:20:00Z\"}"
      },
      {
        "Can we deploy the Fraud Sentinel rules update on Monday 2026-06-08 at 10:00 UTC? What"
            + " approvals are needed?",
        "{\"service\": \"fraud-sentinel\", \"start_time\": \"2026-06-08T10:00:00Z\"}"
      },
      {
        "Settlement Engine wants to deploy a payout fix on Wednesday 2026-07-01 at 09:00 UTC. Is it"
            + " allowed?",
        "{\"service\": \"settlement-engine\", \"start_time\": \"2026-07-01T09:00:00Z\"}"
      },
      {
        "Audit the Q1 2026 database access review. Was it on time?",
        "{\"project_key\": \"AUD\", \"ticket\": \"AUD-71\", \"start_time\": \"2026-01-15T00:00:00Z\"}"
      },
      {
        "Check whether the postmortems for the P2 incidents of Q1 2026 met their deadlines.",
        "{\"project_key\": \"INC\", \"severity\": \"P2\", \"start_time\": \"2026-01-01T00:00:00Z\","
            + " \"end_time\": \"2026-03-31T23:59:59Z\"}"
      },
      {
        "INC-2291 of 2026-02-18 was acknowledged after 4 minutes. Was that within policy?",
        "{\"service\": \"atlas-checkout\", \"severity\": \"P2\", \"incident\": \"INC-2291\","
            + " \"start_time\": \"2026-02-18T14:05:00Z\"}"
      },
      {
        "Was the Identity Hub certificate rollback of 2026-04-07 recorded the way the policy"
            + " requires?",
        "{\"service\": \"identity-hub\", \"change\": \"CHG-4231\", \"incident\": \"INC-2332\","
            + " \"start_time\": \"2026-04-07T16:31:00Z\"}"
      },
    };
    DeterministicPlanner planner = new DeterministicPlanner();
    Executor executor = new Executor(tools, ExecutorConfig.defaults());
    RuleVerifier verifier = new RuleVerifier(tools);
    StringBuilder report = new StringBuilder();
    int verified = 0;
    for (String[] task : tasks) {
      TaskInput input = new TaskInput(task[0], (ObjectNode) Json.read(task[1]));
      Plan plan = planner.plan(input);
      ExecutionResult result = Pipeline.withAnswer(executor.execute(plan, "own"));
      Verification verification = verifier.verify(input, plan, result);
      verified += verification.passed() ? 1 : 0;
      JsonNode answer = result.answer();
      report
          .append(verification.passed() ? "verified " : "FAILED ")
          .append(task[0])
          .append("\n")
          .append(answer == null ? "(no answer)" : answer.path("text").asText())
          .append(verification.passed() ? "" : "\nreasons: " + verification.reasons())
          .append("\n\n");
    }
    System.out.println(report);
    assertThat(verified).isEqualTo(tasks.length);
  }

  private static boolean equal(JsonNode want, JsonNode got) {
    if (got == null || got.isMissingNode() || got.isNull()) {
      return false;
    }
    if (want.isBoolean()) {
      return got.isBoolean() && got.asBoolean() == want.asBoolean();
    }
    if (want.isArray()) {
      List<String> have = new ArrayList<>();
      if (got.isArray()) {
        got.forEach(g -> have.add(g.asText().toLowerCase(Locale.ROOT)));
      } else {
        have.add(got.asText().toLowerCase(Locale.ROOT));
      }
      for (JsonNode w : want) {
        if (!have.contains(w.asText().toLowerCase(Locale.ROOT))) {
          return false;
        }
      }
      return true;
    }
    return got.isValueNode() && got.asText().equalsIgnoreCase(want.asText());
  }

  private static boolean cited(JsonNode answer, String path) {
    for (JsonNode claim : answer.path("claims")) {
      for (JsonNode id : claim.path("citations")) {
        String c = id.asText();
        if (c.equals(path) || c.startsWith(path + "#")) {
          return true;
        }
      }
    }
    return false;
  }

  // ---- the loopback stand-in of the company systems, over the real records

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> params = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(
              pair.substring(0, eq),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return params;
  }

  private static void jira(HttpExchange exchange) throws IOException {
    Map<String, String> q = query(exchange);
    List<String> words =
        q.getOrDefault("text", "").isBlank()
            ? List.of()
            : Arrays.asList(q.get("text").toLowerCase(Locale.ROOT).trim().split("\\s+"));
    List<JsonNode> matches = new ArrayList<>();
    for (JsonNode t : CompanyFixtures.allTickets()) {
      String hay =
          (t.path("key").asText()
                  + " "
                  + t.path("summary").asText()
                  + " "
                  + t.path("description").asText()
                  + " "
                  + t.path("service").asText()
                  + " "
                  + t.path("labels"))
              .toLowerCase(Locale.ROOT);
      if (q.containsKey("project") && !q.get("project").equals(t.path("project").asText())) {
        continue;
      }
      if (q.containsKey("status") && !q.get("status").equals(t.path("status").asText())) {
        continue;
      }
      if (q.containsKey("severity") && !q.get("severity").equals(t.path("severity").asText())) {
        continue;
      }
      if (q.containsKey("service") && !q.get("service").equals(t.path("service").asText())) {
        continue;
      }
      if (words.stream().allMatch(hay::contains)) {
        matches.add(t);
      }
    }
    matches.sort((a, b) -> b.path("created").asText().compareTo(a.path("created").asText()));
    int limit = Integer.parseInt(q.getOrDefault("limit", "20"));
    ArrayNode tickets = Json.mapper().createArrayNode();
    matches.stream().limit(limit).forEach(tickets::add);
    ObjectNode out = Json.object();
    out.set("tickets", tickets);
    out.put("total", matches.size());
    send(exchange, out.toString());
  }

  private static void logs(HttpExchange exchange) throws IOException {
    Map<String, String> q = query(exchange);
    Instant start = Instant.parse(q.get("start"));
    Instant end = Instant.parse(q.get("end"));
    ArrayNode events = Json.mapper().createArrayNode();
    for (String line : Files.readAllLines(CompanyFixtures.COMPANY.resolve("systems/logs.jsonl"))) {
      JsonNode e = Json.read(line);
      Instant ts = Instant.parse(e.path("ts").asText());
      if (e.path("service").asText().equals(q.get("service"))
          && !ts.isBefore(start)
          && ts.isBefore(end)) {
        events.add(e);
      }
    }
    ObjectNode out = Json.object();
    out.set("events", events);
    out.put("total", events.size());
    send(exchange, out.toString());
  }

  private static void send(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
