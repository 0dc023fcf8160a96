package com.taskchain.orchestrator.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.tool.company.CompanyServices;
import com.taskchain.orchestrator.tool.company.FetchCompanyReference;
import com.taskchain.orchestrator.tool.company.JiraSearchTickets;
import com.taskchain.orchestrator.tool.company.LogsSearch;
import com.taskchain.orchestrator.tool.company.MetricsQuery;
import com.taskchain.orchestrator.tool.company.SearchIncidentKnowledge;
import com.taskchain.orchestrator.tool.company.SearchPreviousIssues;
import com.taskchain.orchestrator.tool.company.Severity;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's planning rules over the company tools, run after the text rules and before the
 * summary. Each reads the rendered task (task and context) for its cue words; every step they add
 * reads only the task and its context, so none depends on another. In order:
 *
 * <ol>
 *   <li>{@code previous_issues}: {@code search_previous_issues} when the task is issue-like (bug,
 *       issue, ticket, defect, regression, root cause, error, or any incident cue) or asks for an
 *       executive or status update. Query: the task text. As in the seed, an incident-like task
 *       searches broadly (no filters: narrow filters hide evidence in incidents); another task
 *       searches Jira, in the context's {@code project_key} when it is a project key.
 *   <li>{@code incident_like}: for incident-like tasks (incident, alert, outage, severity, P1–P3,
 *       SEV1, triage, on-call, paged, escalation, postmortem, rollback...), {@code
 *       search_incident_knowledge} with the context's {@code service}, {@code severity}, {@code
 *       start_time} and {@code end_time} as filters, and the current operations policy ({@code
 *       fetch_company_reference} of {@link CompanyDocument#CURRENT_POLICY}) for severity,
 *       escalation, rollback and communication rules.
 *   <li>{@code company_systems}: for incident-like tasks whose context names a known {@code
 *       service}: {@code jira_search_tickets} for its tickets (with the context's {@code severity}
 *       and {@code project_key}); when the context also gives a time window ({@code start_time}
 *       before {@code end_time}), {@code metrics_query} and {@code logs_search} over it.
 *   <li>{@code executive_update}: for executive, status or leadership updates, the governance notes
 *       (the update format) and, when the task names a program with a record (Atlas Checkout), that
 *       program's record.
 * </ol>
 *
 * <p>Context values that are not valid for a tool (an unknown service, a severity that is not
 * P1–P3, a time without a zone) are left out rather than passed, and the plan's notes say so. Pure
 * and thread-safe.
 */
public final class CompanyPlanRules {
  /** How many previous issues the planner asks for (the seed's value). */
  public static final int PREVIOUS_ISSUES_TOP_K = 6;

  /** How many incident-knowledge hits the planner asks for (the seed's value). */
  public static final int INCIDENT_KNOWLEDGE_TOP_K = 5;

  /** How many Jira tickets the planner asks for. */
  public static final int JIRA_LIMIT = 10;

  /** How many log events the planner asks for. */
  public static final int LOG_LIMIT = 50;

  /** The excerpt length of the policy and governance references. */
  public static final int REFERENCE_MAX_CHARS = 1_500;

  /** What the planner looks for in the operations policy. */
  static final String POLICY_QUERY =
      "severity acknowledge escalation rollback triggers reporting channels cadence";

  /** What the planner looks for in the governance notes. */
  static final String GOVERNANCE_QUERY = "executive update summary status RAG decisions";

  /** What the planner looks for in a program record. */
  static final String PROGRAM_QUERY = "status phases risk register decisions";

  private static final Pattern INCIDENT_WORD =
      Pattern.compile(
          "\\b(?:incidents?|alerts?|alerting|outages?|sev ?[0-4]|severity|p[1-3]|triage[ds]?"
              + "|on-?call|paged|escalat(?:e|ed|es|ing|ion|ions)|postmortems?|degraded"
              + "|degradation|rollbacks?|roll(?:ed)? back)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern ISSUE_WORD =
      Pattern.compile(
          "\\b(?:bugs?|issues?|tickets?|defects?|regressions?|root cause|errors?)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern UPDATE_WORD =
      Pattern.compile(
          "\\b(?:executive (?:update|summary|summaries|brief)|exec update|status update"
              + "|leadership|steering committee)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern PROJECT_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,19}");

  /** Programs with a record, by a name a task would use. */
  private static final Map<String, CompanyDocument> PROGRAMS =
      Map.of("atlas checkout", CompanyDocument.ATLAS_CHECKOUT_PROGRAM);

  public static final PlanRule PREVIOUS_ISSUES =
      PlanRule.of("previous_issues", CompanyPlanRules::previousIssues);

  public static final PlanRule INCIDENT_LIKE =
      PlanRule.of("incident_like", CompanyPlanRules::incidentLike);

  public static final PlanRule COMPANY_SYSTEMS =
      PlanRule.of("company_systems", CompanyPlanRules::companySystems);

  public static final PlanRule EXECUTIVE_UPDATE =
      PlanRule.of("executive_update", CompanyPlanRules::executiveUpdate);

  private CompanyPlanRules() {}

  /** The four rules, in plan order. */
  public static List<PlanRule> all() {
    return List.of(PREVIOUS_ISSUES, INCIDENT_LIKE, COMPANY_SYSTEMS, EXECUTIVE_UPDATE);
  }

  /** The first incident cue in the text, lower-cased, if any. */
  static Optional<String> incidentWord(String text) {
    return first(INCIDENT_WORD, text);
  }

  private static Optional<String> first(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? Optional.of(m.group().toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  private static PlanRule.Proposal previousIssues(TaskInput input, String text) {
    Optional<String> incident = incidentWord(text);
    Optional<String> cue =
        incident.or(() -> first(ISSUE_WORD, text)).or(() -> first(UPDATE_WORD, text));
    if (cue.isEmpty()) {
      return PlanRule.Proposal.none("the task mentions no issue, incident or update words");
    }
    Optional<String> query = query(input);
    if (query.isEmpty()) {
      return PlanRule.Proposal.none("the task is too short to search for");
    }
    ObjectNode args = Json.object();
    args.put("query", query.get());
    args.put("top_k", PREVIOUS_ISSUES_TOP_K);
    List<String> notes = new ArrayList<>();
    if (incident.isPresent()) {
      notes.add("searching every source: the task is incident-like");
    } else {
      args.put("source", "jira");
      Optional<String> project = textValue(input, "project_key");
      if (project.isPresent() && PROJECT_KEY.matcher(project.get()).matches()) {
        args.put("project", project.get().toUpperCase(Locale.ROOT));
      } else if (project.isPresent()) {
        notes.add("project_key '" + project.get() + "' is not a project key, not passed");
      }
    }
    return PlanRule.Proposal.of(
        reason("the task mentions '" + cue.get() + "'", notes),
        ProposedStep.of(SearchPreviousIssues.NAME, args));
  }

  private static PlanRule.Proposal incidentLike(TaskInput input, String text) {
    Optional<String> cue = incidentWord(text);
    if (cue.isEmpty()) {
      return PlanRule.Proposal.none("the task mentions no incident words");
    }
    List<String> notes = new ArrayList<>();
    List<ProposedStep> steps = new ArrayList<>();
    Optional<String> query = query(input);
    if (query.isPresent()) {
      ObjectNode args = Json.object();
      args.put("query", query.get());
      args.put("top_k", INCIDENT_KNOWLEDGE_TOP_K);
      service(input, notes).ifPresent(service -> args.put("service", service));
      severity(input, notes).ifPresent(severity -> args.put("severity", severity));
      time(input, "start_time", notes).ifPresent(start -> args.put("time_start", start));
      time(input, "end_time", notes).ifPresent(end -> args.put("time_end", end));
      if (args.has("time_start") && args.has("time_end") && !window(input).isPresent()) {
        args.remove("time_end");
        notes.add("end_time is not after start_time, not passed");
      }
      steps.add(ProposedStep.of(SearchIncidentKnowledge.NAME, args));
    } else {
      notes.add("the task is too short to search for");
    }
    steps.add(reference("policy_reference", CompanyDocument.CURRENT_POLICY, POLICY_QUERY));
    return new PlanRule.Proposal(reason("the task mentions '" + cue.get() + "'", notes), steps);
  }

  private static PlanRule.Proposal companySystems(TaskInput input, String text) {
    if (incidentWord(text).isEmpty()) {
      return PlanRule.Proposal.none("the task is not incident-like");
    }
    List<String> notes = new ArrayList<>();
    Optional<String> service = service(input, notes);
    if (service.isEmpty()) {
      return PlanRule.Proposal.none(reason("the context names no known service to look up", notes));
    }
    List<ProposedStep> steps = new ArrayList<>();
    ObjectNode jira = Json.object();
    textValue(input, "project_key")
        .filter(key -> PROJECT_KEY.matcher(key).matches())
        .ifPresent(key -> jira.put("project_key", key.toUpperCase(Locale.ROOT)));
    jira.put("service", service.get());
    severity(input, List.of()).ifPresent(severity -> jira.put("severity", severity));
    jira.put("limit", JIRA_LIMIT);
    steps.add(ProposedStep.of(JiraSearchTickets.NAME, jira));

    Optional<String[]> window = window(input);
    if (window.isPresent()) {
      ObjectNode metrics = Json.object();
      metrics.put("service", service.get());
      metrics.put("start_time", window.get()[0]);
      metrics.put("end_time", window.get()[1]);
      steps.add(ProposedStep.of(MetricsQuery.NAME, metrics));
      ObjectNode logs = metrics.deepCopy();
      logs.put("limit", LOG_LIMIT);
      steps.add(ProposedStep.of(LogsSearch.NAME, logs));
    } else {
      notes.add("no start_time/end_time window in the context: no metrics or logs");
    }
    return new PlanRule.Proposal(
        reason("the context names service '" + service.get() + "'", notes), steps);
  }

  private static PlanRule.Proposal executiveUpdate(TaskInput input, String text) {
    Optional<String> cue = first(UPDATE_WORD, text);
    if (cue.isEmpty()) {
      return PlanRule.Proposal.none("the task asks for no executive or status update");
    }
    List<ProposedStep> steps = new ArrayList<>();
    steps.add(
        reference("governance_reference", CompanyDocument.GOVERNANCE_NOTES, GOVERNANCE_QUERY));
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> notes = new ArrayList<>();
    PROGRAMS.entrySet().stream()
        .filter(program -> lower.contains(program.getKey()))
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            program -> {
              steps.add(reference("program_reference", program.getValue(), PROGRAM_QUERY));
              notes.add("it names the program '" + program.getKey() + "'");
            });
    return new PlanRule.Proposal(reason("the task mentions '" + cue.get() + "'", notes), steps);
  }

  private static ProposedStep reference(String key, CompanyDocument document, String query) {
    ObjectNode args = Json.object();
    args.put("source", document.id());
    args.put("query", query);
    args.put("max_chars", REFERENCE_MAX_CHARS);
    return new ProposedStep(key, FetchCompanyReference.NAME, args, List.of());
  }

  /** The task text as a search query, cut at a word boundary to what the search tools accept. */
  static Optional<String> query(TaskInput input) {
    String task = input.task().strip().replaceAll("\\s+", " ");
    if (task.length() > SearchPreviousIssues.MAX_QUERY_CHARS) {
      int cut = task.lastIndexOf(' ', SearchPreviousIssues.MAX_QUERY_CHARS);
      task = task.substring(0, cut > 0 ? cut : SearchPreviousIssues.MAX_QUERY_CHARS);
    }
    return task.length() < SearchPreviousIssues.MIN_QUERY_CHARS
        ? Optional.empty()
        : Optional.of(task);
  }

  private static Optional<String> textValue(TaskInput input, String key) {
    JsonNode value = input.context().get(key);
    return value != null && value.isTextual() && !value.asText().isBlank()
        ? Optional.of(value.asText().strip())
        : Optional.empty();
  }

  private static Optional<String> service(TaskInput input, List<String> notes) {
    Optional<String> service = textValue(input, "service").map(s -> s.toLowerCase(Locale.ROOT));
    if (service.isPresent() && !CompanyServices.isKnown(service.get())) {
      notes.add("service '" + service.get() + "' is not a known service id, not passed");
      return Optional.empty();
    }
    return service;
  }

  private static Optional<String> severity(TaskInput input, List<String> notes) {
    Optional<String> severity = textValue(input, "severity");
    if (severity.isPresent() && !Severity.isSeverity(severity.get())) {
      notes.add("severity '" + severity.get() + "' is not P1, P2 or P3, not passed");
      return Optional.empty();
    }
    return severity.map(s -> s.toUpperCase(Locale.ROOT));
  }

  private static Optional<String> time(TaskInput input, String key, List<String> notes) {
    Optional<String> value = textValue(input, key);
    if (value.isPresent() && instant(value.get()).isEmpty()) {
      notes.add(key + " '" + value.get() + "' is not an ISO-8601 time with a zone, not passed");
      return Optional.empty();
    }
    return value;
  }

  /** The context's start_time and end_time when both are valid and in order. */
  private static Optional<String[]> window(TaskInput input) {
    Optional<String> start = textValue(input, "start_time");
    Optional<String> end = textValue(input, "end_time");
    if (start.isEmpty() || end.isEmpty()) {
      return Optional.empty();
    }
    Optional<Instant> from = instant(start.get());
    Optional<Instant> to = instant(end.get());
    return from.isPresent() && to.isPresent() && from.get().isBefore(to.get())
        ? Optional.of(new String[] {start.get(), end.get()})
        : Optional.empty();
  }

  private static Optional<Instant> instant(String value) {
    try {
      return Optional.of(
          value.length() == 10
              ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
              : OffsetDateTime.parse(value).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static String reason(String reason, List<String> notes) {
    return notes.isEmpty() ? reason : reason + "; " + String.join("; ", notes);
  }
}
