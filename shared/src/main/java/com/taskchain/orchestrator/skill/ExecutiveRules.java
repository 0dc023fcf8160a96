package com.taskchain.orchestrator.skill;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The executive-update rules of {@value #PATH}: the update's sections and RAG meanings (governance
 * §5), how the RAG status is judged, the P1 executive notice and update cadence of each policy
 * version, the programs with a record, and the incident themes. Immutable and thread-safe.
 *
 * @param sections the update's sections, in order
 * @param rag each status's meaning, quoted from governance
 * @param rules how the status is judged, first match wins
 * @param incidentProject the Jira project of incidents
 * @param changeProject the Jira project of production changes
 * @param doneStatuses ticket statuses that mean finished
 * @param closedChangeStatuses change statuses that mean the change will not run (rejected...)
 * @param recentDays how many days before the update a program's incidents count as recent
 * @param notices the P1 executive notice by policy version ({@code v1}, {@code v2})
 * @param cadence update cadence by policy version, then severity
 * @param updateContents what every update says (policy §3), quoted
 * @param alsoReport who else receives an incident with a given label
 * @param programs the programs with a record
 * @param themes incident themes for period summaries
 */
public record ExecutiveRules(
    List<String> sections,
    Map<Rag, String> rag,
    List<RagRule> rules,
    String incidentProject,
    String changeProject,
    List<String> doneStatuses,
    List<String> closedChangeStatuses,
    int recentDays,
    Map<String, Notice> notices,
    Map<String, Map<String, Cadence>> cadence,
    String updateContents,
    List<AlsoReport> alsoReport,
    List<Program> programs,
    List<Theme> themes) {

  /** Where the rules are, relative to the company folder. */
  public static final String PATH = "policies/rules/executive_updates.yaml";

  public ExecutiveRules {
    sections = List.copyOf(sections);
    rag = Map.copyOf(rag);
    rules = List.copyOf(rules);
    Objects.requireNonNull(incidentProject, "incidentProject");
    Objects.requireNonNull(changeProject, "changeProject");
    doneStatuses = List.copyOf(doneStatuses);
    closedChangeStatuses = List.copyOf(closedChangeStatuses);
    notices = Map.copyOf(notices);
    cadence = Map.copyOf(cadence);
    Objects.requireNonNull(updateContents, "updateContents");
    alsoReport = List.copyOf(alsoReport);
    programs = List.copyOf(programs);
    themes = List.copyOf(themes);
  }

  /**
   * One rule: the status it gives when its condition holds.
   *
   * @param when the condition: {@code unmitigated_incident}, {@code overdue_milestone}, {@code
   *     open_incident}, {@code decision_needed} or {@code open_risk}
   * @param severities incident severities it considers (incident conditions)
   * @param likelihoods risk likelihoods it considers ({@code open_risk})
   * @param reads how the status reads when this rule decides it
   */
  public record RagRule(
      Rag status, String when, List<String> severities, List<String> likelihoods, String reads) {
    public RagRule {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(when, "when");
      severities = List.copyOf(severities);
      likelihoods = List.copyOf(likelihoods);
      Objects.requireNonNull(reads, "reads");
    }
  }

  /** The first executive summary of an incident of {@code severity}: where and within how long. */
  public record Notice(String severity, String channel, int withinMinutes, String quote) {}

  /** How often an open incident is updated, and where. */
  public record Cadence(String channel, int everyMinutes, String quote) {}

  /** Incidents labelled {@code label} are also reported {@code to}. */
  public record AlsoReport(String label, String to, String quote) {}

  /**
   * A program with a record.
   *
   * @param name how tasks name it, e.g. Atlas Checkout
   * @param record the record's document id for {@code fetch_company_reference}
   * @param jiraProject its Jira project
   * @param changeProject the Jira project of its changes
   */
  public record Program(String name, String record, String jiraProject, String changeProject) {}

  /** An incident theme and the words that mark it. */
  public record Theme(String theme, List<String> words) {
    public Theme {
      words = List.copyOf(words);
    }
  }

  /** The rules shipped with the company data. */
  public static ExecutiveRules load() {
    return Holder.RULES;
  }

  private static final class Holder {
    private static final ExecutiveRules RULES = parse(CompanyData.yaml(PATH));
  }

  /** The rules of a parsed rule file. */
  static ExecutiveRules parse(JsonNode yaml) {
    List<String> sections = strings(yaml.path("sections"));
    Map<Rag, String> rag = new LinkedHashMap<>();
    yaml.path("rag")
        .fields()
        .forEachRemaining(e -> rag.put(Rag.of(e.getKey()), e.getValue().asText()));
    List<RagRule> rules = new ArrayList<>();
    for (JsonNode rule : yaml.path("rag_rules")) {
      rules.add(
          new RagRule(
              Rag.of(rule.path("status").asText()),
              rule.path("when").asText(),
              strings(rule.path("severities")),
              strings(rule.path("likelihoods")),
              rule.path("reads").asText()));
    }
    Map<String, Notice> notices = new LinkedHashMap<>();
    yaml.path("executive_notice")
        .fields()
        .forEachRemaining(
            e ->
                notices.put(
                    e.getKey(),
                    new Notice(
                        e.getValue().path("severity").asText(),
                        e.getValue().path("channel").asText(),
                        e.getValue().path("within_minutes").asInt(),
                        e.getValue().path("quote").asText())));
    Map<String, Map<String, Cadence>> cadence = new LinkedHashMap<>();
    yaml.path("cadence")
        .fields()
        .forEachRemaining(
            version -> {
              Map<String, Cadence> bySeverity = new LinkedHashMap<>();
              version
                  .getValue()
                  .fields()
                  .forEachRemaining(
                      s ->
                          bySeverity.put(
                              s.getKey(),
                              new Cadence(
                                  s.getValue().path("channel").asText(),
                                  s.getValue().path("every_minutes").asInt(),
                                  s.getValue().path("quote").asText())));
              cadence.put(version.getKey(), Map.copyOf(bySeverity));
            });
    List<AlsoReport> also = new ArrayList<>();
    for (JsonNode a : yaml.path("also_report")) {
      also.add(
          new AlsoReport(
              a.path("label").asText(), a.path("to").asText(), a.path("quote").asText()));
    }
    List<Program> programs = new ArrayList<>();
    for (JsonNode p : yaml.path("programs")) {
      programs.add(
          new Program(
              p.path("name").asText(),
              p.path("record").asText(),
              p.path("jira_project").asText(),
              p.path("change_project").asText()));
    }
    List<Theme> themes = new ArrayList<>();
    for (JsonNode t : yaml.path("themes")) {
      themes.add(new Theme(t.path("theme").asText(), strings(t.path("words"))));
    }
    return new ExecutiveRules(
        sections,
        rag,
        rules,
        yaml.path("incident_project").asText("INC"),
        yaml.path("change_project").asText("CHG"),
        strings(yaml.path("done_statuses")),
        strings(yaml.path("closed_change_statuses")),
        yaml.path("recent_incident_days").asInt(),
        notices,
        cadence,
        yaml.path("update_contents").asText(),
        also,
        programs,
        themes);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  /** The program a task names (by name, case-insensitive) or whose Jira project it names. */
  public Optional<Program> program(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return programs.stream()
        .filter(
            p ->
                lower.contains(p.name().toLowerCase(Locale.ROOT))
                    || lower.strip().equalsIgnoreCase(p.jiraProject()))
        .findFirst();
  }

  /** The cadence of a severity under a policy version, if the policy sets one. */
  public Optional<Cadence> cadence(String version, String severity) {
    return Optional.ofNullable(cadence.getOrDefault(version, Map.of()).get(severity));
  }
}
