package com.taskchain.orchestrator.retrieval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The fixed set of Quillmark Commerce's documents that the product may read: policies, governance,
 * company profile, program record, tool configurations and runbooks. They ship inside the jar under
 * {@value #RESOURCE_ROOT} (copied from {@code company_details/company_sim} at build time), so a
 * caller names a document by its {@link #id()} and no caller-supplied path ever reaches a file
 * system.
 */
public enum CompanyDocument {
  POLICY_V1(
      "policy_v1",
      "policies/operations_policy_v1.md",
      Kind.POLICY,
      null,
      Instant.parse("2025-01-01T00:00:00Z"),
      Instant.parse("2026-01-31T23:59:59Z")),
  POLICY_V2(
      "policy_v2",
      "policies/operations_policy_v2.md",
      Kind.POLICY,
      null,
      Instant.parse("2026-02-01T00:00:00Z"),
      null),
  GOVERNANCE_NOTES("governance_notes", "governance.md", Kind.GOVERNANCE),
  COMPANY_PROFILE("company_profile", "company_profile.md", Kind.PROFILE),
  ATLAS_CHECKOUT_PROGRAM(
      "atlas_checkout_program", "programs/atlas_checkout_migration.md", Kind.PROGRAM),
  JIRA_CONFIG("jira_config", "tool_configs/jira.yaml", Kind.TOOL_CONFIG),
  SLACK_CONFIG("slack_config", "tool_configs/slack.yaml", Kind.TOOL_CONFIG),
  ONCALL_ROTA("oncall_rota", "tool_configs/oncall.yaml", Kind.TOOL_CONFIG),
  CICD_CONFIG("cicd_config", "tool_configs/cicd.yaml", Kind.TOOL_CONFIG),
  DB_AUDIT_CONFIG("db_audit_config", "tool_configs/db_audit.yaml", Kind.TOOL_CONFIG),
  RUNBOOK_ATLAS_CHECKOUT("runbook_atlas_checkout", "atlas-checkout"),
  RUNBOOK_PAYMENTS_GATEWAY("runbook_payments_gateway", "payments-gateway"),
  RUNBOOK_LEDGER_CORE("runbook_ledger_core", "ledger-core"),
  RUNBOOK_IDENTITY_HUB("runbook_identity_hub", "identity-hub"),
  RUNBOOK_SETTLEMENT_ENGINE("runbook_settlement_engine", "settlement-engine"),
  RUNBOOK_FRAUD_SENTINEL("runbook_fraud_sentinel", "fraud-sentinel"),
  RUNBOOK_WEBHOOK_DISPATCHER("runbook_webhook_dispatcher", "webhook-dispatcher"),
  RUNBOOK_INVENTORY_SYNC("runbook_inventory_sync", "inventory-sync");

  /** Where the documents are on the classpath. */
  public static final String RESOURCE_ROOT = "company_reference/";

  /**
   * The operations policy in force at the simulated now (2026-05-20): v2, effective 2026-02-01.
   * Events before that date are judged by {@link #POLICY_V1} (see {@code governance.md} §1).
   */
  public static final CompanyDocument CURRENT_POLICY = POLICY_V2;

  /**
   * The simulated now's day ({@code company_profile.md}: 2026-05-20 12:00 UTC), from which the
   * searches read relative periods such as "last March".
   */
  public static final LocalDate SIMULATED_TODAY = LocalDate.of(2026, 5, 20);

  /** What a document is; decides which searches see it. */
  public enum Kind {
    POLICY,
    GOVERNANCE,
    PROFILE,
    PROGRAM,
    TOOL_CONFIG,
    RUNBOOK
  }

  private final String id;
  private final String path;
  private final Kind kind;
  private final String service;
  private final Instant effectiveFrom;
  private final Instant effectiveTo;

  CompanyDocument(
      String id,
      String path,
      Kind kind,
      String service,
      Instant effectiveFrom,
      Instant effectiveTo) {
    this.id = id;
    this.path = path;
    this.kind = kind;
    this.service = service;
    this.effectiveFrom = effectiveFrom;
    this.effectiveTo = effectiveTo;
  }

  CompanyDocument(String id, String path, Kind kind) {
    this(id, path, kind, null, null, null);
  }

  /** A service's runbook, {@code runbooks/<service>.md}. */
  CompanyDocument(String id, String service) {
    this(id, "runbooks/" + service + ".md", Kind.RUNBOOK, service, null, null);
  }

  /** The name callers use, e.g. {@code policy_v2}. */
  @JsonValue
  public String id() {
    return id;
  }

  /** The path under {@code company_sim/}, e.g. {@code policies/operations_policy_v2.md}. */
  public String path() {
    return path;
  }

  public Kind kind() {
    return kind;
  }

  /** The service a runbook is for; empty for company-wide documents. */
  public Optional<String> service() {
    return Optional.ofNullable(service);
  }

  /** When a policy took effect; empty for documents without an effective period. */
  public Optional<Instant> effectiveFrom() {
    return Optional.ofNullable(effectiveFrom);
  }

  /** When a superseded policy stopped applying; empty while in force or without a period. */
  public Optional<Instant> effectiveTo() {
    return Optional.ofNullable(effectiveTo);
  }

  /**
   * The document with this id.
   *
   * @throws IllegalArgumentException naming the known ids when there is none
   */
  @JsonCreator
  public static CompanyDocument of(String id) {
    for (CompanyDocument document : values()) {
      if (document.id.equals(id)) {
        return document;
      }
    }
    throw new IllegalArgumentException(
        "must be one of " + ids() + ", got '" + abbreviate(String.valueOf(id)) + "'");
  }

  /** Every id, comma-separated, in declaration order. */
  public static String ids() {
    return Arrays.stream(values()).map(CompanyDocument::id).collect(Collectors.joining(", "));
  }

  /** The runbook of a service, if it has one. */
  public static Optional<CompanyDocument> runbookOf(String service) {
    return Arrays.stream(values())
        .filter(d -> d.kind == Kind.RUNBOOK && d.service.equals(service))
        .findFirst();
  }

  /**
   * The document's text, read from the classpath (a few kilobytes; callers that read often keep
   * it).
   *
   * @throws UncheckedIOException when the jar was built without the documents
   */
  public String read() {
    String resource = RESOURCE_ROOT + path;
    try (InputStream in = CompanyDocument.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new UncheckedIOException(
            new IOException("company document " + resource + " is not on the classpath"));
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read company document " + resource, e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }
}
