package com.taskchain.orchestrator.skill;

import com.taskchain.orchestrator.answer.Findings;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The executive summary of one incident: what it is and its state at the time of the update, the
 * RAG status, the impact as its ticket states it (only what was known by then), the related
 * tickets, the next step (the runbook's mitigation while it is not resolved), and the communication
 * duties of the policy in force at its declaration: the P1 executive notice, who else is told, and
 * the next update.
 */
final class IncidentUpdate {
  private static final Set<String> STOP_WORDS =
      Set.of(
          "with", "from", "that", "this", "then", "than", "into", "over", "after", "before",
          "above", "below", "they", "their", "when", "only", "first", "record", "ticket");

  /** How many words a runbook step shares with a ticket to count as taken. */
  private static final int MIN_SHARED_WORDS = 2;

  private IncidentUpdate() {}

  static void write(SummarizeStatus.Input input, UpdateEvidence evidence, Findings.Builder out) {
    String key = input.incident().strip().toUpperCase(Locale.ROOT);
    Optional<JiraTicket> found = evidence.ticket(key);
    if (found.isEmpty()) {
      out.unknown(
          "status",
          key + " was not among the Jira tickets found in this run: its state is unknown");
      return;
    }
    JiraTicket ticket = found.get();
    IncidentTimeline timeline = IncidentTimeline.of(ticket, evidence.rules.doneStatuses());
    boolean pointInTime = input.at().isPresent();
    Instant at = input.at().or(evidence::now).orElse(ticket.updated());
    CompanyDocument policy = Policies.at(timeline.declared());
    String version = Policies.version(policy);
    String policyPath = policy.path();

    String state = state(timeline, at);
    String stateId =
        out.evidence(
            "derived/" + key + "/state",
            "derived",
            key
                + " declared "
                + Text.dateTime(timeline.declared())
                + timeline.mitigated().map(m -> "; mitigated " + Text.dateTime(m)).orElse("")
                + timeline.resolved().map(r -> "; resolved " + Text.dateTime(r)).orElse("")
                + " (from "
                + key
                + "). As of "
                + Text.dateTime(at)
                + ": "
                + state
                + ".");
    UpdateEvidence.claim(
        out,
        key
            + " ("
            + ticket.severity()
            + ", "
            + ticket.service()
            + "): "
            + Text.sentence(ticket.summary())
            + " Declared "
            + Text.dateTime(timeline.declared())
            + "; as of "
            + Text.dateTime(at)
            + " it is "
            + state
            + ".",
        evidence.cites(key, stateId));

    RagJudgement.Verdict verdict =
        RagJudgement.judge(
            evidence.rules,
            new RagJudgement.Signals(at, List.of(timeline), List.of(), List.of(), List.of()));
    out.field("status", verdict.status().wire());
    String statusText =
        "Status: "
            + verdict.status().wire()
            + " ("
            + evidence.rules.rag().get(verdict.status())
            + ")"
            + (verdict.because().isEmpty()
                ? ": " + key + " is resolved."
                : ": " + String.join("; ", verdict.because()) + ".");
    String statusId = out.evidence("derived/" + key + "/status", "derived", statusText);
    UpdateEvidence.claim(out, statusText, evidence.cites(UpdateEvidence.GOVERNANCE, statusId, key));

    List<String> sentences =
        pointInTime ? timeline.sentencesKnownAt(at) : Text.sentences(ticket.description());
    for (String sentence : sentences) {
      UpdateEvidence.claim(out, Text.sentence(sentence), evidence.cites(key));
    }

    List<JiraTicket> related = new ArrayList<>();
    for (JiraTicket other : evidence.tickets) {
      boolean linked = other.mentions(key) || ticket.mentions(other.key());
      if (linked && !other.key().equals(key) && !other.created().isAfter(at)) {
        related.add(other);
      }
    }
    for (JiraTicket other : related) {
      UpdateEvidence.claim(
          out,
          other.key()
              + (pointInTime ? "" : " (" + other.status() + ")")
              + ": "
              + Text.sentence(other.summary())
              + " "
              + Text.sentence(Text.sentences(other.description()).get(0)),
          evidence.cites(other.key()));
    }

    if (!timeline.resolvedAt(at)) {
      nextStep(ticket, sentences, evidence, out);
    } else {
      stepsTaken(ticket, evidence, out);
      List<String> open =
          related.stream()
              .filter(t -> !t.isDone(evidence.rules.doneStatuses()))
              .map(t -> t.key() + " (" + t.status() + ")")
              .toList();
      if (!open.isEmpty()) {
        UpdateEvidence.claim(
            out,
            "Next steps still open: " + String.join(", ", open) + ".",
            evidence.cites(related.stream().map(JiraTicket::key).toArray(String[]::new)));
      }
    }

    communication(ticket, timeline, at, version, policyPath, evidence, out);
  }

  private static String state(IncidentTimeline timeline, Instant at) {
    if (at.isBefore(timeline.declared())) {
      return "not yet declared";
    }
    if (timeline.resolvedAt(at)) {
      return "resolved (" + Text.dateTime(timeline.resolved().orElseThrow()) + ")";
    }
    if (timeline.mitigatedAt(at)) {
      return "mitigated ("
          + Text.dateTime(timeline.mitigated().orElseThrow())
          + ") but not yet resolved";
    }
    return "open and not yet mitigated";
  }

  /** The runbook's mitigation step that shares the most words with what the ticket says. */
  private static void nextStep(
      JiraTicket ticket, List<String> known, UpdateEvidence evidence, Findings.Builder out) {
    Optional<CompanyDocument> runbook =
        ticket.service() == null ? Optional.empty() : CompanyDocument.runbookOf(ticket.service());
    if (runbook.isEmpty() || !evidence.documents.has(runbook.get().path())) {
      return;
    }
    String path = runbook.get().path();
    List<String> steps =
        ProgramRecord.numberedUnder(evidence.documents.text(path).orElseThrow(), "mitigation");
    Set<String> words = words(ticket.summary() + " " + String.join(" ", known));
    String best = null;
    int bestScore = 0;
    for (String step : steps) {
      Set<String> shared = words(step);
      shared.retainAll(words);
      if (shared.size() > bestScore) {
        best = step;
        bestScore = shared.size();
      }
    }
    if (best != null) {
      UpdateEvidence.claim(
          out,
          "Next step (" + ticket.service() + " runbook, Mitigation): " + Text.sentence(best),
          evidence.cites(path));
    }
  }

  /** The runbook's mitigation steps the ticket shows were taken (two or more shared words). */
  private static void stepsTaken(JiraTicket ticket, UpdateEvidence evidence, Findings.Builder out) {
    Optional<CompanyDocument> runbook =
        ticket.service() == null ? Optional.empty() : CompanyDocument.runbookOf(ticket.service());
    if (runbook.isEmpty() || !evidence.documents.has(runbook.get().path())) {
      return;
    }
    String path = runbook.get().path();
    Set<String> words = words(ticket.summary() + " " + ticket.description());
    List<String> taken = new ArrayList<>();
    for (String step :
        ProgramRecord.numberedUnder(evidence.documents.text(path).orElseThrow(), "mitigation")) {
      Set<String> shared = words(step);
      shared.retainAll(words);
      if (shared.size() >= MIN_SHARED_WORDS) {
        taken.add(Text.sentence(step));
      }
    }
    if (!taken.isEmpty()) {
      UpdateEvidence.claim(
          out,
          "Handled as the "
              + ticket.service()
              + " runbook prescribes (Mitigation): "
              + String.join(" ", taken),
          evidence.cites(path));
    }
  }

  private static Set<String> words(String text) {
    Set<String> words = new HashSet<>();
    for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z0-9-]+")) {
      if (word.length() >= 4 && !STOP_WORDS.contains(word) && !word.matches("[0-9-]+")) {
        words.add(word);
      }
    }
    return words;
  }

  private static void communication(
      JiraTicket ticket,
      IncidentTimeline timeline,
      Instant at,
      String version,
      String policyPath,
      UpdateEvidence evidence,
      Findings.Builder out) {
    ExecutiveRules rules = evidence.rules;
    ExecutiveRules.Notice notice = rules.notices().get(version);
    if (notice != null && notice.severity().equals(ticket.severity())) {
      Instant due = timeline.declared().plus(Duration.ofMinutes(notice.withinMinutes()));
      String derivation =
          "declared "
              + Text.time(timeline.declared())
              + " + "
              + notice.withinMinutes()
              + " minutes (policy "
              + version
              + " §2: "
              + Text.plain(notice.quote())
              + ") = "
              + Text.time(due)
              + " UTC";
      String id =
          out.evidence("derived/" + ticket.key() + "/executive-notice", "derived", derivation);
      UpdateEvidence.claim(
          out,
          "Executive notice (policy "
              + version
              + " §2): "
              + Text.plain(notice.quote())
              + " — for "
              + ticket.key()
              + " due by "
              + Text.time(due)
              + " UTC (declared "
              + Text.time(timeline.declared())
              + " + "
              + notice.withinMinutes()
              + " minutes).",
          evidence.cites(policyPath, id));
      evidence
          .documents
          .text(UpdateEvidence.GOVERNANCE)
          .flatMap(g -> sentenceWith(g, "first executive summary"))
          .ifPresent(s -> UpdateEvidence.claim(out, s, evidence.cites(UpdateEvidence.GOVERNANCE)));
    }
    for (ExecutiveRules.AlsoReport also : rules.alsoReport()) {
      if (ticket.labels().contains(also.label())) {
        UpdateEvidence.claim(out, also.quote(), evidence.cites(UpdateEvidence.GOVERNANCE));
      }
    }
    evidence
        .documents
        .text(policyPath)
        .filter(p -> p.contains(rules.updateContents()))
        .ifPresent(
            p ->
                UpdateEvidence.claim(
                    out, "Policy " + version + " §3: " + rules.updateContents(), policyPath));
    Optional<ExecutiveRules.Cadence> cadence = rules.cadence(version, ticket.severity());
    if (timeline.openAt(at) && cadence.isPresent()) {
      Instant next = at.plus(Duration.ofMinutes(cadence.get().everyMinutes()));
      String derivation =
          "update at "
              + Text.time(at)
              + " + "
              + cadence.get().everyMinutes()
              + " minutes (policy "
              + version
              + " §3, "
              + ticket.severity()
              + ": "
              + Text.plain(cadence.get().quote())
              + ") = "
              + Text.dateTime(next);
      String id = out.evidence("derived/" + ticket.key() + "/next-update", "derived", derivation);
      UpdateEvidence.claim(
          out,
          "The next update is due at "
              + Text.dateTime(next)
              + " in "
              + cadence.get().channel()
              + " (policy "
              + version
              + " §3: "
              + Text.plain(cadence.get().quote())
              + ").",
          evidence.cites(policyPath, id));
    } else if (timeline.resolvedAt(at)) {
      UpdateEvidence.claim(
          out,
          "No further incident update is due: "
              + ticket.key()
              + " was resolved at "
              + Text.dateTime(timeline.resolved().orElseThrow())
              + "; the next update reports the open follow-ups.",
          evidence.cites("derived/" + ticket.key() + "/state"));
    }
  }

  /** The first sentence of {@code text} (Markdown removed) that contains {@code words}. */
  static Optional<String> sentenceWith(String markdown, String words) {
    for (String paragraph : markdown.split("\\n\\s*\\n")) {
      for (String sentence : Text.sentences(Text.plain(paragraph))) {
        if (sentence.toLowerCase(Locale.ROOT).contains(words)) {
          return Optional.of(sentence);
        }
      }
    }
    return Optional.empty();
  }
}
