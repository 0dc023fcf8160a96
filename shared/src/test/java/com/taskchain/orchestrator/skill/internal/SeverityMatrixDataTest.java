package com.taskchain.orchestrator.skill.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.skill.CompanyData;
import com.taskchain.orchestrator.testing.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code policies/rules/severity_matrix.yaml} says what the policy prose says: every threshold,
 * band and duration of a criterion appears in the bullet or table row of the policy it comes from,
 * every threshold of those bullets and rows has a criterion, and {@code cicd.yaml
 * automatic_rollback} carries v2 §5's values.
 */
class SeverityMatrixDataTest {
  private static final Pattern AT_OR_ABOVE = Pattern.compile("≥ ([0-9][0-9,.]*) (%|ms)");
  private static final Pattern ABOVE = Pattern.compile("> ([0-9][0-9,.]*) (%|ms)");

  private static String policy(PolicyRules.Version version) throws IOException {
    return Files.readString(RepoFiles.path("company_details/company_sim/" + version.path()));
  }

  /** The plain-text bullets of a severity's subsection of §1 (continuation lines joined). */
  private static List<String> bullets(String policy, String severity) {
    String section = policy.substring(policy.indexOf("## 1."), policy.indexOf("## 2."));
    int from = section.indexOf("### " + severity);
    int to = section.indexOf("### ", from + 4);
    String sub = section.substring(from, to < 0 ? section.length() : to);
    List<String> bullets = new ArrayList<>();
    StringBuilder bullet = null;
    for (String line : sub.lines().toList()) {
      if (line.startsWith("- ")) {
        if (bullet != null) {
          bullets.add(Texts.plain(bullet.toString()));
        }
        bullet = new StringBuilder(line.substring(2));
      } else if (bullet != null && line.startsWith("  ")) {
        bullet.append(' ').append(line.strip());
      } else if (bullet != null) {
        bullets.add(Texts.plain(bullet.toString()));
        bullet = null;
      }
    }
    if (bullet != null) {
      bullets.add(Texts.plain(bullet.toString()));
    }
    return bullets;
  }

  private static String shown(String metric, double value) {
    return metric.equals("error_rate")
        ? (value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value)) + " %"
        : String.format(java.util.Locale.ROOT, "%,d ms", (long) value);
  }

  @Test
  void everySeverityCriterion_isWordedInAPolicyBullet_withItsNumbers() throws IOException {
    for (PolicyRules.Version version : PolicyRules.versions()) {
      String policy = policy(version);
      for (PolicyRules.Criterion c : version.severity()) {
        if (!c.isMetric()) {
          continue;
        }
        String tierWord = "Tier-" + c.tiers().get(0).replaceAll("\\D", "");
        String threshold = "≥ " + c.shown();
        String duration = "for " + c.minutes() + " minutes";
        assertThat(c.shown()).isEqualTo(shown(c.metric(), c.value()));
        assertThat(bullets(policy, c.severity()))
            .as("%s %s: %s", version.name(), c.severity(), c.text())
            .anySatisfy(
                bullet -> {
                  assertThat(bullet).contains(tierWord, threshold, duration);
                  if (c.below() != null) {
                    assertThat(bullet).contains("< " + shown(c.metric(), c.below()));
                  }
                });
      }
    }
  }

  @Test
  void everyThresholdOfTheMatrix_hasACriterion() throws IOException {
    for (PolicyRules.Version version : PolicyRules.versions()) {
      String policy = policy(version);
      for (String severity : List.of("P1", "P2")) {
        for (String bullet : bullets(policy, severity)) {
          Matcher m = AT_OR_ABOVE.matcher(bullet);
          while (m.find()) {
            String shown = m.group(1) + " " + m.group(2);
            assertThat(version.severity())
                .as("%s %s bullet '%s' threshold %s", version.name(), severity, bullet, shown)
                .anyMatch(c -> c.severity().equals(severity) && shown.equals(c.shown()));
          }
        }
      }
    }
  }

  @Test
  void v2RollbackTriggers_matchTheTableOfSection5_rowByRow() throws IOException {
    String policy = policy(PolicyRules.named("v2"));
    String section = policy.substring(policy.indexOf("## 5."), policy.indexOf("## 6."));
    int rows = 0;
    for (String line : section.lines().toList()) {
      Matcher tier = Pattern.compile("^\\| Tier (\\d) \\|").matcher(line);
      if (!tier.find()) {
        continue;
      }
      rows++;
      String plain = Texts.plain(line);
      String tierId = "tier" + tier.group(1);
      List<PolicyRules.Criterion> triggers =
          PolicyRules.named("v2").rollback().stream()
              .filter(c -> c.isMetric() && c.tiers().equals(List.of(tierId)))
              .toList();
      for (PolicyRules.Criterion c : triggers) {
        assertThat(plain).contains("> " + c.shown() + " sustained for " + c.minutes() + " minutes");
      }
      Matcher above = ABOVE.matcher(plain);
      int thresholds = 0;
      while (above.find()) {
        thresholds++;
      }
      assertThat(triggers).as(line).hasSize(thresholds);
    }
    assertThat(rows).isEqualTo(3);
    assertThat(section).contains("**60-minute watch window**");
    assertThat(PolicyRules.named("v2").watchWindow()).hasMinutes(60);
  }

  @Test
  void v1RollbackTriggers_matchItsSection5() throws IOException {
    String policy = policy(PolicyRules.named("v1"));
    String section =
        Texts.plain(policy.substring(policy.indexOf("## 5."), policy.indexOf("## 6.")));
    for (PolicyRules.Criterion c : PolicyRules.named("v1").rollback()) {
      assertThat(section).contains("above " + c.shown() + " for " + c.minutes() + " minutes");
    }
    assertThat(section).contains("60-minute watch window");
  }

  @Test
  void cicdAutomaticRollback_agreesWithPolicyV2Section5() {
    JsonNode cicd = CompanyData.yaml(CompanyData.CICD);
    JsonNode automatic = cicd.path("automatic_rollback");
    Map<String, String> keys =
        Map.of("error_rate", "error_rate_percent", "p95_latency_ms", "p95_latency_ms");
    int checked = 0;
    for (PolicyRules.Criterion c : PolicyRules.named("v2").rollback()) {
      if (!c.isMetric()) {
        continue;
      }
      JsonNode rule = automatic.path(c.tiers().get(0)).path(keys.get(c.metric()));
      assertThat(rule.path("above").asDouble()).as(c.text()).isEqualTo(c.value());
      assertThat(rule.path("for").asText()).as(c.text()).isEqualTo("PT" + c.minutes() + "M");
      checked++;
    }
    int configured = 0;
    for (String tier : List.of("tier0", "tier1", "tier2")) {
      configured += automatic.path(tier).size();
    }
    assertThat(checked).isEqualTo(configured);
    assertThat(automatic.path("all_tiers").path("auth_success_drop_points").path("above").asInt())
        .isEqualTo(3);
    assertThat(cicd.path("rollout").path("watch_window").asText()).isEqualTo("PT60M");
  }
}
