package com.taskchain.orchestrator.tool.company;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.retrieval.DateField;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code search_previous_issues}: the previous Jira issues and incident records most similar to a
 * query (BM25 over English analysis on the build-time index), with filters. A period the query
 * names ("in Q3 2025", "last March", counted from the simulated now) filters on the records' dates
 * unless a date argument is given, and shows in {@code applied_filters} as {@code query_period}; a
 * service named in words ("ledger core") ranks its records higher. When the filters leave nothing
 * relevant, they are dropped one at a time, the narrowest first, and {@code relaxed_filters} says
 * which. Every hit carries {@code citation_id} (the record id) and {@code citation_source} ({@code
 * jira} or {@code incident}). Deterministic and thread-safe; the index is opened on the first call.
 */
public final class SearchPreviousIssues
    implements Tool<SearchPreviousIssues.Input, EvidenceResult> {
  public static final String NAME = "search_previous_issues";

  public static final int DEFAULT_TOP_K = 5;
  public static final int MAX_TOP_K = 20;
  public static final int MIN_QUERY_CHARS = 3;
  public static final int MAX_QUERY_CHARS = 2_000;
  public static final int DEFAULT_SNIPPET_CHARS = 360;
  public static final int MIN_SNIPPET_CHARS = 120;
  public static final int MAX_SNIPPET_CHARS = 2_000;
  private static final int MAX_VALUE_CHARS = 40;

  static final String NOTHING_FOUND = "No previous-issue evidence matched the query.";
  static final String WEAK = "Retrieved previous issues are weak matches";

  /** Which records to search. */
  public enum RecordSource {
    JIRA,
    INCIDENT;

    @JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The value named, case-insensitively.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    @JsonCreator
    public static RecordSource of(String value) {
      for (RecordSource source : values()) {
        if (source.wire().equalsIgnoreCase(value == null ? "" : value.strip())) {
          return source;
        }
      }
      throw new IllegalArgumentException("must be one of jira, incident, got '" + value + "'");
    }
  }

  /** A Jira priority (the policy maps P1→Highest, P2→High, P3→Medium). */
  public enum Priority {
    HIGHEST,
    HIGH,
    MEDIUM,
    LOW;

    @JsonValue
    public String wire() {
      return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    /**
     * The value named, case-insensitively.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    @JsonCreator
    public static Priority of(String value) {
      for (Priority priority : values()) {
        if (priority.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
          return priority;
        }
      }
      throw new IllegalArgumentException(
          "must be one of Highest, High, Medium, Low, got '" + value + "'");
    }
  }

  /**
   * The arguments. Every filter is optional; dates are ISO-8601 times with a zone or dates (a date
   * as an upper bound includes that day).
   *
   * @param query what to look for, {@value #MIN_QUERY_CHARS} to {@value #MAX_QUERY_CHARS}
   *     characters
   * @param topK the most hits, 1 to {@value #MAX_TOP_K} (default {@value #DEFAULT_TOP_K})
   * @param source only Jira issues or only incidents
   * @param project a Jira project key (incidents have none)
   * @param issueType a Jira issue type (Bug, Story, Task, Problem...)
   * @param priority a Jira priority
   * @param incidentState an incident's status (Resolved, Closed...)
   * @param service a service id
   * @param severity an incident severity
   * @param createdFrom Jira issues created at or after
   * @param createdTo Jira issues created at or before
   * @param openedFrom incidents opened at or after
   * @param openedTo incidents opened at or before
   * @param maxSnippetChars the longest snippet per hit, {@value #MIN_SNIPPET_CHARS} to {@value
   *     #MAX_SNIPPET_CHARS} (default {@value #DEFAULT_SNIPPET_CHARS})
   */
  @JsonClassDescription("Arguments of search_previous_issues.")
  public record Input(
      @JsonProperty(required = true) @JsonPropertyDescription("What to look for.") String query,
      @JsonProperty("top_k")
          @JsonPropertyDescription("Optional: the most hits, 1 to 20 (default 5).")
          Integer topK,
      @JsonPropertyDescription("Optional: only jira issues or only incident records.")
          RecordSource source,
      @JsonPropertyDescription("Optional: Jira project key, e.g. PAY.") String project,
      @JsonProperty("issue_type") @JsonPropertyDescription("Optional: Jira issue type, e.g. Bug.")
          String issueType,
      @JsonPropertyDescription("Optional: Jira priority.") Priority priority,
      @JsonProperty("incident_state")
          @JsonPropertyDescription("Optional: incident status, e.g. Resolved or Closed.")
          String incidentState,
      @JsonPropertyDescription("Optional: service id, e.g. payments-gateway.") String service,
      @JsonPropertyDescription("Optional: incident severity.") Severity severity,
      @JsonProperty("created_from")
          @JsonPropertyDescription("Optional: Jira issues created at or after (ISO-8601).")
          String createdFrom,
      @JsonProperty("created_to")
          @JsonPropertyDescription("Optional: Jira issues created at or before (ISO-8601).")
          String createdTo,
      @JsonProperty("opened_from")
          @JsonPropertyDescription("Optional: incidents opened at or after (ISO-8601).")
          String openedFrom,
      @JsonProperty("opened_to")
          @JsonPropertyDescription("Optional: incidents opened at or before (ISO-8601).")
          String openedTo,
      @JsonProperty("max_snippet_chars")
          @JsonPropertyDescription("Optional: the longest snippet, 120 to 2000 (default 360).")
          Integer maxSnippetChars) {
    public Input {
      query = Args.required("query", query, MIN_QUERY_CHARS, MAX_QUERY_CHARS);
      topK = Args.intInRange("top_k", topK, 1, MAX_TOP_K, DEFAULT_TOP_K);
      project = Args.projectKey("project", project);
      issueType = Args.optional("issue_type", issueType, MAX_VALUE_CHARS);
      incidentState = Args.optional("incident_state", incidentState, MAX_VALUE_CHARS);
      service = CompanyServices.check("service", service);
      Args.ordered(
          "created_to",
          Args.instant("created_from", createdFrom, false),
          Args.instant("created_to", createdTo, true),
          "created_from");
      Args.ordered(
          "opened_to",
          Args.instant("opened_from", openedFrom, false),
          Args.instant("opened_to", openedTo, true),
          "opened_from");
      maxSnippetChars =
          Args.intInRange(
              "max_snippet_chars",
              maxSnippetChars,
              MIN_SNIPPET_CHARS,
              MAX_SNIPPET_CHARS,
              DEFAULT_SNIPPET_CHARS);
    }

    /** A search for the query without filters. */
    public static Input of(String query) {
      return new Input(
          query, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
  }

  private final Supplier<RetrievalIndex> index;

  /** The tool over the given index (opened on the first call). */
  public SearchPreviousIssues(Supplier<RetrievalIndex> index) {
    this.index = index;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Finds the previous Jira issues and incident records most similar to the query, with"
        + " optional filters (source, project, issue type, priority, incident state, service,"
        + " severity, created/opened dates) that are relaxed narrowest first when nothing matches;"
        + " every hit has a citation_id and citation_source, and the answer a confidence.";
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
    if (input.source() != null) {
      given.put("source", input.source().wire());
      filters.add(Filter.Equals.of(Facet.SOURCE, input.source().wire()));
    }
    equals(filters, given, Facet.PROJECT, "project", input.project());
    equals(filters, given, Facet.ISSUE_TYPE, "issue_type", input.issueType());
    equals(
        filters,
        given,
        Facet.PRIORITY,
        "priority",
        input.priority() == null ? null : input.priority().wire());
    equals(filters, given, Facet.INCIDENT_STATE, "incident_state", input.incidentState());
    equals(filters, given, Facet.SERVICE, "service", input.service());
    equals(
        filters,
        given,
        Facet.SEVERITY,
        "severity",
        input.severity() == null ? null : input.severity().wire());
    between(
        filters,
        given,
        DateField.CREATED,
        "created_from",
        input.createdFrom(),
        "created_to",
        input.createdTo());
    between(
        filters,
        given,
        DateField.OPENED,
        "opened_from",
        input.openedFrom(),
        "opened_to",
        input.openedTo());

    SearchRequest request =
        new SearchRequest(
            input.query(),
            Set.of(Source.JIRA, Source.INCIDENT),
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

  private static void equals(
      List<Filter> filters, Map<String, String> given, Facet facet, String argument, String value) {
    if (value != null) {
      given.put(argument, value);
      filters.add(new Filter.Equals(facet, value, false, List.of(argument)));
    }
  }

  static void between(
      List<Filter> filters,
      Map<String, String> given,
      DateField field,
      String fromArgument,
      String from,
      String toArgument,
      String to) {
    Optional<Instant> start = Args.instant(fromArgument, from, false);
    Optional<Instant> end = Args.instant(toArgument, to, true);
    if (start.isEmpty() && end.isEmpty()) {
      return;
    }
    List<String> arguments = new ArrayList<>();
    if (from != null) {
      given.put(fromArgument, from);
      arguments.add(fromArgument);
    }
    if (to != null) {
      given.put(toArgument, to);
      arguments.add(toArgument);
    }
    filters.add(new Filter.Between(field, start.orElse(null), end.orElse(null), arguments));
  }
}
