/**
 * The answer a run ends with: its type, the fields the type needs, the deliverable text, the claims
 * behind the text with their citations, and what could not be established. Skills (the {@code
 * skill} package) return {@link com.taskchain.orchestrator.answer.Findings}; the {@code
 * compose_answer} tool ({@link com.taskchain.orchestrator.answer.ComposeAnswer}) merges them into
 * an {@link com.taskchain.orchestrator.answer.Answer}, and the verifier checks it against the
 * evidence of the run ({@link com.taskchain.orchestrator.answer.EvidenceIndex}).
 *
 * <p>Layer: domain (depends on {@code tool} and {@code json} only).
 */
package com.taskchain.orchestrator.answer;
