package com.taskchain.orchestrator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import org.junit.jupiter.api.Test;

class TaskTextTest {

  private static TaskInput task(String task, String contextJson) {
    return new TaskInput(task, (ObjectNode) Json.read(contextJson));
  }

  @Test
  void emptyContext_rendersTheTrimmedTaskAlone() {
    assertThat(TaskText.render(task("  Prepare the update.  ", "{}")))
        .isEqualTo("Prepare the update.");
  }

  @Test
  void context_rendersAsKeyValueLines_sortedByKey() {
    TaskInput input =
        task("Prepare the update.", "{\"project\": \"Atlas Checkout\", \"priority\": \"high\"}");

    assertThat(TaskText.render(input))
        .isEqualTo("Prepare the update.\npriority: high\nproject: Atlas Checkout");
  }

  @Test
  void nestedObjects_areFlattenedWithDottedKeys() {
    TaskInput input =
        task("T", "{\"release\": {\"window\": \"Friday\", \"owner\": {\"name\": \"Jane\"}}}");

    assertThat(TaskText.render(input))
        .isEqualTo("T\nrelease.owner.name: Jane\nrelease.window: Friday");
  }

  @Test
  void arrays_joinScalars_andIndexObjects() {
    TaskInput input =
        task(
            "T",
            "{\"tags\": [\"infra\", \"q3\"], \"owners\": [{\"name\": \"Jane\"}, {\"name\": \"Sam\"}]}");

    assertThat(TaskText.render(input))
        .isEqualTo("T\nowners[0].name: Jane\nowners[1].name: Sam\ntags: infra, q3");
  }

  @Test
  void numbersAndBooleans_renderAsJsonText_nullsAndEmptiesAreLeftOut() {
    TaskInput input =
        task(
            "T",
            "{\"budget\": 250000, \"ratio\": 0.35, \"urgent\": true, \"note\": null,"
                + " \"empty\": \"\", \"none\": [], \"nothing\": {}}");

    assertThat(TaskText.render(input)).isEqualTo("T\nbudget: 250000\nratio: 0.35\nurgent: true");
  }

  @Test
  void lineBreaksInValues_becomeSpaces_soEachKeyStaysOnOneLine() {
    TaskInput input = task("T", "{\"notes\": \"first line\\n  second line\"}");

    assertThat(TaskText.render(input)).isEqualTo("T\nnotes: first line second line");
  }

  @Test
  void keyOrderOfTheContext_doesNotChangeTheText() {
    TaskInput one = task("T", "{\"b\": {\"y\": 1, \"x\": 2}, \"a\": \"v\"}");
    TaskInput two = task("T", "{\"a\": \"v\", \"b\": {\"x\": 2, \"y\": 1}}");

    assertThat(TaskText.render(one)).isEqualTo(TaskText.render(two));
  }
}
