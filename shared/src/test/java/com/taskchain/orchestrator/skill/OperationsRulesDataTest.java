package com.taskchain.orchestrator.skill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.skill.internal.Sources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code policies/rules/operations_rules.yaml} says what the policy Markdown says: every timing,
 * channel, cadence, window, freeze, approval and audit number of the rules file is written the same
 * way in the policy version it belongs to, so that a policy change is a data change and the two
 * cannot drift.
 */
class OperationsRulesDataTest {
  private static final JsonNode RULES = CompanyData.yaml(OperationsRules.PATH);

  /** How the policy tables name each escalation role. */
  private static final Map<String, String> ROLE_WORDS =
      Map.of(
          "secondary", "secondary",
          "sre_ic", "SRE IC",
          "engineering_manager", "EM",
          "head_of_sre", "Head of SRE",
          "vp_engineering", "VP Engineering");

  /** How the policy tables name each approval. */
  private static final Map<String, String> APPROVAL_WORDS =
      Map.of(
          "peer_review", "peer review",
          "owning_em", "EM",
          "dbre", "DBRE",
          "incident_commander", "IC");

  private static List<String> versions() {
    List<String> names = new ArrayList<>();
    RULES.path("versions").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String row(String document, String section, String severity) {
    String row = Sources.quote(document, section, l -> l.startsWith(severity + " |"));
    assertThat(row).as(document + " §" + section + " " + severity).isNotBlank();
    return row;
  }

  private static int minutes(String asWritten) {
    Matcher m = Pattern.compile("^(\\d+) (min|minutes|hours?)$").matcher(asWritten);
    assertThat(m.matches()).as(asWritten).isTrue();
    int n = Integer.parseInt(m.group(1));
    return m.group(2).startsWith("hour") ? n * 60 : n;
  }

  @Test
  void versionsHaveTheDatesTheirDocumentsState() {
    for (String name : versions()) {
      OperationsRules rules = OperationsRules.version(name);
      String header = Sources.lines(rules.document(), l -> l.contains("effective"));
      assertThat(header).as(name).contains(rules.effectiveFrom().toString());
      rules.effectiveTo().ifPresent(to -> assertThat(header).as(name).contains(to.toString()));
    }
  }

  @Test
  void acknowledgeAndEscalationTimings_areThePolicyTables() {
    for (String name : versions()) {
      OperationsRules rules = OperationsRules.version(name);
      for (String severity : List.of("P1", "P2", "P3")) {
        OperationsRules.Severity s = rules.severity(severity);
        String row = row(rules.document(), "2", severity);
        assertThat(row).as(name + " " + severity).contains(s.acknowledgeAsWritten());
        if (s.acknowledgeMinutes() > 0) {
          assertThat(minutes(s.acknowledgeAsWritten())).isEqualTo(s.acknowledgeMinutes());
        }
        for (OperationsRules.Step step : s.steps()) {
          String word = Pattern.quote(ROLE_WORDS.get(step.role()));
          assertThat(row)
              .as(name + " " + severity + " " + step.role())
              .containsPattern(word + "[^;|]*?" + Pattern.quote(step.asWritten()));
          if (step.minutes() > 0) {
            assertThat(minutes(step.asWritten())).isEqualTo(step.minutes());
          }
        }
        if (s.executiveSummaryMinutes() > 0) {
          assertThat(row).contains(s.executiveSummaryAsWritten());
          assertThat(minutes(s.executiveSummaryAsWritten())).isEqualTo(s.executiveSummaryMinutes());
        }
        String channels = row(rules.document(), "3", severity);
        assertThat(channels).as(name + " " + severity).contains(s.cadence());
        for (String channel : s.channels()) {
          assertThat(channels).contains(channel);
        }
      }
    }
  }

  @Test
  void theChangeTableOfV2_listsTheSameAcknowledgeTimesForBothVersions() {
    String v2 = OperationsRules.version("v2").document();
    for (String severity : List.of("P1", "P2", "P3")) {
      String row = Sources.quote(v2, "8", l -> l.startsWith(severity + " acknowledge"));
      assertThat(row)
          .contains(OperationsRules.version("v1").severity(severity).acknowledgeAsWritten())
          .contains(OperationsRules.version("v2").severity(severity).acknowledgeAsWritten());
    }
  }

  @Test
  void v1WindowsFreezesAndApprovals_areThoseOfPolicyV1() {
    OperationsRules v1 = OperationsRules.version("v1");
    String section4 = String.join("\n", Sources.section(v1.document(), "4"));
    for (String tier : List.of("tier0", "tier1", "tier2")) {
      String written =
          RULES
              .path("versions")
              .path("v1")
              .path("change_windows")
              .path(tier)
              .path("as_written")
              .asText();
      assertThat(section4).contains(written);
      assertThat(v1.window(tier).asWritten()).isEqualTo(written + " UTC");
    }
    for (OperationsRules.Freeze freeze : v1.freezes()) {
      assertThat(section4).contains(freeze.name() + " " + freeze.from() + " to " + freeze.to());
    }
    Map<String, String> rows =
        Map.of(
            "tier2", "Tier 2 |",
            "tier1", "Tier 1 |",
            "tier0", "Tier 0 |",
            "tier0_schema_or_migration_phase", "Tier-0 schema change |",
            "emergency", "emergency change |");
    rows.forEach(
        (kind, prefix) -> {
          String row = Sources.quote(v1.document(), "6", l -> l.startsWith(prefix));
          assertThat(row).as(kind).isNotBlank();
          List<String> approvals = v1.approvals(kind);
          for (String approval : approvals) {
            assertThat(row).as(kind).contains(APPROVAL_WORDS.get(approval));
          }
          String needed = row.substring(row.indexOf('|') + 1);
          assertThat(needed.split("\\+")).as(kind).hasSize(approvals.size());
        });
    assertThat(String.join("\n", Sources.section(v1.document(), "4")))
        .contains("Freeze exceptions: approved by the VP Engineering");
  }

  @Test
  void v2WindowsAsWritten_areThePolicyWindows() {
    OperationsRules v2 = OperationsRules.version("v2");
    String windows = String.join("\n", Sources.section(v2.document(), "4.1"));
    assertThat(windows).contains(v2.window("tier0").asWritten().replace(" UTC", ""));
    assertThat(windows).contains(v2.window("tier2").asWritten().replace(" UTC", ""));
    assertThat(windows).contains(v2.window("tier0_schema").asWritten().replace(" UTC", ""));
  }

  @Test
  void auditNumbers_areThoseOfEachPolicy() {
    for (String name : versions()) {
      OperationsRules rules = OperationsRules.version(name);
      String audit = String.join("\n", Sources.section(rules.document(), "7"));
      JsonNode max = rules.audit("max_session");
      assertThat(audit).as(name).contains(max.path("as_written").asText());
      assertThat(minutes(max.path("as_written").asText())).isEqualTo(max.path("minutes").asInt());
      assertThat(audit).contains(rules.audit("audit_log_retention").path("as_written").asText());
      String twoPerson = Sources.quote(rules.document(), "7", l -> l.contains("two-person"));
      rules
          .audit("two_person_databases")
          .forEach(db -> assertThat(twoPerson).contains(db.asText()));
      rules
          .audit("postmortem")
          .fields()
          .forEachRemaining(
              e ->
                  assertThat(audit)
                      .as(name + " postmortem " + e.getKey())
                      .containsPattern(
                          e.getKey()
                              + " within "
                              + Pattern.quote(e.getValue().path("as_written").asText())));
      String rollback = String.join("\n", Sources.section(rules.document(), "5"));
      assertThat(rollback).contains(rules.audit("rollback_record").path("as_written").asText());
    }
    assertThat(String.join("\n", Sources.section("policies/operations_policy_v2.md", "7")))
        .contains(
            "within "
                + OperationsRules.version("v2").audit("ddl_finding").path("as_written").asText());
  }
}
