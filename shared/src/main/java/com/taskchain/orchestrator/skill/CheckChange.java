package com.taskchain.orchestrator.skill;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.answer.Findings;
import com.taskchain.orchestrator.skill.internal.Citations;
import com.taskchain.orchestrator.skill.internal.Sources;
import com.taskchain.orchestrator.tool.EvidenceTool;
import com.taskchain.orchestrator.tool.Upstream;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code check_change}: whether a production change may run at its planned start, and what it
 * needs. The change's kind comes from its CHG ticket (rollback, emergency fix during an active
 * P1/P2 incident, Tier-0 schema or data migration, traffic-shifting phase of a migration programme,
 * standard); the window, freezes and approvals from the policy version in force at the planned
 * start ({@link OperationsRules}: policy §4 and §6, {@code cicd.yaml}), with the approvers' names
 * resolved from the rota week of the start ({@link Rota}) and the CAB meeting from the governance
 * notes (every Tuesday 14:00 UTC, filed by Monday 17:00).
 *
 * <p>Decisions: {@code approve} (standard approvals only), {@code approve_if_conditions_met} (CAB,
 * DBRE or programme conditions still to be met), {@code reschedule} (outside its window, with the
 * next allowed slots), {@code needs_exception_or_reschedule} (in a freeze, inside the window),
 * {@code reject} (in a freeze and outside the window, or rejected in its ticket), {@code
 * emergency_change} and, for a rollback, {@code approve} with no approval needed. Pure over its
 * input and upstream; thread-safe.
 */
public final class CheckChange implements EvidenceTool<CheckChange.Input, Findings> {
  public static final String NAME = "check_change";

  /** How many example slots a rescheduling proposes. */
  static final int SLOTS = 3;

  private static final String GOVERNANCE = "governance.md";
  private static final String PROFILE = "company_profile.md";
  private static final String PROGRAM = "programs/atlas_checkout_migration.md";
  private static final Pattern IC = Pattern.compile("\\bIC ([A-Z][a-z]+ [A-Z][a-z]+)");

  /**
   * The arguments.
   *
   * @param service the service changed (else the ticket's)
   * @param change the CHG ticket key, if any
   * @param plannedStart the planned start (else from the ticket)
   * @param database the database changed, if any
   * @param incident the incident a fix is for, if any
   * @param project the programme the change belongs to, if any
   */
  @JsonClassDescription("Arguments of check_change.")
  public record Input(
      @JsonPropertyDescription("Service id.") String service,
      @JsonPropertyDescription("Optional: CHG ticket key.") String change,
      @JsonProperty("planned_start") @JsonPropertyDescription("Optional: ISO-8601 planned start.")
          String plannedStart,
      @JsonPropertyDescription("Optional: database name, e.g. identity-db.") String database,
      @JsonPropertyDescription("Optional: INC key of the incident a fix is for.") String incident,
      @JsonPropertyDescription("Optional: programme name, e.g. Atlas Checkout.") String project) {}

  private final Rota rota;

  public CheckChange() {
    this(Rota.company());
  }

