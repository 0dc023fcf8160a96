package com.taskchain.company;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The mock Jira's tickets, loaded once; immutable and safe to share between threads. */
final class JiraData {
  private final List<Ticket> tickets;
  private final Set<String> projects;
  private final Set<String> statuses;

  JiraData(List<Ticket> tickets) {
    this.tickets =
        tickets.stream()
            .sorted(Comparator.comparing(Ticket::created).reversed().thenComparing(Ticket::key))
            .toList();
    this.projects = new TreeSet<>(tickets.stream().map(Ticket::project).toList());
    this.statuses = new TreeSet<>(tickets.stream().map(Ticket::status).toList());
  }

  /** Reads {@code systems/jira_tickets.json} from the classpath. */
  static JiraData load() {
    ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    try {
      JsonNode root = mapper.readTree(SystemsData.read("jira_tickets.json"));
      List<Ticket> tickets =
          mapper.readerForListOf(Ticket.class).readValue(root.required("tickets"));
      return new JiraData(tickets);
    } catch (IOException e) {
      throw new UncheckedIOException("jira_tickets.json is not valid", e);
    }
  }

  /** Every ticket, newest first. */
  List<Ticket> tickets() {
    return tickets;
  }

  Set<String> projects() {
    return projects;
  }

  Set<String> statuses() {
    return statuses;
  }

  /**
   * Result of a search: the first {@code limit} matches, newest first, and how many matched in all.
   */
  record Result(List<Ticket> tickets, int total) {
    Result {
      tickets = List.copyOf(tickets);
    }
  }

  /**
   * Every ticket matching all given filters (an empty set or blank text means "any"). Text matches
   * when every whitespace-separated word occurs, case-insensitively, in the key, summary,
   * description, service or labels.
   */
  Result search(
      Set<String> projectFilter,
      Set<String> statusFilter,
      Set<String> severityFilter,
      Set<String> serviceFilter,
      String text,
      int limit) {
    List<String> words =
        text == null || text.isBlank()
            ? List.of()
            : List.of(text.toLowerCase(Locale.ROOT).trim().split("\\s+"));
    List<Ticket> matches =
        tickets.stream()
            .filter(t -> projectFilter.isEmpty() || projectFilter.contains(t.project()))
            .filter(t -> statusFilter.isEmpty() || statusFilter.contains(t.status()))
            .filter(t -> severityFilter.isEmpty() || severityFilter.contains(t.severity()))
            .filter(t -> serviceFilter.isEmpty() || serviceFilter.contains(t.service()))
            .filter(t -> words.stream().allMatch(haystack(t)::contains))
            .toList();
    return new Result(matches.subList(0, Math.min(limit, matches.size())), matches.size());
  }

  private static String haystack(Ticket t) {
    return String.join(
            " ",
            t.key(),
            t.summary(),
            t.description(),
            t.service() == null ? "" : t.service(),
            String.join(" ", t.labels()))
        .toLowerCase(Locale.ROOT);
  }
}
