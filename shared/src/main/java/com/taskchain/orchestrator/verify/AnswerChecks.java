package com.taskchain.orchestrator.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.answer.Answer;
import com.taskchain.orchestrator.answer.AnswerType;
import com.taskchain.orchestrator.answer.Claim;
import com.taskchain.orchestrator.answer.ComposeAnswer;
import com.taskchain.orchestrator.answer.EvidenceIndex;
import com.taskchain.orchestrator.answer.Unknown;
import com.taskchain.orchestrator.execute.ExecutionResult;
import com.taskchain.orchestrator.execute.ToolRun;
import com.taskchain.orchestrator.plan.Plan;
import com.taskchain.orchestrator.plan.TaskInput;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.tool.Upstream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer gates, made when the plan has a {@code compose_answer} step (a plan without one passes
 * each, saying so):
 *
 * <ol>
 *   <li>{@value #ANSWER_COMPLETE}: the answer exists and has every field its type needs, or names
 *       the field in its unknowns with a reason; a typed answer also states at least one claim;
 *   <li>{@value #CLAIMS_CITED}: every claim cites at least one citation id, and every id it cites
 *       was retrieved in this run (provenance);
 *   <li>{@value #CLAIMS_GROUNDED}: every number and ticket id of a claim occurs in the evidence it
 *       cites, and every number and id of the text in the evidence the claims cite (or in what the
 *       unknowns say);
 *   <li>{@value #POLICY_IN_FORCE}: an answer that names a {@code policy_version} or cites an
 *       operations policy uses the one in force at the task's time (its context's {@code
 *       start_time}, else {@code end_time}, else the first date of the task text).
 * </ol>
 */
final class AnswerChecks {
  static final String ANSWER_COMPLETE = "answer_complete";
  static final String CLAIMS_CITED = "claims_cited";
  static final String CLAIMS_GROUNDED = "claims_grounded";
  static final String POLICY_IN_FORCE = "policy_in_force";

  /** How many problems one reason lists. */
  private static final int LISTED = 5;

  private static final Pattern DATE = Pattern.compile("\\b(20\\d\\d-\\d\\d-\\d\\d)\\b");
  private static final String POLICY_PREFIX = "policies/operations_policy_";

  private AnswerChecks() {}

  static List<Check> checks(TaskInput input, Plan plan, ExecutionResult result) {
    boolean planned = plan.steps().stream().anyMatch(s -> s.tool().equals(ComposeAnswer.NAME));
    if (!planned) {
      String none = "the plan composes no answer";
      return List.of(
          new Check(ANSWER_COMPLETE, true, none),
          new Check(CLAIMS_CITED, true, none),
          new Check(CLAIMS_GROUNDED, true, none),
          new Check(POLICY_IN_FORCE, true, none));
    }
    Answer answer;
    try {
      answer = result.answer() == null ? null : Answer.read(result.answer());
    } catch (RuntimeException e) {
      answer = null;
    }
    if (answer == null) {
      String missing = "the run wrote no answer (the compose_answer step did not succeed)";
      return List.of(
          new Check(ANSWER_COMPLETE, false, missing),
          new Check(CLAIMS_CITED, false, missing),
          new Check(CLAIMS_GROUNDED, false, missing),
          new Check(POLICY_IN_FORCE, false, missing));
    }
    List<Upstream.Step> steps = new ArrayList<>();
    for (ToolRun run : result.toolResults()) {
      if (!run.tool().equals(ComposeAnswer.NAME)) {
        steps.add(
            new Upstream.Step(
                run.stepId(), run.tool(), run.succeeded(), run.output(), run.error()));
      }
    }
    EvidenceIndex evidence = EvidenceIndex.of(steps);
    return List.of(
        complete(answer),
        cited(answer, evidence),
        grounded(answer, evidence),
        policyInForce(input, answer));
  }

  private static Check complete(Answer answer) {
    List<String> missing = new ArrayList<>();
    for (String field : answer.type().requiredFields()) {
      JsonNode value = answer.field(field);
      boolean named = answer.unknowns().stream().anyMatch(u -> field.equals(u.field()));
      if ((value == null || value.isNull()) && !named) {
        missing.add(field);
      }
    }
    if (!missing.isEmpty()) {
      return new Check(
          ANSWER_COMPLETE,
          false,
          "the "
              + answer.type().wire()
              + " answer lacks "
              + String.join(", ", missing)
              + " and does not say why");
    }
    List<String> unknown = new ArrayList<>();
    for (String field : answer.type().requiredFields()) {
      if (answer.field(field) == null || answer.field(field).isNull()) {
        unknown.add(field + " (" + reason(answer, field) + ")");
      }
    }
    if (!unknown.isEmpty()) {
      return new Check(
          ANSWER_COMPLETE,
          false,
          "the evidence of this run cannot answer the task: unknown " + String.join("; ", unknown));
    }
    if (answer.claims().isEmpty()) {
      return new Check(
          ANSWER_COMPLETE,
          false,
          "the "
              + answer.type().wire()
              + " answer states no claim: the evidence of this run answered nothing");
    }
    return new Check(
        ANSWER_COMPLETE,
        true,
        "the "
            + answer.type().wire()
            + " answer has "
            + (answer.type() == AnswerType.GENERAL
                ? "its claims"
                : "every field it needs ("
                    + String.join(", ", answer.type().requiredFields())
                    + ")")
            + " and "
            + answer.claims().size()
            + " claim(s)");
  }

  private static String reason(Answer answer, String field) {
    return answer.unknowns().stream()
        .filter(u -> field.equals(u.field()))
        .map(Unknown::reason)
        .findFirst()
        .orElse("no reason given");
  }

  private static Check cited(Answer answer, EvidenceIndex evidence) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < answer.claims().size(); i++) {
      Claim claim = answer.claims().get(i);
      if (claim.citations().isEmpty()) {
        problems.add("claim " + (i + 1) + " cites nothing");
      }
      for (String id : claim.citations()) {
        if (!evidence.contains(id)) {
          problems.add("claim " + (i + 1) + " cites " + id + ", which this run did not retrieve");
        }
      }
    }
    return problems.isEmpty()
        ? new Check(
            CLAIMS_CITED,
            true,
            answer.claims().size() + " claim(s), each citing evidence retrieved in this run")
        : new Check(CLAIMS_CITED, false, list(problems));
  }

  private static Check grounded(Answer answer, EvidenceIndex evidence) {
    List<String> problems = new ArrayList<>();
    Set<String> cited = new LinkedHashSet<>();
    for (int i = 0; i < answer.claims().size(); i++) {
      Claim claim = answer.claims().get(i);
      cited.addAll(claim.citations());
      List<String> missing = evidence.ungrounded(claim.text(), claim.citations());
      if (!missing.isEmpty()) {
        problems.add(
            "claim "
                + (i + 1)
                + " states "
                + String.join(", ", missing)
                + ", found in none of "
                + String.join(", ", claim.citations()));
      }
    }
    StringBuilder all = new StringBuilder();
    for (String id : cited) {
      all.append(id).append('\n').append(evidence.text(id)).append('\n');
    }
    answer.unknowns().forEach(u -> all.append(u.reason()).append('\n'));
    List<String> inText = EvidenceIndex.ungroundedIn(answer.text(), all.toString());
    if (!inText.isEmpty()) {
      problems.add("the text states " + String.join(", ", inText) + ", found in no cited evidence");
    }
    return problems.isEmpty()
        ? new Check(
            CLAIMS_GROUNDED,
            true,
            "every number and ticket id of the answer occurs in the evidence it cites")
        : new Check(CLAIMS_GROUNDED, false, list(problems));
  }

  private static Check policyInForce(TaskInput input, Answer answer) {
    Optional<Instant> at = taskTime(input);
    if (at.isEmpty()) {
      return new Check(POLICY_IN_FORCE, true, "the task names no time: any policy version applies");
    }
    CompanyDocument inForce = policyAt(at.get());
    String version = inForce == CompanyDocument.POLICY_V1 ? "v1" : "v2";
    JsonNode named = answer.field("policy_version");
    if (named != null && named.isTextual() && !named.asText().equalsIgnoreCase(version)) {
      return new Check(
          POLICY_IN_FORCE,
          false,
          "the answer applies policy "
              + named.asText()
              + " but "
              + version
              + " was in force at "
              + at.get());
    }
    Set<String> policies = new LinkedHashSet<>();
    for (Claim claim : answer.claims()) {
      for (String id : claim.citations()) {
        if (id.startsWith(POLICY_PREFIX)) {
          policies.add(id.replaceFirst("#.*$", ""));
        }
      }
    }
    if (!policies.isEmpty() && !policies.contains(inForce.path())) {
      return new Check(
          POLICY_IN_FORCE,
          false,
          "the answer cites "
              + String.join(", ", policies)
              + " but "
              + inForce.path()
              + " was in force at "
              + at.get());
    }
    return new Check(
        POLICY_IN_FORCE,
        true,
        policies.isEmpty() && named == null
            ? "the answer cites no operations policy"
            : "the answer uses " + inForce.path() + ", in force at " + at.get());
  }

  private static CompanyDocument policyAt(Instant at) {
    Optional<Instant> v2From = CompanyDocument.POLICY_V2.effectiveFrom();
    return v2From.isPresent() && at.isBefore(v2From.get())
        ? CompanyDocument.POLICY_V1
        : CompanyDocument.POLICY_V2;
  }

  /** The time the task is about. */
  static Optional<Instant> taskTime(TaskInput input) {
    for (String key : List.of("start_time", "end_time")) {
      JsonNode value = input.context().get(key);
      if (value != null && value.isTextual()) {
        Optional<Instant> parsed = instant(value.asText());
        if (parsed.isPresent()) {
          return parsed;
        }
      }
    }
    Matcher date = DATE.matcher(input.task());
    return date.find() ? instant(date.group(1)) : Optional.empty();
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

  private static String list(List<String> problems) {
    List<String> shown = problems.subList(0, Math.min(LISTED, problems.size()));
    String more = problems.size() > LISTED ? "; and " + (problems.size() - LISTED) + " more" : "";
    return String.join("; ", shown) + more;
  }
}
