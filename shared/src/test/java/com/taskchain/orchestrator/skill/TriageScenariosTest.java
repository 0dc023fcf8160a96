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
import com.taskchain.orchestrator.plan.TaskInput;
import com.taskchain.orchestrator.retrieval.RetrievalIndex;
import com.taskchain.orchestrator.testing.RepoFiles;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.company.CompanyTools;
import com.taskchain.orchestrator.tool.text.TextTools;
import com.taskchain.orchestrator.verify.RuleVerifier;
import com.taskchain.orchestrator.verify.Verification;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The repository's incident_triage and rollback_decision scenarios run in-process through the
 * deterministic planner, the executor (against the company systems served from their data files)
 * and the verifier, scored as {@code make eval-scenarios} scores them: the run verified, the answer
 * type, each expected field, each must_mention string in the text, each must_cite path cited. It
 * prints every property and asserts only an overall rate, not particular values.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriageScenariosTest {
  private static final Set<String> TYPES = Set.of("incident_triage", "rollback_decision");

  /** The least share of properties met across these scenarios. */
  private static final double MINIMUM_RATE = 0.85;

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

  private record Property(String scenario, String name, boolean met, String detail) {}

  @Test
  void scenariosOfTriageAndRollback_meetMostScoredProperties() throws Exception {
    score("company_details/company_sim/scenarios/scenarios.jsonl");
  }

  /**
   * Scenarios of these two types written for this test over periods, services and policy versions
   * the repository's scenarios do not touch (a v1 incident, P3 and P1 incidents of other services,
   * a Tier-2 change without a start time in its context, a triage task without a window), scored
   * the same way.
   */
  @Test
  void ownVariants_meetMostScoredProperties() throws Exception {
    score("shared/src/test/resources/skill/triage_variants.jsonl");
  }

  private void score(String file) throws Exception {
    List<Property> properties = new ArrayList<>();
    for (String line : Files.readAllLines(RepoFiles.path(file))) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode scenario = Json.read(line);
      if (TYPES.contains(scenario.path("type").asText())) {
        properties.addAll(run(scenario));
      }
    }
    long met = properties.stream().filter(Property::met).count();
    StringBuilder report = new StringBuilder();
    properties.forEach(
        p ->
            report
                .append(p.met() ? "  ok   " : "  MISS ")
                .append(p.scenario())
                .append(' ')
                .append(p.name())
                .append(p.met() || p.detail().isEmpty() ? "" : "  (" + p.detail() + ")")
                .append('\n'));
    report.append(
        String.format(
            Locale.ROOT,
            "%s: %d/%d properties met (%.0f %%)%n",
            file,
            met,
            properties.size(),
            100.0 * met / properties.size()));
    System.out.print(report);
    assertThat((double) met / properties.size())
        .as(report.toString())
        .isGreaterThanOrEqualTo(MINIMUM_RATE);
  }

  private List<Property> run(JsonNode scenario) {
    String id = scenario.path("id").asText();
    TaskInput input =
        new TaskInput(
            scenario.path("task").asText(), (ObjectNode) scenario.path("context").deepCopy());
    Plan plan = new DeterministicPlanner().plan(input);
    ExecutionResult result =
        Pipeline.withAnswer(new Executor(registry, ExecutorConfig.defaults()).execute(plan, id));
    Verification verification = new RuleVerifier(registry).verify(input, plan, result);
    JsonNode answer = result.answer() == null ? Json.object() : result.answer();
    if (Boolean.getBoolean("triage.print")) {
      System.out.println(
          "=== " + id + "\n" + answer.path("text").asText() + "\n" + verification.reasons());
    }
    List<Property> out = new ArrayList<>();
    out.add(
        new Property(
            id, "verified", verification.passed(), String.join("; ", verification.reasons())));
    out.add(
        new Property(
            id,
            "type",
            scenario.path("type").asText().equals(answer.path("type").asText()),
            answer.path("type").asText()));
    JsonNode expected = scenario.path("expected");
    expected
        .fields()
        .forEachRemaining(
            field -> {
              if (field.getKey().equals("must_mention")) {
                return;
              }
              JsonNode actual = answer.path(field.getKey());
              boolean equal =
                  field.getValue().isBoolean()
                      ? field.getValue().equals(actual)
                      : actual.isValueNode()
                          && actual.asText().equalsIgnoreCase(field.getValue().asText());
              out.add(new Property(id, "field:" + field.getKey(), equal, String.valueOf(actual)));
            });
    String text = answer.path("text").asText("").toLowerCase(Locale.ROOT);
    for (JsonNode mention : expected.path("must_mention")) {
      out.add(
          new Property(
              id,
              "mention:" + mention.asText(),
              text.contains(mention.asText().toLowerCase(Locale.ROOT)),
              ""));
    }
    List<String> cited = new ArrayList<>();
    answer.path("claims").forEach(c -> c.path("citations").forEach(x -> cited.add(x.asText())));
    for (JsonNode path : scenario.path("must_cite")) {
      String p = path.asText();
      out.add(
          new Property(
              id,
              "cite:" + p,
              cited.stream().anyMatch(c -> c.equals(p) || c.startsWith(p + "#")),
              ""));
    }
    return out;
  }
}
