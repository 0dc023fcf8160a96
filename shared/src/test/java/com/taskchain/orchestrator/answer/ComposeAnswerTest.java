package com.taskchain.orchestrator.answer;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.tool.Upstream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComposeAnswerTest {
  private final ComposeAnswer composer = new ComposeAnswer();

  private static Upstream.Step skill(String id, Findings findings) {
    return new Upstream.Step(id, findings.skill(), true, Json.tree(findings), null);
  }

  @Test
  void mergesFindings_firstFieldWins_claimsInOrder_andRendersTheText() {
    Findings severity =
        Findings.builder("assess_severity")
            .field("severity", "P2")
            .field("incident", "INC-2291")
            .claim("Error rate peaked at 3.8 %.", "INC-2291")
            .build();
    Findings other =
        Findings.builder("other")
            .field("severity", "P1")
            .field("owner_team", "Checkout")
            .field("rollback", true)
            .claim("Owned by Checkout.", "tool_configs/oncall.yaml")
            .build();

    ComposeAnswer.Output out =
        composer.call(
            new ComposeAnswer.Input(AnswerType.INCIDENT_TRIAGE),
            new Upstream(List.of(skill("s1", severity), skill("s2", other))));

    assertThat(out.fields().path("severity").asText()).isEqualTo("P2");
    assertThat(out.claims())
        .extracting(Claim::text)
        .containsExactly("Error rate peaked at 3.8 %.", "Owned by Checkout.");
    assertThat(out.unknowns()).isEmpty();
    assertThat(out.text()).contains("Severity: P2", "- Error rate peaked at 3.8 %.");
    assertThat(Json.tree(out.toAnswer()).path("severity").asText()).isEqualTo("P2");
  }

  @Test
  void failedDependency_andMissingRequiredFields_becomeUnknownsWithReasons() {
    Upstream upstream =
        new Upstream(
            List.of(
                new Upstream.Step(
                    "s1", "metrics_query", false, null, "metrics: connection refused"),
                skill("s2", Findings.builder("assess_severity").field("severity", "P3").build())));

    ComposeAnswer.Output out =
        composer.call(new ComposeAnswer.Input(AnswerType.INCIDENT_TRIAGE), upstream);

    assertThat(out.unknowns())
        .anySatisfy(
            u -> assertThat(u.reason()).contains("s1 (metrics_query)", "connection refused"));
    assertThat(out.unknowns())
        .extracting(Unknown::field)
        .contains("incident", "owner_team", "rollback");
    assertThat(out.text()).contains("Not established:");
  }

  @Test
  void generalAnswer_quotesTheEvidence_whenNoSkillSpoke() {
    Upstream upstream =
        new Upstream(
            List.of(
                new Upstream.Step(
                    "s1",
                    "search_previous_issues",
                    true,
                    Json.read(
                        "{\"hits\": [{\"citation_id\": \"PAY-741\", \"title\": \"Token lookup slow\","
                            + " \"snippet\": \"p95 993 ms\"}]}"),
                    null)));

    ComposeAnswer.Output out = composer.call(new ComposeAnswer.Input(AnswerType.GENERAL), upstream);

    assertThat(out.claims())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.text()).isEqualTo("Token lookup slow: p95 993 ms");
              assertThat(c.citations()).containsExactly("PAY-741");
            });
  }
}
