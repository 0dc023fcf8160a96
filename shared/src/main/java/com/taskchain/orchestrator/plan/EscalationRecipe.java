package com.taskchain.orchestrator.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.answer.AnswerType;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.skill.ResolveEscalation;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The escalation answer: the rota, the Slack channels, the policy in force (v1 too before
 * 2026-02-01), the service's runbook and the incident's ticket, then {@code resolve_escalation}
 * with the context's service, severity, declaration time (its {@code start_time}) and time of the
 * question ({@code as_of}, {@code now} or {@code end_time}). Pure and thread-safe.
 */
public final class EscalationRecipe implements AnswerRecipe {
  private static final Pattern SECURITY =
      Pattern.compile(
          "\\bsecurity\\b|credential stuffing|account takeover|failed logins? from|data exposure",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern LEDGER =
      Pattern.compile(
          "ledger integrity|reconciliation mismatch|duplicated? postings?|missing postings?",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern DATE = Pattern.compile("\\b(20\\d\\d-\\d\\d-\\d\\d)\\b");
  private static final Pattern TIME = Pattern.compile("\\b([01]\\d|2[0-3]):([0-5]\\d)\\b");

  @Override
  public AnswerType type() {
    return AnswerType.ESCALATION;
  }

  @Override
  public List<ProposedStep> steps(TaskInput input, List<PlanStep> planned) {
    OpsRecipeSteps ops = new OpsRecipeSteps(input, planned);
    ops.policies("acknowledge escalation secondary channels cadence security ledger")
        .fetch("ops_rota", CompanyDocument.ONCALL_ROTA, "escalation_timing special_paging")
        .fetch("ops_slack", CompanyDocument.SLACK_CONFIG, "channels team_channels")
        .runbook("escalation security declaration");
    ops.text("incident").ifPresent(key -> ops.ticket("ops_incident", key));
    ObjectNode args = Json.object();
    ops.copy(args, "service", "service");
    ops.copy(args, "severity", "severity");
    Optional<String> declared = ops.text("start_time").or(() -> taskTime(input.task(), true));
    declared.ifPresent(v -> args.put("declared_at", v));
    ops.text("as_of")
        .or(() -> ops.text("now"))
        .or(() -> ops.text("end_time"))
        .or(() -> asOfInTask(input.task(), declared))
        .ifPresent(v -> args.put("as_of", v));
    ops.copy(args, "incident", "incident");
    JsonNode security = input.context().get("suspected_security");
    if ((security != null && security.asBoolean(false)) || SECURITY.matcher(input.task()).find()) {
      args.put("suspected_security", true);
    }
    if (LEDGER.matcher(input.task()).find()) {
      args.put("ledger_integrity", true);
    }
    return ops.skill("resolve_escalation", ResolveEscalation.NAME, args);
  }

  /** The first (or last) date and clock time the task names, as an instant. */
  static Optional<String> taskTime(String task, boolean first) {
    Matcher date = DATE.matcher(task);
    if (!date.find()) {
      return Optional.empty();
    }
    Matcher time = TIME.matcher(task);
    String found = null;
    while (time.find()) {
      found = time.group();
      if (first) {
        break;
      }
    }
    return found == null ? Optional.empty() : Optional.of(date.group(1) + "T" + found + ":00Z");
  }

  /** A later clock time the task names ("not acknowledged by 11:30"), on the declaration's day. */
  static Optional<String> asOfInTask(String task, Optional<String> declared) {
    if (declared.isEmpty()) {
      return Optional.empty();
    }
    Matcher time = TIME.matcher(task);
    String last = null;
    while (time.find()) {
      last = time.group();
    }
    String at = declared.get().length() >= 10 ? declared.get().substring(0, 10) : null;
    if (last == null || at == null) {
      return Optional.empty();
    }
    String candidate = at + "T" + last + ":00Z";
    return OpsRecipeSteps.instant(candidate)
        .flatMap(
            c ->
                OpsRecipeSteps.instant(declared.get())
                    .filter(d -> c.isAfter(d))
                    .map(d -> candidate));
  }
}
