package com.taskchain.orchestrator.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.tool.Upstream;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every citation id retrieved in one run, with the text behind it: search hits ({@code
 * citation_id}), company documents fetched ({@code path}, without the {@code company_sim/} prefix),
 * Jira tickets ({@code key}), log events ({@code logs/<service>/<timestamp>}), metric windows
 * ({@code metrics/<service>/<start>/<end>}) and the evidence items skills produced. Built from the
 * outputs of a run's succeeded steps; immutable once built.
 *
 * <p>It answers the verifier's questions: was a citation retrieved in this run, and does the cited
 * evidence contain every number and ticket id a sentence states.
 */
public final class EvidenceIndex {
  /** A ticket or record id: {@code INC-2291}, {@code CHG-4163}, {@code AUD-77}. */
  public static final Pattern TICKET_ID = Pattern.compile("\\b[A-Z][A-Z0-9]{1,9}-\\d{1,6}\\b");

  /**
   * A number as people write it: {@code 1,650}, {@code 3.8}, {@code 25}; not the digits inside a
   * word, a version ({@code v2}), a severity ({@code P2}) or an id ({@code INC-2291}).
   */
  private static final Pattern NUMBER =
      Pattern.compile(
          "(?<![A-Za-z0-9_.,\\-])\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?(?![0-9])|(?<![A-Za-z0-9_.,\\-])\\d+(?:\\.\\d+)?(?![0-9A-Za-z])");

  private static final String DOCUMENT_PREFIX = "company_sim/";

  private final Map<String, String> texts;

  private EvidenceIndex(Map<String, String> texts) {
    this.texts = java.util.Collections.unmodifiableMap(texts);
  }

  /** The evidence of the succeeded steps among {@code steps}. */
  public static EvidenceIndex of(Collection<Upstream.Step> steps) {
    Map<String, StringBuilder> texts = new LinkedHashMap<>();
    for (Upstream.Step step : steps) {
      if (step.succeeded() && step.output() != null) {
        collect(step.tool(), step.output(), texts);
      }
    }
    Map<String, String> built = new LinkedHashMap<>();
    texts.forEach((id, text) -> built.put(id, text.toString()));
    return new EvidenceIndex(built);
  }

  private static void collect(String tool, JsonNode node, Map<String, StringBuilder> texts) {
    if (node.isArray()) {
      node.forEach(child -> collect(tool, child, texts));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    idOf(node).ifPresent(id -> append(texts, id, flatten(node)));
    if (node.path("service").isTextual()
        && node.path("start_time").isTextual()
        && node.path("end_time").isTextual()
        && node.has("points")) {
      append(
          texts,
          "metrics/"
              + node.path("service").asText()
              + "/"
              + node.path("start_time").asText()
              + "/"
              + node.path("end_time").asText(),
          flatten(node));
    }
    node.fields()
        .forEachRemaining(
            entry -> {
              if (entry.getValue().isContainerNode()) {
                collect(tool, entry.getValue(), texts);
              }
            });
  }

  private static Optional<String> idOf(JsonNode node) {
    if (node.path("citation_id").isTextual()) {
      return Optional.of(node.path("citation_id").asText());
    }
    if (node.path("path").isTextual() && node.path("excerpt").isTextual()) {
      String path = node.path("path").asText();
      return Optional.of(
          path.startsWith(DOCUMENT_PREFIX) ? path.substring(DOCUMENT_PREFIX.length()) : path);
    }
    if (node.path("key").isTextual()
        && node.path("summary").isTextual()
        && TICKET_ID.matcher(node.path("key").asText()).matches()) {
      return Optional.of(node.path("key").asText());
    }
    if (node.path("message").isTextual()
        && node.path("timestamp").isTextual()
        && node.path("service").isTextual()) {
      return Optional.of(
          "logs/" + node.path("service").asText() + "/" + node.path("timestamp").asText());
    }
    return Optional.empty();
  }

  private static void append(Map<String, StringBuilder> texts, String id, String text) {
    StringBuilder builder = texts.computeIfAbsent(id, key -> new StringBuilder());
    if (builder.length() > 0) {
      builder.append('\n');
    }
    builder.append(text);
  }

  /** Every scalar of the node, keys included, as one text. */
  private static String flatten(JsonNode node) {
    StringBuilder out = new StringBuilder();
    flatten(node, out);
    return out.toString();
  }

  private static void flatten(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              entry -> {
                out.append(entry.getKey()).append(": ");
                flatten(entry.getValue(), out);
              });
    } else if (node.isArray()) {
      node.forEach(child -> flatten(child, out));
    } else if (!node.isNull()) {
      out.append(node.asText()).append('\n');
    }
  }

  /** Whether the id was retrieved in this run. */
  public boolean contains(String citationId) {
    return texts.containsKey(citationId);
  }

  /** The ids retrieved in this run, in the order first met. */
  public Set<String> ids() {
    return texts.keySet();
  }

  /** The evidence text behind the id, or empty. */
  public String text(String citationId) {
    return texts.getOrDefault(citationId, "");
  }

  /**
   * The numbers and ticket ids of {@code sentence} that occur in none of the cited evidence, in
   * order; empty when the sentence is grounded. Numbers compare by value ({@code 1,650} = {@code
   * 1650}, {@code 3.80} = {@code 3.8}).
   */
  public List<String> ungrounded(String sentence, Collection<String> citations) {
    StringBuilder cited = new StringBuilder();
    for (String id : citations) {
      cited.append(id).append('\n').append(text(id)).append('\n');
    }
    return ungroundedIn(sentence, cited.toString());
  }

  /** The numbers and ticket ids of {@code sentence} that do not occur in {@code evidence}. */
  public static List<String> ungroundedIn(String sentence, String evidence) {
    Set<String> ids = tokens(TICKET_ID, evidence, false);
    Set<String> numbers = tokens(NUMBER, evidence, true);
    List<String> missing = new java.util.ArrayList<>();
    Matcher id = TICKET_ID.matcher(sentence);
    while (id.find()) {
      if (!ids.contains(id.group()) && !missing.contains(id.group())) {
        missing.add(id.group());
      }
    }
    Matcher number = NUMBER.matcher(sentence);
    while (number.find()) {
      String value = normalise(number.group());
      if (!numbers.contains(value) && !missing.contains(number.group())) {
        missing.add(number.group());
      }
    }
    return missing;
  }

  private static Set<String> tokens(Pattern pattern, String text, boolean asNumbers) {
    Set<String> found = new HashSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(asNumbers ? normalise(m.group()) : m.group());
    }
    return found;
  }

  private static String normalise(String number) {
    try {
      return new BigDecimal(number.replace(",", "")).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return number;
    }
  }
}
