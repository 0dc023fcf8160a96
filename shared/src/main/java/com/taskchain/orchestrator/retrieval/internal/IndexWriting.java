package com.taskchain.orchestrator.retrieval.internal;

import com.taskchain.orchestrator.retrieval.DateField;
import com.taskchain.orchestrator.retrieval.Facet;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.store.Directory;

/** Writes passages into a fresh index of one segment in a compound file. */
public final class IndexWriting {
  private IndexWriting() {}

  /**
   * Writes the passages, merges them into one segment and commits.
   *
   * @throws IOException from the directory
   */
  public static void write(Directory directory, List<Passage> passages) throws IOException {
    TieredMergePolicy merges = new TieredMergePolicy();
    // One compound file: the reader loads the index from jar resources, and fewer files load
    // faster.
    merges.setNoCFSRatio(1.0);
    IndexWriterConfig config =
        new IndexWriterConfig(Analysis.analyzer())
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
            .setUseCompoundFile(true)
            .setMergePolicy(merges)
            .setCommitOnClose(false);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (Passage passage : passages) {
        writer.addDocument(document(passage));
      }
      writer.forceMerge(1);
      writer.setLiveCommitData(Map.of(Fields.LAYOUT_KEY, Fields.LAYOUT_VERSION).entrySet());
      writer.commit();
    }
  }

  static Document document(Passage passage) {
    Document doc = new Document();
    // Indexed as a keyword too: records that name another record are found by its id.
    doc.add(new StringField(Fields.ID, passage.id(), Field.Store.YES));
    doc.add(new StoredField(Fields.DOCUMENT, passage.document()));
    doc.add(new StoredField(Fields.TITLE, passage.title()));
    doc.add(new StoredField(Fields.BODY, passage.body()));
    passage
        .metadata()
        .forEach((name, value) -> doc.add(new StoredField(Fields.METADATA + name, value)));
    doc.add(
        new TextField(Fields.TEXT, Fields.text(passage.lead(), passage.body()), Field.Store.NO));
    passage
        .facets()
        .forEach(
            (facet, value) ->
                doc.add(
                    new StringField(
                        facet.field(),
                        Facet.normalize(value),
                        // The source is read back to type the hit.
                        facet == Facet.SOURCE ? Field.Store.YES : Field.Store.NO)));
    for (Facet facet : passage.companyWide()) {
      doc.add(new StringField(facet.field(), Fields.ANY_VALUE, Field.Store.NO));
    }
    for (Map.Entry<DateField, Instant> date : passage.dates().entrySet()) {
      doc.add(new LongPoint(date.getKey().field(), date.getValue().toEpochMilli()));
    }
    Instant own =
        passage.dates().getOrDefault(DateField.OPENED, passage.dates().get(DateField.CREATED));
    if (own != null) {
      doc.add(new LongPoint(Fields.DAY, own.atZone(ZoneOffset.UTC).toLocalDate().toEpochDay()));
    }
    doc.add(
        new LongPoint(
            Fields.ACTIVE_FROM,
            passage.activeFrom() == null ? Long.MIN_VALUE : passage.activeFrom().toEpochMilli()));
    doc.add(
        new LongPoint(
            Fields.ACTIVE_TO,
            passage.activeTo() == null ? Long.MAX_VALUE : passage.activeTo().toEpochMilli()));
    return doc;
  }
}
