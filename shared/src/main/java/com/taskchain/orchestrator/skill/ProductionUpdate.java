package com.taskchain.orchestrator.skill;

import com.taskchain.orchestrator.answer.Findings;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What is going on in production at a time: the incidents open then (severity, service, what their
 * tickets said by then) with the changes involved, those resolved within the period, the RAG
 * status, the update cadence the policy in force sets for them and when the next update is due.
 */
final class ProductionUpdate {
  /**
   * The longest period whose resolved incidents the update lists one by one; a longer period is a
   * summary, which {@code count_incidents} writes.
   */
  static final Duration LISTS_RESOLVED_UP_TO = Duration.ofDays(7);

  private ProductionUpdate() {}

  static void write(SummarizeStatus.Input input, UpdateEvidence evidence, Findings.Builder out) {
    Optional<Instant> when = input.at().or(input::end).or(evidence::now);
    if (when.isEmpty()) {
      out.unknown(
          "status",
          "no time was given and no Jira ticket was found: production's state is unknown");
      return;
    }
    if (evidence.tickets.isEmpty()) {
      out.unknown("status", "no Jira ticket was found in this run: open incidents are unknown");
      return;
    }
    Instant at = when.get();
    List<IncidentTimeline> incidents = evidence.incidents();
    List<IncidentTimeline> open =
        incidents.stream()
            .filter(i -> i.openAt(at))
            .sorted(
                Comparator.comparing((IncidentTimeline i) -> i.ticket().severity())
                    .thenComparing(IncidentTimeline::declared))
            .toList();
    CompanyDocument policy = Policies.at(at);
    String version = Policies.version(policy);

    String list =
        open.stream()
            .map(
                i ->
                    i.ticket().key()
                        + " ("
                        + i.ticket().severity()
                        + ", "
                        + i.ticket().service()
                        + ")")
            .reduce((a, b) -> a + ", " + b)
            .orElse("");
    String summary =
        open.isEmpty()
            ? "No incident was open in production at " + Text.dateTime(at) + "."
            : "At "
                + Text.dateTime(at)
                + ", "
                + open.size()
                + (open.size() == 1 ? " incident is" : " incidents are")
                + " open in production: "
                + list
                + ".";
    String summaryId = out.evidence("derived/production/" + Text.date(at), "derived", summary);
    List<String> cites = new ArrayList<>(List.of(summaryId));
    open.forEach(i -> cites.add(i.ticket().key()));
    UpdateEvidence.claim(out, summary, evidence.cites(cites.toArray(String[]::new)));

    RagJudgement.Verdict verdict =
        RagJudgement.judge(
            evidence.rules,
            new RagJudgement.Signals(at, incidents, List.of(), List.of(), List.of()));
    out.field("status", verdict.status().wire());
    String statusText =
        "Status: "
            + verdict.status().wire()
            + " ("
            + evidence.rules.rag().get(verdict.status())
            + ")"
            + (verdict.because().isEmpty()
                ? ": no P1 or P2 incident was open at " + Text.dateTime(at) + "."
                : ": " + String.join("; ", verdict.because()) + ".");
    String statusId = out.evidence("derived/production/status", "derived", statusText);
    UpdateEvidence.claim(out, statusText, evidence.cites(UpdateEvidence.GOVERNANCE, statusId));

    for (IncidentTimeline incident : open) {
      JiraTicket t = incident.ticket();
      UpdateEvidence.claim(
          out,
          t.key()
              + " — "
              + t.severity()
              + ", "
              + t.service()
              + ", declared "
              + Text.time(incident.declared())
              + " UTC"
              + (incident.mitigatedAt(at) ? ", mitigated" : ", not yet mitigated")
              + ": "
              + Text.sentence(t.summary())
              + " "
              + String.join(" ", incident.sentencesKnownAt(at)),
          evidence.cites(t.key()));
      for (JiraTicket change : evidence.tickets) {
        boolean linked = change.mentions(t.key()) || t.mentions(change.key());
        if (linked
            && !change.created().isAfter(at)
            && !change.isIncident(evidence.rules.incidentProject())) {
          UpdateEvidence.claim(
              out,
              change.key()
                  + " ("
                  + change.status()
                  + "), involved in "
                  + t.key()
                  + ": "
                  + Text.sentence(change.summary())
                  + " "
                  + change.description(),
              evidence.cites(change.key(), t.key()));
        }
      }
    }

    input
        .start()
        .filter(start -> !start.plus(LISTS_RESOLVED_UP_TO).isBefore(at))
        .ifPresent(
            start -> {
              for (IncidentTimeline incident : incidents) {
                boolean inPeriod =
                    !incident.declared().isBefore(start) && !incident.declared().isAfter(at);
                if (inPeriod && incident.resolvedAt(at)) {
                  UpdateEvidence.claim(
                      out,
                      "Resolved during the period: "
                          + incident.ticket().key()
                          + " ("
                          + incident.ticket().severity()
                          + ", "
                          + incident.ticket().service()
                          + "): "
                          + Text.sentence(incident.ticket().summary()),
                      evidence.cites(incident.ticket().key()));
                }
              }
            });

    Optional<Duration> shortest = Optional.empty();
    List<String> cadences = new ArrayList<>();
    for (String severity : open.stream().map(i -> i.ticket().severity()).distinct().toList()) {
      Optional<ExecutiveRules.Cadence> cadence = evidence.rules.cadence(version, severity);
      if (cadence.isPresent()) {
        cadences.add(
            severity + ": " + cadence.get().channel() + ", " + Text.plain(cadence.get().quote()));
        Duration every = Duration.ofMinutes(cadence.get().everyMinutes());
        shortest = shortest.filter(s -> s.compareTo(every) <= 0).or(() -> Optional.of(every));
      }
    }
    if (shortest.isPresent()) {
      Instant next = at.plus(shortest.get());
      String text =
          "Update cadence (policy "
              + version
              + " §3) — "
              + String.join("; ", cadences)
              + ". The next update is due at "
              + Text.dateTime(next)
              + " ("
              + Text.time(at)
              + " + "
              + shortest.get().toMinutes()
              + " minutes).";
      String id = out.evidence("derived/production/next-update", "derived", text);
      UpdateEvidence.claim(out, text, evidence.cites(policy.path(), id));
    }
  }
}
