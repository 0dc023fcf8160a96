package com.taskchain.orchestrator.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.answer.AnswerType;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.skill.CheckChange;
import java.util.List;
import java.util.Locale;

/**
 * The change approval answer: the policy in force at the planned start, {@code cicd.yaml}, the
 * rota, the governance notes (CAB), the company profile (tiers), {@code db_audit.yaml} when a
 * database is named, the programme record when the task names a programme, and the CHG and incident
 * tickets of the context; then {@code check_change}. Pure and thread-safe.
 */
public final class ChangeApprovalRecipe implements AnswerRecipe {
  @Override
  public AnswerType type() {
    return AnswerType.CHANGE_APPROVAL;
  }

  @Override
  public List<ProposedStep> steps(TaskInput input, List<PlanStep> planned) {
    OpsRecipeSteps ops = new OpsRecipeSteps(input, planned);
    ops.policies("change windows freeze approval rules emergency rollback")
        .fetch("ops_cicd", CompanyDocument.CICD_CONFIG, "approvals change_windows freezes")
        .fetch("ops_rota", CompanyDocument.ONCALL_ROTA, "sre_ic dbre")
        .fetch("ops_governance", CompanyDocument.GOVERNANCE_NOTES, "CAB emergency change")
        .fetch("ops_profile", CompanyDocument.COMPANY_PROFILE, "tier");
    if (ops.text("database").isPresent()) {
      ops.fetch("ops_db_audit", CompanyDocument.DB_AUDIT_CONFIG, "restricted read_write_approvals");
    }
    String project = ops.text("project").orElse("");
    if ((project + " " + input.task()).toLowerCase(Locale.ROOT).contains("atlas checkout")) {
      ops.fetch("ops_program", CompanyDocument.ATLAS_CHECKOUT_PROGRAM, "phases risk register");
    }
    ops.text("change").ifPresent(key -> ops.ticket("ops_change", key));
    ops.text("incident").ifPresent(key -> ops.ticket("ops_incident", key));
    ObjectNode args = Json.object();
    ops.copy(args, "service", "service");
    ops.copy(args, "change", "change");
    ops.copy(args, "start_time", "planned_start");
    ops.copy(args, "database", "database");
    ops.copy(args, "incident", "incident");
    ops.copy(args, "project", "project");
    return ops.skill("check_change", CheckChange.NAME, args);
  }
}
