package com.taskchain.company.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusGeneratorTest {
  static final Path ANCHORS = Path.of("../data/corpus/anchors.jsonl");
  static final Path CORPUS = Path.of("../data/corpus/previous_issues.jsonl");
  static final Path TICKETS = Path.of("company_sim/systems/jira_tickets.json");

  private static List<ObjectNode> generate() throws IOException {
    return CorpusGenerator.generate(
        CorpusGenerator.readJsonl(ANCHORS), CorpusGenerator.readTicketKeys(TICKETS));
  }

  @Test
  void committedCorpus_isExactlyWhatTheGeneratorWrites(@TempDir Path dir) throws IOException {
    Path fresh = dir.resolve("corpus.jsonl");
    CorpusGenerator.write(generate(), fresh);

    assertThat(Files.mismatch(fresh, CORPUS))
        .as("data/corpus/previous_issues.jsonl is stale: regenerate it (see data/README.md)")
        .isEqualTo(-1L);
  }

  @Test
  void generation_isDeterministic() throws IOException {
    assertThat(generate()).isEqualTo(generate());
  }

  @Test
  void corpus_hasAtLeastFiveThousandRecords_withUniqueIds() throws IOException {
    List<ObjectNode> corpus = CorpusGenerator.readJsonl(CORPUS);
    Set<String> ids =
        corpus.stream().map(r -> r.get("doc_id").asText()).collect(Collectors.toSet());

    assertThat(corpus).hasSizeGreaterThanOrEqualTo(5000);
    assertThat(ids).hasSameSizeAs(corpus);
  }

  @Test
  void anchors_areUnique_andInTheCorpusUnchanged() throws IOException {
    List<ObjectNode> anchors = CorpusGenerator.readJsonl(ANCHORS);
    Map<String, ObjectNode> corpus =
        CorpusGenerator.readJsonl(CORPUS).stream()
            .collect(Collectors.toMap(r -> r.get("doc_id").asText(), Function.identity()));
    Set<String> seen = new HashSet<>();

    assertThat(anchors).hasSizeBetween(50, 80);
    for (ObjectNode anchor : anchors) {
      String id = anchor.get("doc_id").asText();
      assertThat(seen.add(id)).as(id).isTrue();
      assertThat(corpus.get(id)).as(id).isEqualTo(anchor);
    }
  }

  @Test
  void everyRecord_followsTheSchema() throws IOException {
    Instant first = Instant.parse("2024-01-01T00:00:00Z");
    Instant now = Instant.parse("2026-05-20T12:00:00Z");
    for (ObjectNode r : CorpusGenerator.readJsonl(CORPUS)) {
      String id = r.get("doc_id").asText();
      JsonNode meta = r.get("metadata");
      assertThat(r.get("text").asText()).as(id).hasSizeGreaterThan(60);
      String source = r.get("source").asText();
      assertThat(source).as(id).isIn("jira", "incident");
      Instant start;
      if (source.equals("jira")) {
        assertThat(meta.get("project").asText()).as(id).isEqualTo(id.substring(0, id.indexOf('-')));
        assertThat(meta.get("issue_type").asText()).as(id).isNotBlank();
        assertThat(meta.get("priority").asText()).as(id).isIn("Highest", "High", "Medium", "Low");
        start = Instant.parse(meta.get("created").asText());
      } else {
        assertThat(id).startsWith("INC-");
        assertThat(meta.get("severity").asText()).as(id).isIn("P1", "P2", "P3");
        start = Instant.parse(meta.get("opened").asText());
      }
      assertThat(meta.get("status").asText()).as(id).isNotBlank();
      assertThat(meta.has("service")).as(id).isTrue();
      assertThat(start).as(id).isBetween(first, now);
      if (!meta.get("resolved").isNull()) {
        assertThat(Instant.parse(meta.get("resolved").asText())).as(id).isAfterOrEqualTo(start);
      }
    }
  }

  @Test
  void mockJiraKeys_appearOnlyAsAnchors() throws IOException {
    Set<String> anchorIds =
        CorpusGenerator.readJsonl(ANCHORS).stream()
            .map(a -> a.get("doc_id").asText())
            .collect(Collectors.toSet());
    Set<String> mockKeys = CorpusGenerator.readTicketKeys(TICKETS);

    CorpusGenerator.readJsonl(CORPUS).stream()
        .map(r -> r.get("doc_id").asText())
        .filter(mockKeys::contains)
        .forEach(id -> assertThat(anchorIds).contains(id));
  }

  @Test
  void duplicatesAndRecurrences_pointAtEarlierExistingRecords() throws IOException {
    List<ObjectNode> corpus = CorpusGenerator.readJsonl(CORPUS);
    Map<String, ObjectNode> byId =
        corpus.stream()
            .collect(Collectors.toMap(r -> r.get("doc_id").asText(), Function.identity()));
    Pattern reference =
        Pattern.compile(
            "^(?:.*\\n\\n)?(?:Duplicate of|Same problem as|Closed as a duplicate of|Recurrence of|Same failure as|Repeat of) ([A-Z]+-\\d+)\\.");
    int followers = 0;
    for (ObjectNode r : corpus) {
      Matcher m = reference.matcher(r.get("text").asText());
      if (m.find()) {
        followers++;
        ObjectNode original = byId.get(m.group(1));
        assertThat(original).as(r.get("doc_id").asText()).isNotNull();
        assertThat(original.get("metadata").toString())
            .contains(r.get("metadata").get("service").asText());
      }
    }
    assertThat(followers).isGreaterThan(100);
  }
}
