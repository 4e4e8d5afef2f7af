package dev.bundleanalyzer.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bundleanalyzer.parse.LogEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Report folders kept by a batch outlive an upgrade: an index written with one document per event, as before
 * blocks, must still be searched, counted and read for the lines around evidence.
 */
class IndexBeforeBlocksTest {

    private static final String LOG = "Temp/CBEngineCurr.errlog";
    private static final Instant T0 = Instant.parse("2026-10-21T21:00:00Z");

    @Test
    void anIndexOfOneDocumentPerEventIsStillSearched(@TempDir Path dir) throws Exception {
        try (IndexWriter w = new IndexWriter(FSDirectory.open(dir), new IndexWriterConfig(IndexAnalyzers.message()))) {
            for (int line = 1; line <= 5; line++) {
                String text = line == 3 ? "Backup failed (ID: 34513)" : "line " + line;
                w.addDocument(oldEvent(LogEvent.builder(LOG, line).time(T0.plusSeconds(line)).level("NORMAL")
                        .message(text).raw("0B10\t" + text).build()));
            }
            Document fact = new Document();
            fact.add(new StringField(Fields.TYPE, Fields.TYPE_FACT, Field.Store.NO));
            fact.add(new StringField(Fields.FACT_KEY, "host.name", Field.Store.YES));
            fact.add(new TextField(Fields.FACT_VALUE, "FS01", Field.Store.YES));
            fact.add(new StringField(Fields.FILE, "host.txt", Field.Store.YES));
            fact.add(new StoredField(Fields.LINE, 1L));
            fact.add(new LongPoint(Fields.LINE, 1L));
            fact.add(new StoredField(Fields.RAW, "FS01"));
            fact.add(new NumericDocValuesField(Fields.TIME_SORT, Long.MAX_VALUE));
            w.addDocument(fact);
        }
        try (BundleIndex index = BundleIndex.open(dir)) {
            assertEquals(1, index.count(BundleIndex.parse("34513")));
            assertEquals(5, index.count(BundleIndex.parse("level:normal")));
            assertEquals(5, index.find(BundleIndex.parse("level:normal"), 10).count(), "each event counted once");
            List<BundleIndex.Hit> hits = index.search(BundleIndex.parse("line"), 2, false);
            assertEquals(List.of(1L, 2L), hits.stream().map(BundleIndex.Hit::line).toList());
            BundleIndex.Found facts = index.find(BundleIndex.parse("factKey:host.name"), 5);
            assertEquals(1, facts.count());
            assertEquals("FS01", facts.earliest().get(0).factValue());
            assertEquals("0B10\tBackup failed (ID: 34513)", index.sourceLines(LOG, 3, 3).get(3L));
        }
    }

    /** An event as the index wrote it before blocks: its searchable fields, stored values and time sort. */
    private static Document oldEvent(LogEvent e) {
        Document doc = new Document();
        EventDocument.searchable(e).forEach(doc::add);
        doc.add(new StoredField(Fields.FILE, e.file()));
        doc.add(new StoredField(Fields.LINE, e.line()));
        doc.add(new NumericDocValuesField(Fields.TIME_SORT, e.time().toEpochMilli()));
        doc.add(new StoredField(Fields.TIME, e.time().toEpochMilli()));
        doc.add(new StoredField(Fields.LEVEL, e.level()));
        doc.add(new StoredField(Fields.MESSAGE, e.message()));
        doc.add(new StoredField(Fields.RAW, e.raw()));
        return doc;
    }
}
