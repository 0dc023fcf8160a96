/**
 * The company's skills: tools that compute the facts an answer needs from the company's own rules
 * and records — severity from the policy's matrix and the metric peaks, the on-call and escalation
 * chain from the rota, change windows, freezes and approvals, rollback triggers, the policy in
 * force on a date, audit rules, incident counts. Each is an {@link
 * com.taskchain.orchestrator.tool.EvidenceTool} that reads the evidence steps it depends on and
 * returns {@link com.taskchain.orchestrator.answer.Findings}. Rules are data (the YAML tool
 * configurations and rule files beside the policy prose, read through {@link
 * com.taskchain.orchestrator.skill.CompanyData}), never scenario-specific code.
 *
 * <p>Layer: tools (depends on {@code answer}, {@code tool}, {@code tool.company}, {@code json}).
 */
package com.taskchain.orchestrator.skill;
