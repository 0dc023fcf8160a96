package com.taskchain.orchestrator.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.taskchain.orchestrator.json.Json;
import org.junit.jupiter.api.Test;

class NewTaskTest {

  private static NewTask parse(String json) throws InvalidRequestException {
    return NewTask.parse(Json.read(json));
  }

  @Test
  void validRequest_keepsTaskAndContext_andDefaultsContextToEmpty() throws Exception {
    NewTask task = parse("{\"task\": \"Do it\", \"context\": {\"a\": [1, 2]}}");
    assertThat(task.task()).isEqualTo("Do it");
    assertThat(task.context().get("a").size()).isEqualTo(2);
    assertThat(parse("{\"task\": \"Do it\"}").context().isEmpty()).isTrue();
  }

  @Test
  void invalidRequests_nameTheField() {
    assertThatThrownBy(() -> parse("{}")).hasFieldOrPropertyWithValue("field", "task");
    assertThatThrownBy(() -> parse("{\"task\": \"\"}"))
        .hasFieldOrPropertyWithValue("field", "task");
    assertThatThrownBy(() -> parse("{\"task\": [\"x\"]}"))
        .hasFieldOrPropertyWithValue("field", "task");
    assertThatThrownBy(() -> parse("{\"task\": \"x\", \"context\": \"y\"}"))
        .hasFieldOrPropertyWithValue("field", "context");
    assertThatThrownBy(() -> parse("{\"task\": \"x\", \"priority\": 1}"))
        .hasFieldOrPropertyWithValue("field", "priority");
    assertThatThrownBy(() -> parse("[]")).hasFieldOrPropertyWithValue("field", "");
    assertThatThrownBy(
            () -> parse("{\"task\": \"" + "x".repeat(NewTask.MAX_TASK_CHARS + 1) + "\"}"))
        .hasMessageContaining("at most");
  }

  @Test
  void contentHash_ignoresKeyOrder_butNotValues() throws Exception {
    String a =
        parse("{\"task\": \"t\", \"context\": {\"x\": 1, \"y\": {\"p\": 1, \"q\": 2}}}")
            .contentHash();
    String b =
        parse("{\"context\": {\"y\": {\"q\": 2, \"p\": 1}, \"x\": 1}, \"task\": \"t\"}")
            .contentHash();
    String c =
        parse("{\"task\": \"t\", \"context\": {\"x\": 2, \"y\": {\"p\": 1, \"q\": 2}}}")
            .contentHash();
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }
}
