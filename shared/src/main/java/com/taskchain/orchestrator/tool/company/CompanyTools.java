package com.taskchain.orchestrator.tool.company;

import com.taskchain.orchestrator.retrieval.RetrievalIndex;
import com.taskchain.orchestrator.tool.Tool;
import java.util.List;
import java.util.function.Supplier;

/**
 * The six tools that reach into the company: its documents ({@code fetch_company_reference}), its
 * systems over HTTP ({@code jira_search_tickets}, {@code metrics_query}, {@code logs_search}) and
 * the retrieval index ({@code search_incident_knowledge}, {@code search_previous_issues}). Making
 * them is cheap: no connection is opened and the index is not loaded until a tool is called.
 */
public final class CompanyTools {
  /** The tools' registry names, in catalogue order. */
  public static final List<String> NAMES =
      List.of(
          FetchCompanyReference.NAME,
          JiraSearchTickets.NAME,
          MetricsQuery.NAME,
          LogsSearch.NAME,
          SearchIncidentKnowledge.NAME,
          SearchPreviousIssues.NAME);

  private CompanyTools() {}

  /**
   * The six tools, in the order of {@link #NAMES}.
   *
   * @param systems where Jira, metrics and logs answer
   * @param index the retrieval index, asked for on the first search
   */
  public static List<Tool<?, ?>> all(CompanySystemsConfig systems, Supplier<RetrievalIndex> index) {
    return List.of(
        new FetchCompanyReference(),
        new JiraSearchTickets(systems),
        new MetricsQuery(systems),
        new LogsSearch(systems),
        new SearchIncidentKnowledge(index),
        new SearchPreviousIssues(index));
  }
}
