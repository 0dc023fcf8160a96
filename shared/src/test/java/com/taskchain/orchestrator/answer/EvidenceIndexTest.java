package com.taskchain.orchestrator.answer;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.tool.Upstream;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceIndexTest {
  private static Upstream.Step step(String id, String tool, String json) {
    return new Upstream.Step(id, tool, true, Json.read(json), null);
  }

  private final EvidenceIndex index =
      EvidenceIndex.of(
          List.of(
              step(
                  "s1",
                  "search_previous_issues",
                  "{\"hits\": [{\"citation_id\": \"INC-2291\", \"title\": \"Atlas latency\","
                      + " \"snippet\": \"p95 1,650 ms, error rate 3.8 %\"}]}"),
              step(
                  "s2",
                  "fetch_company_reference",
                  "{\"source\": \"policy_v2\", \"path\": \"company_sim/policies/operations_policy_v2.md\","
                      + " \"matched\": true, \"excerpt\": \"acknowledge within 10 minutes\"}"),
              step(
                  "s3",
                  "jira_search_tickets",
                  "{\"tickets\": [{\"key\": \"CHG-4163\", \"summary\": \"Rollback of phase 2\","
                      + " \"description\": \"traffic share 25 % -> 5 %\"}]}"),
              step(
                  "s4",
                  "logs_search",
                  "{\"events\": [{\"timestamp\": \"2026-02-18T14:05:00Z\", \"service\":"
                      + " \"atlas-checkout\", \"level\": \"ERROR\", \"message\": \"pool exhausted\"}]}"),
              new Upstream.Step("s5", "metrics_query", false, null, "metrics down")));

  @Test
  void ids_comeFromHitsDocumentsTicketsAndLogs_notFromFailedSteps() {
    assertThat(index.ids())
        .containsExactly(
            "INC-2291",
            "policies/operations_policy_v2.md",
            "CHG-4163",
            "logs/atlas-checkout/2026-02-18T14:05:00Z");
  }

  @Test
  void numbersCompareByValue_andThousandsSeparatorsDoNotMatter() {
    assertThat(index.ungrounded("p95 reached 1650 ms at 3.80 %", List.of("INC-2291"))).isEmpty();
  }

  @Test
  void aNumberNotInTheCitedEvidence_isReported_evenWhenAnotherSourceHasIt() {
    assertThat(
            index.ungrounded(
                "acknowledge within 10 minutes at 1,650 ms",
                List.of("policies/operations_policy_v2.md")))
        .containsExactly("1,650");
  }

  @Test
  void ticketIdsMustOccur_butSeveritiesAndVersionsAreNotNumbers() {
    assertThat(index.ungrounded("P2 under v2: see CHG-4163 and CHG-4999", List.of("CHG-4163")))
        .containsExactly("CHG-4999");
  }
}
