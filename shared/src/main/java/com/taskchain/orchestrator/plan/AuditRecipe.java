package com.taskchain.orchestrator.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.answer.AnswerType;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.skill.AuditCheck;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The audit answer: decides what is audited from the task's words and context (a rollback record,
 * an access review, postmortem deadlines, DDL, a database session, an acknowledgement time), adds
 * the evidence that audit reads — the policy in force (v1 too before 2026-02-01), the governance
 * notes, {@code db_audit.yaml}, {@code cicd.yaml}, the rota, the context's tickets, the AUD project
 * (where findings are filed), the period's incidents and the service's logs — then {@code
 * audit_check}. Pure and thread-safe.
 */
public final class AuditRecipe implements AnswerRecipe {
  private record Topic(String name, Pattern cue) {}

  private static Topic topic(String name, String regex) {
    return new Topic(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
  }

  /** The first topic whose cue the task matches wins; the cues are data. */
  private static final List<Topic> TOPICS =
      List.of(
          topic("access_review", "\\baccess review\\b"),
          topic("postmortem", "\\bpost-?mortems?\\b"),
          topic("ddl", "\\bschema change\\b|\\bddl\\b|\\balter table\\b|\\bgatekeeper flagged\\b"),
          topic("db_session", "\\bsession\\b|\\bdatabase access\\b|\\bbreak-?glass\\b"),
          topic("rollback_record", "\\brollback\\b|\\brolled back\\b"),
          topic("acknowledgement", "\\backnowledg\\w*"));

  @Override
  public AnswerType type() {
    return AnswerType.AUDIT;
  }

  @Override
  public List<ProposedStep> steps(TaskInput input, List<PlanStep> planned) {
    OpsRecipeSteps ops = new OpsRecipeSteps(input, planned);
    String topic =
        TOPICS.stream()
            .filter(t -> t.cue().matcher(input.task()).find())
            .map(Topic::name)
            .findFirst()
            .orElse(null);
    ops.policies("audit rules rollback record postmortems database access acknowledge");
    // Each audit reads only its own rule files, so that plans stay small.
    if (topic == null || topic.equals("postmortem") || topic.equals("acknowledgement")) {
      ops.fetch(
          "ops_governance", CompanyDocument.GOVERNANCE_NOTES, "document precedence postmortems");
    }
    if (topic == null
        || topic.equals("access_review")
        || topic.equals("ddl")
        || topic.equals("db_session")) {
      ops.fetch("ops_db_audit", CompanyDocument.DB_AUDIT_CONFIG, "access_reviews databases ddl");
    }
    if (topic == null || topic.equals("rollback_record")) {
      ops.fetch("ops_cicd", CompanyDocument.CICD_CONFIG, "rollback_workflow change_windows");
    }
    if (topic == null || topic.equals("db_session")) {
      ops.fetch("ops_rota", CompanyDocument.ONCALL_ROTA, "dbre");
    }
    ops.text("ticket").ifPresent(key -> ops.ticket("ops_ticket", key));
    ops.text("change").ifPresent(key -> ops.ticket("ops_change", key));
    ops.text("incident").ifPresent(key -> ops.ticket("ops_incident", key));
    ops.project("ops_findings", "AUD", null);
    if ("postmortem".equals(topic)) {
      ops.project("ops_incidents", "INC", ops.text("severity").orElse(null));
    }
    if ("ddl".equals(topic) || "db_session".equals(topic) || topic == null) {
      ops.logs("ops_logs");
    }
    ObjectNode args = Json.object();
    if (topic != null) {
      args.put("topic", topic);
    }
    ops.copy(args, "service", "service");
    ops.copy(args, "database", "database");
    ops.copy(args, "ticket", "ticket");
    ops.copy(args, "change", "change");
    ops.copy(args, "incident", "incident");
    ops.copy(args, "severity", "severity");
    ops.copy(args, "start_time", "start_time");
    ops.copy(args, "end_time", "end_time");
    return ops.skill("audit_check", AuditCheck.NAME, args);
  }
}
