package com.taskchain.orchestrator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.text.SampleTexts;
import com.taskchain.orchestrator.tool.text.TextTools;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterministicPlannerTest {
  private static final ToolRegistry REGISTRY = ToolRegistry.of(TextTools.all());

  // The seed's text rules alone; the company rules have their own tests (CompanyPlanRulesTest).
  private final DeterministicPlanner planner = new DeterministicPlanner(TextPlanRules.all());

  private static TaskInput task(String task, String contextJson) {
    return new TaskInput(task, (ObjectNode) Json.read(contextJson));
  }

  private static List<String> tools(Plan plan) {
    return plan.steps().stream().map(PlanStep::tool).toList();
  }

  @Test
  void riskLikeTask_getsAllSixTools_inSeedOrder() {
    Plan plan = planner.plan(task(SampleTexts.SEED_TASK, "{\"project\": \"Atlas Checkout\"}"));

    assertThat(plan.planner()).isEqualTo("deterministic");
    assertThat(tools(plan))
        .containsExactly(
            "extract_entities",
            "extract_deadlines",
            "extract_action_items",
            "extract_risks",
            "classify_priority",
            "summarize");
    assertThat(plan.steps())
        .extracting(PlanStep::id)
        .containsExactly("s1", "s2", "s3", "s4", "s5", "s6");
  }

  @Test
  void taskWithoutRiskWords_hasNoRiskStep_andSaysWhy() {
    Plan plan = planner.plan(task("Draft the weekly newsletter for the support team.", "{}"));

    assertThat(tools(plan))
        .containsExactly(
            "extract_entities",
            "extract_deadlines",
            "extract_action_items",
            "classify_priority",
            "summarize");
    assertThat(plan.steps()).extracting(PlanStep::id).containsExactly("s1", "s2", "s3", "s4", "s5");
    assertThat(plan.notes()).anySatisfy(note -> assertThat(note).contains("risk_like", "no steps"));
  }

  @Test
  void riskWordInTheContext_makesTheTaskRiskLike() {
    Plan plan =
        planner.plan(
            task("Draft the weekly newsletter.", "{\"notes\": \"rollback plan pending\"}"));

    assertThat(tools(plan)).contains("extract_risks");
  }

  @Test
  void riskWords_matchWholeWordsOnly() {
    assertThat(TextPlanRules.riskWord("Brisket for the team lunch")).isEmpty();
    assertThat(TextPlanRules.riskWord("Any blockers?")).contains("blockers");
  }

  @Test
  void everyStep_readsTheRenderedTaskText() {
    TaskInput input = task(SampleTexts.SEED_TASK, "{\"priority\": \"high\"}");

    Plan plan = planner.plan(input);

    assertThat(plan.steps())
        .allSatisfy(
            step ->
                assertThat(step.args().path("text").asText()).isEqualTo(TaskText.render(input)));
  }

  @Test
  void steps_areIndependent() {
    Plan plan = planner.plan(task(SampleTexts.SEED_TASK, "{}"));

    assertThat(plan.steps()).allSatisfy(step -> assertThat(step.dependsOn()).isEmpty());
  }

  @Test
  void summarize_asksForSixtyWords() {
    Plan plan = planner.plan(task(SampleTexts.SEED_TASK, "{}"));

    PlanStep summarize = plan.steps().get(plan.steps().size() - 1);
    assertThat(summarize.tool()).isEqualTo("summarize");
    assertThat(summarize.args().path("max_words").asInt()).isEqualTo(60);
  }

  @Test
  void referenceDateInTheContext_isPassedToExtractDeadlines() {
    Plan plan = planner.plan(task("Ship by Friday.", "{\"reference_date\": \"2026-03-04\"}"));

    PlanStep deadlines = plan.steps().get(1);
    assertThat(deadlines.tool()).isEqualTo("extract_deadlines");
    assertThat(deadlines.args().path("reference_date").asText()).isEqualTo("2026-03-04");
  }

  @Test
  void referenceDateThatIsNotAnIsoDate_isNotPassed() {
    Plan plan = planner.plan(task("Ship by Friday.", "{\"reference_date\": \"next Monday\"}"));

    assertThat(plan.steps().get(1).args().has("reference_date")).isFalse();
  }

  @Test
  void everyPlannedStep_bindsToItsToolsInput() throws Exception {
    Plan plan = planner.plan(task(SampleTexts.INCIDENT, "{\"reference_date\": \"2026-03-04\"}"));

    for (PlanStep step : plan.steps()) {
      assertThat(REGISTRY.bind(step.tool(), step.args())).isNotNull();
    }
  }

  @Test
  void notes_nameTheRuleThatAddedEachStep() {
    Plan plan = planner.plan(task(SampleTexts.SEED_TASK, "{}"));

    for (PlanStep step : plan.steps()) {
      assertThat(plan.notes())
          .anySatisfy(
              note -> assertThat(note).startsWith("rule ").contains(step.id() + " " + step.tool()));
    }
    assertThat(plan.notes()).anySatisfy(note -> assertThat(note).contains("'risks'"));
  }

  @Test
  void sameTask_givesTheSamePlan_whateverTheContextKeyOrder() {
    Plan one = planner.plan(task(SampleTexts.SEED_TASK, "{\"a\": 1, \"b\": {\"x\": 1, \"y\": 2}}"));
    Plan two = planner.plan(task(SampleTexts.SEED_TASK, "{\"b\": {\"y\": 2, \"x\": 1}, \"a\": 1}"));

    assertThat(Json.tree(one)).isEqualTo(Json.tree(two));
  }

  @Test
  void textOverTheToolLimit_isCut_soTheStepsStillBind() throws Exception {
    String huge = "Prepare the update. " + "word ".repeat(TextTools.MAX_TEXT_CHARS / 5);

    Plan plan = planner.plan(task(huge, "{}"));

    assertThat(plan.steps().get(0).args().path("text").asText()).hasSize(TextTools.MAX_TEXT_CHARS);
    assertThat(plan.notes()).anySatisfy(note -> assertThat(note).startsWith("text cut from"));
    for (PlanStep step : plan.steps()) {
      assertThat(REGISTRY.bind(step.tool(), step.args())).isNotNull();
    }
  }

  @Test
  void laterRuleSet_slotsInBeforeTheSummary_andMayDependOnEarlierSteps() {
    PlanRule retrieval =
        PlanRule.of(
            "retrieval",
            (input, text) -> {
              ObjectNode args = Json.object();
              args.put("query", input.task());
              return PlanRule.Proposal.of(
                  "test rule",
                  new ProposedStep("search", "search_previous_issues", args, List.of())
                      .after("extract_entities"));
            });
    DeterministicPlanner extended =
        new DeterministicPlanner(
            List.of(TextPlanRules.TEXT_SIGNALS, retrieval, TextPlanRules.SUMMARY));

    Plan plan = extended.plan(task(SampleTexts.SEED_TASK, "{}"));

    assertThat(tools(plan))
        .containsExactly(
            "extract_entities",
            "extract_deadlines",
            "extract_action_items",
            "search_previous_issues",
            "summarize");
    assertThat(plan.steps().get(3).dependsOn()).containsExactly("s1");
  }

  @Test
  void ruleDependingOnAnUnknownStep_isAProgrammingError() {
    PlanRule broken =
        PlanRule.of(
            "broken",
            (input, text) ->
                PlanRule.Proposal.of("test", ProposedStep.of("summarize", null).after("nowhere")));

    assertThatThrownBy(() -> new DeterministicPlanner(List.of(broken)).plan(task("T", "{}")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nowhere");
  }

  @Test
  void rulesWithTheSameName_areRefused() {
    assertThatThrownBy(
            () -> new DeterministicPlanner(List.of(TextPlanRules.SUMMARY, TextPlanRules.SUMMARY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("summary");
  }
}
