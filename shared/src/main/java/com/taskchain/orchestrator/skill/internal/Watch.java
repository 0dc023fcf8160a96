package com.taskchain.orchestrator.skill.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deployments and their watch windows: where a change started (its deploy log line, else the time
 * its CHG ticket plans), and which rollback triggers of the policy in force held during the watch
 * window after it. Pure and thread-safe.
 */
public final class Watch {
  private static final Pattern CHANGE_KEY = Pattern.compile("\\bCHG-\\d+\\b");
  private static final Pattern PLANNED =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}) UTC");
  private static final Pattern NOT_A_DEPLOYMENT =
      Pattern.compile("rollback|rolled back|emergency", Pattern.CASE_INSENSITIVE);
  private static final Pattern RECONCILIATION =
      Pattern.compile("reconciliation mismatch", Pattern.CASE_INSENSITIVE);

  private Watch() {}

  /**
   * A deployment.
   *
   * @param change the CHG key, or null when unknown
   * @param at when it started
   * @param citations what shows it (its deploy log event, its CHG ticket)
   * @param shownBy how it is known, in words
   */
  public record Deployment(String change, Instant at, List<String> citations, String shownBy) {
    public Deployment {
      citations = List.copyOf(citations);
    }
  }

  /**
   * A trigger that held during a watch window.
   *
   * @param trigger the policy's trigger
   * @param metAt when it had held long enough
   * @param shows the measurement in words
   */
  public record Breach(PolicyRules.Criterion trigger, Instant metAt, String shows) {}

  /**
   * When a CHG ticket plans its deployment: the first "yyyy-MM-dd HH:mm UTC" of its description.
   */
  public static Optional<Instant> planned(JsonNode ticket) {
    Matcher m = PLANNED.matcher(ticket.path("description").asText());
    return m.find()
        ? Optional.of(
            LocalDateTime.parse(
                    m.group(1) + "T" + m.group(2), DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .toInstant(ZoneOffset.UTC))
        : Optional.empty();
  }

  /**
   * Whether a CHG ticket is itself a rollback or an emergency mitigation, not a deployment: its
   * summary says so ("Rollback: ...", "Emergency: ..."). Labels do not tell: a change that was
   * rolled back carries the label {@code rollback} too.
   */
  public static boolean isRollback(JsonNode ticket) {
    String summary = ticket.path("summary").asText().toLowerCase(Locale.ROOT);
    return summary.startsWith("rollback") || summary.startsWith("emergency");
  }

  /**
   * The deployments of {@code service} that started in {@code [from, to)}: deploy log lines naming
   * a CHG key (not a rollback), and the service's CHG tickets planned in the range that went ahead
   * (neither a rollback nor still a draft, rejected or awaiting CAB). One per change, at its log
   * time when there is a log line.
   */
  public static List<Deployment> between(
      String service,
      Instant from,
      Instant to,
      List<JsonNode> events,
      Map<String, JsonNode> tickets) {
    Map<String, Deployment> byKey = new LinkedHashMap<>();
    for (JsonNode e : events) {
      String message = e.path("message").asText();
      Instant at = Instant.parse(e.path("timestamp").asText());
      Matcher key = CHANGE_KEY.matcher(message);
      if (!service.equals(e.path("service").asText())
          || at.isBefore(from)
          || !at.isBefore(to)
          || !key.find()
          || NOT_A_DEPLOYMENT.matcher(message).find()) {
        continue;
      }
      JsonNode ticket = tickets.get(key.group());
      if (ticket != null && isRollback(ticket)) {
        continue;
      }
      List<String> citations = new ArrayList<>(List.of(UpstreamEvidence.logId(e)));
      if (ticket != null) {
        citations.add(key.group());
      }
      byKey.putIfAbsent(
          key.group(),
          new Deployment(
              key.group(),
              at,
              citations,
              "deploy log " + Texts.time(at) + " UTC: \"" + message + "\""));
    }
    for (JsonNode t : tickets.values()) {
      String key = t.path("key").asText();
      if (!"CHG".equals(t.path("project").asText())
          || !service.equals(t.path("service").asText())
          || byKey.containsKey(key)
          || isRollback(t)
          || t.path("status").asText().matches("Draft|Rejected|Awaiting CAB")) {
        continue;
      }
      Optional<Instant> at = planned(t);
      if (at.isPresent() && !at.get().isBefore(from) && at.get().isBefore(to)) {
        byKey.put(
            key,
            new Deployment(
                key,
                at.get(),
                List.of(key),
                key + " plans it for " + Texts.dateTime(at.get()) + " UTC"));
      }
    }
    List<Deployment> found = new ArrayList<>(byKey.values());
    found.sort(Comparator.comparing(Deployment::at));
    return found;
  }

  /**
   * When a named change really started, near the time a task gives: its deploy log line (not a
   * rollback), else the time its CHG ticket plans, when within a day of {@code given}.
   */
  public static Optional<Deployment> startOf(
      String change, String service, Instant given, List<JsonNode> events, JsonNode ticket) {
    Instant from = given.minus(Duration.ofDays(1));
    Instant to = given.plus(Duration.ofDays(1));
    for (JsonNode e : events) {
      String message = e.path("message").asText();
      Instant at = Instant.parse(e.path("timestamp").asText());
      if (service.equals(e.path("service").asText())
          && message.contains(change)
          && !NOT_A_DEPLOYMENT.matcher(message).find()
          && !at.isBefore(from)
          && at.isBefore(to)) {
        return Optional.of(
            new Deployment(
                change,
                at,
                List.of(UpstreamEvidence.logId(e)),
                "deploy log " + Texts.dateTime(at) + " UTC: \"" + message + "\""));
      }
    }
    if (ticket != null) {
      Optional<Instant> planned = planned(ticket);
      if (planned.isPresent() && !planned.get().isBefore(from) && planned.get().isBefore(to)) {
        return Optional.of(
            new Deployment(
                change,
                planned.get(),
                List.of(change),
                change + " plans it for " + Texts.dateTime(planned.get()) + " UTC"));
      }
    }
    return Optional.empty();
  }

  /** The CHG keys a text names. */
  public static List<String> changeKeys(String text) {
    List<String> keys = new ArrayList<>();
    Matcher m = CHANGE_KEY.matcher(text);
    while (m.find()) {
      if (!keys.contains(m.group())) {
        keys.add(m.group());
      }
    }
    return keys;
  }

  /**
   * The rollback triggers of {@code policy} for {@code tier} that held in the samples and log
   * events of {@code [from, to)}, earliest first. Metric triggers use the sustained rule on the
   * 1-minute samples; a sample at or after {@code to} does not count.
   */
  public static List<Breach> breaches(
      PolicyRules.Version policy,
      String tier,
      Samples samples,
      List<JsonNode> events,
      Instant from,
      Instant to) {
    Samples inWindow = samples.between(from, to);
    List<Breach> breaches = new ArrayList<>();
    for (PolicyRules.Criterion trigger : policy.rollback()) {
      if (!trigger.appliesTo(tier)) {
        continue;
      }
      if (trigger.isMetric()) {
        inWindow
            .sustained(trigger.metric(), trigger.comparator(), trigger.value(), trigger.minutes())
            .ifPresent(
                run ->
                    breaches.add(
                        new Breach(
                            trigger,
                            run.metAfter(trigger.minutes()),
                            Texts.metricName(trigger.metric())
                                + " above "
                                + trigger.shown()
                                + " in every 1-minute sample from "
                                + Texts.time(run.first())
                                + " to "
                                + Texts.time(run.last())
                                + " UTC ("
                                + run.minutes()
                                + " minutes, peak "
                                + Texts.metricValue(trigger.metric(), run.peak())
                                + "), so the trigger held from "
                                + Texts.time(run.metAfter(trigger.minutes()))
                                + " UTC")));
      } else if ("reconciliation_mismatch".equals(trigger.event())) {
        events.stream()
            .filter(e -> RECONCILIATION.matcher(e.path("message").asText()).find())
            .filter(
                e -> {
                  Instant at = Instant.parse(e.path("timestamp").asText());
                  return !at.isBefore(from) && at.isBefore(to);
                })
            .findFirst()
            .ifPresent(
                e ->
                    breaches.add(
                        new Breach(
                            trigger,
                            Instant.parse(e.path("timestamp").asText()),
                            "log "
                                + UpstreamEvidence.logId(e)
                                + ": \""
                                + e.path("message").asText()
                                + "\"")));
      }
    }
    breaches.sort(Comparator.comparing(Breach::metAt));
    return breaches;
  }

  /** The end of the watch window after a deployment. */
  public static Instant watchEnd(PolicyRules.Version policy, Instant deployed) {
    return deployed.plus(policy.watchWindow());
  }

  /** A duration in whole minutes, in words. */
  public static String minutes(Duration d) {
    return d.toMinutes() + " minutes";
  }
}