  CheckChange(Rota rota) {
    this.rota = rota;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Checks a production change against the change windows, freezes and approval rules of"
        + " the policy in force at its planned start, and names the approvers.";
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Class<Findings> outputType() {
    return Findings.class;
  }

  enum Kind {
    ROLLBACK,
    EMERGENCY,
    SCHEMA,
    MIGRATION_PHASE,
    STANDARD
  }

  @Override
  public Findings call(Input input, Upstream upstream) {
    Findings.Builder findings = Findings.builder(NAME);
    Map<String, JsonNode> tickets = Sources.tickets(upstream);
    Citations cite =
        new Citations(findings, Sources.fetched(upstream), new LinkedHashSet<>(tickets.keySet()));
    JsonNode chg = input.change() == null ? null : tickets.get(input.change());
    JsonNode incident = input.incident() == null ? null : tickets.get(input.incident());
    String summary = chg == null ? "" : chg.path("summary").asText("");
    String description = chg == null ? "" : chg.path("description").asText("");
    List<String> labels = new ArrayList<>();
    if (chg != null) {
      chg.path("labels").forEach(l -> labels.add(l.asText()));
    }
    String service =
        input.service() != null
            ? input.service()
            : chg == null ? null : chg.path("service").asText(null);
    Optional<String> tier = service == null ? Optional.empty() : OperationsRules.tierOf(service);
    if (tier.isEmpty()) {
      findings.unknown("decision", "the service's tier is not in tool_configs/cicd.yaml");
      findings.unknown("approvers", "the approvals depend on the tier");
      return findings.build();
    }
    Optional<Instant> planned =
        Sources.instant(input.plannedStart()).or(() -> plannedFrom(description));
    if (planned.isEmpty()) {
      findings.unknown("decision", "no planned start in the task or the CHG ticket");
      findings.unknown("approvers", "the approvers depend on the week of the start");
      return findings.build();
    }
    Instant at = planned.get();
    OperationsRules rules = OperationsRules.at(at);
    String policy = rules.document();
    String tierName = "Tier " + tier.get().substring(4);
    boolean tier0 = tier.get().equals("tier0");
    String team = rota.teamOf(service).orElse(null);
    String em = team == null ? null : rota.engineeringManager(team).orElse(null);
    Optional<Rota.Week> week = rota.weekAt(at);

    Kind kind = kind(summary, description, labels, incident, at, input.database(), tier0);

    // The ticket as it stands.
    if (chg != null) {
      cite.claim(
          input.change()
              + " ("
              + chg.path("status").asText()
              + "): "
              + summary
              + ". "
              + description,
          input.change());
    }
    String profileRow = Sources.lines(PROFILE, l -> l.contains("`" + service + "`"));
    String cicdTier =
        cite.quote(
            CompanyData.CICD, "service_tiers", "service_tiers: " + service + ": " + tier.get());
    String profileId = profileRow.isBlank() ? null : cite.quote(PROFILE, service, profileRow);
    cite.claim(
        service + " is " + tierName + " (" + PROFILE + ", cicd.yaml service_tiers).",
        PROFILE,
        profileId,
        CompanyData.CICD,
        cicdTier);

    if (kind == Kind.ROLLBACK) {
      String row =
          Sources.quote(policy, "6", l -> l.toLowerCase(Locale.ROOT).startsWith("rollback"));
      String id = cite.quote(policy, "6-rollback", row);
      findings.field("decision", "approve");
      findings.field("approvers", List.of());
      cite.claim(
          "A rollback is pre-approved and needs no approval (policy "
              + rules.name()
              + " §6: "
              + row
              + ").",
          policy,
          id);
      return findings.build();
    }
    if (kind == Kind.EMERGENCY) {
      return emergency(findings, cite, rules, incident, input.incident(), at);
    }

    String windowKey = kind == Kind.SCHEMA && tier0 ? "tier0_schema" : tier.get();
    OperationsRules.Window window = rules.window(windowKey);
    boolean inWindow = window.contains(at);
    Optional<OperationsRules.Freeze> freeze = rules.freezeAt(at);
    String day = OperationsRules.dayName(at.atZone(ZoneOffset.UTC).getDayOfWeek());
    String startText = day + " " + Sources.date(at) + " " + Sources.hhmm(at) + " UTC";
    String windowQuote =
        cite.quote(
            policy,
            "4.1",
            Sources.quote(
                policy,
                "4.1",
                l -> l.contains("Tier") || l.startsWith("No ") || l.contains("Monday")));
    String windowData =
        cite.quote(
            rules.changeSource(),
            "change_windows/" + windowKey,
            windowKey + ": " + window.asWritten());
    String windowWhat =
        windowKey.equals("tier0_schema")
            ? "A Tier-0 database schema or data migration"
            : "A " + tierName + " change";
    String startId =
        cite.derived(
            "planned-start",
            "planned start "
                + startText
                + "; window "
                + window.asWritten()
                + (inWindow ? ": inside" : ": outside"));
    cite.claim(
        windowWhat
            + " may run "
            + window.asWritten()
            + (windowKey.equals("tier0_schema") ? " only" : "")
            + " (policy "
            + rules.name()
            + " §4.1); the planned start, "
            + startText
            + ", is "
            + (inWindow ? "inside" : "outside")
            + " that window.",
        policy,
        windowQuote,
        rules.changeSource(),
        windowData,
        startId);

    String freezeQuote = cite.quote(policy, "4.2", Sources.quote(policy, "4.2", l -> true));
    if (freeze.isPresent()) {
      OperationsRules.Freeze f = freeze.get();
      cite.claim(
          Sources.date(at)
              + " falls in the "
              + f.name()
              + " freeze ("
              + f.from()
              + " 00:00 to "
              + f.to()
              + " 23:59, inclusive): only emergency changes (a fix for an active P1 or P2) and"
              + " rollbacks are allowed.",
          policy,
          freezeQuote,
          rules.changeSource());
      String exception = cite.quote(policy, "4.3", Sources.quote(policy, "4.3", l -> true));
      cite.claim(
          "A freeze exception needs written approval in the CHG ticket from both the VP Engineering ("
              + rota.fixedRole("vp_engineering").orElse("VP Engineering")
              + ") and the Head of SRE ("
              + rota.fixedRole("head_of_sre").orElse("Head of SRE")
              + ")"
              + (tier0
                      && !rules
                          .freezeExceptionApprovers(true)
                          .equals(rules.freezeExceptionApprovers(false))
                  ? ", and, for a Tier-0 service, also the CTO ("
                      + rota.fixedRole("cto").orElse("CTO")
                      + ")"
                  : "")
              + ".",
          policy,
          exception);
    } else {
      cite.claim(
          Sources.date(at) + " is not in a freeze (policy " + rules.name() + " §4.2).",
          policy,
          freezeQuote,
          rules.changeSource());
    }

    // Approvals.
    String approvalKey =
        (kind == Kind.SCHEMA || kind == Kind.MIGRATION_PHASE) && tier0
            ? "tier0_schema_or_migration_phase"
            : tier.get();
    List<String> approvals = rules.approvals(approvalKey);
    boolean cab = approvals.contains("cab");
    List<String> approvers = new ArrayList<>();
    List<String> described = new ArrayList<>();
    for (String approval : approvals) {
      switch (approval) {
        case "peer_review" -> {
          approvers.add("peer review");
          described.add("peer review");
        }
        case "owning_em" -> {
          approvers.add(em == null ? "owning engineering manager" : em);
          described.add("the owning engineering manager " + (em == null ? "" : em));
        }
        case "sre_primary_oncall" -> {
          approvers.add("SRE primary on-call");
          week.ifPresent(w -> approvers.add(w.sreIc()));
          described.add(
              "the SRE primary on-call of the week"
                  + week.map(w -> " of " + w.weekOf() + " (" + w.sreIc() + ")").orElse(""));
        }
        case "cab" -> {
          approvers.add("CAB");
          described.add("CAB");
        }
        case "dbre" -> {
          approvers.add("DBRE");
          week.ifPresent(w -> approvers.add(w.dbre()));
          described.add(
              "DBRE sign-off"
                  + week.map(w -> " (" + w.dbre() + " is the DBRE on-call that week)").orElse(""));
        }
        default -> {
          approvers.add(approval.replace('_', ' '));
          described.add(approval.replace('_', ' '));
        }
      }
    }
    if (freeze.isPresent()) {
      for (String role : rules.freezeExceptionApprovers(tier0)) {
        rota.fixedRole(role).ifPresent(approvers::add);
      }
    }
    String approvalRowPrefix =
        approvalKey.equals("tier0_schema_or_migration_phase")
            ? "Tier-0 database schema"
            : tierName + " |";
    String approvalRow = Sources.quote(policy, "6", l -> l.startsWith(approvalRowPrefix));
    String approvalId = cite.quote(policy, "6-" + approvalKey, approvalRow);
    String cicdApprovals =
        cite.quote(
            CompanyData.CICD,
            "approvals/" + approvalKey,
            "approvals: " + approvalKey + ": " + approvals);
    String weekId =
        week.map(w -> cite.quote(Rota.PATH, w.weekOf().toString(), rota.weekText(w, team)))
            .orElse(null);
    cite.claim(
        "Approvals needed before deploy (policy "
            + rules.name()
            + " §6: "
            + approvalRow
            + "): "
            + String.join(", ", described)
            + ".",
        policy,
        approvalId,
        CompanyData.CICD,
        cicdApprovals,
        Rota.PATH,
        weekId);
    findings.field("approvers", approvers);

    Optional<Instant> cabMeeting = Optional.empty();
    if (cab) {
      Instant meeting = cabBefore(at);
      cabMeeting = Optional.of(meeting);
      Instant cutoff = meeting.minus(java.time.Duration.ofHours(21));
      String gov = cite.quote(GOVERNANCE, "3", Sources.quote(GOVERNANCE, "3", l -> true));
      String d =
          cite.derived(
              "cab",
              "CAB meets every Tuesday at 14:00 UTC; last meeting before "
                  + Sources.date(at)
                  + ": CAB "
                  + Sources.date(meeting)
                  + " 14:00; filing cutoff Monday "
                  + Sources.date(cutoff)
                  + " 17:00");
      cite.claim(
          "CAB "
              + Sources.date(meeting)
              + " (Tuesday 14:00 UTC) is the last CAB before the start; the change must be filed as"
              + " Awaiting CAB by Monday "
              + Sources.date(cutoff)
              + " 17:00 UTC, and CAB approval is valid for 14 days.",
          GOVERNANCE,
          gov,
          d);
    }
    if (input.database() != null) {
      restricted(input.database(), cite);
    }
    if (input.project() != null && chg != null) {
      String lines = Sources.lines(PROGRAM, l -> l.contains(input.change()));
      if (!lines.isBlank()) {
        String id = cite.quote(PROGRAM, input.change(), lines);
        for (String line : lines.split("\n")) {
          cite.claim("Programme record: " + line.replaceFirst("^\\|\\s*", ""), PROGRAM, id);
        }
      }
    }

    // The decision.
    String status = chg == null ? "" : chg.path("status").asText("");
    String decision;
    if (status.equalsIgnoreCase("Rejected") || (freeze.isPresent() && !inWindow)) {
      decision = "reject";
    } else if (freeze.isPresent()) {
      decision = "needs_exception_or_reschedule";
    } else if (!inWindow) {
      decision = "reschedule";
    } else if (cab
        || approvals.contains("dbre")
        || description.toLowerCase(Locale.ROOT).contains("condition")) {
      decision = "approve_if_conditions_met";
    } else {
      decision = "approve";
    }
    findings.field("decision", decision);
    if (!inWindow || freeze.isPresent()) {
      Instant after = cabMeeting.orElse(at);
      if (freeze.isPresent()) {
        Instant end = freeze.get().to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        after = after.isAfter(end) ? after : end;
      }
      List<LocalDate> slots = slots(window, rules, after);
      if (!slots.isEmpty()) {
        String slot =
            "a "
                + window.daysAsWritten()
                + " "
                + window.from()
                + "–"
                + window.to()
                + " UTC"
                + (cab ? " after CAB approval" : freeze.isPresent() ? " after the freeze" : "")
                + ", e.g. "
                + join(slots);
        findings.field("proposed_slot", slot);
        String d =
            cite.derived(
                "slots",
                "next "
                    + window.asWritten()
                    + " windows after "
                    + Sources.date(after)
                    + " "
                    + Sources.hhmm(after)
                    + (freeze.isPresent() ? " (after the freeze)" : "")
                    + (cab ? " (after CAB)" : "")
                    + ", outside freezes: "
                    + join(slots));
        cite.claim("Proposed slot: " + slot + ".", d, policy, windowQuote);
      }
    }
    String why =
        switch (decision) {
          case "reject" ->
              status.equalsIgnoreCase("Rejected")
                  ? "the ticket records the rejection"
                  : "it falls in a freeze and outside its window, and it is not an emergency";
          case "needs_exception_or_reschedule" ->
              "it falls in a freeze: it needs a freeze exception or a new date";
          case "reschedule" -> "the planned start is outside the window";
          case "approve_if_conditions_met" ->
              "it may go ahead once " + String.join(", ", described) + " are in place";
          default ->
              "the slot is inside the window and not in a freeze; it needs "
                  + String.join(", ", described);
        };
    cite.claim("Decision: " + decision.replace('_', ' ') + " — " + why + ".", startId, approvalId);
    return findings.build();
  }

  private Findings emergency(
      Findings.Builder findings,
      Citations cite,
      OperationsRules rules,
      JsonNode incident,
      String incidentKey,
      Instant at) {
    String policy = rules.document();
    String ic = null;
    String icSource = null;
    if (incident != null) {
      Matcher m = IC.matcher(incident.path("description").asText(""));
      if (m.find()) {
        ic = m.group(1);
        icSource = incidentKey;
      }
    }
    Instant declared =
        incident == null ? at : Sources.instant(incident.path("created").asText()).orElse(at);
    Optional<Rota.Week> week = rota.weekAt(declared);
    String weekId =
        week.map(w -> cite.quote(Rota.PATH, w.weekOf().toString(), rota.weekText(w, null)))
            .orElse(null);
    if (ic == null && week.isPresent()) {
      ic = week.get().sreIc();
    }
    if (ic == null) {
      findings.field("decision", "emergency_change");
      findings.unknown("approvers", "no incident commander in the ticket or the rota");
      return findings.build();
    }
    findings.field("decision", "emergency_change");
    findings.field("approvers", List.of(ic));
    String row = Sources.quote(policy, "6", l -> l.startsWith("emergency change"));
    String rowId = cite.quote(policy, "6-emergency", row);
    String gov =
        cite.quote(
            GOVERNANCE,
            "3-emergency",
            Sources.lines(
                GOVERNANCE, l -> l.toLowerCase(Locale.ROOT).contains("emergency change")));
    if (incident != null) {
      cite.claim(
          incidentKey
              + " is an active "
              + incident.path("severity").asText()
              + " ("
              + incident.path("status").asText()
              + "): "
              + incident.path("summary").asText()
              + ".",
          incidentKey);
    }
    cite.claim(
        "A fix deployed during an active P1/P2 incident is an emergency change: the incident"
            + " commander of that incident approves it (policy "
            + rules.name()
            + " §6: "
            + row
            + ").",
        policy,
        rowId);
    cite.claim(
        "Incident commander: "
            + ic
            + (week.isPresent() ? ", the SRE IC of the rota week of " + week.get().weekOf() : "")
            + ".",
        icSource,
        Rota.PATH,
        weekId);
    cite.claim(
        "Afterwards CAB reviews the emergency change retroactively within 2 business days"
            + " (governance §3), and the deploy is announced in #change-log.",
        GOVERNANCE,
        gov,
        policy,
        rowId);
    return findings.build();
  }

  private void restricted(String database, Citations cite) {
    for (JsonNode db : CompanyData.yaml(CompanyData.DB_AUDIT).path("databases")) {
      if (db.path("name").asText().equals(database)) {
        boolean restricted = db.path("restricted").asBoolean(false);
        String text =
            "name: "
                + database
                + "; restricted: "
                + restricted
                + "; owning_em: "
                + db.path("owning_em").asText()
                + "; read_write_approvals: "
                + db.path("read_write_approvals");
        String id = cite.quote(CompanyData.DB_AUDIT, database, text);
        cite.claim(
            database
                + (restricted
                    ? " is a restricted database: read-write access needs two-person approval (the"
                        + " DBRE on-call and the owning engineering manager "
                        + db.path("owning_em").asText()
                        + ")."
                    : " is not a restricted database."),
            CompanyData.DB_AUDIT,
            id);
      }
    }
  }

  static Kind kind(
      String summary,
      String description,
      List<String> labels,
      JsonNode incident,
      Instant at,
      String database,
      boolean tier0) {
    String lower = (summary + " " + description).toLowerCase(Locale.ROOT);
    if (summary.toLowerCase(Locale.ROOT).startsWith("rollback")) {
      return Kind.ROLLBACK;
    }
    if (labels.contains("emergency") || summary.toLowerCase(Locale.ROOT).startsWith("emergency")) {
      return Kind.EMERGENCY;
    }
    if (summary.isEmpty() && incident != null && active(incident, at)) {
      return Kind.EMERGENCY;
    }
    if (labels.contains("schema")
        || labels.contains("data-migration")
        || lower.matches(
            "(?s).*\\b(schema|data migration|ddl|alter table|add .{0,30}(table|column))\\b.*")) {
      return Kind.SCHEMA;
    }
    if (labels.contains("migration-phase")) {
      return Kind.MIGRATION_PHASE;
    }
    return Kind.STANDARD;
  }

  /** Whether an incident is an open P1/P2 at {@code at}. */
  static boolean active(JsonNode incident, Instant at) {
    String severity = incident.path("severity").asText("");
    String status = incident.path("status").asText("").toLowerCase(Locale.ROOT);
    boolean open = !(status.equals("resolved") || status.equals("closed") || status.equals("done"));
    Optional<Instant> created = Sources.instant(incident.path("created").asText());
    return (severity.equals("P1") || severity.equals("P2"))
        && open
        && created.map(c -> !c.isAfter(at)).orElse(true);
  }

  /** The Tuesday 14:00 UTC CAB meeting last before {@code at}. */
  static Instant cabBefore(Instant at) {
    LocalDateTime t = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    LocalDate d = t.toLocalDate();
    while (true) {
      if (d.getDayOfWeek() == DayOfWeek.TUESDAY) {
        Instant meeting = d.atTime(14, 0).toInstant(ZoneOffset.UTC);
        if (meeting.isBefore(at)) {
          return meeting;
        }
      }
      d = d.minusDays(1);
    }
  }

  /** The first {@link #SLOTS} days whose window opens after {@code after}, outside freezes. */
  static List<LocalDate> slots(
      OperationsRules.Window window, OperationsRules rules, Instant after) {
    List<LocalDate> out = new ArrayList<>();
    LocalDate d = after.atZone(ZoneOffset.UTC).toLocalDate();
    for (int i = 0; i < 120 && out.size() < SLOTS; i++, d = d.plusDays(1)) {
      Instant opens = d.atTime(window.from()).toInstant(ZoneOffset.UTC);
      if (window.days().contains(d.getDayOfWeek())
          && !opens.isBefore(after)
          && rules.freezeAt(opens).isEmpty()) {
        out.add(d);
      }
    }
    return out;
  }

  private static String join(List<LocalDate> dates) {
    List<String> text = dates.stream().map(LocalDate::toString).toList();
    return text.size() == 1
        ? text.get(0)
        : String.join(", ", text.subList(0, text.size() - 1)) + " or " + text.get(text.size() - 1);
  }

  private static Optional<Instant> plannedFrom(String description) {
    Matcher m = Pattern.compile("(20\\d\\d-\\d\\d-\\d\\d) (\\d\\d:\\d\\d)").matcher(description);
    return m.find() ? Sources.instant(m.group(1) + "T" + m.group(2) + ":00Z") : Optional.empty();
  }
}
