package com.taskchain.orchestrator.tool.company;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.retrieval.Facet;
import com.taskchain.orchestrator.retrieval.Filter;
import com.taskchain.orchestrator.retrieval.RetrievalIndex;
import com.taskchain.orchestrator.retrieval.SearchRequest;
import com.taskchain.orchestrator.retrieval.Source;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolException;
import com.taskchain.orchestrator.tool.company.internal.Args;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code search_incident_knowledge}: the incident records and the sections of the company documents
 * (runbooks, operations policies, governance, the programme record, the company profile, the tool
 * configurations) most relevant to a query, with filters on service, severity and time window. A
 * filter applies to what carries that attribute: the service filter keeps that service's runbook
 * and incidents and every company-wide section; the severity filter keeps incidents of that
 * severity and every section; the time window keeps the incidents active in it (opened to
 * resolved), the policy in force during it, and every other section. A period the query names ("in
 * March 2026") is a time window when none is given ({@code query_period}). When the filters leave
 * nothing relevant they are relaxed, the narrowest first, as {@code relaxed_filters} says. Every
 * hit carries {@code citation_id} and {@code citation_source}. Deterministic and thread-safe; the
 * index is opened on the first call.
 */
public final class SearchIncidentKnowledge
    implements Tool<SearchIncidentKnowledge.Input, EvidenceResult> {
  public static final String NAME = "search_incident_knowledge";

  /** What it searches: incident records and the sections of every company document. */
  public static final Set<Source> SCOPE =
      Set.of(
          Source.INCIDENT,
          Source.RUNBOOK,
          Source.POLICY,
          Source.GOVERNANCE,
          Source.PROGRAM,
          Source.TOOL_CONFIG,
          Source.PROFILE);

  static final String NOTHING_FOUND = "No relevant incident or runbook evidence found.";
  static final String WEAK = "Retrieved incident evidence is weak";

  /**
   * The arguments.
   *
   * @param query what to look for, 3 to 2,000 characters
   * @param service a service id
   * @param severity an incident severity
   * @param timeStart start of the time window (ISO-8601 time with zone, or a date)
   * @param timeEnd end of the time window (a date includes that day)
   * @param topK the most hits, 1 to 20 (default 5)
   * @param maxSnippetChars the longest snippet per hit, 120 to 2,000 (default 360)
   */
  @JsonClassDescription("Arguments of search_incident_knowledge.")
  public record Input(
      @JsonProperty(required = true) @JsonPropertyDescription("What to look for.") String query,
      @JsonPropertyDescription("Optional: service id, e.g. atlas-checkout.") String service,
      @JsonPropertyDescription("Optional: incident severity.") Severity severity,
      @JsonProperty("time_start")
          @JsonPropertyDescription("Optional: start of the time window (ISO-8601).")
          String timeStart,
      @JsonProperty("time_end")
          @JsonPropertyDescription("Optional: end of the time window (ISO-8601).")
          String timeEnd,
      @JsonProperty("top_k")
          @JsonPropertyDescription("Optional: the most hits, 1 to 20 (default 5).")
          Integer topK,
      @JsonProperty("max_snippet_chars")
          @JsonPropertyDescription("Optional: the longest snippet, 120 to 2000 (default 360).")
          Integer maxSnippetChars) {
    public Input {
      query =
          Args.required(
              "query",
              query,
              SearchPreviousIssues.MIN_QUERY_CHARS,
              SearchPreviousIssues.MAX_QUERY_CHARS);
      service = CompanyServices.check("service", service);
      Args.ordered(
          "time_end",
          Args.instant("time_start", timeStart, false),
          Args.instant("time_end", timeEnd, true),
          "time_start");
      topK =
          Args.intInRange(
              "top_k", topK, 1, SearchPreviousIssues.MAX_TOP_K, SearchPreviousIssues.DEFAULT_TOP_K);
      maxSnippetChars =
          Args.intInRange(
              "max_snippet_chars",
              maxSnippetChars,
              SearchPreviousIssues.MIN_SNIPPET_CHARS,
              SearchPreviousIssues.MAX_SNIPPET_CHARS,
              SearchPreviousIssues.DEFAULT_SNIPPET_CHARS);
    }

    /** A search for the query without filters. */
    public static Input of(String query) {
      return new Input(query, null, null, null, null, null, null);
    }
  }

  private final Supplier<RetrievalIndex> index;

  /** The tool over the given index (opened on the first call). */
  public SearchIncidentKnowledge(Supplier<RetrievalIndex> index) {
    this.index = index;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Finds the incident records and the sections of runbooks, operations policies,"
        + " governance, the programme record, the company profile and the tool configurations"
        + " most relevant to the query, filtered by service, severity and time window (relaxed"
        + " narrowest first when nothing matches); every hit has a citation_id and"
        + " citation_source, and the answer a confidence.";
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Class<EvidenceResult> outputType() {
    return EvidenceResult.class;
  }

  @Override
  public EvidenceResult call(Input input) throws ToolException {
    Map<String, String> given = new LinkedHashMap<>();
    List<Filter> filters = new ArrayList<>();
    if (input.service() != null) {
      given.put("service", input.service());
      filters.add(new Filter.Equals(Facet.SERVICE, input.service(), true, List.of("service")));
    }
    if (input.severity() != null) {
      given.put("severity", input.severity().wire());
      filters.add(
          new Filter.Equals(Facet.SEVERITY, input.severity().wire(), true, List.of("severity")));
    }
    Optional<Instant> start = Args.instant("time_start", input.timeStart(), false);
    Optional<Instant> end = Args.instant("time_end", input.timeEnd(), true);
    if (start.isPresent() || end.isPresent()) {
      List<String> arguments = new ArrayList<>();
      if (input.timeStart() != null) {
        given.put("time_start", input.timeStart());
        arguments.add("time_start");
      }
      if (input.timeEnd() != null) {
        given.put("time_end", input.timeEnd());
        arguments.add("time_end");
      }
      filters.add(new Filter.Overlaps(start.orElse(null), end.orElse(null), arguments));
    }
    SearchRequest request =
        new SearchRequest(
            input.query(),
            SCOPE,
            filters,
            input.topK(),
            input.maxSnippetChars(),
            true,
            true,
            CompanyDocument.SIMULATED_TODAY);
    try {
      return EvidenceResult.of(index.get().search(request), given, NOTHING_FOUND, WEAK);
    } catch (UncheckedIOException e) {
      throw new ToolException.Permanent("the retrieval index is unavailable: " + e.getMessage(), e);
    }
  }
}
