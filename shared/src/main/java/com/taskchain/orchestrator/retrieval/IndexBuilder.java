package com.taskchain.orchestrator.retrieval;

import com.taskchain.orchestrator.retrieval.internal.CorpusRecords;
import com.taskchain.orchestrator.retrieval.internal.DocumentSections;
import com.taskchain.orchestrator.retrieval.internal.IndexWriting;
import com.taskchain.orchestrator.retrieval.internal.Passage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.store.FSDirectory;

/**
 * Builds the retrieval index at BUILD time (never at request time): the records of {@code
 * data/corpus/previous_issues.jsonl} plus the sections of every company document (policies,
 * runbooks, governance, programme, company profile, tool configurations), into a directory that the
 * build packs into the jar ({@code shared/target/classes/retrieval-index/}), with a {@value
 * RetrievalIndex#MANIFEST} listing its files so the reader can load them from the classpath. Run by
 * the shared module's build ({@code exec-maven-plugin}, phase {@code process-classes}) with the
 * company documents already on the classpath.
 *
 * <p>Usage: {@code IndexBuilder <previous_issues.jsonl> <output directory>}; the output directory
 * is emptied first.
 */
public final class IndexBuilder {
  private IndexBuilder() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: IndexBuilder <previous_issues.jsonl> <output directory>");
      System.exit(2);
      return;
    }
    long started = System.nanoTime();
    Path corpus = Path.of(args[0]);
    Path output = Path.of(args[1]);
    List<Passage> passages = passages(corpus);
    build(passages, output);
    System.out.printf(
        "retrieval index: %d passages (%d records, %d document sections) in %s, %d KiB, %d ms%n",
        passages.size(),
        passages.stream().filter(p -> p.source().isRecord()).count(),
        passages.stream().filter(p -> !p.source().isRecord()).count(),
        output,
        size(output) / 1024,
        (System.nanoTime() - started) / 1_000_000);
  }

  /** The corpus records, then the sections of every company document read from the classpath. */
  static List<Passage> passages(Path corpus) throws IOException {
    List<Passage> passages = new ArrayList<>(CorpusRecords.read(corpus));
    for (CompanyDocument document : CompanyDocument.values()) {
      passages.addAll(DocumentSections.of(document, document.read()));
    }
    return passages;
  }

  /** Writes the index and its manifest into {@code output}, emptied first. */
  static void build(List<Passage> passages, Path output) throws IOException {
    if (Files.exists(output)) {
      try (Stream<Path> old = Files.walk(output)) {
        for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    Files.createDirectories(output);
    try (FSDirectory directory = FSDirectory.open(output)) {
      IndexWriting.write(directory, passages);
      List<String> lines = new ArrayList<>();
      for (String file : directory.listAll()) {
        if (!file.equals("write.lock")) {
          lines.add(file + " " + directory.fileLength(file));
        }
      }
      Files.write(output.resolve(RetrievalIndex.MANIFEST), lines, StandardCharsets.UTF_8);
    }
    Files.deleteIfExists(output.resolve("write.lock"));
  }

  private static long size(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      long total = 0;
      for (Path file : files.toList()) {
        total += Files.size(file);
      }
      return total;
    }
  }
}
