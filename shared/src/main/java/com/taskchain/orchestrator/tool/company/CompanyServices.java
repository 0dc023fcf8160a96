package com.taskchain.orchestrator.tool.company;

import java.util.List;

/**
 * The service ids of Quillmark Commerce ({@code company_sim/company_profile.md}): the values the
 * company tools accept for {@code service}, checked before any call so that a typo is reported with
 * the field instead of answering nothing.
 */
public final class CompanyServices {
  /** Every service id, Tier 0 first. */
  public static final List<String> IDS =
      List.of(
          "atlas-checkout",
          "checkout-classic",
          "payments-gateway",
          "ledger-core",
          "identity-hub",
          "settlement-engine",
          "fraud-sentinel",
          "webhook-dispatcher",
          "inventory-sync",
          "catalog-service",
          "beacon-analytics");

  private CompanyServices() {}

  /**
   * Checks an optional service argument.
   *
   * @return the id in its canonical (lower-case) spelling, or null when absent
   * @throws IllegalArgumentException {@code "field: must be one of ..."} for an unknown id
   */
  public static String check(String field, String value) {
    return com.taskchain.orchestrator.tool.company.internal.Args.oneOf(field, value, IDS);
  }

  /** Whether the text is a known service id. */
  public static boolean isKnown(String value) {
    return value != null && IDS.contains(value);
  }
}
