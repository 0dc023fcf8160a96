package com.taskchain.orchestrator.skill;

import com.taskchain.orchestrator.retrieval.CompanyDocument;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which operations policy applies when (governance.md §1: events are judged by the policy in force
 * when they happened) and the freeze periods a policy text sets.
 */
final class Policies {
  private static final Pattern DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

  private Policies() {}

  /** A freeze period of the policy: its name and inclusive dates. */
  record Freeze(String name, LocalDate from, LocalDate to) {
    boolean contains(LocalDate date) {
      return !date.isBefore(from) && !date.isAfter(to);
    }
  }

  /** The operations policy in force at {@code at}. */
  static CompanyDocument at(Instant at) {
    Optional<Instant> v2From = CompanyDocument.POLICY_V2.effectiveFrom();
    return v2From.isPresent() && at.isBefore(v2From.get())
        ? CompanyDocument.POLICY_V1
        : CompanyDocument.POLICY_V2;
  }

  /** Its version as the answer names it: {@code v1} or {@code v2}. */
  static String version(CompanyDocument policy) {
    return policy == CompanyDocument.POLICY_V1 ? "v1" : "v2";
  }

  /** The policies in force at some time from {@code from} to {@code to}, oldest first. */
  static List<CompanyDocument> between(Instant from, Instant to) {
    List<CompanyDocument> policies = new ArrayList<>();
    for (CompanyDocument policy : List.of(CompanyDocument.POLICY_V1, CompanyDocument.POLICY_V2)) {
      boolean startsInTime = policy.effectiveFrom().map(f -> !f.isAfter(to)).orElse(true);
      boolean endsAfter = policy.effectiveTo().map(t -> !t.isBefore(from)).orElse(true);
      if (startsInTime && endsAfter) {
        policies.add(policy);
      }
    }
    return policies;
  }

  /** The freeze periods of a policy's "freeze" table (columns freeze, from, to). */
  static List<Freeze> freezes(String policyText) {
    List<Freeze> freezes = new ArrayList<>();
    for (MarkdownTable table : MarkdownTable.all(policyText)) {
      if (!table.header().contains("freeze") || !table.header().contains("from")) {
        continue;
      }
      String toColumn =
          table.header().stream().filter(h -> h.startsWith("to")).findFirst().orElse("to");
      for (Map<String, String> row : table.rows()) {
        Matcher from = DATE.matcher(row.getOrDefault("from", ""));
        Matcher to = DATE.matcher(row.getOrDefault(toColumn, ""));
        if (from.find() && to.find()) {
          freezes.add(
              new Freeze(
                  Text.plain(row.get("freeze")),
                  LocalDate.parse(from.group(1)),
                  LocalDate.parse(to.group(1))));
        }
      }
    }
    return freezes;
  }
}
