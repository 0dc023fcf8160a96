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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The evidence steps the triage and rollback recipes share, and the context they read. */
final class SkillSteps {
  /** The evidence tools a skill step reads. */
  static final Set<String> EVIDENCE_TOOLS =
      Set.of(
          FetchCompanyReference.NAME, JiraSearchTickets.NAME, MetricsQuery.NAME, LogsSearch.NAME);

  /** How many tickets of one project and service a recipe asks for. */
  static final int TICKETS = 50;

  /** How many log events a recipe asks for. */
  static final int LOG_EVENTS = 500;

  /** The longest excerpt of a reference a recipe fetches. */
  static final int REFERENCE_CHARS = 4_000;

  private SkillSteps() {}

  /** The context's known service id. */
  static Optional<String> service(TaskInput input) {
    return text(input, "service")
        .map(s -> s.toLowerCase(Locale.ROOT))
        .filter(CompanyServices::isKnown);
  }

  static Optional<String> text(TaskInput input, String key) {
    JsonNode value = input.context().get(key);
    return value != null && value.isTextual() && !value.asText().isBlank()
        ? Optional.of(value.asText().strip())
        : Optional.empty();
  }

  /** The context's time under {@code key}, when it is an ISO-8601 time with a zone. */
  static Optional<Instant> time(TaskInput input, String key) {
    return text(input, key)
        .flatMap(
            value -> {
              try {
                return Optional.of(OffsetDateTime.parse(value).toInstant());
              } catch (RuntimeException e) {
                return Optional.empty();
              }
            });
  }

  private static final java.util.regex.Pattern TIME_ON_DATE =
      java.util.regex.Pattern.compile(
          "\\b(\\d{1,2}:\\d{2})(?: UTC)?,? on (\\d{4}-\\d{2}-\\d{2})\\b|\\b(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2})\\b");
  private static final java.util.regex.Pattern DATE =
      java.util.regex.Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");

  /** A time the task text names ("09:30 on 2026-05-20", "2026-05-20 09:30"), read as UTC. */
  static Optional<Instant> taskTime(TaskInput input) {
    java.util.regex.Matcher m = TIME_ON_DATE.matcher(input.task());
    if (!m.find()) {
      return Optional.empty();
    }
    String date = m.group(2) != null ? m.group(2) : m.group(3);
    String time = m.group(1) != null ? m.group(1) : m.group(4);
    try {
      return Optional.of(
          java.time.LocalDateTime.parse(date + "T" + (time.length() == 4 ? "0" + time : time))
              .toInstant(java.time.ZoneOffset.UTC));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The first day the task text names, as a UTC day. */
  static Optional<Instant[]> taskDay(TaskInput input) {
    java.util.regex.Matcher m = DATE.matcher(input.task());
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      Instant day =
          java.time.LocalDate.parse(m.group(1)).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      return Optional.of(new Instant[] {day, day.plus(java.time.Duration.ofDays(1))});
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The ids of the planned evidence steps, for a skill's {@code after}. */
  static List<String> evidenceIds(List<PlanStep> planned) {
    return planned.stream()
        .filter(step -> EVIDENCE_TOOLS.contains(step.tool()))
        .map(PlanStep::id)
        .toList();
  }

  static ProposedStep reference(String key, CompanyDocument document, String query) {
    ObjectNode args = Json.object();
    args.put("source", document.id());
    args.put("query", query);
    args.put("max_chars", REFERENCE_CHARS);
    return new ProposedStep(key, FetchCompanyReference.NAME, args, List.of());
  }

  static ProposedStep tickets(String key, String project, String service) {
    ObjectNode args = Json.object();
    args.put("project_key", project);
    args.put("service", service);
    args.put("limit", TICKETS);
    return new ProposedStep(key, JiraSearchTickets.NAME, args, List.of());
  }

  static ProposedStep ticketText(String key, String text) {
    ObjectNode args = Json.object();
    args.put("text", text);
    args.put("limit", 5);
    return new ProposedStep(key, JiraSearchTickets.NAME, args, List.of());
  }

  /** 1-minute samples: the policy's sustained rule is defined on them. */
  static ProposedStep minuteMetrics(String key, String service, Instant from, Instant to) {
    ObjectNode args = Json.object();
    args.put("service", service);
    args.put("start_time", from.toString());
    args.put("end_time", to.toString());
    args.put("step", "PT1M");
    return new ProposedStep(key, MetricsQuery.NAME, args, List.of());
  }

  static ProposedStep logs(
      String key, String service, Instant from, Instant to, String level, String pattern) {
    ObjectNode args = Json.object();
    args.put("service", service);
    args.put("start_time", from.toString());
    args.put("end_time", to.toString());
    if (level != null) {
      args.put("level", level);
    }
    if (pattern != null) {
      args.put("pattern", pattern);
    }
    args.put("limit", LOG_EVENTS);
    return new ProposedStep(key, LogsSearch.NAME, args, List.of());
  }

  /** The operations policy in force at a time. */
  static CompanyDocument policyAt(Instant at) {
    Optional<Instant> v2From = CompanyDocument.POLICY_V2.effectiveFrom();
    return v2From.isPresent() && at.isBefore(v2From.get())
        ? CompanyDocument.POLICY_V1
        : CompanyDocument.POLICY_V2;
  }
}
