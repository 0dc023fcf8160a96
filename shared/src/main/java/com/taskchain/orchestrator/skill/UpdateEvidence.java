package com.taskchain.orchestrator.skill;

import com.taskchain.orchestrator.answer.Findings;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.tool.Upstream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an executive-update skill reads, gathered once from its upstream: the rules, the documents
 * fetched and the Jira tickets found, with helpers to cite them. Not thread-safe (one per call).
 */
final class UpdateEvidence {
  final ExecutiveRules rules;
  final FetchedDocuments documents;
  final List<JiraTicket> tickets;
  private final Map<String, JiraTicket> byKey = new LinkedHashMap<>();

  UpdateEvidence(ExecutiveRules rules, Upstream upstream) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.documents = new FetchedDocuments(upstream);
    this.tickets = JiraTicket.from(upstream);
    tickets.forEach(t -> byKey.put(t.key(), t));
  }

  Optional<JiraTicket> ticket(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /** The latest update of any ticket found: what "now" is in the company's systems. */
  Optional<Instant> now() {
    return tickets.stream().map(JiraTicket::updated).max(Comparator.naturalOrder());
  }

  /** The timelines of every incident found, oldest first. */
  List<IncidentTimeline> incidents() {
    List<IncidentTimeline> incidents = new ArrayList<>();
    for (JiraTicket ticket : tickets) {
      if (ticket.isIncident(rules.incidentProject())) {
        incidents.add(IncidentTimeline.of(ticket, rules.doneStatuses()));
      }
    }
    return incidents;
  }

  /** The citation ids among {@code ids} that were retrieved (documents fetched, tickets found). */
  String[] cites(String... ids) {
    List<String> retrieved = new ArrayList<>();
    for (String id : ids) {
      if (id != null
          && (documents.has(id) || byKey.containsKey(id) || id.startsWith("derived/"))
          && !retrieved.contains(id)) {
        retrieved.add(id);
      }
    }
    return retrieved.toArray(String[]::new);
  }

  /** Adds the claim when at least one of its citations was retrieved. */
  static void claim(Findings.Builder findings, String text, String... citations) {
    if (citations.length > 0) {
      findings.claim(text, citations);
    }
  }

  /** The governance notes' citation id. */
  static final String GOVERNANCE = CompanyDocument.GOVERNANCE_NOTES.path();
}
