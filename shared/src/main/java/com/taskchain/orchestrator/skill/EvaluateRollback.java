package com.taskchain.orchestrator.skill;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.answer.Findings;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.skill.internal.CompanyFacts;
import com.taskchain.orchestrator.skill.internal.Derived;
import com.taskchain.orchestrator.skill.internal.PolicyRules;
import com.taskchain.orchestrator.skill.internal.Samples;
import com.taskchain.orchestrator.skill.internal.Texts;
import com.taskchain.orchestrator.skill.internal.UpstreamEvidence;
import com.taskchain.orchestrator.skill.internal.Watch;
import com.taskchain.orchestrator.tool.EvidenceTool;
import com.taskchain.orchestrator.tool.Upstream;
import com.taskchain.orchestrator.tool.company.CompanyServices;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code evaluate_rollback}: whether a deployment must be rolled back, from the rollback triggers
 * of the policy in force at the deployment (§5, per tier; read from {@code
 * policies/rules/severity_matrix.yaml}, the same values as {@code cicd.yaml automatic_rollback})
 * applied to the 1-minute samples and log lines of its 60-minute watch window. A trigger that holds
 * only after the window closed does not count.
 *
 * <p>Two uses: with {@code deployed_at} (and usually {@code change}), the decision for that
 * deployment; with an incident window ({@code start_time}, {@code end_time}) instead, the
 * deployments of the service that started in the window or the watch window before it (deploy log
 * lines and CHG tickets) are evaluated, and a change the incident's ticket names whose watch window
 * had already closed is reverted when the incident window breaches the same triggers.
 *
 * <p>Pure over its input and upstream; thread-safe.
 */
public final class EvaluateRollback implements EvidenceTool<EvaluateRollback.Input, Findings> {
  public static final String NAME = "evaluate_rollback";

