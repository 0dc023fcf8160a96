package com.taskchain.orchestrator.tool.company;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.retrieval.Confidence;
import com.taskchain.orchestrator.retrieval.RetrievalIndex;
import com.taskchain.orchestrator.retrieval.Source;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.tool.text.ToolCalls;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@code search_previous_issues} and {@code search_incident_knowledge} as the executor calls them.
 */
class SearchToolsTest {
  private static final ToolRegistry REGISTRY =
      ToolRegistry.of(CompanyTools.all(CompanySystemsConfig.none(), RetrievalIndex::shared));

  private static EvidenceResult call(String tool, String args) throws Exception {
    JsonNode output = ToolCalls.call(REGISTRY, tool, Json.read(args));
    // The output binds back to its record: what the verifier's schema check does.
    return Json.convert(output, EvidenceResult.class);
  }

  @Test
  void previousIssues_withMatchingFilters_appliesThem_andCitesEveryHit() throws Exception {
    EvidenceResult result =
        call(
            "search_previous_issues",
            "{\"query\": \"settlement callbacks posted twice without an idempotency key\","
                + " \"source\": \"jira\", \"project\": \"LEDG\", \"top_k\": 3}");

    assertThat(result.hits()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
    assertThat(result.total()).isEqualTo(result.hits().size());
    assertThat(result.appliedFilters())
        .containsEntry("source", "jira")
        .containsEntry("project", "LEDG");
    assertThat(result.relaxedFilters()).isEmpty();
    assertThat(result.hits())
        .allSatisfy(
            hit -> {
              assertThat(hit.source()).isEqualTo(Source.JIRA);
              assertThat(hit.metadata()).containsEntry("project", "LEDG");
              assertThat(hit.citationId()).isNotBlank();
              assertThat(hit.citationSource()).isEqualTo("jira");
            });
    assertThat(result.hits().get(0).citationId()).isEqualTo("LEDG-502");
  }

  @Test
  void previousIssues_whenFiltersMatchNothing_relaxesThem_andSaysWhich() throws Exception {
    // Incidents have no project: an incident search in a Jira project finds nothing as asked.
    EvidenceResult result =
        call(
            "search_previous_issues",
            "{\"query\": \"acquirer timeouts failover to the secondary acquirer\","
                + " \"source\": \"incident\", \"project\": \"PAY\"}");

    assertThat(result.hits()).isNotEmpty();
    assertThat(result.relaxedFilters()).isNotEmpty();
    assertThat(result.appliedFilters().keySet())
        .doesNotContainAnyElementsOf(result.relaxedFilters());
    assertThat(result.confidence()).isNotEqualTo(Confidence.HIGH);
  }

  @Test
  void previousIssues_dateRange_keepsRecordsCreatedInIt_aDateIncludingItsDay() throws Exception {
    EvidenceResult result =
        call(
            "search_previous_issues",
            "{\"query\": \"checkout errors\", \"source\": \"jira\", \"created_from\":"
                + " \"2025-06-01\", \"created_to\": \"2025-06-30\", \"top_k\": 20}");

    assertThat(result.relaxedFilters()).isEmpty();
    assertThat(result.hits())
        .isNotEmpty()
        .allSatisfy(
            hit ->
                assertThat(Instant.parse(hit.metadata().get("created")))
                    .isBetween(
                        Instant.parse("2025-06-01T00:00:00Z"),
                        Instant.parse("2025-06-30T23:59:59.999Z")));
  }

  @Test
  void aQueryOfUnknownWords_findsNothing_andRecommendsFallback() throws Exception {
    EvidenceResult issues =
        call("search_previous_issues", "{\"query\": \"zorblax quuxified the frobnicator\"}");
    EvidenceResult knowledge =
        call("search_incident_knowledge", "{\"query\": \"zorblax quuxified the frobnicator\"}");

    assertThat(issues.hits()).isEmpty();
    assertThat(issues.confidence()).isEqualTo(Confidence.LOW);
    assertThat(issues.recommendFallback()).isTrue();
    assertThat(issues.fallbackReason()).isEqualTo(SearchPreviousIssues.NOTHING_FOUND);
    assertThat(knowledge.hits()).isEmpty();
    assertThat(knowledge.fallbackReason()).isEqualTo(SearchIncidentKnowledge.NOTHING_FOUND);
  }

  @Test
  void aPreciseQuery_isHighConfidence_withoutFallback() throws Exception {
    EvidenceResult result =
        call(
            "search_previous_issues",
            "{\"query\": \"ledger reconciliation mismatch, 14 duplicated postings worth USD"
                + " 38,420.17 across 9 merchants\"}");

    assertThat(result.confidence()).isEqualTo(Confidence.HIGH);
    assertThat(result.recommendFallback()).isFalse();
    assertThat(result.fallbackReason()).isNull();
    assertThat(result.hits().subList(0, 3))
        .extracting(EvidenceHit::citationId)
        .contains("INC-2351");
  }

  @Test
  void incidentKnowledge_forAServiceAndWindow_findsItsIncident_runbookAndPolicyInForce()
      throws Exception {
    EvidenceResult result =
        call(
            "search_incident_knowledge",
            "{\"query\": \"checkout-db pool exhausted errors latency rollback\", \"service\":"
                + " \"atlas-checkout\", \"time_start\": \"2026-02-18T13:30:00Z\", \"time_end\":"
                + " \"2026-02-18T15:30:00Z\", \"top_k\": 10}");

    assertThat(result.relaxedFilters()).isEmpty();
    assertThat(result.hits()).extracting(EvidenceHit::citationId).contains("INC-2291");
    assertThat(result.hits())
        .extracting(EvidenceHit::citationSource)
        .contains("runbooks/atlas-checkout.md");
    assertThat(result.hits())
        .allSatisfy(
            hit -> {
              if (hit.source() == Source.POLICY) {
                assertThat(hit.metadata()).containsEntry("document", "policy_v2");
              } else if (hit.source() == Source.INCIDENT || hit.source() == Source.RUNBOOK) {
                assertThat(hit.metadata()).containsEntry("service", "atlas-checkout");
              } else {
                // Governance, programme, profile and tool configurations apply company-wide.
                assertThat(hit.metadata()).doesNotContainKey("service");
              }
            });
  }

  @Test
  void incidentKnowledge_windowWithoutIncidents_isRelaxed_whenNothingElseMatches()
      throws Exception {
    // Only incident records can answer this; none is active in the window.
    EvidenceResult result =
        call(
            "search_incident_knowledge",
            "{\"query\": \"Storemill partner API change\", \"severity\": \"P3\","
                + " \"time_start\": \"2023-01-01\", \"time_end\": \"2023-01-02\"}");

    assertThat(result.hits()).isNotEmpty();
    assertThat(result.relaxedFilters()).isNotEmpty();
  }
}
