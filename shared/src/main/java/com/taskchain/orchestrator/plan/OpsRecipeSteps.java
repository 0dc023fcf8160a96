package com.taskchain.orchestrator.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.tool.company.CompanyServices;
import com.taskchain.orchestrator.tool.company.FetchCompanyReference;
import com.taskchain.orchestrator.tool.company.JiraSearchTickets;
import com.taskchain.orchestrator.tool.company.LogsSearch;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects the evidence steps of the escalation, change and audit recipes without repeating what
 * the earlier rules planned, and the ids and keys a skill step must run after. Not thread-safe; one
 * per recipe call.
 */
final class OpsRecipeSteps {
  /** The excerpt length of the documents the skills cite. */
  static final int REFERENCE_MAX_CHARS = 4_000;

  /** How many tickets a project-wide search asks for. */
  static final int PROJECT_LIMIT = 100;

  /** How many log events a window search asks for. */
  static final int LOG_LIMIT = 200;

  /** How far past the window's end a log search runs. */
  static final Duration LOG_END_PADDING = Duration.ofMinutes(1);

  private static final Pattern TICKET_KEY = Pattern.compile("[A-Z][A-Z0-9]{1,9}-\\d{1,6}");

  private final TaskInput input;
  private final List<PlanStep> planned;
  private final List<ProposedStep> steps = new ArrayList<>();
  private final Set<String> after = new LinkedHashSet<>();

  OpsRecipeSteps(TaskInput input, List<PlanStep> planned) {
    this.input = input;
    this.planned = planned;
    for (PlanStep step : planned) {
      if (step.tool().equals(FetchCompanyReference.NAME)
          || step.tool().equals(JiraSearchTickets.NAME)
          || step.tool().equals(LogsSearch.NAME)
          || step.tool().equals("assess_severity")) {
        after.add(step.id());
      }
    }
  }

  /** Fetches a document unless an earlier step did. */
  OpsRecipeSteps fetch(String key, CompanyDocument document, String query) {
    boolean have =
        planned.stream()
                .anyMatch(
                    s ->
                        s.tool().equals(FetchCompanyReference.NAME)
                            && document.id().equals(s.args().path("source").asText()))
            || steps.stream().anyMatch(s -> document.id().equals(s.args().path("source").asText()));
    if (!have) {
      ObjectNode args = Json.object();
      args.put("source", document.id());
      args.put("query", query);
      args.put("max_chars", REFERENCE_MAX_CHARS);
      add(new ProposedStep(key, FetchCompanyReference.NAME, args, List.of()));
    }
    return this;
  }

  /** The operations policy in force at the task's time (both when it is before v2). */
  OpsRecipeSteps policies(String query) {
    fetch("ops_policy_v2", CompanyDocument.POLICY_V2, query);
    if (time("start_time").map(OpsRecipeSteps::beforeV2).orElse(false)) {
      fetch("ops_policy_v1", CompanyDocument.POLICY_V1, query);
    }
    return this;
  }

  /**
   * Searches Jira for the tickets naming {@code key}, unless an earlier step already lists the
   * context service's tickets of the key's project (newest first: the incident of the task is among
   * them).
   */
  OpsRecipeSteps ticket(String stepKey, String key) {
    if (key == null || !TICKET_KEY.matcher(key).matches()) {
      return this;
    }
    String project = key.substring(0, key.indexOf('-'));
    Optional<String> service = text("service");
    boolean listed =
        planned.stream()
            .anyMatch(
                s ->
                    s.tool().equals(JiraSearchTickets.NAME)
                        && project.equals(s.args().path("project_key").asText())
                        && service.isPresent()
                        && service.get().equals(s.args().path("service").asText())
                        && !s.args().has("text"));
    if (listed) {
      return this;
    }
    ObjectNode args = Json.object();
    args.put("text", key);
    args.put("limit", 10);
    add(new ProposedStep(stepKey, JiraSearchTickets.NAME, args, List.of()));
    return this;
  }

  /** Searches one Jira project (with an optional severity). */
  OpsRecipeSteps project(String stepKey, String project, String severity) {
    ObjectNode args = Json.object();
    args.put("project_key", project);
    if (severity != null) {
      args.put("severity", severity);
    }
    args.put("limit", PROJECT_LIMIT);
    add(new ProposedStep(stepKey, JiraSearchTickets.NAME, args, List.of()));
    return this;
  }

  /**
   * Searches a service's logs over the context window. The logs system's end is exclusive, so the
   * search runs one minute past the window: an event stamped at the window's end (a session closing
   * at 10:15 in a window to 10:15) belongs to it.
   */
  OpsRecipeSteps logs(String stepKey) {
    Optional<String> service = text("service").filter(CompanyServices::isKnown);
    Optional<Instant> start = time("start_time");
    Optional<Instant> end = time("end_time");
    if (service.isEmpty() || start.isEmpty() || end.isEmpty() || !start.get().isBefore(end.get())) {
      return this;
    }
    ObjectNode args = Json.object();
    args.put("service", service.get());
    args.put("start_time", start.get().toString());
    args.put("end_time", end.get().plus(LOG_END_PADDING).toString());
    args.put("limit", LOG_LIMIT);
    add(new ProposedStep(stepKey, LogsSearch.NAME, args, List.of()));
    return this;
  }

  /** The runbook of the context's service, when it has one. */
  OpsRecipeSteps runbook(String query) {
    text("service")
        .flatMap(CompanyDocument::runbookOf)
        .ifPresent(doc -> fetch("ops_runbook", doc, query));
    return this;
  }

  /** Adds the skill step after every evidence step, and returns all steps. */
  List<ProposedStep> skill(String key, String tool, ObjectNode args) {
    steps.add(new ProposedStep(key, tool, args, List.copyOf(after)));
    return List.copyOf(steps);
  }

  private void add(ProposedStep step) {
    steps.add(step);
    after.add(step.key());
  }

  /** A context string, stripped, when present. */
  Optional<String> text(String key) {
    JsonNode value = input.context().get(key);
    return value != null && value.isTextual() && !value.asText().isBlank()
        ? Optional.of(value.asText().strip())
        : Optional.empty();
  }

  /** A context time, when valid. */
  Optional<Instant> time(String key) {
    return text(key).flatMap(OpsRecipeSteps::instant);
  }

  /** Copies a context string into {@code args} under {@code name}. */
  void copy(ObjectNode args, String key, String name) {
    text(key).ifPresent(v -> args.put(name, v));
  }

  /** The lower-cased task text. */
  String task() {
    return input.task().toLowerCase(Locale.ROOT);
  }

  static boolean beforeV2(Instant at) {
    return CompanyDocument.POLICY_V2.effectiveFrom().map(at::isBefore).orElse(false);
  }

  static Optional<Instant> instant(String value) {
    try {
      return Optional.of(
          value.length() == 10
              ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
              : OffsetDateTime.parse(value).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
