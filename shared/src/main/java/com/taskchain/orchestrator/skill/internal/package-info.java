/**
 * Helpers of the skills, not API: reading the company documents' lines as they are written,
 * collecting the evidence of the upstream steps, and building claims whose citations were retrieved
 * in the run.
 */
package com.taskchain.orchestrator.skill.internal;
