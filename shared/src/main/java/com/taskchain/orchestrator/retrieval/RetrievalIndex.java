package com.taskchain.orchestrator.retrieval;

import com.taskchain.orchestrator.log.Log;
import com.taskchain.orchestrator.retrieval.internal.Analysis;
import com.taskchain.orchestrator.retrieval.internal.Fields;
import com.taskchain.orchestrator.retrieval.internal.QueryPeriods;
import com.taskchain.orchestrator.retrieval.internal.ResourceDirectory;
import com.taskchain.orchestrator.retrieval.internal.Snippets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;

/**
 * The read-only retrieval index: previous Jira issues and incident records, and the sections of the
 * company documents (policies, runbooks, governance, programme, profile, tool configurations),
 * searched with BM25 over English analysis, with keyword, date and active-period filters. Built at
 * build time by {@link IndexBuilder} and shipped inside the jar; opened from the classpath into
 * memory, never from a caller-supplied path.
 *
 * <p>Relevance: a passage counts as a hit only when it contains at least {@value #MIN_COVERAGE} of
 * the query's searchable information, weighing each distinct query term by its rarity (inverse
 * document frequency) and leaving out words that occur nowhere in the index: matching only
 * "checkout" in a query about a particular BIN is not evidence. A hit's reported {@code coverage}
 * counts every query word, so a query full of words the index does not know gets low confidence.
 * When the filters leave nothing relevant and the request allows it, the filters are dropped one at
 * a time, the narrowest (the one admitting the fewest passages of the scope) first.
 *
 * <p>Thread-safe: searches may run concurrently. The index lives in heap buffers, so an executor
 * timeout that interrupts a search cannot close it (an interrupted NIO channel would).
 */
public final class RetrievalIndex implements AutoCloseable {
  private static final Log LOG = Log.get(RetrievalIndex.class);

  /** Where the index is on the classpath. */
  public static final String RESOURCE_DIRECTORY = "retrieval-index/";

  /** The file listing the index files and their sizes, one {@code name size} per line. */
  public static final String MANIFEST = "manifest.txt";

  /** The least share of the weight of the query's searchable terms a passage must contain. */
  public static final double MIN_COVERAGE = 0.2;

  /** The best hit's coverage from which confidence is high. */
  public static final double HIGH_COVERAGE = 0.6;

  /** The best hit's coverage from which confidence is medium. */
  public static final double MEDIUM_COVERAGE = 0.35;

  /** Distinct query terms searched; the rest are ignored (a long task text stays cheap). */
  public static final int MAX_QUERY_TERMS = 200;

  /** A record id in text, e.g. {@code PAY-726}, {@code INC-2291}. */
  private static final Pattern RECORD_ID = Pattern.compile("\\b[A-Z][A-Z0-9]{1,9}-\\d+\\b");

  private static final Object SHARED_LOCK = new Object();
  private static volatile RetrievalIndex shared;

  private final Directory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;

  /** How many passages each searched scope has; the index is read-only, so they never change. */
  private final Map<Set<Source>, Integer> scopeSizes =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Analyzer analyzer;
  private final Duration openCost;
  private final AtomicReferenceArray<Stored> stored;
  private final Map<String, List<String>> serviceTerms;

