package com.taskchain.orchestrator.skill;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.answer.Findings;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.skill.internal.Citations;
import com.taskchain.orchestrator.skill.internal.Sources;
import com.taskchain.orchestrator.tool.EvidenceTool;
import com.taskchain.orchestrator.tool.Upstream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code resolve_escalation}: who must be paged or informed for an incident, and when, from the
 * rota week in force at the declaration ({@link Rota}) and the acknowledge and escalation timings
 * of the policy version in force then ({@link OperationsRules}). With an {@code as_of} time it
 * answers "who do we page now" (every step due by then that the incident's state still calls for)
 * and the next step; without one, the first person to escalate to and the one after. Security
 * incidents page the CISO at declaration and move to the security channel; ledger integrity
 * incidents page the Ledger EM at declaration and inform the Finance Controller within 60 minutes.
 *
 * <p>Pure over its input and upstream; thread-safe.
 */
public final class ResolveEscalation implements EvidenceTool<ResolveEscalation.Input, Findings> {
  public static final String NAME = "resolve_escalation";

  /**
   * The arguments.
   *
   * @param service the affected service
   * @param severity P1–P3, when known (else from an upstream severity finding or the ticket)
   * @param declaredAt when the incident was declared (else the ticket's creation)
   * @param asOf the time the question is asked at, if any
   * @param incident the INC ticket key, if any
   * @param suspectedSecurity whether a security incident is suspected
   * @param ledgerIntegrity whether the incident is a ledger integrity problem
   */
  @JsonClassDescription("Arguments of resolve_escalation.")
  public record Input(
      @JsonPropertyDescription("Service id, e.g. webhook-dispatcher.") String service,
      @JsonPropertyDescription("Optional: P1, P2 or P3.") String severity,
      @JsonProperty("declared_at") @JsonPropertyDescription("Optional: ISO-8601 declaration time.")
          String declaredAt,
      @JsonProperty("as_of") @JsonPropertyDescription("Optional: ISO-8601 time of the question.")
          String asOf,
      @JsonPropertyDescription("Optional: INC ticket key.") String incident,
      @JsonProperty("suspected_security")
          @JsonPropertyDescription("Optional: a security incident is suspected.")
          Boolean suspectedSecurity,
      @JsonProperty("ledger_integrity")
          @JsonPropertyDescription("Optional: a ledger integrity problem.")
          Boolean ledgerIntegrity) {}

  private final Rota rota;

  public ResolveEscalation() {
    this(Rota.company());
  }

  ResolveEscalation(Rota rota) {
    this.rota = rota;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Resolves who to page or inform for an incident and when, from the on-call rota at the"
        + " declaration time and the escalation timings of the policy in force.";
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Class<Findings> outputType() {
    return Findings.class;
  }

  /** One person to page or inform, at a time. */
  private record Page(String role, String name, Instant at, OperationsRules.Step step) {}

  @Override
  public Findings call(Input input, Upstream upstream) {
    Findings.Builder findings = Findings.builder(NAME);
    Map<String, JsonNode> tickets = Sources.tickets(upstream);
    Set<String> retrieved = new LinkedHashSet<>(tickets.keySet());
    Citations cite = new Citations(findings, Sources.fetched(upstream), retrieved);
    JsonNode ticket = input.incident() == null ? null : tickets.get(input.incident());
    String description = ticket == null ? "" : ticket.path("description").asText("");
    String service =
        input.service() != null
            ? input.service()
            : ticket == null ? null : ticket.path("service").asText(null);

    boolean security =
        Boolean.TRUE.equals(input.suspectedSecurity())
            || (ticket != null && labels(ticket).contains("security"));
    boolean ledger =
        Boolean.TRUE.equals(input.ledgerIntegrity())
            || (ticket != null
                && (labels(ticket).contains("ledger-integrity")
                    || description.toLowerCase(Locale.ROOT).contains("reconciliation mismatch")));

    Optional<Instant> declared = Sources.instant(input.declaredAt());
    if (declared.isEmpty() && ticket != null) {
      declared = Sources.instant(ticket.path("created").asText());
    }
    Optional<String> severity =
        Optional.ofNullable(input.severity())
            .filter(s -> s.matches("(?i)P[1-3]"))
            .or(() -> Sources.findingsField(upstream, "severity"))
            .or(
                () ->
                    Optional.ofNullable(
                        ticket == null ? null : ticket.path("severity").asText(null)))
            .or(() -> security || ledger ? Optional.of("P1") : Optional.empty())
            .map(s -> s.toUpperCase(Locale.ROOT));
    if (severity.isEmpty()) {
      findings.unknown("severity", "no severity in the task, its ticket or an upstream assessment");
      findings.unknown("escalate_to", "the escalation timings depend on the severity");
      return findings.build();
    }
    findings.field("severity", severity.get());
    if (declared.isEmpty()) {
      findings.unknown("escalate_to", "no declaration time in the task or its ticket");
      return findings.build();
    }
    Instant at = declared.get();
    OperationsRules rules = OperationsRules.at(at);
    OperationsRules.Severity timings = rules.severity(severity.get());
    String policy = rules.document();
    Optional<String> team = service == null ? Optional.empty() : rota.teamOf(service);
    Optional<Rota.Week> week = rota.weekAt(at);
    if (week.isEmpty() || team.isEmpty()) {
      findings.unknown(
          "escalate_to",
          week.isEmpty()
              ? "the rota in tool_configs/oncall.yaml does not cover " + Sources.date(at)
              : "no owning team for service " + service + " in tool_configs/oncall.yaml");
      return findings.build();
    }
    Rota.Pair pair = week.get().teams().get(team.get());
    String em = rota.engineeringManager(team.get()).orElse("the owning engineering manager");
    String weekId =
        cite.quote(
            Rota.PATH, week.get().weekOf().toString(), rota.weekText(week.get(), team.get()));
    String policySeverity =
        cite.quote(
            policy,
            "2-" + severity.get(),
            Sources.quote(
                policy,
                "2",
                l -> l.startsWith(severity.get() + " |") || l.startsWith("severity |")));

    // The incident and its declaration.
    String declaredId =
        cite.derived(
            "declared",
            (input.incident() == null ? "incident" : input.incident())
                + " declared "
                + Sources.date(at)
                + " "
                + Sources.hhmm(at)
                + " UTC ("
                + severity.get()
                + ", service "
                + service
                + ", team "
                + team.get()
                + ")");
    cite.claim(
        (input.incident() == null ? "The incident" : input.incident())
            + " ("
            + severity.get()
            + ", "
            + service
            + ") was declared at "
            + Sources.hhmm(at)
            + " on "
            + Sources.date(at)
            + "; policy "
            + rules.name()
            + " applies.",
        declaredId,
        input.incident(),
        policy);
    cite.claim(
        "On call in the rota week of "
            + week.get().weekOf()
            + " (hand-over Monday "
            + rota.handover()
            + " UTC): primary "
            + pair.primary()
            + ", secondary (backup) "
            + pair.secondary()
            + "; SRE incident commander "
            + week.get().sreIc()
            + "; owning engineering manager "
            + em
            + ".",
        Rota.PATH,
        weekId);

    // The schedule of the severity.
    List<Page> schedule = new ArrayList<>();
    for (OperationsRules.Step step : timings.steps()) {
      Instant when =
          step.businessDays() > 0
              ? rules.calendar().plusBusinessDays(at, step.businessDays())
              : at.plus(Duration.ofMinutes(step.minutes()));
      schedule.add(new Page(step.role(), person(step.role(), pair, week.get(), em), when, step));
    }
    schedule.sort((a, b) -> a.at().compareTo(b.at()));

    String ackText = "acknowledge within " + timings.acknowledgeAsWritten();
    if (severity.get().equals("P3")) {
      Instant ackBy = rules.calendar().plusBusinessHours(at, 4);
      String d =
          cite.derived(
              "acknowledge",
              "declared "
                  + Sources.date(at)
                  + " "
                  + Sources.hhmm(at)
                  + " + "
                  + timings.acknowledgeAsWritten()
                  + " (business hours 09:00–17:00 Mon–Fri) = "
                  + Sources.date(ackBy)
                  + " "
                  + Sources.hhmm(ackBy));
      cite.claim(
          "A P3 must be acknowledged within "
              + timings.acknowledgeAsWritten()
              + " (09:00–17:00 Mon–Fri), i.e. by "
              + Sources.hhmm(ackBy)
              + " on "
              + Sources.date(ackBy)
              + "; no paging: if it is not acknowledged, the ticket is reassigned to the secondary "
              + pair.secondary()
              + ".",
          policy,
          policySeverity,
          d,
          weekId);
    } else {
      Instant ackBy = at.plus(Duration.ofMinutes(timings.acknowledgeMinutes()));
      String d =
          cite.derived(
              "acknowledge",
              "declared "
                  + Sources.hhmm(at)
                  + " + "
                  + timings.acknowledgeAsWritten()
                  + " = "
                  + Sources.hhmm(ackBy)
                  + " (policy "
                  + rules.name()
                  + " §2, "
                  + severity.get()
                  + ")");
      cite.claim(
          "A "
              + severity.get()
              + " must be acknowledged within "
              + timings.acknowledgeAsWritten()
              + " (by "
              + Sources.hhmm(ackBy)
              + ")"
              + (timings.incidentCommander().isEmpty()
                  ? "; the SRE incident commander of the week is " + week.get().sreIc() + "."
                  : "; the incident commander, the SRE IC "
                      + week.get().sreIc()
                      + ", is "
                      + timings.incidentCommander()
                      + "."),
          policy,
          policySeverity,
          d,
          weekId);
    }

    Optional<Instant> asOf = Sources.instant(input.asOf());
    Optional<Instant> acknowledged =
        description.toLowerCase(Locale.ROOT).contains("not acknowledged")
            ? Optional.empty()
            : Sources.timeAfter(description, "acknowledged", at);
    if (acknowledged.isPresent()) {
      cite.claim(
          "The ticket records the acknowledgement at "
              + Sources.hhmm(acknowledged.get())
              + (asOf.isPresent() ? ", so the not-acknowledged steps were not needed." : "."),
          input.incident());
    }

    List<Page> active = new ArrayList<>();
    for (Page page : schedule) {
      String derivation =
          cite.derived(
              page.role(),
              "declared "
                  + (page.step().businessDays() > 0 ? Sources.date(at) + " " : "")
                  + Sources.hhmm(at)
                  + " + "
                  + page.step().delay()
                  + " ("
                  + severity.get()
                  + ", "
                  + page.step().when().replace('_', ' ')
                  + ", policy "
                  + rules.name()
                  + " §2) = "
                  + Sources.time(page.at(), at)
                  + (page.step().businessDays() > 0 ? " (" + Sources.date(page.at()) + ")" : "")
                  + ": "
                  + page.role().replace('_', ' ')
                  + " "
                  + page.name());
      // Without a time of question the answer describes the whole chain; with one, a step the
      // acknowledgement made unnecessary is left out.
      boolean skipped =
          asOf.isPresent()
              && page.step().when().equals("not_acknowledged")
              && acknowledged.isPresent()
              && !acknowledged.get().isAfter(page.at());
      String when =
          switch (page.step().when()) {
            case "not_acknowledged" -> "if not acknowledged";
            case "not_resolved" -> "if still unresolved";
            default -> "while not mitigated";
          };
      cite.claim(
          capital(title(page.role()))
              + " "
              + page.name()
              + ": "
              + (page.step().businessDays() > 0
                  ? "on " + Sources.date(page.at()) + " at " + Sources.hhmm(page.at())
                  : "at " + Sources.time(page.at(), at))
              + " ("
              + page.step().delay()
              + " after declaration, "
              + when
              + ")"
              + (skipped ? " — not needed, acknowledged before." : "."),
          policy,
          derivation,
          policySeverity,
          isFixed(page.role()) ? Rota.PATH : weekId);
      if (!skipped) {
        active.add(page);
      }
    }
    List<Page> due = new ArrayList<>();
    Page next = null;
    for (Page page : active) {
      boolean isDue = asOf.isPresent() ? !page.at().isAfter(asOf.get()) : due.isEmpty();
      if (isDue) {
        due.add(page);
      } else if (next == null) {
        next = page;
      }
    }

    if (timings.executiveSummaryMinutes() > 0) {
      Instant by = at.plus(Duration.ofMinutes(timings.executiveSummaryMinutes()));
      String d =
          cite.derived(
              "executive-summary",
              "declared "
                  + Sources.hhmm(at)
                  + " + "
                  + timings.executiveSummaryAsWritten()
                  + " = "
                  + Sources.time(by, at)
                  + ": first executive summary in #exec-updates");
      cite.claim(
          "First executive summary in #exec-updates within "
              + timings.executiveSummaryAsWritten()
              + " of declaration, by "
              + Sources.time(by, at)
              + ".",
          policy,
          d,
          policySeverity);
    }

    List<String> escalateTo = new ArrayList<>();
    String channel;
    String team0 = team.get();
    String slackLines = slackLines();
    String slackId = cite.quote(CompanyData.SLACK, "channels", slackLines);
    String policyChannels =
        cite.quote(
            policy,
            "3-" + severity.get(),
            Sources.quote(policy, "3", l -> l.startsWith(severity.get() + " |")));
    if (security) {
      Rota.SpecialPaging ciso = rota.security();
      escalateTo.add(ciso.name());
      channel = ciso.channel();
      String p1Text =
          Sources.quote(
              policy, "P1", l -> l.toLowerCase(Locale.ROOT).contains("security incident"));
      String p1 = cite.quote(policy, "1-security", p1Text);
      String special =
          cite.quote(
              policy,
              "2-security",
              Sources.quote(policy, "2", l -> l.contains("Security incident")));
      for (String line : p1Text.split("\n")) {
        cite.claim(
            "P1 criterion (policy " + rules.name() + " §1): " + line.replaceFirst("^-\\s*", ""),
            policy,
            p1);
      }
      cite.claim(
          "Security incident: page the CISO "
              + ciso.name()
              + " at declaration ("
              + Sources.hhmm(at)
              + "), whatever the severity clocks say; coordination moves to "
              + ciso.channel()
              + ".",
          policy,
          special,
          declaredId,
          slackId);
      runbook(
          service,
          cite,
          l ->
              l.toLowerCase(Locale.ROOT).contains("credential")
                  || l.toLowerCase(Locale.ROOT).contains("security"));
    } else if (ledger) {
      List<Rota.SpecialPaging> people = rota.ledgerIntegrity();
      Instant informBy = at.plus(Duration.ofMinutes(60));
      String special =
          cite.quote(
              policy, "2-ledger", Sources.quote(policy, "2", l -> l.contains("Ledger integrity")));
      String d =
          cite.derived(
              "finance-controller",
              "declared "
                  + Sources.hhmm(at)
                  + " + 60 minutes = "
                  + Sources.hhmm(informBy)
                  + ": inform the Finance Controller "
                  + people.get(1).name());
      escalateTo.add(people.get(0).name());
      escalateTo.add(people.get(1).name());
      channel = timings.channels().get(0);
      cite.claim(
          "Ledger integrity (always P1): page the Ledger & Settlement EM "
              + people.get(0).name()
              + " at declaration ("
              + Sources.hhmm(at)
              + "), and inform the Finance Controller "
              + people.get(1).name()
              + " within 60 minutes, by "
              + Sources.hhmm(informBy)
              + ".",
          policy,
          special,
          d,
          declaredId);
      runbook(service, cite, l -> l.contains("Finance Controller") || l.contains("at declaration"));
    } else {
      for (Page page : due) {
        if (!escalateTo.contains(page.name())) {
          escalateTo.add(page.name());
        }
      }
      if (asOf.isPresent() && escalateTo.isEmpty()) {
        escalateTo.add(pair.primary());
      }
      channel =
          timings.channels().get(0).equals("team")
              ? teamChannel(team0).orElse("the owning team's channel")
              : timings.channels().get(0);
      if (asOf.isPresent()) {
        long elapsed = Duration.between(at, asOf.get()).toMinutes();
        String d =
            cite.derived(
                "as-of",
                "as of "
                    + Sources.time(asOf.get(), at)
                    + ": "
                    + elapsed
                    + " minutes after the declaration at "
                    + Sources.hhmm(at)
                    + "; due: "
                    + String.join(", ", escalateTo));
        cite.claim(
            "At "
                + Sources.time(asOf.get(), at)
                + " ("
                + elapsed
                + " minutes after declaration) page now: "
                + String.join(", ", escalateTo)
                + ".",
            d,
            weekId,
            policy);
      }
    }
    if (next != null) {
      findings.field("next_escalation", next.name());
      String d =
          cite.derived(
              "next",
              "next: "
                  + next.role().replace('_', ' ')
                  + " "
                  + next.name()
                  + " at "
                  + Sources.time(next.at(), at)
                  + " (declared "
                  + Sources.hhmm(at)
                  + " + "
                  + next.step().delay()
                  + ")");
      cite.claim(
          "Next, if still not "
              + (next.step().when().equals("not_resolved") ? "resolved" : "mitigated")
              + ": "
              + title(next.role())
              + " "
              + next.name()
              + " at "
              + Sources.time(next.at(), at)
              + ".",
          d,
          policy,
          isFixed(next.role()) ? Rota.PATH : weekId);
    }
    findings.field(
        "escalate_to",
        escalateTo.size() == 1 ? Json.tree(escalateTo.get(0)) : Json.tree(escalateTo));
    findings.field("channel", channel);

    String channelText =
        severity.get().equals("P3")
            ? "Updates " + timings.cadence() + " in " + channel + " until resolved (policy §3)."
            : "Coordinate in "
                + String.join(" and ", timings.channels())
                + "; updates "
                + timings.cadence()
                + ".";
    cite.claim(channelText, policy, policyChannels, slackId);
    return findings.build();
  }

  private static boolean isFixed(String role) {
    return role.equals("head_of_sre") || role.equals("vp_engineering") || role.equals("cto");
  }

  private String person(String role, Rota.Pair pair, Rota.Week week, String em) {
    return switch (role) {
      case "secondary" -> pair.secondary();
      case "primary" -> pair.primary();
      case "sre_ic" -> week.sreIc();
      case "engineering_manager" -> em;
      default -> rota.fixedRole(role).orElse(role);
    };
  }

  private static String title(String role) {
    return switch (role) {
      case "secondary" -> "the team's secondary";
      case "primary" -> "the team's primary";
      case "sre_ic" -> "the SRE incident commander";
      case "engineering_manager" -> "the owning engineering manager";
      case "head_of_sre" -> "Head of SRE";
      case "vp_engineering" -> "VP Engineering";
      default -> role.replace('_', ' ');
    };
  }

  private static String capital(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static Set<String> labels(JsonNode ticket) {
    Set<String> labels = new LinkedHashSet<>();
    ticket.path("labels").forEach(l -> labels.add(l.asText()));
    return labels;
  }

  private static String slackLines() {
    return Sources.lines(
        CompanyData.SLACK,
        l -> l.contains("name: \"#") || l.contains("purpose:") || l.contains(": \"#team-"));
  }

  private static Optional<String> teamChannel(String team) {
    JsonNode channel = CompanyData.yaml(CompanyData.SLACK).path("team_channels").path(team);
    return channel.isTextual() ? Optional.of(channel.asText()) : Optional.empty();
  }

  private static void runbook(
      String service, Citations cite, java.util.function.Predicate<String> keep) {
    if (service == null) {
      return;
    }
    String path = "runbooks/" + service + ".md";
    String text;
    try {
      text = Sources.lines(path, keep);
    } catch (IllegalArgumentException e) {
      return;
    }
    if (text.isBlank()) {
      return;
    }
    String id = cite.quote(path, "escalation", text);
    for (String line : text.split("\n")) {
      cite.claim("Runbook: " + line.replaceFirst("^[-\\d.\\s]+", ""), path, id);
    }
  }
}
