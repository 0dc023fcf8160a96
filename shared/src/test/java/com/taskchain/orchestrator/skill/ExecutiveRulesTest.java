package com.taskchain.orchestrator.skill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The executive-update rule file says what governance.md and the policies say. */
class ExecutiveRulesTest {
  private final ExecutiveRules rules = ExecutiveRules.load();
  private final String governance = CompanyDocument.GOVERNANCE_NOTES.read();

  private static String flat(String markdown) {
    return markdown.replaceAll("\\s+", " ");
  }

  @Test
  void sections_areGovernanceSectionFive_inOrder() {
    String five = governance.substring(governance.indexOf("## 5."), governance.indexOf("## 6."));
    List<String> listed = new ArrayList<>();
    for (String line : five.lines().toList()) {
      if (line.matches("^\\d+\\. \\*\\*.*")) {
        listed.add(line.replaceFirst("^\\d+\\. \\*\\*([^*]+)\\*\\*.*$", "$1"));
      }
    }
    assertThat(rules.sections()).containsExactlyElementsOf(listed);
  }

  @Test
  void ragMeanings_areQuotedFromGovernance() {
    assertThat(rules.rag()).containsOnlyKeys(Rag.GREEN, Rag.AMBER, Rag.RED);
    rules
        .rag()
        .forEach(
            (status, meaning) ->
                assertThat(flat(governance))
                    .contains("**" + status.wire() + "** (" + meaning + ")"));
  }

  @Test
  void ragRules_useOnlyKnownConditions_andEveryColourButGreenHasARule() {
    assertThat(rules.rules())
        .extracting(ExecutiveRules.RagRule::when)
        .allMatch(
            w ->
                List.of(
                        "unmitigated_incident",
                        "overdue_milestone",
                        "open_incident",
                        "decision_needed",
                        "open_risk")
                    .contains(w));
    assertThat(rules.rules())
        .extracting(ExecutiveRules.RagRule::status)
        .contains(Rag.RED, Rag.AMBER);
    // Each rule reads as the governance meaning of its colour says.
    for (ExecutiveRules.RagRule rule : rules.rules()) {
      assertThat(rules.rag().get(rule.status())).contains(rule.reads());
    }
  }

  @Test
  void executiveNotice_isThePolicyRow_ofEachVersion() {
    Map<String, CompanyDocument> policies =
        Map.of("v1", CompanyDocument.POLICY_V1, "v2", CompanyDocument.POLICY_V2);
    assertThat(rules.notices()).containsOnlyKeys("v1", "v2");
    rules
        .notices()
        .forEach(
            (version, notice) -> {
              String policy = policies.get(version).read();
              String row =
                  policy
                      .lines()
                      .filter(l -> l.startsWith("| " + notice.severity() + " |"))
                      .findFirst()
                      .orElseThrow();
              assertThat(row).contains(notice.quote()).contains(notice.channel());
              assertThat(Text.plain(notice.quote())).contains(duration(notice.withinMinutes()));
            });
    assertThat(governance).contains("v2: 60 minutes from declaration");
    assertThat(rules.notices().get("v2").withinMinutes()).isEqualTo(60);
  }

  @Test
  void cadence_isThePolicyReportingTable_ofEachVersion() {
    Map<String, CompanyDocument> policies =
        Map.of("v1", CompanyDocument.POLICY_V1, "v2", CompanyDocument.POLICY_V2);
    rules
        .cadence()
        .forEach(
            (version, bySeverity) -> {
              String policy = policies.get(version).read();
              String three = policy.substring(policy.indexOf("## 3."), policy.indexOf("## 4."));
              bySeverity.forEach(
                  (severity, cadence) -> {
                    String row =
                        three
                            .lines()
                            .filter(l -> l.startsWith("| " + severity + " |"))
                            .findFirst()
                            .orElseThrow();
                    assertThat(row).contains(cadence.quote());
                    String plain = Text.plain(cadence.quote());
                    assertThat(
                            plain.contains(duration(cadence.everyMinutes()))
                                || (cadence.everyMinutes() == 24 * 60 && plain.contains("daily")))
                        .as(
                            "%s %s: %s every %d minutes",
                            version, severity, plain, cadence.everyMinutes())
                        .isTrue();
                  });
            });
  }

  @Test
  void updateContents_andAlsoReport_areQuoted() {
    assertThat(CompanyDocument.POLICY_V2.read()).contains(rules.updateContents());
    for (ExecutiveRules.AlsoReport also : rules.alsoReport()) {
      assertThat(flat(governance)).contains(also.quote());
    }
  }

  @Test
  void programs_nameTheirRecord_andItsJiraProjects() {
    JsonNode jira = CompanyData.yaml(CompanyData.JIRA);
    List<String> projects = new ArrayList<>();
    jira.path("projects").forEach(p -> projects.add(p.path("key").asText()));
    assertThat(projects).contains(rules.incidentProject(), rules.changeProject());
    for (ExecutiveRules.Program program : rules.programs()) {
      String record = CompanyDocument.of(program.record()).read();
      assertThat(record).contains(program.name());
      assertThat(record)
          .contains("`" + program.jiraProject() + "`")
          .contains("`" + program.changeProject() + "`");
      assertThat(projects).contains(program.jiraProject());
    }
  }

  private static String duration(int minutes) {
    return minutes % 60 == 0 && minutes > 60 ? minutes / 60 + " hours" : minutes + " minutes";
  }
}