  private RetrievalIndex(Directory directory, long startedNanos) throws IOException {
    this.directory = directory;
    this.reader = DirectoryReader.open(directory);
    String layout = reader.getIndexCommit().getUserData().get(Fields.LAYOUT_KEY);
    if (!Fields.LAYOUT_VERSION.equals(layout)) {
      reader.close();
      throw new IOException(
          "retrieval index layout " + layout + " is not " + Fields.LAYOUT_VERSION + "; rebuild it");
    }
    this.searcher = new IndexSearcher(reader);
    this.analyzer = Analysis.analyzer();
    this.stored = new AtomicReferenceArray<>(reader.maxDoc());
    this.serviceTerms = serviceTerms(reader, analyzer);
    this.openCost = Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  /**
   * The process's index, opened from the classpath on first use (the first caller pays the open,
   * see {@link #openCost()}); a failed open is not remembered, so the next call tries again.
   *
   * @throws UncheckedIOException when the jar holds no index (it was built without one)
   */
  public static RetrievalIndex shared() {
    RetrievalIndex index = shared;
    if (index == null) {
      synchronized (SHARED_LOCK) {
        index = shared;
        if (index == null) {
          index = openClasspath();
          LOG.info(
              "retrieval index opened",
              "passages",
              index.size(),
              "open_ms",
              index.openCost().toMillis());
          shared = index;
        }
      }
    }
    return index;
  }

  /**
   * Opens a new instance from the classpath: reads the index files listed in the manifest into
   * memory and opens a reader over them. The caller owns and closes it.
   *
   * @throws UncheckedIOException when the index is missing or damaged
   */
  public static RetrievalIndex openClasspath() {
    long started = System.nanoTime();
    ClassLoader loader = RetrievalIndex.class.getClassLoader();
    try {
      String manifest =
          new String(resource(loader, RESOURCE_DIRECTORY + MANIFEST), StandardCharsets.UTF_8);
      Map<String, byte[]> files = new HashMap<>();
      for (String line : manifest.split("\n", -1)) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.strip().split(" ", -1);
        byte[] bytes = resource(loader, RESOURCE_DIRECTORY + parts[0]);
        if (bytes.length != Long.parseLong(parts[1])) {
          throw new IOException(
              "index file " + parts[0] + " has " + bytes.length + " bytes, expected " + parts[1]);
        }
        files.put(parts[0], bytes);
      }
      return new RetrievalIndex(new ResourceDirectory(files), started);
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException(
          "the retrieval index cannot be opened from the classpath: " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  private static byte[] resource(ClassLoader loader, String name) throws IOException {
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(name + " is not on the classpath");
      }
      return in.readAllBytes();
    }
  }

  /**
   * How long opening took: reading the files from the classpath and opening the reader (in a cold
   * JVM, mostly loading Lucene's classes).
   */
  public Duration openCost() {
    return openCost;
  }

  /**
   * Every service id of the index with its name as analysed text ("ledger-core" → [ledger, core]),
   * so that a query naming a service in words is recognised without a list kept in code.
   */
  private static Map<String, List<String>> serviceTerms(DirectoryReader reader, Analyzer analyzer)
      throws IOException {
    Map<String, List<String>> services = new LinkedHashMap<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      Terms terms = leaf.reader().terms(Facet.SERVICE.field());
      if (terms == null) {
        continue;
      }
      TermsEnum iterator = terms.iterator();
      for (BytesRef term = iterator.next(); term != null; term = iterator.next()) {
        String service = term.utf8ToString();
        List<String> words = Analysis.tokens(analyzer, Fields.TEXT, service);
        if (!service.equals(Fields.ANY_VALUE) && !words.isEmpty()) {
          services.put(service, words);
        }
      }
    }
    return Map.copyOf(services);
  }

  /** The number of passages. */
  public int size() {
    return reader.numDocs();
  }

