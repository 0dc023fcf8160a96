package com.taskchain.orchestrator.skill;

import com.taskchain.orchestrator.answer.Findings;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A program's executive update from its record and tickets: summary, RAG status, progress by phase,
 * recent incidents and open changes of its services, the open risks (a risk is closed only when
 * every ticket it names was found done), planned phases that fall into a freeze of the policy in
 * force, decisions asked of leadership, budget, and the next update (the next steering committee).
 */
final class ProgramUpdate {
  private ProgramUpdate() {}

  static void write(SummarizeStatus.Input input, UpdateEvidence evidence, Findings.Builder out) {
    Optional<ExecutiveRules.Program> program = evidence.rules.program(input.program());
    if (program.isEmpty()) {
      out.unknown("status", "'" + input.program() + "' is not a program with a record");
      return;
    }
    String path = CompanyDocument.of(program.get().record()).path();
    Optional<String> text = evidence.documents.text(path);
    if (text.isEmpty()) {
      out.unknown("status", "the program record " + path + " was not fetched in this run");
      return;
    }
    ProgramRecord record = ProgramRecord.parse(text.get());
    Instant at =
        input
            .at()
            .or(input::end)
            .or(evidence::now)
            .or(
                () ->
                    record
                        .statedStatus()
                        .flatMap(e -> firstDate(e.getKey()))
                        .map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant()))
            .orElse(Instant.EPOCH);
    LocalDate today = at.atZone(ZoneOffset.UTC).toLocalDate();

    // Summary.
    String name = program.get().name();
    StringBuilder summary = new StringBuilder(name + " migration: " + first(record.goal()));
    record
        .fact("program manager")
        .ifPresent(e -> summary.append(" Program manager: ").append(e.getValue()).append('.'));
    record
        .fact("sponsor")
        .ifPresent(e -> summary.append(" Sponsor: ").append(e.getValue()).append('.'));
    UpdateEvidence.claim(out, summary.toString(), evidence.cites(path));
    record.notes().stream()
        .filter(n -> n.toLowerCase(java.util.Locale.ROOT).startsWith("traffic"))
        .forEach(n -> UpdateEvidence.claim(out, n, evidence.cites(path)));

    // Status.
    List<ProgramRecord.Risk> openRisks = new ArrayList<>();
    for (ProgramRecord.Risk risk : record.risks()) {
      boolean closed =
          !risk.tickets().isEmpty()
              && risk.tickets().stream()
                  .allMatch(
                      k ->
                          evidence
                              .ticket(k)
                              .map(t -> t.isDone(evidence.rules.doneStatuses()))
                              .orElse(false));
      if (!closed) {
        openRisks.add(risk);
      }
    }
    List<String> overdue = new ArrayList<>();
    for (ProgramRecord.Phase phase : record.phases()) {
      if (phase.planned() && phase.date().isPresent() && phase.date().get().isBefore(today)) {
        overdue.add("phase " + phase.phase() + " (planned " + phase.date().get() + ")");
      }
    }
    Set<String> services = new LinkedHashSet<>();
    for (JiraTicket t : evidence.tickets) {
      if (t.project().equals(program.get().jiraProject()) && t.service() != null) {
        services.add(t.service());
      }
    }
    List<IncidentTimeline> incidents =
        evidence.incidents().stream().filter(i -> services.contains(i.ticket().service())).toList();
    RagJudgement.Verdict verdict =
        RagJudgement.judge(
            evidence.rules,
            new RagJudgement.Signals(
                at,
                incidents,
                overdue,
                record.decisions(),
                openRisks.stream()
                    .map(r -> new RagJudgement.Risk(r.id(), r.likelihood()))
                    .toList()));
    out.field("status", verdict.status().wire());
    out.field("risks", openRisks.stream().map(ProgramRecord.Risk::id).toList());
    StringBuilder status =
        new StringBuilder(
            "Status: "
                + verdict.status().wire()
                + " ("
                + evidence.rules.rag().get(verdict.status())
                + ") as of "
                + Text.dateTime(at)
                + (verdict.because().isEmpty()
                    ? "."
                    : ": " + String.join("; ", verdict.because()) + "."));
    record
        .statedStatus()
        .ifPresent(
            e ->
                status
                    .append(" The program record states ")
                    .append(e.getValue())
                    .append(" (")
                    .append(e.getKey())
                    .append(")."));
    String statusId = out.evidence("derived/program/status", "derived", status.toString());
    UpdateEvidence.claim(
        out, status.toString(), evidence.cites(UpdateEvidence.GOVERNANCE, path, statusId));

