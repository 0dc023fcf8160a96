package com.taskchain.orchestrator.tool.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.tool.ArgumentProblem;
import com.taskchain.orchestrator.tool.InvalidArgumentsException;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolDescriptor;
import com.taskchain.orchestrator.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The six tools as the executor sees them: strict binding, schemas, outputs that bind back. */
class TextToolsRegistryTest {
  // Built once: generating the schemas is the slow part.
  private static final ToolRegistry registry = ToolRegistry.of(TextTools.all());

  static List<String> toolNames() {
    return TextTools.NAMES;
  }

  private static ObjectNode args(String json) {
    return (ObjectNode) Json.read(json);
  }

  private static ArgumentProblem onlyProblem(String tool, JsonNode args) {
    InvalidArgumentsException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InvalidArgumentsException.class, () -> registry.bind(tool, args));
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  @Test
  void all_isTheSixToolsInTheOrderOfNames() {
    assertThat(TextTools.all()).extracting(Tool::name).containsExactlyElementsOf(TextTools.NAMES);
    assertThat(TextTools.NAMES)
        .containsExactly(
            "extract_entities",
            "extract_deadlines",
            "extract_action_items",
            "extract_risks",
            "classify_priority",
            "summarize");
  }

  @ParameterizedTest
  @MethodSource("toolNames")
  void description_isOneSentence(String name) {
    String description = registry.descriptor(name).orElseThrow().description();

    assertThat(description).endsWith(".").doesNotContain(". ").hasSizeGreaterThan(20);
  }

  @ParameterizedTest
  @MethodSource("toolNames")
  void unknownField_isRefused_withTheFieldNamed(String name) {
    ArgumentProblem problem = onlyProblem(name, args("{\"text\": \"x\", \"txt\": \"y\"}"));

    assertThat(problem.field()).isEqualTo("txt");
    assertThat(problem.problem()).isEqualTo("unknown field");
  }

  @ParameterizedTest
  @MethodSource("toolNames")
  void missingText_isRefused_withTheFieldNamed(String name) {
    ArgumentProblem problem = onlyProblem(name, args("{}"));

    assertThat(problem.field()).isEqualTo("text");
    assertThat(problem.problem()).isEqualTo("is required");
  }

  @ParameterizedTest
  @MethodSource("toolNames")
  void textOfTheWrongType_isRefused_withTheFieldNamed(String name) {
    ArgumentProblem problem = onlyProblem(name, args("{\"text\": 42}"));

    assertThat(problem.field()).isEqualTo("text");
    assertThat(problem.problem()).contains("must be a string");
  }

  @ParameterizedTest
  @MethodSource("toolNames")
  void textOverTheLimit_isRefused_withTheLimitNamed(String name) {
    ObjectNode args = Json.object();
    args.put("text", "a".repeat(TextTools.MAX_TEXT_CHARS + 1));

    ArgumentProblem problem = onlyProblem(name, args);

    assertThat(problem.field()).isEqualTo("text");
    assertThat(problem.problem()).startsWith("must be at most 100000 characters");
  }

  @ParameterizedTest
  @MethodSource("toolNames")
  void textAtTheLimit_isAccepted(String name) throws Exception {
    ObjectNode args = Json.object();
    args.put("text", "a".repeat(TextTools.MAX_TEXT_CHARS));

    assertThat(registry.bind(name, args)).isNotNull();
  }

  @Test
  void maxItemsOutOfRange_isRefused_withTheRangeNamed() {
    ArgumentProblem problem =
        onlyProblem("extract_action_items", args("{\"text\": \"x\", \"max_items\": 51}"));

    assertThat(problem.field()).isEqualTo("max_items");
    assertThat(problem.problem()).isEqualTo("must be between 1 and 50, got 51");
  }

  @Test
  void maxWordsAsAString_isRefused_notCoerced() {
    ArgumentProblem problem =
        onlyProblem("summarize", args("{\"text\": \"x\", \"max_words\": \"10\"}"));

    assertThat(problem.field()).isEqualTo("max_words");
    assertThat(problem.problem()).contains("must be an integer");
  }

  @Test
  void maxWordsBelowFive_isRefused() {
    ArgumentProblem problem = onlyProblem("summarize", args("{\"text\": \"x\", \"max_words\": 4}"));

    assertThat(problem.field()).isEqualTo("max_words");
  }

  @Test
  void referenceDateThatIsNotAnIsoDate_isRefused_withTheFieldNamed() {
    ArgumentProblem problem =
        onlyProblem(
            "extract_deadlines", args("{\"text\": \"x\", \"reference_date\": \"03/04/2026\"}"));

    assertThat(problem.field()).isEqualTo("reference_date");
    assertThat(problem.problem()).contains("ISO date");
  }

  @Test
  void optionalArguments_mayBeLeftOut() throws Exception {
    Record bound = registry.bind("summarize", args("{\"text\": \"x\"}"));

    assertThat(bound).isEqualTo(new Summarize.Input("x", Summarize.DEFAULT_MAX_WORDS));
  }

  @ParameterizedTest
  @MethodSource("toolNames")
  void inputSchema_listsTextAsRequired_andOnlyIt(String name) {
    ToolDescriptor descriptor = registry.descriptor(name).orElseThrow();

    assertThat(strings(descriptor.inputSchema().path("required"))).containsExactly("text");
    assertThat(descriptor.inputSchema().path("additionalProperties").asBoolean(true)).isFalse();
  }

  @ParameterizedTest
  @MethodSource("toolNames")
  void outputSchema_listsEveryPropertyAsRequired(String name) {
    JsonNode schema = registry.descriptor(name).orElseThrow().outputSchema();

    List<String> properties = new ArrayList<>();
    schema.path("properties").fieldNames().forEachRemaining(properties::add);
    assertThat(strings(schema.path("required"))).containsExactlyInAnyOrderElementsOf(properties);
  }

  @Test
  void outputSchema_listsEnumValuesAsWritten() {
    JsonNode priority =
        registry
            .descriptor("classify_priority")
            .orElseThrow()
            .outputSchema()
            .at("/properties/priority");

    assertThat(priority.toString())
        .contains("\"high\"", "\"medium\"", "\"low\"")
        .doesNotContain("HIGH");
  }

  @ParameterizedTest
  @MethodSource("toolNames")
  void output_bindsBackStrictlyToItsOwnType(String name) throws Exception {
    ObjectNode args = Json.object();
    args.put("text", SampleTexts.INCIDENT);

    JsonNode output = ToolCalls.call(registry, name, args);
    Class<? extends Record> outputType = registry.find(name).orElseThrow().outputType();

    assertThat(Json.tree(Json.mapper().treeToValue(output, outputType))).isEqualTo(output);
  }

  @Test
  void unknownTool_isRefused() {
    assertThatThrownBy(() -> registry.bind("extract_everything", args("{\"text\": \"x\"}")))
        .isInstanceOf(InvalidArgumentsException.class)
        .hasMessageContaining("unknown tool");
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
