package dev.bundleanalyzer.index;

import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.Note;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
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
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.FSDirectory;

/**
 * Writes the records of one bundle into an on-disk Lucene index sorted by time. Thread-safe: all parser
 * threads of a bundle write through one instance. Facts are also kept in memory (a bundle holds few),
 * since the rules evaluate them directly.
 */
public final class BundleIndexWriter implements RecordSink, Closeable {

    private final IndexWriter writer;
    private final ConcurrentLinkedQueue<Fact> facts = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Note> notes = new ConcurrentLinkedQueue<>();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong minTime = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong maxTime = new AtomicLong(Long.MIN_VALUE);

    public BundleIndexWriter(Path dir) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(IndexAnalyzers.message());
        SortField byTime = new SortField(Fields.TIME_SORT, SortField.Type.LONG);
        byTime.setMissingValue(Long.MAX_VALUE);
        config.setIndexSort(new Sort(byTime));
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        config.setRAMBufferSizeMB(64);
        config.setCommitOnClose(true);
        this.writer = new IndexWriter(FSDirectory.open(dir), config);
    }

    @Override
    public void event(LogEvent e) {
        Document doc = new Document();
        keyword(doc, Fields.TYPE, Fields.TYPE_EVENT);
        keyword(doc, Fields.FILE, e.file());
        doc.add(new StoredField(Fields.FILE, e.file()));
        doc.add(new StoredField(Fields.LINE, e.line()));
        doc.add(new LongPoint(Fields.LINE, e.line()));
        if (e.record() != null) {
            doc.add(new StoredField(Fields.RECORD, e.record()));
            doc.add(new LongPoint(Fields.RECORD, e.record()));
        }
        if (e.time() != null) {
            long millis = e.time().toEpochMilli();
            doc.add(new LongPoint(Fields.TIME, millis));
            doc.add(new NumericDocValuesField(Fields.TIME_SORT, millis));
            doc.add(new StoredField(Fields.TIME, millis));
            minTime.accumulateAndGet(millis, Math::min);
            maxTime.accumulateAndGet(millis, Math::max);
        } else {
            untimed(doc);
        }
        if (e.timeAssumed()) {
            keyword(doc, Fields.TIME_ASSUMED, "true");
        }
        keywordStored(doc, Fields.LEVEL, e.level());
        keywordStored(doc, Fields.COMPONENT, e.component());
        keyword(doc, Fields.PROCESS, e.process());
        keyword(doc, Fields.THREAD, e.thread());
        keyword(doc, Fields.SOURCE, e.source());
        keyword(doc, Fields.ACTIVITY_ID, e.activityId());
        keyword(doc, Fields.CHANNEL, e.channel());
        keyword(doc, Fields.COMPUTER, e.computer());
        if (e.eventId() != null) {
            keywordStored(doc, Fields.EVENT_ID, e.eventId().toString());
        }
        for (String code : e.errorCodes()) {
            keyword(doc, Fields.ERROR_CODE, code);
        }
        if (e.message() != null) {
            doc.add(new TextField(Fields.MESSAGE, e.message(), Field.Store.YES));
        }
        doc.add(new StoredField(Fields.RAW, e.raw() != null ? e.raw() : String.valueOf(e.message())));
        add(doc);
        events.incrementAndGet();
    }

    @Override
    public void fact(Fact f) {
        facts.add(f);
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
        notes.add(new Note(file, message, false));
    }

    @Override
    public void timeNote(String file, String message) {
        notes.add(new Note(file, message, true));
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

    /** Longest keyword indexed: Lucene refuses a term over 32,766 UTF-8 bytes, and one char takes at most 3. */
    static final int MAX_TERM_CHARS = 10_000;

    /**
     * A keyword cut to what Lucene takes: a hostile provider name or entry path must not fail every record of
     * its file. The stored value stays whole; only the exact-match term is cut.
     */
    static String term(String value) {
        if (value.length() <= MAX_TERM_CHARS) {
            return value;
        }
        int end = MAX_TERM_CHARS;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }

    private static void keywordStored(Document doc, String field, String value) {
        if (value != null && !value.isEmpty()) {
            keyword(doc, field, value);
            doc.add(new StoredField(field, value));
        }
    }

    public List<Fact> facts() {
        return new ArrayList<>(facts);
    }

    public List<Note> notes() {
        return new ArrayList<>(notes);
    }

    public long events() {
        return events.get();
    }

    /** Earliest event time in epoch millis, or {@code null} when no event had a time. */
    public Long minTime() {
        long v = minTime.get();
        return v == Long.MAX_VALUE ? null : v;
    }

    public Long maxTime() {
        long v = maxTime.get();
        return v == Long.MIN_VALUE ? null : v;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
