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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code audit_check}: whether an event followed the audit rules of the policy in force when it
 * happened (policy §5 and §7, {@code db_audit.yaml}): a rollback recorded in #change-log and on its
 * CHG ticket in time, a quarterly access review completed by its due date, postmortems within their
 * business-day deadlines, DDL only inside an approved CHG and its window, restricted-database
 * sessions with two-person approval and at most the maximum session length, and an incident
 * acknowledged within the policy's time. Answers {@code compliant}, the AUD ticket that records a
 * finding ({@code finding}) when Jira has one, and {@code policy_version} when the policy in force
 * was not the current one. Pure over its input and upstream; thread-safe.
 */
public final class AuditCheck implements EvidenceTool<AuditCheck.Input, Findings> {
  public static final String NAME = "audit_check";

  /** What is audited. */
  public static final List<String> TOPICS =
      List.of(
          "rollback_record", "access_review", "postmortem", "ddl", "db_session", "acknowledgement");

  private static final String GOVERNANCE = "governance.md";
  private static final Pattern SESSION_OPEN =
      Pattern.compile(
          "session opened on (\\S+) \\((read-write|read-only)\\) approvers=([^\\n]*?) max=(\\d+)m");
  private static final Pattern SESSION_CLOSE =
      Pattern.compile("session closed on (\\S+) after (\\d+) minutes");

  /** Where a CHG ticket says a rollback started, and where it says it was recorded. */
  private static final String ROLLBACK_START =
      "(?:started|restored|rolled back[^.]{0,30}? at|applied)";

  private static final String RECORDED =
      "(?:ticket created|recorded(?: in [A-Z]+-\\d+)?(?: here)?(?: at)?)";

  private static final Pattern DDL =
      Pattern.compile("schema migration applied by (\\S+) on (\\S+?):\\s*(.*)");

  /**
   * The arguments.
   *
   * @param topic one of {@link #TOPICS}; inferred from the other arguments when absent
   * @param service the service concerned
   * @param database the database concerned
   * @param ticket an AUD ticket key
   * @param change a CHG ticket key
   * @param incident an INC ticket key
   * @param severity the severity of the incidents audited
   * @param startTime the start of the period or event
   * @param endTime the end of the period or event
   */
  @JsonClassDescription("Arguments of audit_check.")
  public record Input(
      @JsonPropertyDescription(
              "Optional: rollback_record, access_review, postmortem, ddl, db_session or"
                  + " acknowledgement.")
          String topic,
      @JsonPropertyDescription("Optional: service id.") String service,
      @JsonPropertyDescription("Optional: database name.") String database,
      @JsonPropertyDescription("Optional: AUD ticket key.") String ticket,
      @JsonPropertyDescription("Optional: CHG ticket key.") String change,
      @JsonPropertyDescription("Optional: INC ticket key.") String incident,
      @JsonPropertyDescription("Optional: P1, P2 or P3.") String severity,
      @JsonProperty("start_time") @JsonPropertyDescription("Optional: ISO-8601 start.")
          String startTime,
      @JsonProperty("end_time") @JsonPropertyDescription("Optional: ISO-8601 end.")
          String endTime) {}

  private final Rota rota;

  public AuditCheck() {
    this(Rota.company());
  }

