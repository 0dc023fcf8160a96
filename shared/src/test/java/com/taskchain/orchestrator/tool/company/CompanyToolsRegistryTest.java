package com.taskchain.orchestrator.tool.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.retrieval.RetrievalIndex;
import com.taskchain.orchestrator.tool.ArgumentProblem;
import com.taskchain.orchestrator.tool.InvalidArgumentsException;
import com.taskchain.orchestrator.tool.ToolDescriptor;
import com.taskchain.orchestrator.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Strict binding of the six company tools: every refused argument is named. */
class CompanyToolsRegistryTest {
  private static final ToolRegistry REGISTRY =
      ToolRegistry.of(CompanyTools.all(CompanySystemsConfig.none(), RetrievalIndex::shared));

  private static List<ArgumentProblem> problems(String tool, String args) {
    try {
      REGISTRY.bind(tool, Json.read(args));
    } catch (InvalidArgumentsException e) {
      return e.problems();
    }
    throw new AssertionError(tool + " bound " + args);
  }

  @Test
  void theSixTools_areRegistered_inCatalogueOrder() {
    assertThat(CompanyTools.all(CompanySystemsConfig.none(), RetrievalIndex::shared))
        .extracting(t -> t.name())
        .containsExactlyElementsOf(CompanyTools.NAMES);
    assertThat(REGISTRY.names()).containsExactlyInAnyOrderElementsOf(CompanyTools.NAMES);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "fetch_company_reference | {} | source",
        "fetch_company_reference | {\"source\": \"policy_v9\"} | source",
        "fetch_company_reference | {\"source\": \"policy_v2\", \"path\": \"/etc/passwd\"} | path",
        "fetch_company_reference | {\"source\": \"policy_v2\", \"max_chars\": \"2000\"} | max_chars",
        "fetch_company_reference | {\"source\": \"policy_v2\", \"max_chars\": 50} | max_chars",
        "fetch_company_reference | {\"source\": \"policy_v2\", \"query\": \"  \"} | query",
        "search_previous_issues | {} | query",
        "search_previous_issues | {\"query\": \"ab\"} | query",
        "search_previous_issues | {\"query\": \"pool\", \"top_k\": 0} | top_k",
        "search_previous_issues | {\"query\": \"pool\", \"top_k\": 2.5} | top_k",
        "search_previous_issues | {\"query\": \"pool\", \"source\": \"slack\"} | source",
        "search_previous_issues | {\"query\": \"pool\", \"priority\": \"urgent\"} | priority",
        "search_previous_issues | {\"query\": \"pool\", \"project\": \"PAY-1\"} | project",
        "search_previous_issues | {\"query\": \"pool\", \"service\": \"checkout\"} | service",
        "search_previous_issues | {\"query\": \"pool\", \"created_from\": \"last week\"} | created_from",
        "search_previous_issues | {\"query\": \"pool\", \"opened_from\": \"2026-03-02\", \"opened_to\": \"2026-03-01\"} | opened_to",
        "search_previous_issues | {\"query\": \"pool\", \"index_path\": \"/tmp/x\"} | index_path",
        "search_previous_issues | {\"query\": \"pool\", \"max_snippet_chars\": 5000} | max_snippet_chars",
        "search_incident_knowledge | {\"query\": \"pool\", \"severity\": \"P4\"} | severity",
        "search_incident_knowledge | {\"query\": \"pool\", \"severity\": 1} | severity",
        "search_incident_knowledge | {\"query\": \"pool\", \"time_start\": \"2026-02-18T14:00:00\"} | time_start",
        "search_incident_knowledge | {\"query\": \"pool\", \"time_start\": \"2026-02-19\", \"time_end\": \"2026-02-18\"} | time_end",
        "search_incident_knowledge | {\"query\": [\"pool\"]} | query",
        "jira_search_tickets | {\"project_key\": \"IN C\"} | project_key",
        "jira_search_tickets | {\"limit\": 101} | limit",
        "jira_search_tickets | {\"severity\": \"high\"} | severity",
        "jira_search_tickets | {\"start_time\": \"2026-02-18T14:00:00Z\"} | start_time",
        "metrics_query | {\"start_time\": \"2026-02-18T14:00:00Z\", \"end_time\": \"2026-02-18T15:00:00Z\"} | service",
        "metrics_query | {\"service\": \"atlas-checkout\", \"end_time\": \"2026-02-18T15:00:00Z\"} | start_time",
        "metrics_query | {\"service\": \"atlas-checkout\", \"start_time\": \"2026-02-18T15:00:00Z\", \"end_time\": \"2026-02-18T14:00:00Z\"} | end_time",
        "metrics_query | {\"service\": \"atlas-checkout\", \"start_time\": \"2026-02-18T14:00:00Z\", \"end_time\": \"2026-02-18T15:00:00Z\", \"step\": \"PT30S\"} | step",
        "logs_search | {\"service\": \"atlas-checkout\", \"start_time\": \"2026-02-18T14:00:00Z\", \"end_time\": \"2026-02-18T15:00:00Z\", \"pattern\": \"(\"} | pattern",
        "logs_search | {\"service\": \"atlas-checkout\", \"start_time\": \"2026-02-18T14:00:00Z\", \"end_time\": \"2026-02-18T15:00:00Z\", \"level\": \"TRACE\"} | level",
      })
  void badArguments_areRefused_namingTheField(String tool, String args, String field) {
    List<ArgumentProblem> problems = problems(tool, args);

    assertThat(problems).extracting(ArgumentProblem::field).contains(field);
    assertThat(problems).allSatisfy(p -> assertThat(p.problem()).isNotBlank());
  }

  @Test
  void validArguments_bind_withDefaultsFilledIn() throws Exception {
    FetchCompanyReference.Input fetch =
        (FetchCompanyReference.Input)
            REGISTRY.bind("fetch_company_reference", Json.read("{\"source\": \"oncall_rota\"}"));
    SearchPreviousIssues.Input search =
        (SearchPreviousIssues.Input)
            REGISTRY.bind(
                "search_previous_issues",
                Json.read(
                    "{\"query\": \"pool exhausted\", \"priority\": \"high\", \"severity\": \"p2\","
                        + " \"project\": \"pay\", \"service\": \"Payments-Gateway\"}"));

    assertThat(fetch.source()).isEqualTo(CompanyDocument.ONCALL_ROTA);
    assertThat(fetch.maxChars()).isEqualTo(FetchCompanyReference.DEFAULT_MAX_CHARS);
    assertThat(search.topK()).isEqualTo(SearchPreviousIssues.DEFAULT_TOP_K);
    assertThat(search.priority()).isEqualTo(SearchPreviousIssues.Priority.HIGH);
    assertThat(search.severity()).isEqualTo(Severity.P2);
    assertThat(search.project()).isEqualTo("PAY");
    assertThat(search.service()).isEqualTo("payments-gateway");
  }

  @Test
  void schemas_listTheAllowedValues_andForbidUnknownFields() {
    JsonNode fetch = REGISTRY.descriptor("fetch_company_reference").orElseThrow().inputSchema();
    List<String> sources = new ArrayList<>();
    fetch.findValue("enum").forEach(v -> sources.add(v.asText()));

    assertThat(sources).contains("policy_v2", "governance_notes", "runbook_atlas_checkout");
    for (ToolDescriptor descriptor : REGISTRY.describe()) {
      assertThat(descriptor.inputSchema().path("additionalProperties").asBoolean(true))
          .as(descriptor.name())
          .isFalse();
      assertThat(descriptor.description()).isNotBlank();
    }
    assertThat(
            REGISTRY
                .descriptor("search_previous_issues")
                .orElseThrow()
                .inputSchema()
                .path("required"))
        .extracting(JsonNode::asText)
        .containsExactly("query");
  }

  @Test
  void outputRecords_refuseInconsistentValues() {
    assertThatThrownBy(
            () ->
                new EvidenceResult(
                    2,
                    com.taskchain.orchestrator.retrieval.Confidence.LOW,
                    true,
                    "why",
                    java.util.Map.of(),
                    List.of(),
                    List.of()))
        .hasMessageStartingWith("total:");
    assertThatThrownBy(
            () ->
                new EvidenceResult(
                    0,
                    com.taskchain.orchestrator.retrieval.Confidence.LOW,
                    true,
                    null,
                    java.util.Map.of(),
                    List.of(),
                    List.of()))
        .hasMessageStartingWith("fallback_reason:");
  }
}
