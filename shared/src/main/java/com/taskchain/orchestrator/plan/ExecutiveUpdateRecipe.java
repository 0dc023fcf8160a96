package com.taskchain.orchestrator.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.answer.AnswerType;
import com.taskchain.orchestrator.answer.EvidenceIndex;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.skill.CountIncidents;
import com.taskchain.orchestrator.skill.ExecutiveRules;
import com.taskchain.orchestrator.skill.SummarizeStatus;
import com.taskchain.orchestrator.tool.company.CompanyServices;
import com.taskchain.orchestrator.tool.company.FetchCompanyReference;
import com.taskchain.orchestrator.tool.company.JiraSearchTickets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steps of an {@code executive_update} answer. It decides what the update is about — one
 * incident (the context's {@code incident}, or an incident key in the task), a program with a
 * record (the context's {@code project} or {@code project_key}, or the program's name in the task),
 * or production over the context's window — and adds:
 *
 * <ul>
 *   <li>the whole governance notes (the update format and RAG meaning) and the operations policy in
 *       force over the context's window (both when the window spans the change of policy; the
 *       current one without a window);
 *   <li>for a program: its whole record, and, when the context names a {@code project_key}, the
 *       program's Jira project, the change project and the incident project searched (up to 100
 *       tickets each);
 *   <li>for an incident: Jira searched for the incident's key (the ticket and every ticket naming
 *       it) and the runbook of the context's service;
 *   <li>for production: the incident and change projects searched;
 *   <li>{@code count_incidents} over the window when the task asks how many incidents there were;
 *   <li>{@code summarize_status}, after every evidence step it reads (its own and the Jira and
 *       document steps already planned). It writes the update as of the window's end when the task
 *       asks for a point in time ("right now", "within the first hour"), else as of the latest
 *       state.
 * </ul>
 *
 * Pure and thread-safe.
 */
public final class ExecutiveUpdateRecipe implements AnswerRecipe {
  /** Whole documents: the largest excerpt the fetch tool returns. */
  static final int WHOLE_DOCUMENT = FetchCompanyReference.MAX_MAX_CHARS;

