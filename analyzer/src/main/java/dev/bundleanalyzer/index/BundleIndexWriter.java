package dev.bundleanalyzer.index;

import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.NIOFSDirectory;

/**
 * Writes the records of one bundle into an on-disk Lucene index, for searching and for the
 * lines around each piece of evidence. Thread-safe: all parser threads of a bundle write through one instance.
 */
public final class BundleIndexWriter implements RecordSink, Closeable {

    /**
     * Memory for documents before they are written as a segment: larger means fewer segments and less merging;
     * a batch runs several analyses in one heap, each with its buffer.
     */
    static final int RAM_BUFFER_MB = 64;

    private final IndexWriter writer;

    public BundleIndexWriter(Path dir) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(IndexAnalyzers.message());
        // no index sort: every reader sorts its hits by time anyway, and sorting millions of documents at each
        // flush (their stored fields copied once more) cost more than the rest of the indexing
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        config.setRAMBufferSizeMB(RAM_BUFFER_MB);
        config.setCommitOnClose(true);
        // read and write with plain file I/O: memory-mapped segments, read back by every merge, count in the
        // process's resident memory and took a large analysis past 1 GiB
        this.writer = new IndexWriter(new NIOFSDirectory(dir), config);
    }

    @Override
    public void event(LogEvent e) {
        Document doc = new Document();
        EventDocument.searchable(e).forEach(doc::add);
        doc.add(new StoredField(Fields.FILE, e.file()));
        doc.add(new StoredField(Fields.LINE, e.line()));
        if (e.record() != null) {
            doc.add(new StoredField(Fields.RECORD, e.record()));
        }
        if (e.time() != null) {
            long millis = e.time().toEpochMilli();
            doc.add(new NumericDocValuesField(Fields.TIME_SORT, millis));
            doc.add(new StoredField(Fields.TIME, millis));
        } else {
            untimed(doc);
        }
        stored(doc, Fields.LEVEL, e.level());
        stored(doc, Fields.COMPONENT, e.component());
        if (e.eventId() != null) {
            doc.add(new StoredField(Fields.EVENT_ID, e.eventId().toString()));
        }
        for (String field : Fields.GROUPABLE) {
            for (String value : EventDocument.values(e, field)) {
                doc.add(new SortedSetDocValuesField(field, new BytesRef(value)));
            }
        }
        if (e.message() != null) {
            doc.add(new StoredField(Fields.MESSAGE, e.message()));
        }
        doc.add(new StoredField(Fields.RAW, e.raw() != null ? e.raw() : String.valueOf(e.message())));
        add(doc);
    }

    @Override
    public void fact(Fact f) {
        Document doc = new Document();
        keyword(doc, Fields.TYPE, Fields.TYPE_FACT);
        keywordStored(doc, Fields.FACT_KEY, f.key());
        doc.add(new TextField(Fields.FACT_VALUE, f.value(), Field.Store.YES));
        keyword(doc, Fields.FILE, f.file());
        doc.add(new StoredField(Fields.FILE, f.file()));
        doc.add(new StoredField(Fields.LINE, f.line()));
        doc.add(new LongPoint(Fields.LINE, f.line()));
        doc.add(new StoredField(Fields.RAW, f.text()));
        untimed(doc);
        add(doc);
    }

    @Override
    public void note(String file, String message) {
        // notes are not searchable: the analysis keeps them for the report
    }

    @Override
    public void timeNote(String file, String message) {
        // as note()
    }

    /**
     * Every document carries the sort field, and a field keeps one shape across documents (Lucene checks
     * both), so records without a time get only the sort value, which puts them last.
     */
    private static void untimed(Document doc) {
        doc.add(new NumericDocValuesField(Fields.TIME_SORT, Long.MAX_VALUE));
    }

    private void add(Document doc) {
        try {
            writer.addDocument(doc);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write to the index", ex);
        }
    }

    private static void keyword(Document doc, String field, String value) {
        if (value != null && !value.isEmpty()) {
            String term = term(value);
            doc.add(new StringField(field, term.toLowerCase(Locale.ROOT), Field.Store.NO));
            if (Fields.GROUPABLE.contains(field)) {
                doc.add(new SortedSetDocValuesField(field, new BytesRef(term)));
            }
        }
    }

    static String term(String value) {
        return EventDocument.term(value);
    }

    private static void stored(Document doc, String field, String value) {
        if (value != null && !value.isEmpty()) {
            doc.add(new StoredField(field, value));
        }
    }

    private static void keywordStored(Document doc, String field, String value) {
        if (value != null && !value.isEmpty()) {
            keyword(doc, field, value);
            doc.add(new StoredField(field, value));
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