    // What happened / progress.
    for (ProgramRecord.Phase phase : record.phases()) {
      String change =
          phase.change().isEmpty() || phase.change().equals("—") ? "" : ", " + phase.change();
      UpdateEvidence.claim(
          out,
          "Phase "
              + phase.phase()
              + " — "
              + phase.what()
              + " ("
              + phase.when()
              + change
              + ")"
              + (phase.outcome().isEmpty() || phase.outcome().equals("—")
                  ? "."
                  : ": " + Text.sentence(phase.outcome())),
          evidence.cites(path));
    }
    Instant since = at.minus(Duration.ofDays(evidence.rules.recentDays()));
    for (IncidentTimeline incident : incidents) {
      if (!incident.declared().isBefore(since) && !incident.declared().isAfter(at)) {
        JiraTicket t = incident.ticket();
        UpdateEvidence.claim(
            out,
            "Recent incident "
                + t.key()
                + " ("
                + t.severity()
                + ", "
                + t.status()
                + ", declared "
                + Text.dateTime(incident.declared())
                + "): "
                + Text.sentence(t.summary()),
            evidence.cites(t.key()));
      }
    }
    for (JiraTicket t : evidence.tickets) {
      boolean change = t.project().equals(program.get().changeProject());
      boolean ours = t.service() != null && services.contains(t.service());
      boolean finished =
          t.isDone(evidence.rules.doneStatuses())
              || evidence.rules.closedChangeStatuses().stream()
                  .anyMatch(s -> s.equalsIgnoreCase(t.status()));
      if (change && ours && !finished && !t.created().isAfter(at)) {
        UpdateEvidence.claim(
            out,
            "Open change " + t.key() + " (" + t.status() + "): " + Text.sentence(t.summary()),
            evidence.cites(t.key()));
      }
    }

    // Risks.
    for (ProgramRecord.Risk risk : openRisks) {
      List<String> statuses = new ArrayList<>();
      for (String key : risk.tickets()) {
        evidence.ticket(key).ifPresent(t -> statuses.add(key + " " + t.status()));
      }
      List<String> cites = new ArrayList<>(List.of(path));
      cites.addAll(risk.tickets());
      UpdateEvidence.claim(
          out,
          "Risk "
              + risk.id()
              + " ("
              + risk.likelihoodImpact()
              + ", owner "
              + risk.owner()
              + ", "
              + String.join(", ", risk.tickets())
              + (statuses.isEmpty() ? "" : "; now " + String.join(", ", statuses))
              + "): "
              + Text.sentence(risk.risk())
              + " Mitigation: "
              + Text.sentence(risk.mitigation()),
          evidence.cites(cites.toArray(String[]::new)));
    }
    freezes(record, evidence, path, out);

    // Decisions or asks.
    for (String decision : record.decisions()) {
      UpdateEvidence.claim(
          out, "Decision needed: " + Text.sentence(decision), evidence.cites(path));
    }
    record.notes().stream()
        .filter(n -> !n.toLowerCase(java.util.Locale.ROOT).startsWith("traffic"))
        .forEach(n -> UpdateEvidence.claim(out, n, evidence.cites(path)));

    // Next update.
    record
        .fact("next steering committee")
        .ifPresent(
            e ->
                UpdateEvidence.claim(
                    out,
                    "Next update: at the next steering committee, " + e.getValue() + ".",
                    evidence.cites(path)));
  }

  /** Planned phases whose date falls into a freeze of the policy in force on that date. */
  private static void freezes(
      ProgramRecord record, UpdateEvidence evidence, String path, Findings.Builder out) {
    for (ProgramRecord.Phase phase : record.phases()) {
      if (!phase.planned() || phase.date().isEmpty()) {
        continue;
      }
      LocalDate date = phase.date().get();
      CompanyDocument policy = Policies.at(date.atStartOfDay(ZoneOffset.UTC).toInstant());
      Optional<String> policyText = evidence.documents.text(policy.path());
      if (policyText.isEmpty()) {
        continue;
      }
      for (Policies.Freeze freeze : Policies.freezes(policyText.get())) {
        if (freeze.contains(date)) {
          Optional<String> exception =
              IncidentUpdate.sentenceWith(policyText.get(), "may run during a freeze only");
          UpdateEvidence.claim(
              out,
              "Phase "
                  + phase.phase()
                  + " ("
                  + phase.what()
                  + ", planned "
                  + date
                  + ") falls inside the "
                  + freeze.name()
                  + " freeze ("
                  + freeze.from()
                  + " – "
                  + freeze.to()
                  + ", policy "
                  + Policies.version(policy)
                  + " §4.2): only emergency changes and rollbacks are allowed."
                  + exception.map(s -> " " + s).orElse(""),
              evidence.cites(policy.path(), path));
        }
      }
    }
  }

  private static String first(String paragraph) {
    List<String> sentences = Text.sentences(paragraph);
    return sentences.isEmpty() ? "" : Text.sentence(sentences.get(0));
  }

  private static Optional<LocalDate> firstDate(String text) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d{4}-\\d{2}-\\d{2})").matcher(text);
    return m.find() ? Optional.of(LocalDate.parse(m.group(1))) : Optional.empty();
  }
}
