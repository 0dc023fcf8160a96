package com.taskchain.orchestrator.skill.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The non-metric severity criteria as facts in tickets and log lines: a ledger integrity problem, a
 * security incident, a service unavailable, a payout batch at risk of its bank cut-off. Each
 * finding names the record it was read from, so that a claim can cite it. Pure and thread-safe.
 */
public final class IncidentSignals {
  private static final Pattern LEDGER =
      Pattern.compile(
          "reconciliation mismatch|duplicate(?:d)? postings?|missing postings?|posted twice",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern SECURITY =
      Pattern.compile(
          "credential stuffing|account takeover|security incident|(?:card|personal) data"
              + " (?:exposed|exposure|leak)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern UNAVAILABLE =
      Pattern.compile("\\bunavailable\\b|\\bis down\\b|\\boutage\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern PAYOUT_ETA =
      Pattern.compile("payout batch .*\\beta (\\d{2}:\\d{2})", Pattern.CASE_INSENSITIVE);
  private static final Pattern USD = Pattern.compile("USD ([0-9][0-9,]*(?:\\.[0-9]+)?)");

  private IncidentSignals() {}

  /**
   * One fact found.
   *
   * @param event the criterion's event name
   * @param citation the citation id of the record (a ticket key or a log event id)
   * @param quote the words of the record that show it
   */
  public record Signal(String event, String citation, String quote) {}

  /** The event signals in the tickets and log events given, first record first. */
  public static List<Signal> find(List<JsonNode> tickets, List<JsonNode> events, String cutoff) {
    List<Signal> found = new ArrayList<>();
    for (JsonNode event : events) {
      String message = event.path("message").asText();
      String id = UpstreamEvidence.logId(event);
      match(LEDGER, message).ifPresent(q -> found.add(new Signal("ledger_integrity", id, message)));
      match(SECURITY, message)
          .ifPresent(q -> found.add(new Signal("security_incident", id, message)));
      Matcher eta = PAYOUT_ETA.matcher(message);
      if (eta.find() && etaMissesCutoff(eta.group(1), cutoff)) {
        found.add(new Signal("payout_cutoff_at_risk", id, message));
      }
    }
    for (JsonNode ticket : tickets) {
      String key = ticket.path("key").asText();
      String text = ticket.path("summary").asText() + ". " + ticket.path("description").asText();
      match(LEDGER, text).ifPresent(q -> found.add(new Signal("ledger_integrity", key, q)));
      match(SECURITY, text).ifPresent(q -> found.add(new Signal("security_incident", key, q)));
      match(UNAVAILABLE, ticket.path("summary").asText())
          .ifPresent(q -> found.add(new Signal("unavailable", key, q)));
    }
    return found;
  }

  /**
   * Whether a batch ETA misses the cut-off: an ETA after the cut-off and before noon (a batch runs
   * overnight, so an ETA in the evening is the day before the cut-off).
   */
  static boolean etaMissesCutoff(String eta, String cutoff) {
    LocalTime at = LocalTime.parse(eta);
    return at.isAfter(LocalTime.parse(cutoff)) && at.isBefore(LocalTime.NOON);
  }

  /** The largest USD amount a text names, if any. */
  public static Optional<Double> amountUsd(String text) {
    Matcher m = USD.matcher(text);
    Double max = null;
    while (m.find()) {
      double v = Double.parseDouble(m.group(1).replace(",", ""));
      max = max == null ? v : Math.max(max, v);
    }
    return Optional.ofNullable(max);
  }

  private static Optional<String> match(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    // The sentence around the match, as the record words it.
    int from = Math.max(text.lastIndexOf(". ", m.start()) + 2, 0);
    int to = text.indexOf(". ", m.end());
    return Optional.of(text.substring(from >= 2 ? from : 0, to < 0 ? text.length() : to).strip());
  }

  /** Lower-case words of an event name: {@code ledger_integrity} → {@code ledger integrity}. */
  public static String words(String event) {
    return event.replace('_', ' ').toLowerCase(Locale.ROOT);
  }
}
