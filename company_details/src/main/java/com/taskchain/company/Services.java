package com.taskchain.company;

import java.util.Set;

/** The service ids of Quillmark Commerce (see {@code company_sim/company_profile.md}). */
final class Services {
  /** Every service id the mock systems know. */
  static final Set<String> IDS =
      Set.of(
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

  private Services() {}
}
