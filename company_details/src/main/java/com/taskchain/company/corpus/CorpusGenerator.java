package com.taskchain.company.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code data/corpus/previous_issues.jsonl}: thousands of previous Jira issues and incident
 * records of Quillmark Commerce (2024 to 2026), generated from {@link Families} with a fixed seed,
 * merged with the hand-written anchor documents. The same inputs always give the same bytes.
 *
 * <p>Numbering: each Jira project and the incident sequence count up in date order, skipping every
 * id that an anchor or a ticket of the mock Jira already uses, and staying below the first
 * mock-Jira number of the project (those tickets are the newest), so ids never collide and roughly
 * follow time.
 *
 * <p>Usage: {@code CorpusGenerator [anchors.jsonl] [jira_tickets.json] [out.jsonl]}; the defaults
 * are the repository paths when run from the repository root.
 */
public final class CorpusGenerator {
  /** The fixed seed: change it and every generated document changes. */
  public static final long SEED = 20_240_101L;

  static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
  static final LocalDate LAST_JIRA_DAY = LocalDate.of(2026, 5, 15);

  /**
   * The last day of a generated incident. The 2026 incidents are the mock systems' (Jira, metrics,
   * logs) and the anchors', so the corpus must not invent others that would change 2026 counts.
   */
  static final LocalDate LAST_INCIDENT_DAY = LocalDate.of(2025, 12, 31);

  /**
   * Incident times are still drawn up to this day, and drafts after {@link #LAST_INCIDENT_DAY} are
   * dropped: drawing over a shorter range would move every incident and renumber the records that
   * {@code data/eval/queries.jsonl} points at.
   */
  static final LocalDate INCIDENT_DRAW_END = LocalDate.of(2026, 1, 15);

  static final int FIRST_JIRA_NUMBER = 101;
  static final int FIRST_INCIDENT_NUMBER = 1001;

  /** Incident drafts, before those after {@link #LAST_INCIDENT_DAY} are dropped. */
  static final int INCIDENT_COUNT = 1_200;

  /** Generated tickets per project (duplicates included). */
  static final Map<String, Integer> JIRA_COUNTS = jiraCounts();

  private static final double DUPLICATE_SHARE = 0.05;
  private static final double RECURRENCE_SHARE = 0.04;
  private static final List<String> PRIORITIES = List.of("Highest", "High", "Medium", "Low");
  private static final List<String> SEVERITIES = List.of("P1", "P2", "P3");
  private static final List<String> ALL_SERVICES =
      new ArrayList<>(new TreeSet<>(Slots.SERVICE_NAMES.keySet()));
  private static final Pattern KEY = Pattern.compile("([A-Z]+)-(\\d+)");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CorpusGenerator() {}