  /**
   * The arguments.
   *
   * @param service the service id
   * @param change optional CHG key of the deployment
   * @param deployedAt when the deployment started; absent for an incident window
   * @param startTime start of the incident window, when there is no deployment time
   * @param endTime end of the incident window
   */
  @JsonClassDescription("Arguments of evaluate_rollback.")
  public record Input(
      @JsonProperty(required = true) @JsonPropertyDescription("Service id.") String service,
      @JsonPropertyDescription("Optional: the CHG key of the deployment.") String change,
      @JsonProperty("deployed_at")
          @JsonPropertyDescription("Optional: when the deployment started (ISO-8601 with zone).")
          String deployedAt,
      @JsonProperty("start_time")
          @JsonPropertyDescription("Optional: start of an incident window instead.")
          String startTime,
      @JsonProperty("end_time") @JsonPropertyDescription("Optional: end of the incident window.")
          String endTime) {
    public Input {
      service = CompanyServices.check("service", service);
      if (service == null) {
        throw new IllegalArgumentException("service: is required");
      }
      if (deployedAt != null) {
        AssessSeverity.instant("deployed_at", deployedAt);
      } else if (startTime == null || endTime == null) {
        throw new IllegalArgumentException(
            "deployed_at, or start_time and end_time: one of them is required");
      } else if (!AssessSeverity.instant("end_time", endTime)
          .isAfter(AssessSeverity.instant("start_time", startTime))) {
        throw new IllegalArgumentException("end_time: must be after start_time");
      }
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Decides whether a deployment must be rolled back: the policy's rollback triggers for"
        + " the service's tier over the 60-minute watch window after it (or the deployments found"
        + " in an incident window), with the rollback steps or the fix-forward call.";
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Class<Findings> outputType() {
    return Findings.class;
  }

  @Override
  public Findings call(Input input, Upstream upstream) {
    Findings.Builder out = Findings.builder(NAME);
    UpstreamEvidence evidence = UpstreamEvidence.of(upstream);
    String service = input.service();
    Optional<String> tier = CompanyFacts.tier(service);
    if (tier.isEmpty()) {
      out.unknown("rollback", "the tier of " + service + " is not in tool_configs/cicd.yaml");
      return out.build();
    }
    if (input.deployedAt() != null) {
      deployment(out, evidence, input, tier.get());
    } else {
      incidentWindow(out, evidence, input, tier.get());
    }
    return out.build();
  }

  /** The decision for one deployment. */
  private static void deployment(
      Findings.Builder out, UpstreamEvidence evidence, Input input, String tier) {
    String service = input.service();
    Instant given = AssessSeverity.instant("deployed_at", input.deployedAt());
    // The watch window counts from the real start of the deployment: its deploy log line or the
    // time its CHG ticket plans, when the task's time is only near it.
    Optional<Watch.Deployment> found =
        input.change() == null
            ? Optional.empty()
            : Watch.startOf(
                input.change(),
                service,
                given,
                evidence.events(
                    service, given.minus(Duration.ofDays(1)), given.plus(Duration.ofDays(1))),
                evidence.ticket(input.change()).orElse(null));
    Instant deployed =
        found.map(Watch.Deployment::at).orElse(given).truncatedTo(ChronoUnit.MINUTES);
    List<String> shownBy = found.map(Watch.Deployment::citations).orElse(List.of());
    PolicyRules.Version policy = PolicyRules.at(deployed);
    Instant watchEnd = Watch.watchEnd(policy, deployed);
    out.field("policy_version", policy.name());
    Samples samples = evidence.samples(service);
    List<Watch.Breach> breaches =
        Watch.breaches(
            policy,
            tier,
            samples,
            evidence.events(service, deployed, watchEnd),
            deployed,
            watchEnd);
    String what =
        (input.change() == null ? "the deployment" : input.change())
            + " ("
            + service
            + ", started "
            + Texts.dateTime(deployed)
            + " UTC"
            + found.map(d -> "; " + d.shownBy()).orElse("")
            + ")";
    decide(
        out, evidence, policy, tier, service, what, deployed, watchEnd, samples, breaches, shownBy);
    versionClaims(out, evidence, policy, deployed);
    if (input.change() != null) {
      evidence
          .ticket(input.change())
          .ifPresent(t -> out.claim(UpstreamEvidence.quote(t), input.change()));
    }
    evidence.tickets().values().stream()
        .filter(t -> "INC".equals(t.path("project").asText()))
        .filter(t -> service.equals(t.path("service").asText()))
        .filter(
            t ->
                !UpstreamEvidence.created(t).isBefore(deployed)
                    && UpstreamEvidence.created(t).isBefore(watchEnd))
        .sorted(Comparator.comparing(UpstreamEvidence::created))
        .forEach(t -> out.claim(UpstreamEvidence.quote(t), t.path("key").asText()));
    action(out, evidence, policy, service, !breaches.isEmpty());
  }

  /** The deployments of an incident window, or the change its ticket names. */
  private static void incidentWindow(
      Findings.Builder out, UpstreamEvidence evidence, Input input, String tier) {
    String service = input.service();
    Instant start = AssessSeverity.instant("start_time", input.startTime());
    Instant end = AssessSeverity.instant("end_time", input.endTime());
    PolicyRules.Version atStart = PolicyRules.at(start);
    Instant from = start.minus(atStart.watchWindow());
    Samples samples = evidence.samples(service);
    List<Watch.Deployment> deployments =
        Watch.between(service, from, end, evidence.events(service, from, end), evidence.tickets());
    boolean rollback = false;
    for (Watch.Deployment d : deployments) {
      PolicyRules.Version policy = PolicyRules.at(d.at());
      Instant watchEnd = Watch.watchEnd(policy, d.at());
      List<Watch.Breach> breaches =
          Watch.breaches(
              policy, tier, samples, evidence.events(service, d.at(), watchEnd), d.at(), watchEnd);
      String what = d.change() + " (" + d.shownBy() + ")";
      rollback |=
          decide(
              out,
              evidence,
              policy,
              tier,
              service,
              what,
              d.at(),
              watchEnd,
              samples,
              breaches,
              d.citations());
    }
    if (!rollback) {
      rollback = attributedChange(out, evidence, service, tier, start, end, samples, deployments);
    }
    if (deployments.isEmpty() && !out.hasField("rollback")) {
      out.field("rollback", false);
      Derived.claim(
          out,
          "derived/deployments/" + service + "/" + from + "/" + end,
          "No deployment or change of "
              + service
              + " started from "
              + Texts.dateTime(from)
              + " to "
              + Texts.dateTime(end)
              + " UTC (the window and the "
              + atStart.watchWindow().toMinutes()
              + " minutes before it; deploy logs and CHG tickets searched): there is nothing to"
              + " roll back.",
          List.of());
    }
    if (!out.hasField("rollback")) {
      out.field("rollback", rollback);
    }
    if (rollback || !deployments.isEmpty()) {
      action(out, evidence, atStart, service, rollback);
    }
  }

  /**
   * A change the incident's ticket names as its cause, deployed before the window with its watch
   * window closed: reverting it is the mitigation when the incident window breaches the triggers.
   */
  private static boolean attributedChange(
      Findings.Builder out,
      UpstreamEvidence evidence,
      String service,
      String tier,
      Instant start,
      Instant end,
      Samples samples,
      List<Watch.Deployment> deployments) {
    Optional<JsonNode> incident =
        evidence.tickets().values().stream()
            .filter(t -> "INC".equals(t.path("project").asText()))
            .filter(t -> service.equals(t.path("service").asText()))
            .filter(
                t ->
                    !UpstreamEvidence.created(t).isBefore(start)
                        && UpstreamEvidence.created(t).isBefore(end))
            .min(Comparator.comparing(UpstreamEvidence::created));
    if (incident.isEmpty()) {
      return false;
    }
    for (String key : Watch.changeKeys(incident.get().path("description").asText())) {
      if (deployments.stream().anyMatch(d -> key.equals(d.change()))) {
        continue;
      }
      Optional<JsonNode> change = evidence.ticket(key);
      if (change.isEmpty()
          || !service.equals(change.get().path("service").asText())
          || Watch.isRollback(change.get())) {
        continue;
      }
      Optional<Instant> deployed = Watch.planned(change.get());
      if (deployed.isEmpty() || !deployed.get().isBefore(start)) {
        continue;
      }
      PolicyRules.Version policy = PolicyRules.at(start);
      List<Watch.Breach> breaches =
          Watch.breaches(policy, tier, samples, evidence.events(service, start, end), start, end);
      if (breaches.isEmpty()) {
        continue;
      }
      Watch.Breach first = breaches.get(0);
      String incidentKey = incident.get().path("key").asText();
      out.field("rollback", true);
      out.field("threshold_breached", first.trigger().breachText());
      Derived.claim(
          out,
          "derived/rollback/" + service + "/" + key,
          "Roll back "
              + key
              + ": "
              + incidentKey
              + " names it as the change behind the incident."
              + " Its "
              + policy.watchWindow().toMinutes()
              + "-minute watch window (from "
              + Texts.dateTime(deployed.get())
              + " UTC) had closed, so policy "
              + policy.name()
              + " §5 does not force it, but the incident breaches the "
              + Texts.tierName(tier)
              + " trigger "
              + first.trigger().breachText()
              + " ("
              + first.trigger().text()
              + "): "
              + first.shows()
              + ".",
          List.of(key, incidentKey));
      return true;
    }
    return false;
  }

  /** The decision claim for one deployment; returns whether it must be rolled back. */
  private static boolean decide(
      Findings.Builder out,
      UpstreamEvidence evidence,
      PolicyRules.Version policy,
      String tier,
      String service,
      String what,
      Instant deployed,
      Instant watchEnd,
      Samples samples,
      List<Watch.Breach> breaches,
      List<String> extra) {
    String policyPath = policy.path();
    String section = "#" + Texts.anchor("5. Rollback triggers");
    List<PolicyRules.Criterion> triggers =
        policy.rollback().stream().filter(t -> t.appliesTo(tier)).toList();
    String triggerText =
        String.join("; ", triggers.stream().map(PolicyRules.Criterion::text).toList());
    String policyItem =
        out.evidence(
            policyPath + section + ":" + tier,
            policyPath,
            "Policy "
                + policy.name()
                + " §5 ("
                + Texts.tierName(tier)
                + ", watch window "
                + policy.watchWindow().toMinutes()
                + " minutes): "
                + triggerText);
    String cicdItem = cicdTriggers(out, tier);
    Samples watch = samples.between(deployed, watchEnd);
    String peaks = peaks(watch, triggers);
    String window =
        "watch window "
            + Texts.time(deployed)
            + "–"
            + Texts.time(watchEnd)
            + " UTC ("
            + policy.watchWindow().toMinutes()
            + " minutes)";
    List<String> citations = new ArrayList<>(List.of(policyItem));
    String derived = "derived/watch/" + service + "/" + deployed;
    if (cicdItem != null) {
      citations.add(cicdItem);
    }
    if (evidence.fetched(policyPath)) {
      citations.add(policyPath);
    }
    citations.addAll(evidence.metricWindows(service));
    citations.addAll(extra);
    out.claim(
        "Rollback triggers for "
            + Texts.tierName(tier)
            + " (policy "
            + policy.name()
            + " §5): "
            + triggerText
            + ".",
        cicdItem == null ? new String[] {policyItem} : new String[] {policyItem, cicdItem});
    if (watch.isEmpty()) {
      out.unknown(
          "rollback",
          "no 1-minute metric samples of " + service + " in the " + window + " of " + what);
      return false;
    }
    if (breaches.isEmpty()) {
      if (!out.hasField("rollback")) {
        out.field("rollback", false);
      }
      Derived.claim(
          out,
          derived,
          "No rollback for "
              + what
              + ": in its "
              + window
              + " "
              + peaks
              + ", so no "
              + Texts.tierName(tier)
              + " rollback trigger held.",
          citations);
      return false;
    }
    Watch.Breach first = breaches.get(0);
    out.field("rollback", true);
    if (!out.hasField("threshold_breached")) {
      out.field("threshold_breached", first.trigger().breachText());
    }
    Derived.claim(
        out,
        derived,
        "Roll back "
            + what
            + ": the "
            + Texts.tierName(tier)
            + " trigger "
            + first.trigger().breachText()
            + " held in its "
            + window
            + " — "
            + first.shows()
            + " ("
            + first.trigger().text()
            + ").",
        citations);
    return true;
  }

  /** The peaks of the metrics the triggers watch, e.g. "error rate peaked at 1.4 % (09:20)". */
  private static String peaks(Samples watch, List<PolicyRules.Criterion> triggers) {
    List<String> parts = new ArrayList<>();
    for (PolicyRules.Criterion t : triggers) {
      if (!t.isMetric()) {
        continue;
      }
      watch
          .peak(t.metric())
          .ifPresent(
              s ->
                  parts.add(
                      Texts.metricName(t.metric())
                          + " peaked at "
                          + Texts.metricValue(t.metric(), s.value(t.metric()))
                          + " ("
                          + Texts.time(s.at())
                          + " UTC) against > "
                          + t.shown()
                          + " for "
                          + t.minutes()
                          + " minutes"));
    }
    return parts.isEmpty() ? "no metric was measured" : String.join(", ", parts);
  }

  /** The tier's automatic_rollback lines of cicd.yaml, as an evidence item. */
  private static String cicdTriggers(Findings.Builder out, String tier) {
    JsonNode rules = CompanyData.yaml(CompanyData.CICD).path("automatic_rollback");
    if (!rules.has(tier)) {
      return null;
    }
    StringBuilder text = new StringBuilder("automatic_rollback:\n  " + tier + ":\n");
    rules
        .path(tier)
        .fields()
        .forEachRemaining(
            e ->
                text.append("    ")
                    .append(e.getKey())
                    .append(": ")
                    .append(e.getValue())
                    .append('\n'));
    text.append("  all_tiers:\n");
    rules
        .path("all_tiers")
        .fields()
        .forEachRemaining(
            e ->
                text.append("    ")
                    .append(e.getKey())
                    .append(": ")
                    .append(e.getValue())
                    .append('\n'));
    text.append("rollout watch_window: ")
        .append(CompanyData.yaml(CompanyData.CICD).path("rollout").path("watch_window").asText());
    return out.evidence(
        CompanyData.CICD + "#automatic_rollback:" + tier, CompanyData.CICD, text.toString());
  }

  /** Which policy applies, and what the superseded one would have said when the run fetched it. */
  private static void versionClaims(
      Findings.Builder out,
      UpstreamEvidence evidence,
      PolicyRules.Version policy,
      Instant deployed) {
    CompanyFacts.section(CompanyDocument.GOVERNANCE_NOTES, "Document precedence")
        .ifPresent(
            s -> {
              String item =
                  out.evidence(
                      CompanyDocument.GOVERNANCE_NOTES.path() + "#" + s.anchor(),
                      CompanyDocument.GOVERNANCE_NOTES.path(),
                      Texts.plain(s.text()));
              List<String> citations = new ArrayList<>(List.of(item));
              if (evidence.fetched(CompanyDocument.GOVERNANCE_NOTES.path())) {
                citations.add(CompanyDocument.GOVERNANCE_NOTES.path());
              }
              if (evidence.fetched(policy.path())) {
                citations.add(policy.path());
              }
              Derived.claim(
                  out,
                  "derived/policy-version/" + deployed,
                  "Policy "
                      + policy.name()
                      + " applies: events are judged by the policy in force"
                      + " when they happened, and the deployment started "
                      + Texts.dateTime(deployed)
                      + " UTC. "
                      + precedence(s.text()),
                  citations);
            });
    for (PolicyRules.Version other : PolicyRules.versions()) {
      if (other.name().equals(policy.name()) || !evidence.fetched(other.path())) {
        continue;
      }
      String triggers =
          String.join(
              "; ",
              other.rollback().stream()
                  .filter(PolicyRules.Criterion::isMetric)
                  .map(PolicyRules.Criterion::text)
                  .toList());
      String item =
          out.evidence(
              other.path() + "#" + Texts.anchor("5. Rollback triggers"),
              other.path(),
              "Policy " + other.name() + " §5: " + triggers + "\n" + header(other));
      out.claim(
          "Policy "
              + other.name()
              + " does not apply here ("
              + header(other)
              + "); its trigger — "
              + triggers
              + " — is not the rule for this deployment.",
          item,
          other.path());
    }
  }

  /** The first precedence rule of the governance notes, in plain words. */
  private static String precedence(String section) {
    return section
        .lines()
        .filter(l -> l.strip().startsWith("1."))
        .findFirst()
        .map(
            l ->
                Texts.plain(l.strip().substring(2))
                    + " "
                    + Texts.plain(section.lines().skip(1).findFirst().orElse("")))
        .orElse("");
  }

  /** A policy's status line: effective period, superseded or in force. */
  private static String header(PolicyRules.Version version) {
    return version
        .document()
        .read()
        .lines()
        .filter(l -> l.startsWith("| status |") || l.startsWith("| effective |"))
        .map(
            l ->
                Texts.plain(l.replaceAll("^\\|\\s*\\w+\\s*\\|\\s*", "").replaceAll("\\s*\\|$", ""))
                    .replace("`", ""))
        .reduce((a, b) -> a + "; " + b)
        .orElse(version.name());
  }

  /** What to do: the rollback steps, or fixing forward, as the policy and runbook say. */
  private static void action(
      Findings.Builder out,
      UpstreamEvidence evidence,
      PolicyRules.Version policy,
      String service,
      boolean rollback) {
    String policyPath = policy.path();
    CompanyFacts.section(policy.document(), "Rollback triggers")
        .ifPresent(
            s -> {
              String[] paragraphs = s.text().split("\\n\\s*\\n");
              String last = Texts.plain(paragraphs[paragraphs.length - 1]);
              String item =
                  out.evidence(policyPath + "#" + s.anchor() + ":record", policyPath, last);
              out.claim(
                  (rollback
                          ? "Policy " + policy.name() + " §5: "
                          : "Fix forward — policy " + policy.name() + " §5: ")
                      + last,
                  AssessSeverity.cite(evidence, item, policyPath));
            });
    Optional<CompanyDocument> runbook = CompanyDocument.runbookOf(service);
    if (runbook.isEmpty()) {
      return;
    }
    String path = runbook.get().path();
    String heading = rollback ? "Rollback" : "Mitigation";
    CompanyFacts.section(runbook.get(), heading)
        .ifPresent(
            s -> {
              String text = Texts.plain(s.text());
              String item = out.evidence(path + "#" + s.anchor(), path, s.text());
              out.claim(
                  "Runbook " + heading.toLowerCase(Locale.ROOT) + ": " + text,
                  AssessSeverity.cite(evidence, item, path));
            });
    if (rollback) {
      JsonNode steps = CompanyData.yaml(CompanyData.CICD).path("rollback_workflow");
      List<String> lines = new ArrayList<>();
      steps.forEach(step -> lines.add(step.path("step").asText()));
      String item =
          out.evidence(
              CompanyData.CICD + "#rollback_workflow", CompanyData.CICD, String.join("\n", lines));
      out.claim(
          "Conveyor rollback workflow (tool_configs/cicd.yaml): " + String.join("; ", lines) + ".",
          item);
    }
  }
}
