package com.taskchain.orchestrator.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskchain.orchestrator.retrieval.internal.QuantityCharFilter;
import com.taskchain.orchestrator.testing.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RetrievalIndexTest {
  private static final Set<Source> RECORDS = Set.of(Source.JIRA, Source.INCIDENT);
  private static final Set<Source> KNOWLEDGE =
      Set.of(Source.INCIDENT, Source.RUNBOOK, Source.POLICY);

  private static RetrievalIndex index;
  private static List<JsonNode> corpus;

  @BeforeAll
  static void open() throws IOException {
    index = RetrievalIndex.shared();
    ObjectMapper mapper = new ObjectMapper();
    corpus = new ArrayList<>();
    for (String line :
        Files.readAllLines(
            RepoFiles.path("data/corpus/previous_issues.jsonl"), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        corpus.add(mapper.readTree(line));
      }
    }
  }

  private static SearchRequest request(String query, Set<Source> scope, List<Filter> filters) {
    return new SearchRequest(query, scope, filters, 10, 360, false);
  }

  private static JsonNode record(String id) {
    return corpus.stream()
        .filter(r -> r.path("doc_id").asText().equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void index_holdsEveryCorpusRecord_andTheSectionsOfEveryCompanyDocument() {
    int records = index.count(RECORDS, List.of());
    Set<Source> documents = java.util.EnumSet.allOf(Source.class);
    documents.removeAll(RECORDS);
    int sections = index.count(documents, List.of());

    assertThat(records).isEqualTo(corpus.size());
    assertThat(index.count(Set.of(Source.RUNBOOK), List.of()))
        .isGreaterThanOrEqualTo(
            (int)
                java.util.Arrays.stream(CompanyDocument.values())
                    .filter(d -> d.kind() == CompanyDocument.Kind.RUNBOOK)
                    .count());
    for (Source source : documents) {
      assertThat(index.count(Set.of(source), List.of())).as(source.wire()).isPositive();
    }
    assertThat(index.size()).isEqualTo(records + sections);
  }

  @Test
  void aRecordsOwnTitle_findsThatRecordFirst() {
    for (String id : List.of("INC-2291", "LEDG-502", "ATLAS-142")) {
      String title = record(id).path("text").asText().split("\n", -1)[0];

      SearchResult result = index.search(request(title, RECORDS, List.of()));

      assertThat(result.hits()).as(title).isNotEmpty();
      assertThat(result.hits().get(0).citationId()).as(title).isEqualTo(id);
    }
  }

  @Test
  void everyHit_hasACitationASnippetWithinTheLimit_andItsMetadata() {
    SearchResult result =
        index.search(
            new SearchRequest(
                "payout batch blocked by an index rebuild", KNOWLEDGE, List.of(), 20, 120, false));

    assertThat(result.hits()).isNotEmpty();
    for (Hit hit : result.hits()) {
      assertThat(hit.citationId()).isNotBlank();
      assertThat(hit.citationSource()).isNotBlank();
      assertThat(hit.snippet()).isNotBlank().hasSizeLessThanOrEqualTo(120);
      assertThat(hit.coverage()).isBetween(0.0, 1.0);
      if (hit.source() == Source.RUNBOOK || hit.source() == Source.POLICY) {
        assertThat(hit.citationId()).startsWith(hit.citationSource() + "#");
        assertThat(hit.metadata()).containsKey("document");
      } else {
        assertThat(hit.citationSource()).isEqualTo(hit.source().wire());
        assertThat(hit.metadata()).containsKey("status");
      }
    }
  }

  @Test
  void equalsFilter_keepsOnlyMatchingRecords_caseInsensitively() {
    SearchResult result =
        index.search(
            request(
                "connection pool exhausted",
                RECORDS,
                List.of(
                    Filter.Equals.of(Facet.SERVICE, "Payments-Gateway"),
                    Filter.Equals.of(Facet.SOURCE, "jira"))));

    assertThat(result.hits()).isNotEmpty();
    assertThat(result.hits())
        .allSatisfy(
            hit -> {
              assertThat(hit.metadata()).containsEntry("service", "payments-gateway");
              assertThat(hit.source()).isEqualTo(Source.JIRA);
            });
  }

  @Test
  void betweenFilter_keepsRecordsDatedInTheRange() {
    Instant from = Instant.parse("2025-03-01T00:00:00Z");
    Instant to = Instant.parse("2025-03-31T23:59:59Z");

    SearchResult result =
        index.search(
            request(
                "acquirer timeouts",
                RECORDS,
                List.of(new Filter.Between(DateField.OPENED, from, to, List.of("opened_from")))));

    assertThat(result.hits()).isNotEmpty();
    assertThat(result.hits())
        .allSatisfy(
            hit -> {
              Instant opened = Instant.parse(hit.metadata().get("opened"));
              assertThat(opened).isBetween(from, to);
            });
  }

  @Test
  void companyWideSections_passAServiceFilter_andOnlyThatServicesRunbookDoes() {
    SearchResult result =
        index.search(
            new SearchRequest(
                "rollback escalation severity",
                KNOWLEDGE,
                List.of(new Filter.Equals(Facet.SERVICE, "ledger-core", true, List.of("service"))),
                20,
                360,
                false));

    assertThat(result.hits()).extracting(Hit::source).contains(Source.POLICY);
    assertThat(result.hits())
        .filteredOn(hit -> hit.source() != Source.POLICY)
        .allSatisfy(hit -> assertThat(hit.metadata()).containsEntry("service", "ledger-core"));
  }

  @Test
  void timeWindow_selectsThePolicyInForceThen() {
    String query = "severity matrix P1 critical Tier-0 p95 latency";
    List<String> january = policyDocuments(query, "2026-01-22T19:40:00Z", "2026-01-22T20:35:00Z");
    List<String> march = policyDocuments(query, "2026-03-03T09:12:00Z", "2026-03-03T10:40:00Z");

    assertThat(january).isNotEmpty().containsOnly(CompanyDocument.POLICY_V1.id());
    assertThat(march).isNotEmpty().containsOnly(CompanyDocument.POLICY_V2.id());
  }

  private static List<String> policyDocuments(String query, String start, String end) {
    return index
        .search(
            new SearchRequest(
                query,
                Set.of(Source.POLICY),
                List.of(
                    new Filter.Overlaps(
                        Instant.parse(start), Instant.parse(end), List.of("time_start"))),
                20,
                360,
                false))
        .hits()
        .stream()
        .map(hit -> hit.metadata().get("document"))
        .distinct()
        .toList();
  }

  @Test
  void timeWindow_keepsTheIncidentsActiveInIt() {
    JsonNode incident = record("INC-2291").path("metadata");
    Instant opened = Instant.parse(incident.path("opened").asText());

    SearchResult result =
        index.search(
            request(
                "checkout latency errors pool",
                Set.of(Source.INCIDENT),
                List.of(
                    new Filter.Overlaps(
                        opened.minusSeconds(1800), opened.plusSeconds(600), List.of("t")))));

    assertThat(result.hits()).extracting(Hit::citationId).contains("INC-2291");
    for (Hit hit : result.hits()) {
      assertThat(Instant.parse(hit.metadata().get("opened"))).isBefore(opened.plusSeconds(601));
    }
  }

  @Test
  void filtersThatMatchNothing_areRelaxedNarrowestFirst_andReported() {
    // Jira issues have no severity and incidents no project: together these match nothing.
    List<Filter> filters =
        List.of(
            Filter.Equals.of(Facet.PROJECT, "PAY"),
            Filter.Equals.of(Facet.SEVERITY, "P1"),
            Filter.Equals.of(Facet.PRIORITY, "Medium"));
    String query = "acquirer timeouts failover";
    assertThat(index.count(RECORDS, filters)).isZero();
    Filter narrowest =
        filters.stream()
            .min(Comparator.comparingInt(f -> index.count(RECORDS, List.of(f))))
            .orElseThrow();

    SearchResult strict = index.search(request(query, RECORDS, filters));
    SearchResult relaxed = index.search(new SearchRequest(query, RECORDS, filters, 10, 360, true));

    assertThat(strict.hits()).isEmpty();
    assertThat(strict.relaxed()).isEmpty();
    assertThat(relaxed.hits()).isNotEmpty();
    assertThat(relaxed.relaxed()).isNotEmpty().startsWith(narrowest);
    assertThat(relaxed.applied()).doesNotContainAnyElementsOf(relaxed.relaxed());
    assertThat(index.count(RECORDS, relaxed.applied())).isPositive();
  }

  @Test
  void aPreciseQuery_isHighConfidence_andWordsTheIndexNeverSaw_findNothing() {
    String title = record("INC-2351").path("text").asText();
    SearchResult precise = index.search(request(title, RECORDS, List.of()));
    SearchResult nonsense =
        index.search(request("zorblax quuxification of the frobnicator", RECORDS, List.of()));
    SearchResult stopWords =
        index.search(request("what should we do about it", RECORDS, List.of()));

    assertThat(precise.confidence()).isEqualTo(Confidence.HIGH);
    assertThat(precise.weakReason()).isNull();
    assertThat(nonsense.hits()).isEmpty();
    assertThat(nonsense.confidence()).isEqualTo(Confidence.LOW);
    assertThat(nonsense.weakReason()).contains("none of the query's words");
    assertThat(stopWords.hits()).isEmpty();
    assertThat(stopWords.weakReason()).contains("no searchable words");
  }

  @Test
  void aPassageMatchingOnlyACommonWord_isNotAHit() {
    // "checkout" is in a thousand records; "2291" only in those about INC-2291 (or, with its
    // thousands separator, "2,291"). Matching the common word alone is too small a part of the
    // query to count as evidence.
    SearchResult result = index.search(request("checkout 2291", RECORDS, List.of()));

    assertThat(result.hits()).isNotEmpty();
    assertThat(result.hits())
        .allSatisfy(
            hit ->
                assertThat(
                        hit.citationId()
                            + " "
                            + QuantityCharFilter.normalize(
                                record(hit.citationId()).path("text").asText()))
                    .contains("2291"));
  }

  @Test
  void recordsLinkedToTheBestHit_followIt() {
    // A recurring problem has many near-duplicates; the follow-up of the very incident found
    // (it names the incident, or the incident names it) must not be pushed down by them.
    String query = "inventory retry storm after release 2026.04.22-1 fixed with max_retries=1";

    List<Hit> hits = index.search(request(query, RECORDS, List.of())).hits();

    String best = hits.get(0).citationId();
    String bestText = record(best).path("text").asText();
    List<String> linked =
        corpus.stream()
            .map(r -> r.path("doc_id").asText())
            .filter(
                id ->
                    !id.equals(best)
                        && (bestText.contains(id)
                            || record(id).path("text").asText().contains(best)))
            .toList();
    assertThat(linked).isNotEmpty();
    assertThat(linked).contains(hits.get(1).citationId());
  }

  @Test
  void theSameRequest_givesTheSameResult() {
    SearchRequest request =
        new SearchRequest("ledger duplicate postings", KNOWLEDGE, List.of(), 8, 200, true);

    assertThat(index.search(request)).isEqualTo(index.search(request));
  }

  @Test
  void anInterruptedSearch_doesNotBreakTheIndex() {
    SearchRequest request = request("webhook backlog slow endpoint", RECORDS, List.of());
    SearchResult before = index.search(request);

    Thread.currentThread().interrupt();
    try {
      index.search(request);
    } catch (RuntimeException e) {
      // Either outcome is fine for the interrupted call; the index must survive it.
    } finally {
      Thread.interrupted();
    }

    assertThat(index.search(request)).isEqualTo(before);
  }

  @Test
  void hitMetadata_isSortedByName() {
    Hit hit =
        index
            .search(request("settlement callbacks posted twice", RECORDS, List.of()))
            .hits()
            .get(0);

    assertThat(List.copyOf(hit.metadata().keySet())).isSorted();
  }
}