  private static Map<String, Integer> jiraCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("CHK", 800);
    counts.put("PAY", 560);
    counts.put("LEDG", 360);
    counts.put("IAM", 200);
    counts.put("RISK", 165);
    counts.put("INTG", 530);
    counts.put("CAT", 380);
    counts.put("DATA", 380);
    counts.put("SRE", 575);
    return counts;
  }

  public static void main(String[] args) throws IOException {
    Path anchors = Path.of(args.length > 0 ? args[0] : "data/corpus/anchors.jsonl");
    Path tickets =
        Path.of(
            args.length > 1 ? args[1] : "company_details/company_sim/systems/jira_tickets.json");
    Path out = Path.of(args.length > 2 ? args[2] : "data/corpus/previous_issues.jsonl");
    List<ObjectNode> records = generate(readJsonl(anchors), readTicketKeys(tickets));
    write(records, out);
    System.out.println("wrote " + records.size() + " records to " + out);
  }

  /** Reads a JSON-lines file of objects. */
  public static List<ObjectNode> readJsonl(Path file) throws IOException {
    List<ObjectNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        records.add((ObjectNode) MAPPER.readTree(line));
      }
    }
    return records;
  }

  /** The ticket keys of the mock Jira ({@code systems/jira_tickets.json}). */
  public static Set<String> readTicketKeys(Path file) throws IOException {
    Set<String> keys = new TreeSet<>();
    for (JsonNode ticket : MAPPER.readTree(file.toFile()).required("tickets")) {
      keys.add(ticket.required("key").asText());
    }
    return keys;
  }

  /** Writes one JSON object per line, {@code \n}-terminated, UTF-8. */
  public static void write(List<ObjectNode> records, Path out) throws IOException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (ObjectNode record : records) {
        writer.write(MAPPER.writeValueAsString(record));
        writer.write('\n');
      }
    }
  }

  /**
   * The whole corpus: the anchors (as given) and the generated records, ordered by date then id.
   *
   * @param anchors hand-written records; their ids are never generated
   * @param mockJiraKeys keys of the mock Jira; never generated, and each project's numbers stay
   *     below them
   * @throws IllegalStateException when a project's numbers would reach its first mock-Jira number
   */
  public static List<ObjectNode> generate(List<ObjectNode> anchors, Set<String> mockJiraKeys) {
    Set<String> reserved = new HashSet<>(mockJiraKeys);
    anchors.forEach(a -> reserved.add(a.required("doc_id").asText()));
    Map<String, Integer> caps = new HashMap<>();
    for (String key : mockJiraKeys) {
      Matcher m = KEY.matcher(key);
      if (m.matches()) {
        caps.merge(m.group(1), Integer.parseInt(m.group(2)), Math::min);
      }
    }

    Random random = new Random(SEED);
    List<Draft> drafts = new ArrayList<>();
    for (Map.Entry<String, Integer> project : JIRA_COUNTS.entrySet()) {
      List<Family> families =
          Families.all().stream().filter(f -> f.project().equals(project.getKey())).toList();
      int made = 0;
      while (made < project.getValue()) {
        Family family = pick(random, families, Family::weight);
        Draft draft =
            new Draft(
                true,
                family,
                service(random, family),
                moment(random, family, LAST_JIRA_DAY),
                random.nextLong());
        drafts.add(draft);
        made++;
        if (made < project.getValue() && random.nextDouble() < DUPLICATE_SHARE) {
          Draft duplicate =
              draft.follower(random, Duration.ofHours(2 + random.nextInt(24 * 10)), LAST_JIRA_DAY);
          drafts.add(duplicate);
          made++;
        }
      }
    }
    List<Family> incidentFamilies =
        Families.all().stream().filter(f -> f.incidentWeight() > 0).toList();
    int incidents = 0;
    while (incidents < INCIDENT_COUNT) {
      Family family = pick(random, incidentFamilies, Family::incidentWeight);
      Draft draft =
          new Draft(
              false,
              family,
              family.service(),
              moment(random, family, INCIDENT_DRAW_END),
              random.nextLong());
      drafts.add(draft);
      incidents++;
      if (incidents < INCIDENT_COUNT && random.nextDouble() < RECURRENCE_SHARE) {
        drafts.add(
            draft.follower(random, Duration.ofDays(3 + random.nextInt(60)), INCIDENT_DRAW_END));
        incidents++;
      }
    }

    Instant incidentsEnd = LAST_INCIDENT_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    drafts.removeIf(d -> !d.jira && !d.at.isBefore(incidentsEnd));
    number(drafts, reserved, caps);
    List<ObjectNode> records = new ArrayList<>(anchors);
    for (Draft draft : drafts) {
      ObjectNode record = draft.render();
      // An incident opened on 2025-12-31 may run past midnight; it would then be open in 2026.
      if (draft.jira
          || Instant.parse(record.at("/metadata/resolved").asText()).isBefore(incidentsEnd)) {
        records.add(record);
      }
    }
    records.sort(
        Comparator.comparing(CorpusGenerator::date).thenComparing(r -> r.get("doc_id").asText()));
    return records;
  }

  private static String date(ObjectNode record) {
    JsonNode meta = record.required("metadata");
    return meta.has("created") ? meta.get("created").asText() : meta.get("opened").asText();
  }

  private static void number(List<Draft> drafts, Set<String> reserved, Map<String, Integer> caps) {
    Map<String, List<Draft>> byProject = new LinkedHashMap<>();
    for (Draft d : drafts) {
      byProject.computeIfAbsent(d.project(), p -> new ArrayList<>()).add(d);
    }
    for (Map.Entry<String, List<Draft>> entry : byProject.entrySet()) {
      String project = entry.getKey();
      List<Draft> list = new ArrayList<>(entry.getValue());
      list.sort(Comparator.comparing((Draft d) -> d.at).thenComparingLong(d -> d.salt));
      int next = project.equals("INC") ? FIRST_INCIDENT_NUMBER : FIRST_JIRA_NUMBER;
      int cap = caps.getOrDefault(project, Integer.MAX_VALUE);
      for (Draft d : list) {
        while (reserved.contains(project + "-" + next)) {
          next++;
        }
        if (next >= cap) {
          throw new IllegalStateException(
              project
                  + " numbers reached "
                  + next
                  + ", the first number the mock Jira uses: generate fewer");
        }
        d.id = project + "-" + next;
        next++;
      }
    }
  }

  private static String service(Random random, Family family) {
    return family.service().equals("*")
        ? ALL_SERVICES.get(random.nextInt(ALL_SERVICES.size()))
        : family.service();
  }

  /** A time in the family's life; about one in seven falls in the November–December peak season. */
  private static Instant moment(Random random, Family family, LocalDate last) {
    LocalDate first = family.since().isAfter(FIRST_DAY) ? family.since() : FIRST_DAY;
    LocalDate day;
    if (random.nextInt(7) == 0) {
      int year = 2024 + random.nextInt(2);
      day = LocalDate.of(year, 11, 10).plusDays(random.nextInt(35));
      if (day.isBefore(first) || day.isAfter(last)) {
        day = first.plusDays(random.nextInt((int) (last.toEpochDay() - first.toEpochDay() + 1)));
      }
    } else {
      day = first.plusDays(random.nextInt((int) (last.toEpochDay() - first.toEpochDay() + 1)));
    }
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60L * random.nextInt(24 * 60));
  }

  private static <T> T pick(
      Random random, List<T> items, java.util.function.ToIntFunction<T> weight) {
    int total = items.stream().mapToInt(weight).sum();
    int r = random.nextInt(total);
    for (T item : items) {
      r -= weight.applyAsInt(item);
      if (r < 0) {
        return item;
      }
    }
    throw new IllegalStateException("weights changed while picking");
  }

  private static <T> T any(Random random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  private static int weighted(Random random, List<Integer> weights) {
    int total = weights.stream().mapToInt(Integer::intValue).sum();
    int r = random.nextInt(total);
    for (int i = 0; i < weights.size(); i++) {
      r -= weights.get(i);
      if (r < 0) {
        return i;
      }
    }
    throw new IllegalStateException("no weight");
  }

  /**
   * One document before it has an id; rendered with its own random stream so numbering cannot shift
   * text.
   */
  private static final class Draft {
    final boolean jira;
    final Family family;
    final String service;
    final Instant at;
    final long salt;
    Draft original;
    String id;

    Draft(boolean jira, Family family, String service, Instant at, long salt) {
      this.jira = jira;
      this.family = family;
      this.service = service;
      this.at = at;
      this.salt = salt;
    }

    String project() {
      return jira ? family.project() : "INC";
    }

    /** A duplicate ticket (Jira) or a recurrence (incident) of this one, later in time. */
    Draft follower(Random random, Duration after, LocalDate last) {
      Instant when = at.plus(after);
      Instant limit = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(60);
      Draft d =
          new Draft(jira, family, service, when.isAfter(limit) ? limit : when, random.nextLong());
      d.original = this;
      return d;
    }

    /** Families list causes and fixes in matching order, so a document's fix answers its cause. */
    private String fixFor(Random random, int reason) {
      return family.fixes().size() == family.causes().size()
          ? family.fixes().get(reason)
          : any(random, family.fixes());
    }

    ObjectNode render() {
      Random random = new Random(salt);
      LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
      Slots slots = new Slots(random, service, day);
      return jira ? renderJira(random, slots) : renderIncident(random, slots);
    }

    private ObjectNode renderJira(Random random, Slots slots) {
      boolean work =
          family.issueTypes().stream().noneMatch(t -> t.equals("Bug") || t.equals("Problem"));
      int severity = weighted(random, family.severities());
      String title = slots.fill(any(random, family.titles()));
      String symptom = slots.fill(any(random, family.symptoms()));
      int reason = random.nextInt(family.causes().size());
      String cause = slots.fill(family.causes().get(reason));
      String fix = slots.fill(fixFor(random, reason));
      String status;
      Instant resolved;
      StringBuilder text = new StringBuilder(title).append("\n\n");
      if (original != null) {
        status = "Duplicate";
        resolved = at.plus(Duration.ofHours(1 + random.nextInt(48)));
        text.append(
                any(
                    random,
                    List.of("Duplicate of ", "Same problem as ", "Closed as a duplicate of ")))
            .append(original.id)
            .append(". ")
            .append(symptom)
            .append(' ')
            .append(any(random, List.of("Reported again by ", "Raised by ", "Filed by ")))
            .append(slots.get("person"))
            .append('.');
      } else {
        boolean recent =
            Duration.between(at, LAST_JIRA_DAY.atStartOfDay(ZoneOffset.UTC).toInstant()).toDays()
                < 45;
        boolean open = recent && random.nextDouble() < 0.6;
        boolean wontDo = !open && random.nextDouble() < 0.05;
        status =
            open
                ? any(random, List.of("To Do", "In Progress"))
                : wontDo ? "Won't Do" : any(random, List.of("Done", "Done", "Closed"));
        resolved = open ? null : at.plus(Duration.ofHours(2 + random.nextInt(24 * 40)));
        text.append(symptom).append(' ');
        text.append(
            work
                ? any(random, List.of("Context: ", "Why: ", ""))
                : any(
                    random,
                    List.of(
                        "Cause: ",
                        "Root cause: ",
                        "Investigation showed: ",
                        "We found that: ",
                        "")));
        text.append(cause).append(' ');
        if (open) {
          text.append(any(random, List.of("Proposed: ", "Next step: ", "Plan: "))).append(fix);
        } else if (wontDo) {
          text.append("Closed as won't do; the workaround is enough for now.");
        } else {
          text.append(any(random, List.of("Resolution: ", "Fixed: ", "Outcome: ", ""))).append(fix);
        }
        if (!work && random.nextDouble() < 0.4) {
          text.append(" Seen in ").append(slots.get("region")).append('.');
        }
        if (random.nextDouble() < 0.5) {
          text.append(any(random, List.of(" Reported by ", " Owner: ", " Assignee: ")))
              .append(slots.get("person"))
              .append('.');
        }
        if (!work && random.nextDouble() < 0.2) {
          text.append(" Customer tickets: ").append(slots.get("n")).append('.');
        }
      }
      ObjectNode record = MAPPER.createObjectNode();
      record.put("doc_id", id).put("source", "jira").put("text", text.toString());
      ObjectNode meta = record.putObject("metadata");
      meta.put("project", family.project())
          .put("issue_type", any(random, family.issueTypes()))
          .put("priority", PRIORITIES.get(severity))
          .put("status", status)
          .put("service", service)
          .put("created", at.toString());
      if (resolved == null) {
        meta.putNull("resolved");
      } else {
        meta.put("resolved", resolved.toString());
      }
      return record;
    }

    private ObjectNode renderIncident(Random random, Slots slots) {
      int severity = weighted(random, family.severities().subList(0, 3));
      int ack =
          severity == 0
              ? 2 + random.nextInt(14)
              : severity == 1 ? 3 + random.nextInt(28) : 10 + random.nextInt(290);
      int mitigation =
          severity == 0
              ? 15 + random.nextInt(106)
              : severity == 1 ? 20 + random.nextInt(221) : 30 + random.nextInt(571);
      // Both are minutes from detection and an incident is acknowledged before it is mitigated, so
      // the smaller draw is the acknowledgement (swapping keeps both within their severity's
      // range).
      int mitigated = Math.max(ack, mitigation);
      ack = Math.min(ack, mitigation);
      Instant resolved = at.plus(Duration.ofMinutes(mitigated + random.nextInt(61)));
      String time = at.toString().substring(11, 16);
      int reason = random.nextInt(family.causes().size());
      List<String> detections =
          service.equals("ledger-core")
              ? List.of("the reconciliation job", "an error-rate alert", "a Finance report")
              : List.of(
                  "an error-rate alert",
                  "a p95 latency alert",
                  "a merchant report",
                  "a support escalation",
                  "synthetic checks",
                  "the on-call dashboard");
      StringBuilder text = new StringBuilder();
      if (original != null) {
        text.append(any(random, List.of("Recurrence of ", "Same failure as ", "Repeat of ")))
            .append(original.id)
            .append(". ");
      }
      text.append(slots.fill(any(random, family.titles())))
          .append(". ")
          .append(any(random, List.of("Impact: ", "What happened: ", "Customer impact: ")))
          .append(slots.fill(any(random, family.symptoms())))
          .append(' ')
          .append("Detected by ")
          .append(any(random, detections))
          .append(" at ")
          .append(time)
          .append(" UTC; acknowledged after ")
          .append(ack)
          .append(" minutes; mitigated after ")
          .append(mitigated)
          .append(" minutes. ")
          .append(any(random, List.of("Root cause: ", "Cause: ", "Why: ")))
          .append(slots.fill(family.causes().get(reason)))
          .append(' ')
          .append(any(random, List.of("Resolution: ", "Mitigation: ", "What fixed it: ")))
          .append(slots.fill(fixFor(random, reason)));
      if (random.nextDouble() < 0.5) {
        text.append(" Follow-up filed in ")
            .append(family.project().equals("SRE") ? "SRE" : family.project())
            .append('.');
      }
      boolean old =
          Duration.between(resolved, INCIDENT_DRAW_END.atStartOfDay(ZoneOffset.UTC).toInstant())
                  .toDays()
              > 30;
      ObjectNode record = MAPPER.createObjectNode();
      record.put("doc_id", id).put("source", "incident").put("text", text.toString());
      record
          .putObject("metadata")
          .put("severity", SEVERITIES.get(severity))
          .put("status", old ? "Closed" : any(random, List.of("Resolved", "Closed")))
          .put("service", service)
          .put("opened", at.toString())
          .put("resolved", resolved.toString());
      return record;
    }
  }
}
