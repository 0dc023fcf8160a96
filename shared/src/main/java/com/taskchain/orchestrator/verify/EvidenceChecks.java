package com.taskchain.orchestrator.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.execute.ToolRun;
import com.taskchain.orchestrator.plan.Plan;
import com.taskchain.orchestrator.plan.PlanStep;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.tool.company.FetchCompanyReference;
import com.taskchain.orchestrator.tool.company.JiraSearchTickets;
import com.taskchain.orchestrator.tool.company.SearchIncidentKnowledge;
import com.taskchain.orchestrator.tool.company.SearchPreviousIssues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seed's evidence gates, made by {@link RuleVerifier} after its structural checks. An incident
 * plan is one with a {@code search_incident_knowledge} step (the planner adds one exactly for
 * incident-like tasks). Always made, in this order:
 *
 * <ol>
 *   <li>{@value #INCIDENT_EVIDENCE}: an incident plan has at least one succeeded evidence step
 *       ({@code search_incident_knowledge}, {@code search_previous_issues}, {@code
 *       jira_search_tickets}) that found something. Unlike the seed, an evidence tool that found
 *       nothing fails the gate only when no other one found anything: a service without tickets
 *       does not make good retrieved evidence worthless. The reasons are the seed's sentences;
 *   <li>{@value #EVIDENCE_CITED}: in every plan, each hit of each succeeded search step has a
 *       non-blank {@code citation_id} and {@code citation_source};
 *   <li>{@value #POLICY_CITED}: an incident plan has a succeeded {@code fetch_company_reference} of
 *       an operations policy or the governance notes.
 * </ol>
 *
 * Pure and thread-safe.
 */
final class EvidenceChecks {
  static final String INCIDENT_EVIDENCE = "incident_evidence";
  static final String EVIDENCE_CITED = "evidence_cited";
  static final String POLICY_CITED = "policy_cited";

  /** The tools whose results count as incident evidence, in the seed's order. */
  static final List<String> EVIDENCE_TOOLS =
      List.of(SearchIncidentKnowledge.NAME, SearchPreviousIssues.NAME, JiraSearchTickets.NAME);

  private static final List<String> SEARCH_TOOLS =
      List.of(SearchIncidentKnowledge.NAME, SearchPreviousIssues.NAME);

  /** The documents that count as a policy or governance citation. */
  static final Set<String> POLICY_SOURCES =
      Set.of(
          CompanyDocument.POLICY_V1.id(),
          CompanyDocument.POLICY_V2.id(),
          CompanyDocument.GOVERNANCE_NOTES.id());

  private EvidenceChecks() {}

  static List<Check> checks(Plan plan, Map<String, ToolRun> runsById) {
    boolean incident =
        plan.steps().stream().anyMatch(step -> step.tool().equals(SearchIncidentKnowledge.NAME));
    return List.of(
        incidentEvidence(incident, plan, runsById),
        evidenceCited(incident, plan, runsById),
        policyCited(incident, plan, runsById));
  }

  private static Check incidentEvidence(
      boolean incident, Plan plan, Map<String, ToolRun> runsById) {
    if (!incident) {
      return new Check(
          INCIDENT_EVIDENCE, true, "not an incident plan (no search_incident_knowledge step)");
    }
    List<String> found = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    List<String> emptyReasons = new ArrayList<>();
    for (PlanStep step : plan.steps()) {
      if (!EVIDENCE_TOOLS.contains(step.tool())) {
        continue;
      }
      ToolRun run = runsById.get(step.id());
      if (run == null || !run.succeeded() || run.output() == null) {
        continue; // reported by all_steps_succeeded
      }
      int items = evidenceCount(step.tool(), run.output());
      if (items > 0) {
        found.add(step.id() + " (" + step.tool() + ": " + items + ")");
      } else {
        empty.add(step.id() + " (" + step.tool() + ")");
        emptyReasons.add(
            "Incident evidence tool '" + step.tool() + "' returned no usable evidence.");
      }
    }
    if (!found.isEmpty()) {
      return new Check(
          INCIDENT_EVIDENCE,
          true,
          "evidence from "
              + String.join(", ", found)
              + (empty.isEmpty() ? "" : "; nothing from " + String.join(", ", empty)));
    }
    List<String> reasons = new ArrayList<>(emptyReasons);
    reasons.add(
        "Incident plan requires at least one successful evidence source from"
            + " search_incident_knowledge, search_previous_issues, or jira_search_tickets.");
    return new Check(INCIDENT_EVIDENCE, false, String.join(" ", reasons));
  }

  /** Hits, or tickets, or a positive total. */
  private static int evidenceCount(String tool, JsonNode output) {
    JsonNode items = output.path(tool.equals(JiraSearchTickets.NAME) ? "tickets" : "hits");
    if (items.isArray() && items.size() > 0) {
      return items.size();
    }
    JsonNode total = output.path("total");
    return total.isInt() ? Math.max(0, total.asInt()) : 0;
  }

  private static Check evidenceCited(boolean incident, Plan plan, Map<String, ToolRun> runsById) {
    List<String> problems = new ArrayList<>();
    int hits = 0;
    for (PlanStep step : plan.steps()) {
      ToolRun run = runsById.get(step.id());
      if (!SEARCH_TOOLS.contains(step.tool())
          || run == null
          || !run.succeeded()
          || run.output() == null) {
        continue;
      }
      List<Integer> uncited = new ArrayList<>();
      JsonNode stepHits = run.output().path("hits");
      for (int i = 0; i < stepHits.size(); i++) {
        hits++;
        if (blank(stepHits.get(i).path("citation_id"))
            || blank(stepHits.get(i).path("citation_source"))) {
          uncited.add(i + 1);
        }
      }
      if (!uncited.isEmpty()) {
        problems.add(
            (incident ? "Incident evidence tool '" : "Evidence tool '")
                + step.tool()
                + "' returned hits without citation_id/citation_source (step "
                + step.id()
                + ", hit "
                + uncited.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")
                + ").");
      }
    }
    if (!problems.isEmpty()) {
      return new Check(EVIDENCE_CITED, false, String.join(" ", problems));
    }
    return new Check(
        EVIDENCE_CITED,
        true,
        hits == 0
            ? "no search hits to check"
            : "all " + hits + " search hit(s) carry citation_id and citation_source");
  }

  private static boolean blank(JsonNode value) {
    return !value.isTextual() || value.asText().isBlank();
  }

  private static Check policyCited(boolean incident, Plan plan, Map<String, ToolRun> runsById) {
    if (!incident) {
      return new Check(
          POLICY_CITED, true, "not an incident plan (no search_incident_knowledge step)");
    }
    for (PlanStep step : plan.steps()) {
      ToolRun run = runsById.get(step.id());
      if (!step.tool().equals(FetchCompanyReference.NAME)
          || run == null
          || !run.succeeded()
          || run.output() == null) {
        continue;
      }
      String source = run.output().path("source").asText("");
      if (POLICY_SOURCES.contains(source)) {
        return new Check(
            POLICY_CITED,
            true,
            step.id() + " cites " + source + " (" + run.output().path("path").asText("") + ")");
      }
    }
    return new Check(
        POLICY_CITED,
        false,
        "Incident plan requires at least one successful policy/governance citation via"
            + " fetch_company_reference.");
  }
}