  AuditCheck(Rota rota) {
    this.rota = rota;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Checks an event against the audit rules of the policy in force when it happened"
        + " (rollback records, access reviews, postmortem deadlines, DDL, database sessions,"
        + " acknowledgement times) and names the AUD finding.";
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Class<Findings> outputType() {
    return Findings.class;
  }

  /** One audit call's working state. */
  private record Ctx(
      Input input,
      Findings.Builder findings,
      Citations cite,
      Map<String, JsonNode> tickets,
      List<JsonNode> events,
      Optional<Instant> start,
      Optional<Instant> end) {}

  @Override
  public Findings call(Input input, Upstream upstream) {
    Findings.Builder findings = Findings.builder(NAME);
    Map<String, JsonNode> tickets = Sources.tickets(upstream);
    List<JsonNode> events = Sources.events(upstream);
    Set<String> retrieved = new LinkedHashSet<>(tickets.keySet());
    events.forEach(e -> retrieved.add(Sources.eventId(e)));
    Citations cite = new Citations(findings, Sources.fetched(upstream), retrieved);
    Ctx ctx =
        new Ctx(
            input,
            findings,
            cite,
            tickets,
            events,
            Sources.instant(input.startTime()),
            Sources.instant(input.endTime()));
    String topic = input.topic() != null ? input.topic() : infer(ctx);
    switch (topic) {
      case "rollback_record" -> rollbackRecord(ctx);
      case "access_review" -> accessReview(ctx);
      case "postmortem" -> postmortems(ctx);
      case "ddl" -> ddl(ctx);
      case "db_session" -> session(ctx);
      case "acknowledgement" -> acknowledgement(ctx);
      default -> findings.unknown("compliant", "the task names no audit rule this skill checks");
    }
    return findings.build();
  }

  private static String infer(Ctx ctx) {
    Input in = ctx.input();
    if (in.change() != null) {
      return "rollback_record";
    }
    if (in.ticket() != null && labels(ctx.tickets().get(in.ticket())).contains("access-review")) {
      return "access_review";
    }
    for (JsonNode e : ctx.events()) {
      String m = e.path("message").asText();
      if (DDL.matcher(m).find()) {
        return "ddl";
      }
      if (SESSION_OPEN.matcher(m).find()) {
        return "db_session";
      }
    }
    if (in.incident() != null) {
      return "acknowledgement";
    }
    return "postmortem";
  }

  // ---- rollback recorded in time (policy §5)

  private void rollbackRecord(Ctx ctx) {
    JsonNode chg = ctx.tickets().get(ctx.input().change());
    if (chg == null) {
      ctx.findings()
          .unknown("compliant", "the CHG ticket " + ctx.input().change() + " was not retrieved");
      return;
    }
    String description = chg.path("description").asText();
    Instant created = Sources.instant(chg.path("created").asText()).orElseThrow();
    // Clock times in the ticket are on the day of the rollback: the task's time, else the first
    // date the ticket names, else the ticket's creation day.
    Instant day =
        ctx.start()
            .or(
                () ->
                    Sources.dateAfter(description, "")
                        .map(d -> d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()))
            .orElse(created);
    Optional<Instant> started = Sources.timeAfter(description, ROLLBACK_START, day);
    if (started.isEmpty()) {
      ctx.findings().unknown("compliant", "the CHG ticket does not say when the rollback started");
      return;
    }
    OperationsRules rules = OperationsRules.at(started.get());
    String policy = rules.document();
    Instant ticketAt = Sources.timeAfter(description, RECORDED, day).orElse(created);
    Optional<Instant> posted = Sources.timeAfter(description, "#change-log", day);
    JsonNode limit = rules.audit("rollback_record");
    ctx.cite()
        .claim(
            ctx.input().change() + ": " + chg.path("summary").asText() + ". " + description,
            ctx.input().change());
    String rule =
        Sources.quote(policy, "5", l -> l.contains("#change-log") || l.contains("no approval"));
    String ruleId = ctx.cite().quote(policy, "5", rule);
    String cicd =
        ctx.cite()
            .quote(
                CompanyData.CICD,
                "rollback_workflow",
                Sources.lines(CompanyData.CICD, l -> l.contains("#change-log")));
    ctx.cite()
        .claim("Policy " + rules.name() + " §5: " + rule, policy, ruleId, CompanyData.CICD, cicd);
    boolean compliant;
    if (limit.has("minutes")) {
      int max = limit.path("minutes").asInt();
      Instant last = posted.filter(p -> p.isAfter(ticketAt)).orElse(ticketAt);
      long took = Duration.between(started.get(), last).toMinutes();
      compliant = took <= max;
      if (posted.isEmpty()) {
        ctx.findings()
            .unknown(
                null, "the evidence does not show when the rollback was posted in #change-log");
      }
      String d =
          ctx.cite()
              .derived(
                  "rollback-record",
                  "started "
                      + Sources.hhmm(started.get())
                      + "; #change-log "
                      + posted.map(Sources::hhmm).orElse("not posted")
                      + "; CHG ticket "
                      + Sources.hhmm(ticketAt)
                      + "; recorded "
                      + took
                      + " minutes after the start, limit "
                      + limit.path("as_written").asText());
      ctx.cite()
          .claim(
              "The rollback started at "
                  + Sources.hhmm(started.get())
                  + posted
                      .map(p -> ", was posted in #change-log at " + Sources.hhmm(p))
                      .orElse(" (no #change-log post is in the evidence)")
                  + " and was recorded on "
                  + ctx.input().change()
                  + " at "
                  + Sources.hhmm(ticketAt)
                  + ": "
                  + took
                  + " minutes after the start, "
                  + (compliant ? "within" : "beyond")
                  + " the "
                  + limit.path("as_written").asText()
                  + " the policy allows; as a rollback it needed no approval.",
              d,
              ctx.input().change(),
              ruleId);
    } else {
      compliant = Sources.date(ticketAt).equals(Sources.date(started.get()));
      ctx.cite()
          .claim(
              "Policy "
                  + rules.name()
                  + " asks for the rollback record "
                  + limit.path("as_written").asText()
                  + ": "
                  + (compliant ? "met." : "not met."),
              policy,
              ruleId,
              ctx.input().change());
    }
    verdict(ctx, rules, compliant, List.of(ctx.input().change()));
  }

  // ---- quarterly access review (policy §7.4)

  private void accessReview(Ctx ctx) {
    List<JsonNode> reviews = new ArrayList<>();
    JsonNode named = ctx.input().ticket() == null ? null : ctx.tickets().get(ctx.input().ticket());
    if (named != null) {
      reviews.add(named);
    } else {
      for (JsonNode t : ctx.tickets().values()) {
        if (labels(t).contains("access-review")) {
          Optional<LocalDate> due = Sources.dateAfter(text(t), "due");
          if (due.isPresent() && inPeriod(ctx, due.get())) {
            reviews.add(t);
          }
        }
      }
    }
    if (reviews.isEmpty()) {
      ctx.findings().unknown("compliant", "no access review ticket was retrieved for the period");
      return;
    }
    JsonNode dueDates = CompanyData.yaml(CompanyData.DB_AUDIT).path("access_reviews");
    String yamlId =
        ctx.cite()
            .quote(
                CompanyData.DB_AUDIT,
                "access_reviews",
                "access_reviews: due_dates: "
                    + dueDates.path("due_dates")
                    + "; late_completion_is_finding: "
                    + dueDates.path("late_completion_is_finding").asText());
    boolean compliant = true;
    List<String> late = new ArrayList<>();
    OperationsRules rules = null;
    for (JsonNode review : reviews) {
      String key = review.path("key").asText();
      String text = text(review);
      Optional<LocalDate> due = Sources.dateAfter(text, "due");
      Optional<LocalDate> done = Sources.dateAfter(text, "completed(?: on)?");
      ctx.cite()
          .claim(
              key
                  + ": "
                  + review.path("summary").asText()
                  + ". "
                  + review.path("description").asText(),
              key);
      if (due.isEmpty() || done.isEmpty()) {
        ctx.findings()
            .unknown("compliant", key + " does not state both its due and completion dates");
        return;
      }
      rules = OperationsRules.at(due.get().atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
      long days = ChronoUnit.DAYS.between(due.get(), done.get());
      boolean onTime = days <= 0;
      compliant &= onTime;
      if (!onTime) {
        late.add(key);
      }
      String d =
          ctx.cite()
              .derived(
                  "access-review/" + key,
                  "due "
                      + due.get()
                      + " (db_audit.yaml due_dates); completed "
                      + done.get()
                      + ": "
                      + Math.abs(days)
                      + " days "
                      + (onTime ? "early or on the day" : "late"));
      ctx.cite()
          .claim(
              "The review due "
                  + due.get()
                  + " was completed on "
                  + done.get()
                  + (onTime ? ", on time." : ", " + days + " days late."),
              d,
              CompanyData.DB_AUDIT,
              yamlId,
              key);
    }
    String policy = rules.document();
    String rule = Sources.quote(policy, "7", l -> l.contains("access review"));
    String ruleId = ctx.cite().quote(policy, "7.4", rule);
    ctx.cite()
        .claim(
            "Policy " + rules.name() + " section 7.4: " + rule.replaceFirst("^\\d+\\.\\s*", ""),
            policy,
            ruleId);
    verdict(ctx, rules, compliant, late);
  }

  // ---- postmortem deadlines (policy §7.5)

  private void postmortems(Ctx ctx) {
    List<JsonNode> incidents = new ArrayList<>();
    for (JsonNode t : ctx.tickets().values()) {
      if (!t.path("project").asText().equals("INC")) {
        continue;
      }
      if (ctx.input().severity() != null
          && !ctx.input().severity().equalsIgnoreCase(t.path("severity").asText())) {
        continue;
      }
      if (ctx.input().incident() != null
          && !ctx.input().incident().equals(t.path("key").asText())) {
        continue;
      }
      Instant created = Sources.instant(t.path("created").asText()).orElse(null);
      if (created == null
          || ctx.start().map(created::isBefore).orElse(false)
          || ctx.end().map(created::isAfter).orElse(false)) {
        continue;
      }
      incidents.add(t);
    }
    if (incidents.isEmpty()) {
      ctx.findings().unknown("compliant", "no incident of the period was retrieved from Jira");
      return;
    }
    incidents.sort((a, b) -> a.path("created").asText().compareTo(b.path("created").asText()));
    boolean compliant = true;
    List<String> late = new ArrayList<>();
    OperationsRules last = null;
    Set<String> quoted = new LinkedHashSet<>();
    for (JsonNode inc : incidents) {
      String key = inc.path("key").asText();
      String severity = inc.path("severity").asText();
      Instant created = Sources.instant(inc.path("created").asText()).orElseThrow();
      OperationsRules rules = OperationsRules.at(created);
      last = rules;
      JsonNode deadline = rules.audit("postmortem").path(severity);
      if (deadline.isMissingNode()) {
        continue;
      }
      String description = inc.path("description").asText();
      LocalDate resolved =
          Sources.dateAfter(description, "resolved")
              .orElse(created.atZone(java.time.ZoneOffset.UTC).toLocalDate());
      int n = deadline.path("business_days").asInt();
      LocalDate due = rules.calendar().plusBusinessDays(resolved, n);
      Optional<LocalDate> published = Sources.dateAfter(description, "postmortem published");
      boolean onTime = published.map(p -> !p.isAfter(due)).orElse(false);
      compliant &= onTime;
      if (!onTime) {
        late.add(key);
      }
      if (quoted.add(rules.name())) {
        String policy = rules.document();
        String rule = Sources.quote(policy, "7", l -> l.contains("Postmortems"));
        String ruleId = ctx.cite().quote(policy, "7.5", rule);
        String gov = Sources.quote(GOVERNANCE, "6", l -> l.contains("Deadlines"));
        String govId = ctx.cite().quote(GOVERNANCE, "6", gov);
        ctx.cite()
            .claim(
                "Policy " + rules.name() + " section 7.5: " + rule.replaceFirst("^\\d+\\.\\s*", ""),
                policy,
                ruleId);
        ctx.cite().claim("Governance §6: " + gov, GOVERNANCE, govId);
      }
      String d =
          ctx.cite()
              .derived(
                  "postmortem/" + key,
                  key
                      + " "
                      + severity
                      + " resolved "
                      + resolved
                      + " + "
                      + deadline.path("as_written").asText()
                      + " = due "
                      + due
                      + "; published "
                      + published.map(LocalDate::toString).orElse("not yet"));
      ctx.cite()
          .claim(
              key
                  + " ("
                  + severity
                  + ", resolved "
                  + resolved
                  + "): postmortem due "
                  + due
                  + " ("
                  + deadline.path("as_written").asText()
                  + "), published "
                  + published.map(LocalDate::toString).orElse("not yet")
                  + (onTime ? " — on time." : " — late."),
              d,
              key);
    }
    Optional<Instant> from = ctx.start();
    if (from.isPresent() && !quoted.contains(OperationsRules.at(from.get()).name())) {
      OperationsRules earlier = OperationsRules.at(from.get());
      String rule = Sources.quote(earlier.document(), "7", l -> l.contains("Postmortems"));
      String ruleId = ctx.cite().quote(earlier.document(), "7-postmortems", rule);
      ctx.cite()
          .claim(
              "For incidents opened while policy "
                  + earlier.name()
                  + " was in force (to "
                  + earlier.effectiveTo().map(Object::toString).orElse("now")
                  + "), its rule applied: "
                  + rule.replaceFirst("^\\d+\\.\\s*", ""),
              earlier.document(),
              ruleId,
              ctx.cite()
                  .derived(
                      "policy-period",
                      "policy "
                          + earlier.name()
                          + " in force "
                          + earlier.effectiveFrom()
                          + " to "
                          + earlier.effectiveTo().map(Object::toString).orElse("now")));
    }
    if (last == null) {
      ctx.findings().unknown("compliant", "no postmortem deadline applies to these incidents");
      return;
    }
    verdict(ctx, last, compliant, late);
  }

  // ---- DDL outside an approved change (policy §7.3)

  private void ddl(Ctx ctx) {
    List<JsonNode> statements = new ArrayList<>();
    for (JsonNode e : ctx.events()) {
      Matcher m = DDL.matcher(e.path("message").asText());
      if (m.find()
          && (ctx.input().database() == null || m.group(2).equals(ctx.input().database()))) {
        statements.add(e);
      }
    }
    String database = ctx.input().database();
    Instant at =
        statements.isEmpty()
            ? ctx.start().orElse(null)
            : Sources.instant(statements.get(0).path("timestamp").asText()).orElse(null);
    if (at == null) {
      ctx.findings().unknown("compliant", "no Gatekeeper DDL event and no time to check");
      return;
    }
    OperationsRules rules = OperationsRules.at(at);
    String policy = rules.document();
    boolean compliant = true;
    List<String> involved = new ArrayList<>();
    for (JsonNode e : statements) {
      Matcher m = DDL.matcher(e.path("message").asText());
      m.find();
      Instant when = Sources.instant(e.path("timestamp").asText()).orElseThrow();
      String db = m.group(2);
      String owner = ownerService(db).orElse(ctx.input().service());
      String tier = owner == null ? "tier0" : OperationsRules.tierOf(owner).orElse("tier0");
      OperationsRules.Window window = rules.window(tier.equals("tier0") ? "tier0_schema" : tier);
      boolean inWindow = window.contains(when);
      Optional<String> change = approvedChange(ctx, db, when);
      boolean ok = inWindow && change.isPresent();
      compliant &= ok;
      String day = OperationsRules.dayName(when.atZone(java.time.ZoneOffset.UTC).getDayOfWeek());
      ctx.cite()
          .claim(
              "Gatekeeper logged on "
                  + day
                  + " "
                  + Sources.date(when)
                  + " at "
                  + Sources.hhmm(when)
                  + ": "
                  + e.path("message").asText(),
              Sources.eventId(e),
              eventTime(ctx, e));
      String d =
          ctx.cite()
              .derived(
                  "ddl/" + db,
                  day
                      + " "
                      + Sources.date(when)
                      + " "
                      + Sources.hhmm(when)
                      + " UTC is "
                      + (inWindow ? "inside" : "outside")
                      + " the window "
                      + window.asWritten()
                      + "; approved CHG: "
                      + change.orElse("none retrieved"));
      ctx.cite()
          .claim(
              "The statement ran "
                  + (inWindow ? "inside" : "outside")
                  + " the "
                  + window.asWritten()
                  + " window with "
                  + change.map(c -> "approved change " + c).orElse("no approved CHG retrieved")
                  + ".",
              d,
              policy);
    }
    String accounts =
        Sources.lines(
            CompanyData.DB_AUDIT,
            l -> l.contains("svc-") || l.contains("may run DDL") || l.contains("databases: ["));
    String dbAudit =
        ctx.cite()
            .quote(
                CompanyData.DB_AUDIT,
                "ddl_outside_change",
                "ddl_outside_change: alert_channel: #db-audit; file_finding_within: 1 business day\n"
                    + accounts);
    String rule = Sources.quote(policy, "7", l -> l.contains("DDL outside"));
    String ruleId = ctx.cite().quote(policy, "7.3", rule);
    ctx.cite()
        .claim(
            "Policy " + rules.name() + " section 7.3: " + rule.replaceFirst("^\\d+\\.\\s*", ""),
            policy,
            ruleId,
            CompanyData.DB_AUDIT,
            dbAudit);
    List<String> keys = new ArrayList<>();
    for (JsonNode t : ctx.tickets().values()) {
      if (labels(t).contains("ddl") && (database == null || text(t).contains(database))) {
        keys.add(t.path("key").asText());
        ctx.cite()
            .claim(
                t.path("key").asText()
                    + ": "
                    + t.path("summary").asText()
                    + ". "
                    + t.path("description").asText(),
                t.path("key").asText());
        compliant = false;
      }
    }
    if (statements.isEmpty() && keys.isEmpty()) {
      ctx.findings().unknown("compliant", "no Gatekeeper DDL event or AUD record was retrieved");
      return;
    }
    verdict(ctx, rules, compliant, keys.isEmpty() ? List.of() : keys);
  }

  private Optional<String> approvedChange(Ctx ctx, String database, Instant when) {
    for (JsonNode t : ctx.tickets().values()) {
      String status = t.path("status").asText();
      if (t.path("project").asText().equals("CHG")
          && text(t).contains(database)
          && (status.equals("Approved") || status.equals("Scheduled") || status.equals("Done"))
          && text(t).contains(Sources.date(when))) {
        return Optional.of(t.path("key").asText());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> ownerService(String database) {
    for (JsonNode db : CompanyData.yaml(CompanyData.DB_AUDIT).path("databases")) {
      if (db.path("name").asText().equals(database)) {
        String team = db.path("owner_team").asText();
        JsonNode services = CompanyData.yaml(CompanyData.ONCALL).path("team_services").path(team);
        return services.size() == 0 ? Optional.empty() : Optional.of(services.get(0).asText());
      }
    }
    return Optional.empty();
  }

  // ---- restricted database session (policy §7.2)

  private void session(Ctx ctx) {
    JsonNode open = null;
    JsonNode close = null;
    for (JsonNode e : ctx.events()) {
      String m = e.path("message").asText();
      Matcher o = SESSION_OPEN.matcher(m);
      if (open == null
          && o.find()
          && (ctx.input().database() == null || o.group(1).equals(ctx.input().database()))) {
        open = e;
      }
      Matcher c = SESSION_CLOSE.matcher(m);
      if (open != null && close == null && c.find()) {
        close = e;
      }
    }
    if (open == null) {
      ctx.findings().unknown("compliant", "no Gatekeeper session event was retrieved");
      return;
    }
    Matcher o = SESSION_OPEN.matcher(open.path("message").asText());
    o.find();
    String db = o.group(1);
    boolean readWrite = o.group(2).equals("read-write");
    List<String> approvers = List.of(o.group(3).split("\\s*,\\s*"));
    Instant opened = Sources.instant(open.path("timestamp").asText()).orElseThrow();
    OperationsRules rules = OperationsRules.at(opened);
    String policy = rules.document();
    JsonNode dbNode = null;
    for (JsonNode d : CompanyData.yaml(CompanyData.DB_AUDIT).path("databases")) {
      if (d.path("name").asText().equals(db)) {
        dbNode = d;
      }
    }
    List<String> twoPerson = new ArrayList<>();
    rules.audit("two_person_databases").forEach(n -> twoPerson.add(n.asText()));
    boolean restricted = twoPerson.contains(db);
    String em = dbNode == null ? null : dbNode.path("owning_em").asText(null);
    Optional<Rota.Week> week = rota.weekAt(opened);
    String dbre = week.map(Rota.Week::dbre).orElse(null);
    ctx.cite()
        .claim(
            "Gatekeeper, " + Sources.hhmm(opened) + ": " + open.path("message").asText(),
            Sources.eventId(open),
            eventTime(ctx, open));
    long minutes;
    if (close != null) {
      Matcher c = SESSION_CLOSE.matcher(close.path("message").asText());
      c.find();
      minutes = Long.parseLong(c.group(2));
      ctx.cite()
          .claim(
              "Gatekeeper, "
                  + Sources.hhmm(Sources.instant(close.path("timestamp").asText()).orElseThrow())
                  + ": "
                  + close.path("message").asText(),
              Sources.eventId(close),
              eventTime(ctx, close));
    } else {
      ctx.findings().unknown("compliant", "the session's end was not retrieved");
      return;
    }
    int max = rules.audit("max_session").path("minutes").asInt();
    boolean twoOk =
        !readWrite || !restricted || (approvers.contains(dbre) && approvers.contains(em));
    boolean lengthOk = minutes <= max;
    String weekId =
        week.map(w -> ctx.cite().quote(Rota.PATH, w.weekOf().toString(), rota.weekText(w, null)))
            .orElse(null);
    String dbId =
        ctx.cite()
            .quote(
                CompanyData.DB_AUDIT,
                db,
                "max_session: PT60M; audit_log: retention: P400D (400 days), write-once\nname: "
                    + db
                    + "; restricted: "
                    + (dbNode != null && dbNode.path("restricted").asBoolean())
                    + "; owning_em: "
                    + em
                    + "; read_write_approvals: [dbre_oncall, owning_em] (two-person rule)");
    String rule =
        Sources.quote(
            policy,
            "7",
            l ->
                l.contains("Database access")
                    || l.contains("sessions last")
                    || l.contains("two-person")
                    || l.contains("audit logs"));
    String ruleId = ctx.cite().quote(policy, "7.2", rule);
    if (restricted && readWrite) {
      ctx.cite()
          .claim(
              db
                  + " is a restricted database: read-write access needs two-person approval, the"
                  + " DBRE on-call ("
                  + dbre
                  + " in the rota week"
                  + week.map(w -> " of " + w.weekOf()).orElse("")
                  + ") and the owning engineering manager ("
                  + em
                  + "); the session was approved by "
                  + String.join(" and ", approvers)
                  + (twoOk ? ": two-person rule met." : ": two-person rule not met."),
              policy,
              ruleId,
              CompanyData.DB_AUDIT,
              dbId,
              Rota.PATH,
              weekId,
              Sources.eventId(open));
    }
    String d =
        ctx.cite()
            .derived(
                "session/" + db,
                "session "
                    + minutes
                    + " minutes; maximum "
                    + rules.audit("max_session").path("as_written").asText());
    ctx.cite()
        .claim(
            "The session lasted "
                + minutes
                + " minutes, "
                + (lengthOk ? "within" : "beyond")
                + " the "
                + rules.audit("max_session").path("as_written").asText()
                + " maximum; every statement is logged and audit logs are kept "
                + rules.audit("audit_log_retention").path("as_written").asText()
                + ", write-once.",
            d,
            policy,
            ruleId,
            CompanyData.DB_AUDIT,
            dbId);
    for (JsonNode t : ctx.tickets().values()) {
      if (t.path("project").asText().equals("AUD")
          && text(t).contains(db)
          && text(t).toLowerCase(Locale.ROOT).contains("session")) {
        ctx.cite()
            .claim(
                t.path("key").asText() + ": " + t.path("description").asText(),
                t.path("key").asText());
      }
    }
    verdict(ctx, rules, twoOk && lengthOk, List.of());
  }

  // ---- acknowledgement time (policy §2)

  private void acknowledgement(Ctx ctx) {
    JsonNode inc = ctx.tickets().get(ctx.input().incident());
    if (inc == null) {
      ctx.findings()
          .unknown("compliant", "the incident " + ctx.input().incident() + " was not retrieved");
      return;
    }
    String key = inc.path("key").asText();
    Instant declared = Sources.instant(inc.path("created").asText()).orElseThrow();
    String description = inc.path("description").asText();
    Optional<Instant> ack = Sources.timeAfter(description, "acknowledged", declared);
    if (ack.isEmpty()) {
      ctx.findings().unknown("compliant", key + " does not record when it was acknowledged");
      return;
    }
    if (ack.get().isBefore(declared)) {
      ack = Optional.of(ack.get().plus(Duration.ofDays(1)));
    }
    String severity =
        ctx.input().severity() != null
            ? ctx.input().severity().toUpperCase(Locale.ROOT)
            : inc.path("severity").asText();
    OperationsRules rules = OperationsRules.at(declared);
    OperationsRules current = OperationsRules.version("v2");
    long minutes = Duration.between(declared, ack.get()).toMinutes();
    int limit = rules.severity(severity).acknowledgeMinutes();
    boolean compliant = minutes <= limit;
    String d =
        ctx.cite()
            .derived(
                "acknowledgement/" + key,
                "declared "
                    + Sources.date(declared)
                    + " "
                    + Sources.hhmm(declared)
                    + ", acknowledged "
                    + Sources.hhmm(ack.get())
                    + ": "
                    + minutes
                    + " minutes; "
                    + severity
                    + " limit under "
                    + rules.name()
                    + ": "
                    + rules.severity(severity).acknowledgeAsWritten());
    ctx.cite()
        .claim(
            key
                + " ("
                + severity
                + ") was declared at "
                + Sources.hhmm(declared)
                + " on "
                + Sources.date(declared)
                + " and acknowledged at "
                + Sources.hhmm(ack.get())
                + ": "
                + minutes
                + " minutes.",
            key,
            d);
    String row = Sources.quote(rules.document(), "2", l -> l.startsWith(severity + " |"));
    String rowId = ctx.cite().quote(rules.document(), "2-" + severity, row);
    ctx.cite()
        .claim(
            "Policy "
                + rules.name()
                + ", in force on "
                + Sources.date(declared)
                + ", allows "
                + rules.severity(severity).acknowledgeAsWritten()
                + " to acknowledge a "
                + severity
                + ": "
                + minutes
                + " minutes is "
                + (compliant ? "within policy." : "a breach."),
            rules.document(),
            rowId,
            d);
    if (!rules.name().equals(current.name())) {
      String gov =
          Sources.quote(GOVERNANCE, "1", l -> l.contains("judged") || l.contains("in force from"));
      String govId = ctx.cite().quote(GOVERNANCE, "1", gov);
      String changed =
          Sources.quote(
              current.document(),
              "8",
              l -> l.startsWith(severity + " acknowledge") || l.startsWith("topic |"));
      String changedId = ctx.cite().quote(current.document(), "8-" + severity, changed);
      ctx.cite()
          .claim(
              "Policy "
                  + current.name()
                  + " took effect on "
                  + current.effectiveFrom()
                  + " and cut the "
                  + severity
                  + " acknowledgement to "
                  + current.severity(severity).acknowledgeAsWritten()
                  + "; events are judged by the policy in force when they happened, here "
                  + rules.name()
                  + ".",
              current.document(),
              changedId,
              GOVERNANCE,
              govId);
    }
    verdict(ctx, rules, compliant, compliant ? List.of() : List.of(key));
  }

  // ---- shared

  /** A log event's time as people write it, for claims that quote the event. */
  private static String eventTime(Ctx ctx, JsonNode event) {
    Instant at = Sources.instant(event.path("timestamp").asText()).orElseThrow();
    return ctx.cite()
        .derived(
            "event/" + event.path("timestamp").asText(),
            "logged "
                + OperationsRules.dayName(at.atZone(java.time.ZoneOffset.UTC).getDayOfWeek())
                + " "
                + Sources.date(at)
                + " "
                + Sources.hhmm(at)
                + " UTC");
  }

  /** Sets the fields: compliant, the AUD finding of a non-compliant event, the version in force. */
  private void verdict(Ctx ctx, OperationsRules rules, boolean compliant, List<String> subjects) {
    ctx.findings().field("compliant", compliant);
    if (!rules.name().equals("v2")) {
      ctx.findings().field("policy_version", rules.name());
    }
    if (!compliant) {
      Optional<String> finding = Optional.empty();
      for (JsonNode t : ctx.tickets().values()) {
        if (!t.path("project").asText().equals("AUD")) {
          continue;
        }
        String key = t.path("key").asText();
        boolean about =
            subjects.contains(key) || subjects.stream().anyMatch(s -> text(t).contains(s));
        if (about && (labels(t).contains("finding") || text(t).startsWith("Finding"))) {
          finding = Optional.of(key);
          break;
        }
      }
      if (finding.isPresent()) {
        ctx.findings().field("finding", finding.get());
        ctx.cite()
            .claim(
                "Not compliant: the finding is recorded in " + finding.get() + ".", finding.get());
      } else {
        String rule = Sources.quote(rules.document(), "7", l -> l.contains("Findings"));
        String ruleId = ctx.cite().quote(rules.document(), "7.6", rule);
        ctx.cite()
            .claim(
                "Not compliant, and no AUD finding records it yet: file one (policy "
                    + rules.name()
                    + " section 7.6: "
                    + rule.replaceFirst("^\\d+\\.\\s*", "")
                    + ").",
                rules.document(),
                ruleId);
      }
    } else {
      ctx.cite().claim("Compliant with policy " + rules.name() + ".", rules.document());
    }
  }

  private static boolean inPeriod(Ctx ctx, LocalDate date) {
    Instant at = date.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    Instant from = ctx.start().orElse(Instant.MIN);
    Instant to =
        ctx.end().orElse(ctx.start().map(s -> s.plus(Duration.ofDays(92))).orElse(Instant.MAX));
    return !at.isBefore(from.minus(Duration.ofDays(1))) && !at.isAfter(to);
  }

  private static String text(JsonNode ticket) {
    return ticket == null
        ? ""
        : ticket.path("summary").asText("") + " " + ticket.path("description").asText("");
  }

  private static Set<String> labels(JsonNode ticket) {
    Set<String> labels = new LinkedHashSet<>();
    if (ticket != null) {
      ticket.path("labels").forEach(l -> labels.add(l.asText()));
    }
    return labels;
  }
}