  private static final Pattern POINT_IN_TIME =
      Pattern.compile(
          "\\b(?:right now|currently|at the moment|as it (?:should have been|was|would have been)"
              + " (?:posted|sent|written)|within the first (?:hour|\\d+ minutes)|at the time)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern COUNTING =
      Pattern.compile(
          "\\bhow many\\b|\\bcounts?\\b|\\bnumber of\\b|\\b(?:each|per|by) severity\\b"
              + "|\\bincident (?:summary|count|statistics)\\b",
          Pattern.CASE_INSENSITIVE);

  private final ExecutiveRules rules;

  public ExecutiveUpdateRecipe() {
    this(ExecutiveRules.load());
  }

  ExecutiveUpdateRecipe(ExecutiveRules rules) {
    this.rules = rules;
  }

  @Override
  public AnswerType type() {
    return AnswerType.EXECUTIVE_UPDATE;
  }

  @Override
  public List<ProposedStep> steps(TaskInput input, List<PlanStep> planned) {
    List<ProposedStep> steps = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    for (PlanStep step : planned) {
      if (step.tool().equals(JiraSearchTickets.NAME)
          || step.tool().equals(FetchCompanyReference.NAME)) {
        evidence.add(step.id());
      }
    }
    Optional<Instant> start = instant(input, "start_time");
    Optional<Instant> end = instant(input, "end_time");
    if (start.isPresent() && end.isPresent() && end.get().isBefore(start.get())) {
      end = Optional.empty();
    }

    add(steps, evidence, fetch("exec_governance", CompanyDocument.GOVERNANCE_NOTES));
    for (CompanyDocument policy : policies(start, end)) {
      add(steps, evidence, fetch("exec_" + policy.id(), policy));
    }

    Optional<String> incident = incident(input);
    Optional<ExecutiveRules.Program> program = program(input);
    ObjectNode summarize = Json.object();
    if (incident.isPresent()) {
      summarize.put("scope", SummarizeStatus.Scope.INCIDENT.wire());
      summarize.put("incident", incident.get());
      add(steps, evidence, jira("exec_jira_incident", null, incident.get()));
      text(input, "service")
          .map(s -> s.toLowerCase(Locale.ROOT))
          .filter(CompanyServices::isKnown)
          .flatMap(CompanyDocument::runbookOf)
          .ifPresent(runbook -> add(steps, evidence, fetch("exec_runbook", runbook)));
    } else if (program.isPresent()) {
      summarize.put("scope", SummarizeStatus.Scope.PROGRAM.wire());
      summarize.put("program", program.get().name());
      add(
          steps,
          evidence,
          fetch("exec_program_record", CompanyDocument.of(program.get().record())));
      // The record alone answers status and risks, so an update on a program does not fail when
      // Jira is down; its tickets (statuses, recent incidents, open changes) are read only when
      // the context names a Jira project to look in.
      if (text(input, "project_key").isPresent()) {
        add(steps, evidence, jira("exec_jira_program", program.get().jiraProject(), null));
        add(steps, evidence, jira("exec_jira_changes", program.get().changeProject(), null));
        add(steps, evidence, jira("exec_jira_incidents", rules.incidentProject(), null));
      }
    } else {
      summarize.put("scope", SummarizeStatus.Scope.PRODUCTION.wire());
      add(steps, evidence, jira("exec_jira_incidents", rules.incidentProject(), null));
      add(steps, evidence, jira("exec_jira_changes", rules.changeProject(), null));
    }
    start.ifPresent(s -> summarize.put("start_time", s.toString()));
    end.ifPresent(e -> summarize.put("end_time", e.toString()));
    if (end.isPresent() && POINT_IN_TIME.matcher(input.task()).find()) {
      summarize.put("as_of", end.get().toString());
    }

    if (start.isPresent() && end.isPresent() && COUNTING.matcher(input.task()).find()) {
      String project =
          text(input, "project_key")
              .map(k -> k.toUpperCase(Locale.ROOT))
              .filter(k -> k.matches("[A-Z][A-Z0-9]{0,19}"))
              .orElse(rules.incidentProject());
      String search =
          project.equals(rules.incidentProject())
                  && steps.stream().anyMatch(s -> s.key().equals("exec_jira_incidents"))
              ? "exec_jira_incidents"
              : "exec_jira_count";
      add(steps, evidence, jira(search, project, null));
      List<String> reads = new ArrayList<>(List.of(search, "exec_governance"));
      policies(start, end).forEach(p -> reads.add("exec_" + p.id()));
      ObjectNode count = Json.object();
      count.put("project_key", project);
      count.put("start_time", start.get().toString());
      count.put("end_time", end.get().toString());
      steps.add(new ProposedStep(CountIncidents.NAME, CountIncidents.NAME, count, reads));
    }
    steps.add(
        new ProposedStep(
            SummarizeStatus.NAME, SummarizeStatus.NAME, summarize, List.copyOf(evidence)));
    return steps;
  }

  private static void add(List<ProposedStep> steps, List<String> evidence, ProposedStep step) {
    if (steps.stream().noneMatch(s -> s.key().equals(step.key()))) {
      steps.add(step);
      evidence.add(step.key());
    }
  }

  /** The policies in force over the window, or the current one without a window. */
  private static List<CompanyDocument> policies(Optional<Instant> start, Optional<Instant> end) {
    List<CompanyDocument> policies = new ArrayList<>();
    Instant from = start.or(() -> end).orElse(null);
    Instant to = end.or(() -> start).orElse(null);
    if (from == null) {
      return List.of(CompanyDocument.CURRENT_POLICY);
    }
    for (CompanyDocument policy : List.of(CompanyDocument.POLICY_V1, CompanyDocument.POLICY_V2)) {
      boolean begun = policy.effectiveFrom().map(f -> !f.isAfter(to)).orElse(true);
      boolean notEnded = policy.effectiveTo().map(t -> !t.isBefore(from)).orElse(true);
      if (begun && notEnded) {
        policies.add(policy);
      }
    }
    return policies.isEmpty() ? List.of(CompanyDocument.CURRENT_POLICY) : policies;
  }

  private Optional<String> incident(TaskInput input) {
    Optional<String> fromContext =
        text(input, "incident")
            .map(k -> k.toUpperCase(Locale.ROOT))
            .filter(k -> EvidenceIndex.TICKET_ID.matcher(k).matches());
    if (fromContext.isPresent()) {
      return fromContext;
    }
    Matcher m =
        Pattern.compile("\\b" + Pattern.quote(rules.incidentProject()) + "-\\d+\\b")
            .matcher(input.task());
    return m.find() ? Optional.of(m.group()) : Optional.empty();
  }

  private Optional<ExecutiveRules.Program> program(TaskInput input) {
    return text(input, "project")
        .flatMap(rules::program)
        .or(() -> rules.program(input.task()))
        .or(() -> text(input, "project_key").flatMap(rules::program));
  }

  private static ProposedStep fetch(String key, CompanyDocument document) {
    ObjectNode args = Json.object();
    args.put("source", document.id());
    args.put("max_chars", WHOLE_DOCUMENT);
    return new ProposedStep(key, FetchCompanyReference.NAME, args, List.of());
  }

  private static ProposedStep jira(String key, String project, String text) {
    ObjectNode args = Json.object();
    if (project != null) {
      args.put("project_key", project);
    }
    if (text != null) {
      args.put("text", text);
    }
    args.put("limit", JiraSearchTickets.MAX_LIMIT);
    return new ProposedStep(key, JiraSearchTickets.NAME, args, List.of());
  }

  private static Optional<String> text(TaskInput input, String key) {
    JsonNode value = input.context().get(key);
    return value != null && value.isTextual() && !value.asText().isBlank()
        ? Optional.of(value.asText().strip())
        : Optional.empty();
  }

  private static Optional<Instant> instant(TaskInput input, String key) {
    return text(input, key)
        .flatMap(
            value -> {
              try {
                return Optional.of(OffsetDateTime.parse(value).toInstant());
              } catch (DateTimeException e) {
                return Optional.empty();
              }
            });
  }
}
