package com.taskchain.company;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dated weeks, engineering managers and team services of {@code tool_configs/oncall.yaml}, read
 * with patterns (the module has no YAML parser, and the file's layout is fixed).
 */
record Rota(List<Week> weeks, Map<String, String> managers, Map<String, String> teamOfService) {
  private static final Pattern WEEK_OF = Pattern.compile("(?m)^  - week_of: (\\S+)$");
  private static final Pattern FIELD = Pattern.compile("(?m)^    (\\w+): (.+)$");
  private static final Pattern PAIR =
      Pattern.compile("\\{primary: \"?([^,\"]+)\"?, secondary: \"?([^}\"]+)\"?}");

  /** One week, from {@code weekOf} to {@code ends}, each at the Monday 09:00 UTC hand-over. */
  record Week(
      LocalDate weekOf,
      LocalDate ends,
      String sreIc,
      String dbre,
      Map<String, String> primary,
      Map<String, String> secondary) {
    Instant from() {
      return weekOf.atTime(9, 0).toInstant(ZoneOffset.UTC);
    }

    Instant to() {
      return ends.atTime(9, 0).toInstant(ZoneOffset.UTC);
    }

    boolean covers(Instant t) {
      return !t.isBefore(from()) && t.isBefore(to());
    }
  }

  static Rota parse(String yaml) {
    String[] parts = yaml.split("(?m)^weeks:$", 2);
    Map<String, String> managers = new HashMap<>();
    Matcher em =
        Pattern.compile("(?m)^  (\\w+): ([A-Z][^\\n\\[{]+)$")
            .matcher(section(parts[0], "engineering_managers:"));
    while (em.find()) {
      managers.put(em.group(1), em.group(2).strip());
    }
    Map<String, String> teamOfService = new HashMap<>();
    Matcher ts =
        Pattern.compile("(?m)^  (\\w+): \\[([^\\]]+)]$")
            .matcher(section(parts[0], "team_services:"));
    while (ts.find()) {
      for (String service : ts.group(2).split(",\\s*")) {
        teamOfService.put(service.strip(), ts.group(1));
      }
    }
    List<Week> weeks = new ArrayList<>();
    List<String> blocks = new ArrayList<>();
    Matcher w = WEEK_OF.matcher(parts[1]);
    List<Integer> starts = new ArrayList<>();
    while (w.find()) {
      starts.add(w.start());
    }
    for (int i = 0; i < starts.size(); i++) {
      blocks.add(
          parts[1].substring(
              starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : parts[1].length()));
    }
    for (String block : blocks) {
      Matcher weekOf = WEEK_OF.matcher(block);
      if (!weekOf.find()) {
        throw new IllegalStateException("no week_of in " + block);
      }
      Map<String, String> fields = new LinkedHashMap<>();
      Matcher f = FIELD.matcher(block);
      while (f.find()) {
        fields.put(f.group(1), f.group(2).strip());
      }
      Map<String, String> primary = new HashMap<>();
      Map<String, String> secondary = new HashMap<>();
      fields.forEach(
          (team, value) -> {
            Matcher pair = PAIR.matcher(value);
            if (pair.matches()) {
              primary.put(team, pair.group(1).strip());
              secondary.put(team, pair.group(2).strip());
            }
          });
      weeks.add(
          new Week(
              LocalDate.parse(weekOf.group(1)),
              LocalDate.parse(fields.get("ends")),
              fields.get("sre_ic"),
              fields.get("dbre"),
              Map.copyOf(primary),
              Map.copyOf(secondary)));
    }
    return new Rota(List.copyOf(weeks), Map.copyOf(managers), Map.copyOf(teamOfService));
  }

  /** The lines of a top-level section, up to the next top-level key. */
  private static String section(String yaml, String header) {
    int start = yaml.indexOf("\n" + header + "\n");
    if (start < 0) {
      throw new IllegalArgumentException("oncall.yaml has no " + header);
    }
    Matcher next = Pattern.compile("(?m)^\\S").matcher(yaml);
    int from = start + header.length() + 2;
    return next.find(from) ? yaml.substring(from, next.start()) : yaml.substring(from);
  }

  /** The week whose hand-over span contains {@code t}. */
  Week weekAt(Instant t) {
    return weeks.stream()
        .filter(week -> week.covers(t))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no rota week covers " + t));
  }

  String managerOf(String service) {
    return managers.get(teamOfService.get(service));
  }

  static boolean isHandoverDay(LocalDate day) {
    return day.getDayOfWeek() == DayOfWeek.MONDAY;
  }
}
