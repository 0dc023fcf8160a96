package com.taskchain.company;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The documents and scenarios of {@code company_sim/} hold together. */
class CompanySimTest {
  private static final Path ROOT = Path.of("company_sim");
  private static final Set<String> TYPES =
      Set.of(
          "incident_triage",
          "escalation",
          "change_approval",
          "rollback_decision",
          "audit",
          "executive_update");

  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, Ticket> tickets =
      JiraData.load().tickets().stream()
          .collect(Collectors.toMap(Ticket::key, Function.identity()));

  private List<JsonNode> scenarios() throws IOException {
    List<JsonNode> list = new ArrayList<>();
    for (String line : Files.readAllLines(ROOT.resolve("scenarios/scenarios.jsonl"))) {
      if (!line.isBlank()) {
        list.add(mapper.readTree(line));
      }
    }
    return list;
  }

  @Test
  void thereAreAtLeastThirtyScenarios_withUniqueIds_andEveryTypeCovered() throws IOException {
    List<JsonNode> scenarios = scenarios();
    Set<String> ids = new HashSet<>();
    Map<String, Long> perType =
        scenarios.stream()
            .collect(Collectors.groupingBy(s -> s.get("type").asText(), Collectors.counting()));

    assertThat(scenarios).hasSizeGreaterThanOrEqualTo(30);
    scenarios.forEach(
        s -> assertThat(ids.add(s.get("id").asText())).as(s.get("id").asText()).isTrue());
    assertThat(perType.keySet()).isEqualTo(TYPES);
    perType.values().forEach(count -> assertThat(count).isGreaterThanOrEqualTo(4));
  }

  @Test
  void everyScenario_hasTheDocumentedShape() throws IOException {
    for (JsonNode s : scenarios()) {
      String id = s.get("id").asText();
      assertThat(s.get("task").asText()).as(id).isNotBlank();
      assertThat(s.get("context").isObject()).as(id).isTrue();
      assertThat(s.get("expected").isObject()).as(id).isTrue();
      assertThat(s.get("expected").path("must_mention").isArray()).as(id).isTrue();
      assertThat(s.get("must_cite").isArray() && !s.get("must_cite").isEmpty()).as(id).isTrue();
    }
  }

  @Test
  void everyCitedDocument_exists() throws IOException {
    for (JsonNode s : scenarios()) {
      for (JsonNode cite : s.get("must_cite")) {
        assertThat(ROOT.resolve(cite.asText())).as(s.get("id").asText()).isRegularFile();
      }
    }
  }

  @Test
  void contextValues_areOnesThePlannerCanResolve() throws IOException {
    String jiraConfig = Files.readString(ROOT.resolve("tool_configs/jira.yaml"));
    for (JsonNode s : scenarios()) {
      String id = s.get("id").asText();
      JsonNode context = s.get("context");
      if (context.has("service")) {
        assertThat(Services.IDS).as(id).contains(context.get("service").asText());
      }
      if (context.has("severity")) {
        assertThat(context.get("severity").asText()).as(id).isIn("P1", "P2", "P3");
      }
      if (context.has("project_key")) {
        assertThat(jiraConfig).as(id).contains("key: " + context.get("project_key").asText());
      }
      for (String time : List.of("start_time", "end_time")) {
        if (context.has(time)) {
          assertThat(Instant.parse(context.get(time).asText())).as(id).isNotNull();
        }
      }
      if (context.has("start_time") && context.has("end_time")) {
        assertThat(Instant.parse(context.get("start_time").asText()))
            .as(id)
            .isBefore(Instant.parse(context.get("end_time").asText()));
      }
    }
  }

  @Test
  void ticketsNamedByScenarios_existInTheMockJira() throws IOException {
    for (JsonNode s : scenarios()) {
      String id = s.get("id").asText();
      for (JsonNode node :
          List.of(
              s.at("/context/incident"),
              s.at("/context/change"),
              s.at("/context/ticket"),
              s.at("/expected/incident"),
              s.at("/expected/finding"))) {
        if (!node.isMissingNode()) {
          assertThat(tickets).as(id).containsKey(node.asText());
        }
      }
      if (s.at("/expected/severity").isTextual() && s.at("/expected/incident").isTextual()) {
        assertThat(tickets.get(s.at("/expected/incident").asText()).severity())
            .as(id)
            .isEqualTo(s.at("/expected/severity").asText());
      }
    }
  }

  @Test
  void peopleNamedAsEscalationTargetsOrApprovers_existInTheWorld() throws IOException {
    String people =
        Files.readString(ROOT.resolve("company_profile.md"))
            + Files.readString(ROOT.resolve("tool_configs/oncall.yaml"));
    for (JsonNode s : scenarios()) {
      List<JsonNode> names = new ArrayList<>();
      s.at("/expected/escalate_to").forEach(names::add);
      if (s.at("/expected/escalate_to").isTextual()) {
        names.add(s.at("/expected/escalate_to"));
      }
      if (s.at("/expected/next_escalation").isTextual()) {
        names.add(s.at("/expected/next_escalation"));
      }
      s.at("/expected/approvers").forEach(names::add);
      for (JsonNode name : names) {
        String text = name.asText();
        boolean role =
            Character.isLowerCase(text.charAt(0))
                || text.equals("CAB")
                || text.equals("DBRE")
                || text.startsWith("SRE ");
        if (!role) {
          assertThat(people).as(s.get("id").asText()).contains(text);
        }
      }
    }
  }

  @Test
  void policyV2_supersedesV1_andSaysWhatChanged() throws IOException {
    String v2 = Files.readString(ROOT.resolve("policies/operations_policy_v2.md"));
    String v1 = Files.readString(ROOT.resolve("policies/operations_policy_v1.md"));

    assertThat(v2).contains("## 8. What changed from v1").contains("2026-02-01");
    assertThat(v1).contains("superseded by `operations_policy_v2.md`");
  }

  @Test
  void everyRunbookNamedInTheProfile_exists_andThereAreAtLeastSix() throws IOException {
    String profile = Files.readString(ROOT.resolve("company_profile.md"));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("`(runbooks/[a-z-]+\\.md)`").matcher(profile);
    int count = 0;
    while (m.find()) {
      assertThat(ROOT.resolve(m.group(1))).isRegularFile();
      count++;
    }
    assertThat(count).isGreaterThanOrEqualTo(6);
  }
}
