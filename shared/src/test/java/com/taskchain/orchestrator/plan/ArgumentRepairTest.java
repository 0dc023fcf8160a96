package com.taskchain.orchestrator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.text.Summarize;
import com.taskchain.orchestrator.tool.text.TextTools;
import org.junit.jupiter.api.Test;

class ArgumentRepairTest {
  private static final JsonNode SUMMARIZE_SCHEMA =
      ToolRegistry.of(TextTools.all()).descriptor(Summarize.NAME).orElseThrow().inputSchema();

  private static ArgumentRepair.Result repair(ObjectNode args) {
    return ArgumentRepair.repair(SUMMARIZE_SCHEMA, args);
  }

  @Test
  void missingText_isTakenFromQuery_andTheAliasRemoved() {
    ArgumentRepair.Result result = repair(Json.object().put("query", "Ship it Friday."));

    assertThat(result.args()).isEqualTo(Json.object().put("text", "Ship it Friday."));
    assertThat(result.changes()).containsExactly("text taken from query");
    assertThat(result.repaired()).isTrue();
  }

  @Test
  void aliases_areTriedInTheSeedsOrder_skippingBlankOnes() {
    ObjectNode args = Json.object().put("query", " ").put("content", "from content");
    args.put("task", "from task");

    ArgumentRepair.Result result = repair(args);

    assertThat(result.args().get("text").asText()).isEqualTo("from task");
    assertThat(result.args().has("task")).isFalse();
    assertThat(result.args().has("content")).as("only the alias used is removed").isTrue();
  }

  @Test
  void blankText_isReplacedByAnAlias() {
    ArgumentRepair.Result result = repair(Json.object().put("text", "").put("input", "real"));

    assertThat(result.args()).isEqualTo(Json.object().put("text", "real"));
  }

  @Test
  void presentText_isLeftAlone_evenBesideAnAlias() {
    ObjectNode args = Json.object().put("text", "kept").put("query", "other");

    ArgumentRepair.Result result = repair(args);

    assertThat(result.args()).isEqualTo(args);
    assertThat(result.repaired()).isFalse();
  }

  @Test
  void wholeNumberStringOrFloat_becomesAnInteger() {
    assertThat(repair(Json.object().put("text", "t").put("max_words", " 40 ")).args())
        .isEqualTo(Json.object().put("text", "t").put("max_words", 40));
    assertThat(repair(Json.object().put("text", "t").put("max_words", 40.0)).args())
        .isEqualTo(Json.object().put("text", "t").put("max_words", 40));
  }

  @Test
  void optionalIntegerThatIsNoNumber_isDropped_soTheToolsDefaultApplies() {
    ArgumentRepair.Result result = repair(Json.object().put("text", "t").put("max_words", "sixty"));

    assertThat(result.args()).isEqualTo(Json.object().put("text", "t"));
    assertThat(result.changes()).singleElement().asString().contains("max_words dropped");
  }

  @Test
  void fractionalNumber_isDropped_notRounded() {
    ArgumentRepair.Result result = repair(Json.object().put("text", "t").put("max_words", 40.5));

    assertThat(result.args().has("max_words")).isFalse();
  }

  @Test
  void repair_isIdempotent_andLeavesTheInputUnchanged() {
    ObjectNode args = Json.object().put("content", "c").put("max_words", "30");
    ObjectNode before = args.deepCopy();

    ArgumentRepair.Result once = repair(args);
    ArgumentRepair.Result twice = ArgumentRepair.repair(SUMMARIZE_SCHEMA, once.args());

    assertThat(args).isEqualTo(before);
    assertThat(twice.args()).isEqualTo(once.args());
    assertThat(twice.repaired()).isFalse();
  }

  @Test
  void toolWithoutATextArgument_getsNoText() {
    JsonNode schema = Json.object().set("properties", Json.object().set("url", Json.object()));

    ArgumentRepair.Result result = ArgumentRepair.repair(schema, Json.object().put("query", "q"));

    assertThat(result.args()).isEqualTo(Json.object().put("query", "q"));
  }

  @Test
  void nonObjectArguments_areReturnedAsTheyAre() {
    JsonNode array = Json.mapper().createArrayNode().add("x");

    assertThat(repair(null).args()).isNull();
    assertThat(ArgumentRepair.repair(SUMMARIZE_SCHEMA, array).args()).isEqualTo(array);
  }
}
