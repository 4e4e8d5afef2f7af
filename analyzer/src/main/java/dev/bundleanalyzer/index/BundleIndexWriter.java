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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.LongRange;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.NIOFSDirectory;

/**
 * Writes the records of one bundle into an on-disk Lucene index, for searching and for the lines around each piece
 * of evidence: each fact a document, events in blocks of consecutive events of one file (see {@link Fields#BLOCK}),
 * which is many times cheaper than a document per event and keeps search exact (the reader evaluates the query on
 * the events of each candidate block). Thread-safe: all parser threads of a bundle write through one instance, each
 * filling blocks of its own.
 */
public final class BundleIndexWriter implements RecordSink, Closeable {

    /**
     * Memory for documents before they are written as a segment: larger means fewer segments and less merging;
     * a batch runs several analyses in one heap, each with its buffer.
     */
    static final int RAM_BUFFER_MB = 64;

    /** Events per block document at most, and the text at which a block is written before it has that many. */
    static final int BLOCK_EVENTS = 512;
    static final int BLOCK_CHARS = 256 * 1024;

    private final IndexWriter writer;
    /** Every block a thread has opened, to write what they hold at the end. */
    private final Queue<Block> blocks = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Block> open = ThreadLocal.withInitial(() -> {
        Block b = new Block();
        blocks.add(b);
        return b;
    });

    public BundleIndexWriter(Path dir) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(IndexAnalyzers.message());
        // no index sort: every reader sorts its hits by time anyway, and sorting millions of documents at each
        // flush (their stored fields copied once more) cost more than the rest of the indexing
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        config.setRAMBufferSizeMB(RAM_BUFFER_MB);
        config.setCommitOnClose(true);
        // segments are written once and never merged nor copied into compound files: a bundle index is written
        // by one analysis and read by a few searches, and merging or copying it again cost a tenth of the analysis
        config.setMergePolicy(org.apache.lucene.index.NoMergePolicy.INSTANCE);
        config.setUseCompoundFile(false);
        // read and write with plain file I/O: memory-mapped segments, read back by every merge, count in the
        // process's resident memory and took a large analysis past 1 GiB
        this.writer = new IndexWriter(new NIOFSDirectory(dir), config);
    }

    /**
     * Adds an event to the block this thread is filling; the block becomes a document when it is full or the next
     * event is of another file.
     */
    @Override
    public void event(LogEvent e) {
        Block block = open.get();
        if (!block.events.isEmpty() && !block.file.equals(e.file())) {
            write(block);
        }
        block.add(e);
        if (block.events.size() >= BLOCK_EVENTS || block.chars >= BLOCK_CHARS) {
            write(block);
        }
    }

    /** The events a thread has gathered for its next block document. */
    private static final class Block {
        final List<LogEvent> events = new ArrayList<>(BLOCK_EVENTS);
        final BlockFilter.Builder filter = new BlockFilter.Builder();
        final BlockPacker packer = new BlockPacker();
        /** The values of each keyword field; the sets are kept from block to block, emptied. */
        final Map<String, Set<String>> keywords = new java.util.IdentityHashMap<>();
        String file;
        long chars;

        void add(LogEvent e) {
            if (events.isEmpty()) {
                file = e.file();
            }
            events.add(e);
            chars += e.raw() != null ? e.raw().length() : e.message() != null ? e.message().length() : 0;
            // values repeat line after line as the very same strings: a set finds them again cheaply
            EventDocument.keywords(e, (field, value) -> {
                if (value == null || value.isEmpty()) {
                    return;
                }
                if (Fields.isFiltered(field)) {
                    filter.add(BlockFilter.keyword(field, value));
                } else {
                    keywords.computeIfAbsent(field, f -> new HashSet<>(64)).add(value);
                }
            });
        }

        void clear() {
            events.clear();
            keywords.values().forEach(Set::clear);
            chars = 0;
        }
    }

    private void write(Block block) {
        if (block.events.isEmpty()) {
            return;
        }
        Document doc = new Document();
        doc.add(new StringField(Fields.TYPE, Fields.TYPE_EVENT, Field.Store.NO));
        doc.add(new StringField(Fields.BLOCK, "true", Field.Store.NO));
        keyword(doc, Fields.FILE, block.file);
        BlockFilter.Builder filter = block.filter;
        block.keywords.forEach((field, values) -> {
            Set<String> terms = new HashSet<>(2 * values.size());
            for (String v : values) {
                terms.add(term(v).toLowerCase(Locale.ROOT));
            }
            for (String t : terms) {
                doc.add(new StringField(field, t, Field.Store.NO));
            }
        });
        List<String> messages = new ArrayList<>(block.events.size());
        long firstLine = Long.MAX_VALUE;
        long lastLine = Long.MIN_VALUE;
        long firstRecord = Long.MAX_VALUE;
        long lastRecord = Long.MIN_VALUE;
        long firstTime = Long.MAX_VALUE;
        long lastTime = Long.MIN_VALUE;
        for (LogEvent e : block.events) {
            messages.add(e.message());
            firstLine = Math.min(firstLine, e.line());
            lastLine = Math.max(lastLine, e.line());
            if (e.record() != null) {
                firstRecord = Math.min(firstRecord, e.record());
                lastRecord = Math.max(lastRecord, e.record());
            }
            if (e.time() != null) {
                long millis = e.time().toEpochMilli();
                firstTime = Math.min(firstTime, millis);
                lastTime = Math.max(lastTime, millis);
            }
        }
        MessageWords.hashes(messages, filter::add);
        doc.add(new BinaryDocValuesField(Fields.BLOCK_FILTER, filter.build()));
        doc.add(new LongRange(Fields.BLOCK_LINE_SPAN, new long[] {firstLine}, new long[] {lastLine}));
        if (firstRecord <= lastRecord) {
            doc.add(new LongRange(Fields.BLOCK_RECORD_SPAN, new long[] {firstRecord}, new long[] {lastRecord}));
        }
        if (firstTime <= lastTime) {
            doc.add(new LongRange(Fields.BLOCK_TIME_SPAN, new long[] {firstTime}, new long[] {lastTime}));
        }
        // doc values, not stored fields: those compress every value, and most blocks do not shrink (see BlockPacker)
        doc.add(new BinaryDocValuesField(Fields.BLOCK_EVENTS, block.packer.pack(EventBlock.encode(block.events))));
        block.clear();
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
        }
    }

    static String term(String value) {
        return EventDocument.term(value);
    }

    private static void keywordStored(Document doc, String field, String value) {
        if (value != null && !value.isEmpty()) {
            keyword(doc, field, value);
            doc.add(new StoredField(field, value));
        }
    }

    @Override
    public void close() throws IOException {
        try {
            // every thread has stopped adding: the blocks they left open are written here
            for (Block block : blocks) {
                write(block);
            }
        } catch (UncheckedIOException e) {
            writer.rollback();
            throw e.getCause();
        }
        writer.close();
    }
}
