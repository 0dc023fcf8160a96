package com.taskchain.orchestrator.skill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.execute.ExecutionResult;
import com.taskchain.orchestrator.execute.Executor;
import com.taskchain.orchestrator.execute.ExecutorConfig;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.pipeline.Pipeline;
import com.taskchain.orchestrator.plan.DeterministicPlanner;
import com.taskchain.orchestrator.plan.Plan;
import com.taskchain.orchestrator.plan.PlanValidator;
import com.taskchain.orchestrator.plan.TaskInput;
import com.taskchain.orchestrator.retrieval.RetrievalIndex;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.company.CompanyTools;
import com.taskchain.orchestrator.tool.text.TextTools;
import com.taskchain.orchestrator.verify.RuleVerifier;
import com.taskchain.orchestrator.verify.Verification;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the repository's executive-update scenarios in-process — deterministic planner, executor
 * over the real tools with Jira, metrics and logs served from the company's files, rule verifier —
 * and prints per scenario the scored properties: run passed, expected fields equal, must_mention
 * strings in the answer text, must_cite paths cited by claims. Asserts only a minimum overall rate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutiveScenariosTest {
  private static final Set<String> TYPES = Set.of("executive_update");

  private FakeCompanySystems systems;
  private ToolRegistry registry;

  @BeforeAll
  void start() throws Exception {
    systems = new FakeCompanySystems();
    List<Tool<?, ?>> tools = new ArrayList<>(TextTools.all());
    tools.addAll(CompanyTools.all(systems.config(), RetrievalIndex::shared));
    tools.addAll(SkillTools.all(systems.config()));
    registry = ToolRegistry.of(tools);
  }

  @AfterAll
  void stop() {
    systems.close();
  }

  /** One scenario's result. */
  record Score(String id, boolean passed, int properties, int right, List<String> misses) {}

  @Test
  void executiveScenarios_scoreAtLeastEightyPercent() throws Exception {
    List<Score> scores = new ArrayList<>();
    for (String line :
        Files.readAllLines(CompanyFiles.COMPANY.resolve("scenarios/scenarios.jsonl"))) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode scenario = Json.read(line);
      if (TYPES.contains(scenario.path("type").asText())) {
        scores.add(run(scenario));
      }
    }
    int properties = 0;
    int right = 0;
    for (Score score : scores) {
      properties += score.properties();
      right += score.right();
      System.out.printf(
          "%s run %s, %d/%d properties; misses: %s%n",
          score.id(),
          score.passed() ? "succeeded" : "FAILED",
          score.right(),
          score.properties(),
          score.misses());
    }
    System.out.printf("executive_update: %d/%d properties%n", right, properties);
    assertThat(scores).isNotEmpty();
    assertThat(right).isGreaterThanOrEqualTo((int) Math.ceil(properties * 0.8));
  }

  @Test
  void readmeSeedTask_succeedsWithStatusRisksAndProgramCitations() {
    JsonNode seed =
        Json.read(
            "{\"id\":\"README\",\"task\":\"Prepare an executive update for the Atlas Checkout"
                + " migration and include risks\",\"context\":{\"project\":\"Atlas Checkout\","
                + "\"priority\":\"high\"},\"expected\":{},\"must_cite\":"
                + "[\"programs/atlas_checkout_migration.md\",\"governance.md\"]}");
    Score score = run(seed);
    assertThat(score.misses()).isEmpty();
    assertThat(score.passed()).isTrue();
  }

  Score run(JsonNode scenario) {
    TaskInput input =
        new TaskInput(scenario.path("task").asText(), (ObjectNode) scenario.path("context"));
    Plan plan = new DeterministicPlanner().plan(input);
    ExecutorConfig config = ExecutorConfig.defaults().withRetries(0, Duration.ZERO);
    assertThat(new PlanValidator(registry, config.planLimits()).validate(plan).valid())
        .as("plan of %s: %s", scenario.path("id").asText(), plan)
        .isTrue();
    ExecutionResult result =
        Pipeline.withAnswer(new Executor(registry, config).execute(plan, "test"));
    Verification verification = new RuleVerifier(registry).verify(input, plan, result);
    JsonNode answer = result.answer();
    List<String> misses = new ArrayList<>();
    int properties = 1;
    int right = 0;
    if (verification.passed()) {
      right++;
    } else {
      misses.add("run failed: " + verification.reasons());
    }
    String text = answer == null ? "" : answer.path("text").asText();
    JsonNode expected = scenario.path("expected");
    for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) expected::fields) {
      if (field.getKey().equals("must_mention")) {
        for (JsonNode mention : field.getValue()) {
          properties++;
          if (text.toLowerCase(Locale.ROOT).contains(mention.asText().toLowerCase(Locale.ROOT))) {
            right++;
          } else {
            misses.add("mention '" + mention.asText() + "'");
          }
        }
        continue;
      }
      properties++;
      JsonNode actual = answer == null ? null : answer.get(field.getKey());
      if (equal(field.getValue(), actual)) {
        right++;
      } else {
        misses.add(field.getKey() + " " + actual + " != " + field.getValue());
      }
    }
    Set<String> cited = new TreeSet<>();
    if (answer != null) {
      for (JsonNode claim : answer.path("claims")) {
        claim.path("citations").forEach(c -> cited.add(c.asText().replaceFirst("#.*$", "")));
      }
    }
    for (JsonNode path : scenario.path("must_cite")) {
      properties++;
      if (cited.contains(path.asText())) {
        right++;
      } else {
        misses.add("cite " + path.asText());
      }
    }
    if (System.getenv("SHOW_ANSWERS") != null) {
      System.out.println(scenario.path("id").asText() + "\n" + text + "\n");
    }
    return new Score(
        scenario.path("id").asText(), verification.passed(), properties, right, misses);
  }

  private static boolean equal(JsonNode expected, JsonNode actual) {
    if (actual == null || actual.isNull()) {
      return false;
    }
    if (expected.isTextual()) {
      return expected.asText().equalsIgnoreCase(actual.asText());
    }
    if (expected.isArray()) {
      List<String> have = new ArrayList<>();
      actual.forEach(a -> have.add(a.asText().toLowerCase(Locale.ROOT)));
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
