package com.taskchain.orchestrator.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code make eval-retrieval}: recall@3, recall@5, MRR and warm query latency of the retrieval
 * index over {@code data/eval/queries.jsonl}, and the cold cost of opening the index from the
 * classpath. Run in a fresh JVM, so that the open cost includes loading Lucene's classes; the
 * opening thread's CPU time is printed beside the wall time because on a busy machine the wall time
 * mostly measures waiting for a core.
 *
 * <p>Usage: {@code RetrievalEval <queries.jsonl>...}. A query of scope {@code records} (the
 * default) searches the corpus records as {@code search_previous_issues} does; one of scope {@code
 * knowledge} searches the incidents and every company document's sections as {@code
 * search_incident_knowledge} does. Both read periods and service names from the query (relative
 * periods counted from the simulated now) and apply the query's own filters without relaxation.
 * recall@k is the share of a query's relevant passages found in the first k hits, averaged over
 * queries; MRR is the mean reciprocal rank of the first relevant hit in the first {@value #RANKED}
 * (0 when none). The figures are printed overall and per {@code kind} (queries without one are
 * {@value #ORIGINAL}).
 */
public final class RetrievalEval {
  static final int RANKED = 10;
  static final String ORIGINAL = "original";
  static final Set<Source> RECORDS = Set.of(Source.JIRA, Source.INCIDENT);
  static final Set<Source> KNOWLEDGE =
      Set.of(
          Source.INCIDENT,
          Source.RUNBOOK,
          Source.POLICY,
          Source.GOVERNANCE,
          Source.PROGRAM,
          Source.TOOL_CONFIG,
          Source.PROFILE);
  private static final int WARM_PASSES = 30;
  private static final int TIMED_PASSES = 30;

  /** One evaluation query. */
  record Query(
      String text, List<Filter> filters, Set<String> relevant, String kind, Set<Source> scope) {}

  /** The quality figures. */
  record Quality(double recallAt3, double recallAt5, double mrr, List<String> misses) {}

  private RetrievalEval() {}

  public static void main(String[] args) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String arg : args.length > 0 ? args : new String[] {"data/eval/queries.jsonl"}) {
      files.add(Path.of(arg));
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStarted = threads.getCurrentThreadCpuTime();
    long started = System.nanoTime();
    RetrievalIndex index = RetrievalIndex.openClasspath();
    double coldMs = (System.nanoTime() - started) / 1e6;
    double coldCpuMs = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e6;
    started = System.nanoTime();
    index.search(
        request(new Query("checkout-db pool exhausted", List.of(), Set.of(), ORIGINAL, RECORDS)));
    double firstSearchMs = (System.nanoTime() - started) / 1e6;
    List<Query> queries = new ArrayList<>();
    for (Path file : files) {
      queries.addAll(read(file));
    }

    Quality quality = quality(index, queries);
    for (int pass = 0; pass < WARM_PASSES; pass++) {
      quality(index, queries);
    }
    long[] nanos = new long[queries.size() * TIMED_PASSES];
    long[] cpu = new long[nanos.length];
    int i = 0;
    for (int pass = 0; pass < TIMED_PASSES; pass++) {
      for (Query query : queries) {
        long c = threads.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        index.search(request(query));
        nanos[i] = System.nanoTime() - t;
        cpu[i++] = threads.getCurrentThreadCpuTime() - c;
      }
    }
    Arrays.sort(nanos);
    Arrays.sort(cpu);

    System.out.printf(Locale.ROOT, "retrieval eval: %d queries from %s%n", queries.size(), files);
    System.out.printf(Locale.ROOT, "  index: %d passages%n", index.size());
    System.out.printf(Locale.ROOT, "  recall@3  %.3f   (target >= 0.9)%n", quality.recallAt3());
    System.out.printf(Locale.ROOT, "  recall@5  %.3f%n", quality.recallAt5());
    System.out.printf(Locale.ROOT, "  MRR       %.3f   (target >= 0.8)%n", quality.mrr());
    System.out.printf(
        Locale.ROOT,
        "  warm latency over %d searches: p50 %.3f ms, p95 %.3f ms   (target p95 <= 3 ms);"
            + " CPU p50 %.3f ms, p95 %.3f ms%n",
        nanos.length,
        percentile(nanos, 0.50) / 1e6,
        percentile(nanos, 0.95) / 1e6,
        percentile(cpu, 0.50) / 1e6,
        percentile(cpu, 0.95) / 1e6);
    System.out.printf(
        Locale.ROOT,
        "  machine: %d cores, load average %.2f (wall times on a busy machine mostly wait for a"
            + " core)%n",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf(
        Locale.ROOT,
        "  cold open from the classpath in this fresh JVM: %.0f ms wall, %.0f ms CPU of the opening"
            + " thread   (target <= 400 ms); first search after it %.0f ms%n",
        coldMs,
        coldCpuMs,
        firstSearchMs);
    Map<String, List<Query>> byKind = new TreeMap<>();
    queries.forEach(q -> byKind.computeIfAbsent(q.kind(), k -> new ArrayList<>()).add(q));
    System.out.println("  per kind:              queries  recall@3  recall@5    MRR");
    for (Map.Entry<String, List<Query>> kind : byKind.entrySet()) {
      Quality of = quality(index, kind.getValue());
      System.out.printf(
          Locale.ROOT,
          "    %-20s %8d %9.3f %9.3f %6.3f%n",
          kind.getKey(),
          kind.getValue().size(),
          of.recallAt3(),
          of.recallAt5(),
          of.mrr());
    }
    if (!quality.misses().isEmpty()) {
      System.out.println("  queries without a relevant record in the first 3:");
      quality.misses().forEach(miss -> System.out.println("    " + miss));
    }
  }

  /** Recall and MRR of the index over the queries. */
  static Quality quality(RetrievalIndex index, List<Query> queries) {
    double recall3 = 0;
    double recall5 = 0;
    double reciprocal = 0;
    List<String> misses = new ArrayList<>();
    for (Query query : queries) {
      List<String> ids = index.search(request(query)).hits().stream().map(Hit::citationId).toList();
      recall3 += found(ids, query.relevant(), 3) / (double) query.relevant().size();
      recall5 += found(ids, query.relevant(), 5) / (double) query.relevant().size();
      for (int rank = 0; rank < ids.size(); rank++) {
        if (query.relevant().contains(ids.get(rank))) {
          reciprocal += 1.0 / (rank + 1);
          break;
        }
      }
      if (found(ids, query.relevant(), 3) == 0) {
        misses.add(
            "["
                + query.kind()
                + "] "
                + query.text()
                + " -> "
                + ids.subList(0, Math.min(3, ids.size()))
                + " (wanted "
                + query.relevant()
                + ")");
      }
    }
    int n = queries.size();
    return new Quality(recall3 / n, recall5 / n, reciprocal / n, misses);
  }

  static SearchRequest request(Query query) {
    return new SearchRequest(
        query.text(),
        query.scope(),
        query.filters(),
        RANKED,
        360,
        false,
        true,
        CompanyDocument.SIMULATED_TODAY);
  }

  private static int found(List<String> ids, Set<String> relevant, int k) {
    int found = 0;
    for (String id : ids.subList(0, Math.min(k, ids.size()))) {
      if (relevant.contains(id)) {
        found++;
      }
    }
    return found;
  }

  /**
   * Reads a queries file: {@code query}, optional {@code filters}, {@code relevant}, optional
   * {@code kind} and {@code scope} ({@code records} or {@code knowledge}).
   */
  static List<Query> read(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<Query> queries = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = mapper.readTree(line);
      List<Filter> filters = new ArrayList<>();
      node.path("filters")
          .properties()
          .forEach(
              f ->
                  filters.add(
                      Filter.Equals.of(
                          Facet.valueOf(f.getKey().toUpperCase(Locale.ROOT)),
                          f.getValue().asText())));
      List<String> relevant = new ArrayList<>();
      node.path("relevant").forEach(id -> relevant.add(id.asText()));
      String scope = node.path("scope").asText("records");
      queries.add(
          new Query(
              node.path("query").asText(),
              filters,
              Set.copyOf(relevant),
              node.path("kind").asText(ORIGINAL),
              switch (scope) {
                case "records" -> RECORDS;
                case "knowledge" -> KNOWLEDGE;
                default -> throw new IOException(file + ": unknown scope " + scope);
              }));
    }
    return queries;
  }

  private static double percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