  /** How many passages of the scope meet every filter (whatever the query). */
  public int count(Set<Source> scope, List<Filter> filters) {
    BooleanQuery.Builder query =
        new BooleanQuery.Builder().add(scopeQuery(scope), BooleanClause.Occur.FILTER);
    for (Filter filter : filters) {
      query.add(filterQuery(filter), BooleanClause.Occur.FILTER);
    }
    try {
      return searcher.count(query.build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The analysed query.
   *
   * @param weights every distinct term's weight: its inverse document frequency (BM25's formula),
   *     highest for terms that occur nowhere
   * @param total the sum of all weights
   * @param searchable the sum of the weights of the terms that occur somewhere in the index
   */
  private record QueryTerms(Map<String, Double> weights, double total, double searchable) {}

  /**
   * Searches. Deterministic: the same request on the same index gives the same result.
   *
   * @throws UncheckedIOException only if the in-memory index fails, which is a defect
   */
  public SearchResult search(SearchRequest request) {
    String query = request.query();
    List<Filter> requested = new ArrayList<>(request.filters());
    Filter fromQuery = null;
    if (request.readQuery()) {
      Optional<QueryPeriods.Period> period = QueryPeriods.find(query, request.today());
      if (period.isPresent()) {
        query = period.get().rest(query);
        if (requested.stream().noneMatch(RetrievalIndex::isDateFilter)) {
          fromQuery = periodFilter(request.scope(), period.get());
          requested.add(fromQuery);
        }
      }
    }
    QueryTerms terms = analyse(query, request.scope());
    if (terms.searchable() == 0) {
      return new SearchResult(
          List.of(),
          request.filters(),
          List.of(),
          Confidence.LOW,
          terms.weights().isEmpty()
              ? "the query has no searchable words"
              : "none of the query's words occur in the index",
          terms.weights().size());
    }
    BooleanQuery.Builder text = new BooleanQuery.Builder();
    for (String term : terms.weights().keySet()) {
      text.add(new TermQuery(new Term(Fields.TEXT, term)), BooleanClause.Occur.SHOULD);
    }
    Query textQuery = text.build();
    if (request.readQuery()) {
      textQuery = withNamedBoosts(textQuery, terms.weights().keySet());
    }

    Filter read = fromQuery;
    List<Filter> active = new ArrayList<>(requested);
    List<Filter> relaxed = new ArrayList<>();
    List<Candidate> found;
    while (true) {
      found = candidates(textQuery, request, active, terms, null);
      // A period read from the query is a guess at what the words meant: it is dropped when it
      // leaves nothing, whether or not the caller allows dropping its own filters.
      List<Filter> droppable =
          request.relax() ? active : active.stream().filter(f -> f == read).toList();
      if (!found.isEmpty() || droppable.isEmpty()) {
        break;
      }
      Filter narrowest = narrowest(request.scope(), droppable);
      active.remove(narrowest);
      relaxed.add(narrowest);
    }
    List<Hit> hits =
        hits(
            withLinked(found, textQuery, request, active, terms), terms, request.maxSnippetChars());
    return new SearchResult(
        hits, active, relaxed, confidence(hits, relaxed), weakReason(hits), terms.weights().size());
  }

  /**
   * How much naming a service ("ledger core") or a kind of record ("incidents") in the query adds
   * to the score of the passages of that service or kind.
   */
  static final float NAMED_BOOST = 2.5f;

  /** Query words, as analysed, that name a kind of record. */
  private static final Map<String, Source> SOURCE_WORDS =
      Map.of("incid", Source.INCIDENT, "outag", Source.INCIDENT, "ticket", Source.JIRA);

  private static boolean isDateFilter(Filter filter) {
    return !(filter instanceof Filter.Equals);
  }

  /**
   * The period as a filter fitting the scope: records dated in it when only records are searched;
   * otherwise what was active during it (incidents open in it, the policy in force, every runbook
   * and document without a period).
   */
  private static Filter periodFilter(Set<Source> scope, QueryPeriods.Period period) {
    List<String> arguments = List.of(Filter.QUERY_PERIOD);
    if (Set.of(Source.JIRA, Source.INCIDENT).containsAll(scope)) {
      return new Filter.OnDays(period.first(), period.last(), arguments);
    }
    return new Filter.Overlaps(
        period.first().atStartOfDay(ZoneOffset.UTC).toInstant(),
        period.last().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1),
        arguments);
  }

  /**
   * The text query, with a boost for the passages of every service the query names by its words in
   * order ("ledger core" names ledger-core). A boost, not a filter: "checkout errors from payments
   * gateway timeouts" names two services and means both.
   */
  private Query withNamedBoosts(Query text, Set<String> queryTerms) {
    List<String> words = new ArrayList<>(queryTerms);
    List<Term> named = new ArrayList<>();
    for (Map.Entry<String, List<String>> service : serviceTerms.entrySet()) {
      if (Collections.indexOfSubList(words, service.getValue()) >= 0) {
        named.add(new Term(Facet.SERVICE.field(), service.getKey()));
      }
    }
    // "incidents" and "outages" ask for incident records, "tickets" for Jira issues.
    for (Map.Entry<String, Source> word : SOURCE_WORDS.entrySet()) {
      if (queryTerms.contains(word.getKey())) {
        named.add(new Term(Facet.SOURCE.field(), word.getValue().wire()));
      }
    }
    if (named.isEmpty()) {
      return text;
    }
    BooleanQuery.Builder boosted = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
    for (Term term : named) {
      boosted.add(
          new BoostQuery(new ConstantScoreQuery(new TermQuery(term)), NAMED_BOOST),
          BooleanClause.Occur.SHOULD);
    }
    return boosted.build();
  }

  /**
   * The query's terms with their weights, each term's rarity counted among the passages of the
   * searched scope: a record id that policy sections also mention is still rare among the records.
   */
  private QueryTerms analyse(String query, Set<Source> scope) {
    Map<String, Double> weights = new LinkedHashMap<>();
    double total = 0;
    double searchable = 0;
    try {
      Query inScope = scopeQuery(scope);
      int n = scopeSizes.computeIfAbsent(Set.copyOf(scope), s -> countUnchecked(inScope));
      for (String term : Analysis.terms(analyzer, Fields.TEXT, query)) {
        if (weights.size() == MAX_QUERY_TERMS) {
          break;
        }
        Term t = new Term(Fields.TEXT, term);
        int anywhere = reader.docFreq(t);
        int df =
            anywhere == 0
                ? 0
                : searcher.count(
                    new BooleanQuery.Builder()
                        .add(new TermQuery(t), BooleanClause.Occur.FILTER)
                        .add(inScope, BooleanClause.Occur.FILTER)
                        .build());
        double weight = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        weights.put(term, weight);
        total += weight;
        // A word the index knows counts towards the floor even when the scope lacks it: a query
        // about something only other sources mention must not be met by its common words alone.
        if (anywhere > 0) {
          searchable += weight;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new QueryTerms(weights, total, searchable);
  }

  /** A document that passed the relevance floor, with its score and found weight. */
  private record Candidate(int doc, float score, double weight) {}

  /**
   * The top documents for the query under the filters (and {@code restrict}, when given) that pass
   * the relevance floor: at least {@link #MIN_COVERAGE} of the weight of the query's searchable
   * terms (terms that occur nowhere cannot be matched by anything, so they do not count against a
   * passage here; they do count in its reported coverage, so that the confidence stays honest).
   */
  private List<Candidate> candidates(
      Query text, SearchRequest request, List<Filter> filters, QueryTerms terms, Query restrict) {
    BooleanQuery.Builder query =
        new BooleanQuery.Builder()
            .add(text, BooleanClause.Occur.MUST)
            .add(scopeQuery(request.scope()), BooleanClause.Occur.FILTER);
    for (Filter filter : filters) {
      query.add(filterQuery(filter), BooleanClause.Occur.FILTER);
    }
    if (restrict != null) {
      query.add(restrict, BooleanClause.Occur.FILTER);
    }
    try {
      // No exact hit count is needed: with the threshold at k, scoring skips documents that
      // cannot enter the top k from the start (the default counts the first 1,000 hits exactly).
      ScoreDoc[] top =
          searcher.search(
                  query.build(),
                  new TopScoreDocCollectorManager(request.topK(), null, request.topK()))
              .scoreDocs;
      Map<Integer, Double> found = foundWeight(top, terms.weights());
      List<Candidate> candidates = new ArrayList<>();
      for (ScoreDoc scored : top) {
        double weight = found.getOrDefault(scored.doc, 0.0);
        if (weight / terms.searchable() >= MIN_COVERAGE) {
          candidates.add(new Candidate(scored.doc, scored.score, weight));
        }
      }
      return candidates;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * When the best hit is a record, the records linked to it come right after it: those it names by
   * id and those that name it (an incident's follow-up ticket, a ticket's incident), when they are
   * relevant hits themselves. Near-duplicate records of a recurring problem would otherwise push
   * the follow-up of the very incident found out of the first places.
   */
  private List<Candidate> withLinked(
      List<Candidate> found,
      Query text,
      SearchRequest request,
      List<Filter> filters,
      QueryTerms terms) {
    if (found.isEmpty()) {
      return found;
    }
    Candidate best = found.get(0);
    Stored doc = stored(best.doc());
    Source source = doc.source();
    if (source != Source.JIRA && source != Source.INCIDENT) {
      return found;
    }
    String id = doc.id();
    BooleanQuery.Builder links = new BooleanQuery.Builder();
    Matcher named = RECORD_ID.matcher(doc.body());
    Set<String> ids = new java.util.TreeSet<>();
    while (named.find()) {
      if (!named.group().equals(id) && ids.add(named.group())) {
        links.add(new TermQuery(new Term(Fields.ID, named.group())), BooleanClause.Occur.SHOULD);
      }
    }
    links.add(
        new PhraseQuery(
            Fields.TEXT, Analysis.tokens(analyzer, Fields.TEXT, id).toArray(String[]::new)),
        BooleanClause.Occur.SHOULD);
    List<Candidate> linked = new ArrayList<>();
    for (Candidate candidate : candidates(text, request, filters, terms, links.build())) {
      if (candidate.doc() != best.doc()) {
        linked.add(candidate);
      }
    }
    if (linked.isEmpty()) {
      return found;
    }
    List<Candidate> ordered = new ArrayList<>();
    ordered.add(best);
    ordered.addAll(linked);
    Set<Integer> placed = new java.util.HashSet<>();
    ordered.forEach(c -> placed.add(c.doc()));
    for (Candidate candidate : found) {
      if (placed.add(candidate.doc())) {
        ordered.add(candidate);
      }
    }
    return ordered.subList(0, Math.min(request.topK(), ordered.size()));
  }

  private List<Hit> hits(List<Candidate> candidates, QueryTerms terms, int maxSnippetChars) {
    List<Hit> hits = new ArrayList<>();
    for (Candidate candidate : candidates) {
      Stored doc = stored(candidate.doc());
      hits.add(
          new Hit(
              doc.id(),
              doc.document(),
              doc.source(),
              doc.title(),
              round(candidate.score(), 1000),
              round(candidate.weight() / terms.total(), 100),
              Snippets.of(analyzer, doc.body(), terms.weights(), maxSnippetChars),
              doc.metadata()));
    }
    return hits;
  }

  /** A passage's stored fields, decoded once. */
  private record Stored(
      String id,
      String document,
      Source source,
      String title,
      String body,
      Map<String, String> metadata) {}

  /**
   * The passage's stored fields. Decoded passages are kept (a few megabytes for the whole index):
   * decompressing them on every search was a fifth of a warm search.
   */
  private Stored stored(int doc) {
    Stored known = stored.get(doc);
    if (known != null) {
      return known;
    }
    Document fields;
    try {
      fields = searcher.storedFields().document(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Stored decoded =
        new Stored(
            fields.get(Fields.ID),
            fields.get(Fields.DOCUMENT),
            sourceOf(fields),
            fields.get(Fields.TITLE),
            fields.get(Fields.BODY),
            metadata(fields));
    // Two threads may decode the same passage; either copy is the same.
    stored.compareAndSet(doc, null, decoded);
    return decoded;
  }

  /**
   * For each scored document, the summed weight of the query terms it contains, read from the
   * postings (cheaper than analysing the stored text again).
   */
  private Map<Integer, Double> foundWeight(ScoreDoc[] scored, Map<String, Double> weights)
      throws IOException {
    int[] docs = Arrays.stream(scored).mapToInt(s -> s.doc).sorted().toArray();
    Map<Integer, Double> found = new HashMap<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      Terms terms = leaf.reader().terms(Fields.TEXT);
      if (terms == null) {
        continue;
      }
      TermsEnum iterator = terms.iterator();
      for (Map.Entry<String, Double> term : weights.entrySet()) {
        if (!iterator.seekExact(new BytesRef(term.getKey()))) {
          continue;
        }
        PostingsEnum postings = iterator.postings(null, PostingsEnum.NONE);
        for (int doc : docs) {
          int target = doc - leaf.docBase;
          if (target < 0 || target >= leaf.reader().maxDoc()) {
            continue;
          }
          int current = postings.docID() < target ? postings.advance(target) : postings.docID();
          if (current == DocIdSetIterator.NO_MORE_DOCS) {
            break;
          }
          if (current == target) {
            found.merge(doc, term.getValue(), Double::sum);
          }
        }
      }
    }
    return found;
  }

  private Filter narrowest(Set<Source> scope, List<Filter> filters) {
    Filter narrowest = null;
    int fewest = Integer.MAX_VALUE;
    for (Filter filter : filters) {
      int admitted = count(scope, List.of(filter));
      if (admitted < fewest) {
        narrowest = filter;
        fewest = admitted;
      }
    }
    return narrowest;
  }

  private static Confidence confidence(List<Hit> hits, List<Filter> relaxed) {
    if (hits.isEmpty()) {
      return Confidence.LOW;
    }
    double best = hits.get(0).coverage();
    Confidence confidence =
        best >= HIGH_COVERAGE
            ? Confidence.HIGH
            : best >= MEDIUM_COVERAGE ? Confidence.MEDIUM : Confidence.LOW;
    // Hits found only without some of the asked filters answer a broader question.
    return !relaxed.isEmpty() && confidence == Confidence.HIGH ? Confidence.MEDIUM : confidence;
  }

  private static String weakReason(List<Hit> hits) {
    if (hits.isEmpty()) {
      return "nothing relevant matched";
    }
    double best = hits.get(0).coverage();
    return best >= MEDIUM_COVERAGE
        ? null
        : "the best hit contains only " + Math.round(best * 100) + " % of the query's information";
  }

  private int countUnchecked(Query query) {
    try {
      return searcher.count(query);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Query scopeQuery(Set<Source> scope) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (Source source : scope) {
      any.add(
          new TermQuery(new Term(Facet.SOURCE.field(), source.wire())), BooleanClause.Occur.SHOULD);
    }
    return any.build();
  }

  private static Query filterQuery(Filter filter) {
    if (filter instanceof Filter.Equals equals) {
      String field = equals.facet().field();
      TermQuery exact = new TermQuery(new Term(field, Facet.normalize(equals.value())));
      if (!equals.companyWidePasses()) {
        return exact;
      }
      return new BooleanQuery.Builder()
          .add(exact, BooleanClause.Occur.SHOULD)
          .add(new TermQuery(new Term(field, Fields.ANY_VALUE)), BooleanClause.Occur.SHOULD)
          .build();
    }
    if (filter instanceof Filter.Between between) {
      return LongPoint.newRangeQuery(
          between.field().field(),
          millis(between.from(), Long.MIN_VALUE),
          millis(between.to(), Long.MAX_VALUE));
    }
    if (filter instanceof Filter.OnDays days) {
      return LongPoint.newRangeQuery(
          Fields.DAY, days.first().toEpochDay(), days.last().toEpochDay());
    }
    Filter.Overlaps overlaps = (Filter.Overlaps) filter;
    return new BooleanQuery.Builder()
        .add(
            LongPoint.newRangeQuery(
                Fields.ACTIVE_FROM, Long.MIN_VALUE, millis(overlaps.end(), Long.MAX_VALUE)),
            BooleanClause.Occur.FILTER)
        .add(
            LongPoint.newRangeQuery(
                Fields.ACTIVE_TO, millis(overlaps.start(), Long.MIN_VALUE), Long.MAX_VALUE),
            BooleanClause.Occur.FILTER)
        .build();
  }

  private static long millis(Instant instant, long unbounded) {
    return instant == null ? unbounded : instant.toEpochMilli();
  }

  private static Source sourceOf(Document doc) {
    return Source.valueOf(doc.get(Facet.SOURCE.field()).toUpperCase(java.util.Locale.ROOT));
  }

  private static Map<String, String> metadata(Document doc) {
    Map<String, String> metadata = new HashMap<>();
    for (IndexableField field : doc.getFields()) {
      if (field.name().startsWith(Fields.METADATA)) {
        metadata.put(field.name().substring(Fields.METADATA.length()), field.stringValue());
      }
    }
    return metadata;
  }

  private static double round(double value, int scale) {
    return Math.round(value * scale) / (double) scale;
  }

  @Override
  public void close() throws IOException {
    reader.close();
    directory.close();
  }
}
