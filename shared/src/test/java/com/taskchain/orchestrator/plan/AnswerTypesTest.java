package com.taskchain.orchestrator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.answer.AnswerType;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.testing.RepoFiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerTypesTest {
  private static AnswerType detect(String task) {
    return AnswerTypes.detect(new TaskInput(task, Json.object()));
  }

  @Test
  void everyScenarioInTheRepo_getsItsType() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (String line :
        java.nio.file.Files.readAllLines(
            RepoFiles.path("company_details/company_sim/scenarios/scenarios.jsonl"))) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode scenario = Json.read(line);
      AnswerType type =
          AnswerTypes.detect(
              new TaskInput(scenario.path("task").asText(), (ObjectNode) scenario.path("context")));
      if (!type.wire().equals(scenario.path("type").asText())) {
        wrong.add(scenario.path("id").asText() + " -> " + type.wire());
      }
    }
    assertThat(wrong).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "The Ledger Core alert fired at 03:10 — how bad is it and who owns it? | incident_triage",
        "Nobody picked up the Identity Hub P1 page. Who do we page next? | escalation",
        "May we deploy the settlement-engine config change on Tuesday at 09:00? Who needs to approve? | change_approval",
        "Release 2026.05.21-1 of webhook-dispatcher: roll back or fix forward? | rollback_decision",
        "Was the DBRE session on pay-db compliant with the access rules? | audit",
        "Write a status update for leadership on the checkout migration. | executive_update",
        "Find earlier bugs like the 3DS redirect failure. | general",
        "The payout batch ETA moved to 06:40. What severity is this, who is paged and who else must be told? | escalation",
        "Someone proposed rolling the gateway back. Was a rollback the right move? | rollback_decision",
        "Audit phase 1 (CHG-4102): did it have the approvals the policy required at the time? | audit"
      })
  void paraphrases_getTheirType(String task, String type) {
    assertThat(detect(task).wire()).isEqualTo(type);
  }
}
