package com.taskchain.orchestrator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.retrieval.RetrievalIndex;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.company.CompanySystemsConfig;
import com.taskchain.orchestrator.tool.company.CompanyTools;
import com.taskchain.orchestrator.tool.text.ExtractEntities;
import com.taskchain.orchestrator.tool.text.Summarize;
import com.taskchain.orchestrator.tool.text.TextTools;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {
  private static final ToolRegistry TOOLS = ToolRegistry.of(TextTools.all());
  private static final PlanValidator VALIDATOR = new PlanValidator(TOOLS, new PlanLimits(8, 12));

  private static ObjectNode text(String value) {
    return Json.object().put("text", value);
  }

  private static PlanStep step(String id, String tool, ObjectNode args, String... dependsOn) {
    return new PlanStep(id, tool, args, List.of(dependsOn));
  }

  private static PlanStep entities(String id, String... dependsOn) {
    return step(id, ExtractEntities.NAME, text("Jane owns Atlas."), dependsOn);
  }

  private static PlanValidation validate(PlanStep... steps) {
    return VALIDATOR.validate(new Plan("test", List.of(steps), List.of()));
  }

  @Test
  void deterministicPlannersPlans_areValid() {
    Plan plan =
        new DeterministicPlanner()
            .plan(
                new TaskInput(
                    "Prepare an executive update for Atlas Checkout and include risks.",
                    Json.object().put("project", "Atlas Checkout")));

    List<Tool<?, ?>> all = new ArrayList<>(TextTools.all());
    all.addAll(com.taskchain.orchestrator.skill.SkillTools.all(CompanySystemsConfig.none()));
    all.addAll(CompanyTools.all(CompanySystemsConfig.none(), RetrievalIndex::shared));
    PlanValidation validation =
        new PlanValidator(ToolRegistry.of(all), new PlanLimits(20, 50)).validate(plan);

    assertThat(validation.valid()).isTrue();
    assertThat(validation.problems()).isEmpty();
    assertThat(validation.repairs()).isEmpty();
  }

  @Test
  void seedShapedPlan_withoutDependencies_isValid() {
    PlanStep seedStep = new PlanStep("s1", Summarize.NAME, text("One. Two."));

    assertThat(validate(seedStep, entities("s2")).valid()).isTrue();
  }

  @Test
  void dependencyOnALaterStep_isValid() {
    assertThat(validate(entities("s1", "s2"), entities("s2")).valid()).isTrue();
  }

  @Test
  void unknownTool_isRejected_namingStepAndTool() {
    PlanValidation validation = validate(step("s1", "shell", text("rm -rf /")));

    assertThat(validation.valid()).isFalse();
    PlanRejection problem = validation.problems().get(0);
    assertThat(problem.step()).isEqualTo("s1");
    assertThat(problem.tool()).isEqualTo("shell");
    assertThat(problem.field()).isEqualTo("tool");
    assertThat(problem.problem()).startsWith("unknown tool 'shell'").contains(Summarize.NAME);
  }

  @Test
  void missingRequiredArgument_isRejected_namingTheField() {
    PlanValidation validation =
        validate(step("s1", Summarize.NAME, Json.object().put("max_words", 30)));

    assertThat(validation.problems())
        .containsExactly(new PlanRejection("s1", Summarize.NAME, "text", "is required"));
  }

  @Test
  void argumentOfTheWrongType_isRejected_namingTheField() {
    PlanValidation validation = validate(step("s1", Summarize.NAME, Json.object().put("text", 42)));

    assertThat(validation.problems())
        .containsExactly(
            new PlanRejection(
                "s1", Summarize.NAME, "text", "must be a string, got another JSON type"));
  }

  @Test
  void unknownArgument_isRejected() {
    PlanValidation validation = validate(step("s1", Summarize.NAME, text("t").put("tone", "dry")));

    assertThat(validation.problems())
        .containsExactly(new PlanRejection("s1", Summarize.NAME, "tone", "unknown field"));
  }

  @Test
  void valueTheToolRefuses_isRejected_namingTheField() {
    PlanValidation validation =
        validate(step("s1", Summarize.NAME, text("t").put("max_words", 100_000)));

    assertThat(validation.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("max_words");
              assertThat(p.step()).isEqualTo("s1");
            });
  }

  @Test
  void repairableArguments_areValid_andTheRepairIsListed() {
    PlanValidation validation =
        validate(step("s1", Summarize.NAME, Json.object().put("query", "Ship it.")));

    assertThat(validation.valid()).isTrue();
    assertThat(validation.repairs()).containsExactly("s1 (summarize): text taken from query");
  }

  @Test
  void duplicateStepIds_areRejected() {
    PlanValidation validation = validate(entities("s1"), entities("s2"), entities("s1"));

    assertThat(validation.problems())
        .containsExactly(
            new PlanRejection("s1", ExtractEntities.NAME, "id", "is used by more than one step"));
  }

  @Test
  void blankStepId_isRejected() {
    assertThat(validate(entities(" ")).problems())
        .extracting(PlanRejection::field, PlanRejection::problem)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("id", "must not be blank"));
  }

  @Test
  void missingDependency_isRejected() {
    PlanValidation validation = validate(entities("s1"), entities("s2", "s1", "s7"));

    assertThat(validation.problems())
        .containsExactly(
            new PlanRejection(
                "s2",
                ExtractEntities.NAME,
                "depends_on",
                "depends on s7, which is not in the plan"));
  }

  @Test
  void selfDependency_isRejected() {
    assertThat(validate(entities("s1", "s1")).problems())
        .containsExactly(
            new PlanRejection("s1", ExtractEntities.NAME, "depends_on", "depends on itself"));
  }

  @Test
  void dependencyCycle_isRejected_namingItsSteps() {
    PlanValidation validation =
        validate(entities("s1", "s3"), entities("s2"), entities("s3", "s4"), entities("s4", "s1"));

    assertThat(validation.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("depends_on");
              assertThat(p.problem()).isEqualTo("dependency cycle s1 -> s3 -> s4 -> s1");
            });
  }

  @Test
  void twoSeparateCycles_areBothReported() {
    PlanValidation validation =
        validate(entities("a", "b"), entities("b", "a"), entities("c", "d"), entities("d", "c"));

    assertThat(validation.problems())
        .extracting(PlanRejection::problem)
        .containsExactly("dependency cycle a -> b -> a", "dependency cycle c -> d -> c");
  }

  @Test
  void moreStepsThanTheLimit_isRejected() {
    List<PlanStep> steps = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      steps.add(entities("s" + i));
    }

    PlanValidation validation = VALIDATOR.validate(new Plan("test", steps, List.of()));

    assertThat(validation.problems())
        .containsExactly(PlanRejection.ofPlan("steps", "the plan has 9 steps; the limit is 8"));
  }

  @Test
  void moreStepsThanTheToolCallBudget_isRejected() {
    PlanValidator tight = new PlanValidator(TOOLS, new PlanLimits(20, 2));

    PlanValidation validation =
        tight.validate(
            new Plan("test", List.of(entities("s1"), entities("s2"), entities("s3")), List.of()));

    assertThat(validation.problems())
        .containsExactly(
            PlanRejection.ofPlan(
                "steps", "the plan needs at least 3 tool calls; a run may make 2"));
  }

  @Test
  void everyProblem_isReported_notJustTheFirst() {
    PlanValidation validation =
        validate(step("s1", "shell", text("x")), step("s2", Summarize.NAME, Json.object(), "s9"));

    assertThat(validation.problems())
        .extracting(PlanRejection::step, PlanRejection::field)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("s1", "tool"),
            org.assertj.core.groups.Tuple.tuple("s2", "text"),
            org.assertj.core.groups.Tuple.tuple("s2", "depends_on"));
    assertThat(validation.summary())
        .isEqualTo(
            validation.problems().get(0)
                + "; "
                + validation.problems().get(1)
                + "; "
                + validation.problems().get(2));
  }

  @Test
  void runawayPlan_reportsABoundedNumberOfProblems() {
    List<PlanStep> steps = new ArrayList<>();
    for (int i = 1; i <= 500; i++) {
      steps.add(step("s" + i, "shell", text("x")));
    }

    PlanValidation validation = VALIDATOR.validate(new Plan("test", steps, List.of()));

    assertThat(validation.problems()).hasSize(PlanValidator.MAX_PROBLEMS + 1);
    assertThat(validation.problems().get(PlanValidator.MAX_PROBLEMS).problem())
        .isEqualTo("and " + (502 - PlanValidator.MAX_PROBLEMS) + " more problems");
  }

  @Test
  void longDependencyChain_isJudgedWithoutOverflowingTheStack() {
    List<PlanStep> steps = new ArrayList<>();
    steps.add(entities("s0", "s20000"));
    for (int i = 1; i <= 20_000; i++) {
      steps.add(entities("s" + i, "s" + (i - 1)));
    }

    PlanValidation validation =
        new PlanValidator(TOOLS, new PlanLimits(100_000, 100_000))
            .validate(new Plan("test", steps, List.of()));

    assertThat(validation.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.problem()).startsWith("dependency cycle s0 -> s20000 ->"));
  }

  @Test
  void rejection_readsAsOneLine() {
    assertThat(new PlanRejection("s2", "summarize", "text", "is required"))
        .hasToString("step s2 (summarize) text: is required");
    assertThat(PlanRejection.ofPlan("steps", "too many")).hasToString("steps: too many");
  }

  @Test
  void validation_roundTripsThroughJson() {
    PlanValidation validation = validate(step("s1", "shell", text("x")));

    assertThat(Json.convert(Json.tree(validation), PlanValidation.class)).isEqualTo(validation);
    assertThat(Json.tree(validation).get("problems").get(0).get("step").asText()).isEqualTo("s1");
  }
}
