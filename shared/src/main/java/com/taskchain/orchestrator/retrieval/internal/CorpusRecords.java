package com.taskchain.orchestrator.retrieval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskchain.orchestrator.retrieval.DateField;
import com.taskchain.orchestrator.retrieval.Facet;
import com.taskchain.orchestrator.retrieval.Source;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code data/corpus/previous_issues.jsonl} (schema in {@code data/README.md}) into passages,
 * one per record: the records are a few hundred characters, so a record is never split.
 */
public final class CorpusRecords {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Map<String, Facet> METADATA_FACETS =
      Map.of(
          "project", Facet.PROJECT,
          "issue_type", Facet.ISSUE_TYPE,
          "priority", Facet.PRIORITY,
          "severity", Facet.SEVERITY,
          "status", Facet.STATUS,
          "service", Facet.SERVICE);

  private CorpusRecords() {}

  /**
   * Every record of the file, in file order.
   *
   * @throws IOException when the file cannot be read, or a line is not a valid record (the message
   *     names the line)
   */
  public static List<Passage> read(Path jsonl) throws IOException {
    List<Passage> passages = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    try (BufferedReader reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        Passage passage;
        try {
          passage = passage(MAPPER.readTree(line));
        } catch (IOException | RuntimeException e) {
          throw new IOException(jsonl + " line " + number + ": " + e.getMessage(), e);
        }
        if (!ids.add(passage.id())) {
          throw new IOException(jsonl + " line " + number + ": duplicate doc_id " + passage.id());
        }
        passages.add(passage);
      }
    }
    return passages;
  }

  static Passage passage(JsonNode record) {
    String id = required(record, "doc_id");
    String sourceName = required(record, "source");
    Source source =
        switch (sourceName) {
          case "jira" -> Source.JIRA;
          case "incident" -> Source.INCIDENT;
          default -> throw new IllegalArgumentException("unknown source '" + sourceName + "'");
        };
    String text = required(record, "text").strip();
    JsonNode metadataNode = record.path("metadata");

    Map<String, String> metadata = new LinkedHashMap<>();
    Map<Facet, String> facets = new EnumMap<>(Facet.class);
    facets.put(Facet.SOURCE, source.wire());
    metadataNode
        .properties()
        .forEach(
            field -> {
              JsonNode value = field.getValue();
              if (value.isNull() || value.asText().isBlank()) {
                return;
              }
              metadata.put(field.getKey(), value.asText());
              Facet facet = METADATA_FACETS.get(field.getKey());
              if (facet != null) {
                facets.put(facet, value.asText());
              }
            });
    if (source == Source.INCIDENT && facets.containsKey(Facet.STATUS)) {
      facets.put(Facet.INCIDENT_STATE, facets.get(Facet.STATUS));
    }

    Map<DateField, Instant> dates = new EnumMap<>(DateField.class);
    Instant created = instant(metadata.get("created"));
    Instant opened = instant(metadata.get("opened"));
    if (created != null) {
      dates.put(DateField.CREATED, created);
    }
    if (opened != null) {
      dates.put(DateField.OPENED, opened);
    }
    Instant start = source == Source.INCIDENT ? opened : created;
    Instant end = instant(metadata.get("resolved"));
    return new Passage(
        id,
        source.wire(),
        source,
        title(source, text),
        id,
        text,
        metadata,
        facets,
        Set.of(),
        dates,
        start,
        end);
  }

  /** A Jira issue's title line; an incident's first sentence. */
  private static String title(Source source, String text) {
    int lineEnd = text.indexOf('\n');
    String first = lineEnd < 0 ? text : text.substring(0, lineEnd);
    if (source == Source.INCIDENT) {
      int sentenceEnd = first.indexOf(". ");
      if (sentenceEnd > 0) {
        first = first.substring(0, sentenceEnd + 1);
      }
    }
    return first.strip();
  }

  private static String required(JsonNode record, String field) {
    JsonNode value = record.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException("'" + field + "' must be a non-blank string");
    }
    return value.asText();
  }

  private static Instant instant(String value) {
    return value == null ? null : Instant.parse(value);
  }
}
