package com.taskchain.orchestrator.verify;

import java.util.List;

/**
 * The verifier's verdict. This is {@code verification_json}; the run succeeds only if {@code
 * passed}.
 *
 * @param passed every check passed
 * @param checks every check made, in order
 * @param reasons the reasons of the failed checks (empty when passed)
 */
public record Verification(boolean passed, List<Check> checks, List<String> reasons) {
  public Verification {
    checks = List.copyOf(checks);
    reasons = List.copyOf(reasons);
  }

  /** A verdict from its checks: passed when all passed, with the failed checks' reasons. */
  public static Verification of(List<Check> checks) {
    List<String> reasons = checks.stream().filter(c -> !c.passed()).map(Check::reason).toList();
    return new Verification(reasons.isEmpty(), checks, reasons);
  }
}
