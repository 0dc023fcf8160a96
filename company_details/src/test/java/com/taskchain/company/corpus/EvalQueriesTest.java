package com.taskchain.company.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code data/eval/queries.jsonl} points at records that exist and that pass the query's own
 * filters.
 */
class EvalQueriesTest {
  private static final Path QUERIES = Path.of("../data/eval/queries.jsonl");
  private static final Set<String> FILTER_KEYS =
      Set.of("source", "project", "issue_type", "priority", "severity", "status", "service");

  @Test
  void thereAreAtLeastFiftyQueries_eachWithRelevantIds() throws IOException {
    List<ObjectNode> queries = CorpusGenerator.readJsonl(QUERIES);
    Set<String> texts = new HashSet<>();

    assertThat(queries).hasSizeGreaterThanOrEqualTo(50);
    for (ObjectNode q : queries) {
      assertThat(q.get("query").asText()).isNotBlank();
      assertThat(texts.add(q.get("query").asText())).as(q.get("query").asText()).isTrue();
      assertThat(q.get("relevant").isArray() && !q.get("relevant").isEmpty()).isTrue();
    }
  }

  @Test
  void everyRelevantId_existsInTheCorpus_andPassesTheFilters() throws IOException {
    Map<String, ObjectNode> corpus =
        CorpusGenerator.readJsonl(CorpusGeneratorTest.CORPUS).stream()
            .collect(Collectors.toMap(r -> r.get("doc_id").asText(), Function.identity()));
    for (ObjectNode q : CorpusGenerator.readJsonl(QUERIES)) {
      String query = q.get("query").asText();
      JsonNode filters = q.path("filters");
      filters.fieldNames().forEachRemaining(key -> assertThat(FILTER_KEYS).as(query).contains(key));
      for (JsonNode id : q.get("relevant")) {
        ObjectNode record = corpus.get(id.asText());
        assertThat(record).as(query + " -> " + id.asText()).isNotNull();
        filters
            .fields()
            .forEachRemaining(
                f -> {
                  JsonNode actual =
                      f.getKey().equals("source")
                          ? record.get("source")
                          : record.get("metadata").get(f.getKey());
                  assertThat(actual)
                      .as(query + " -> " + id.asText() + " " + f.getKey())
                      .isNotNull();
                  assertThat(actual.asText())
                      .as(query + " -> " + id.asText())
                      .isEqualTo(f.getValue().asText());
                });
      }
    }
  }

  @Test
  void mostQueries_pointAtAnchors() throws IOException {
    Set<String> anchors =
        CorpusGenerator.readJsonl(CorpusGeneratorTest.ANCHORS).stream()
            .map(a -> a.get("doc_id").asText())
            .collect(Collectors.toSet());
    List<ObjectNode> queries = CorpusGenerator.readJsonl(QUERIES);
    long onAnchors =
        queries.stream().filter(q -> anchors.contains(q.get("relevant").get(0).asText())).count();

    assertThat(onAnchors).isGreaterThan(queries.size() / 2);
  }
}
