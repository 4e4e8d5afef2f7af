package dev.bundleanalyzer.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import dev.bundleanalyzer.parse.LogEvent;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongRange;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.NIOFSDirectory;
import org.apache.lucene.index.Term;

/**
 * Read side of a bundle index: parses queries in the documented syntax and returns matching events. Events are
 * stored in blocks ({@link BundleIndexWriter}): a query finds the blocks that may hold a match and is then evaluated
 * on each of their events, so every answer is exact, to the line.
 */
public final class BundleIndex implements EventQueries, Closeable {

    private static final Query EVENTS = new TermQuery(new Term(Fields.TYPE, Fields.TYPE_EVENT));
    private static final Query BLOCKS = new TermQuery(new Term(Fields.BLOCK, "true"));
    private static final Query FACTS = new TermQuery(new Term(Fields.TYPE, Fields.TYPE_FACT));
    /**
     * How far before a span {@link #sourceLines} looks for records that start earlier and run into it (a stack
     * trace appended to its trace line); a record longer than this loses its first lines as context, nothing more.
     */
    static final int LOOKBACK_LINES = 64;
    /** Records read per {@link #sourceLines} call: enough for the span and its look-back, one record a line. */
    private static final int MAX_SOURCE_RECORDS = 4 * LOOKBACK_LINES;

    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    private BundleIndex(DirectoryReader reader) {
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
    }

    public static BundleIndex open(Path dir) throws IOException {
        // plain file I/O, as the writer: the lines around the evidence read a few documents, not worth a mapping
        return new BundleIndex(DirectoryReader.open(new NIOFSDirectory(dir)));
    }

    /**
     * Parses a query in Lucene's classic syntax; the default field is {@code message}.
     *
     * @throws QuerySyntaxException with the position of the problem
     */
    public static Query parse(String query) throws QuerySyntaxException {
        QueryParser parser = new QueryParser(Fields.MESSAGE, IndexAnalyzers.forQueries());
        parser.setAllowLeadingWildcard(true);
        parser.setSplitOnWhitespace(true);
        try {
            return parser.parse(query);
        } catch (ParseException e) {
            throw new QuerySyntaxException(query, e);
        }
    }

    /** How many events match. */
    @Override
    public int count(Query query) throws IOException {
        return evaluate(new QueryRecorder.Demand(query, 0, 0, Set.of())).count(query);
    }

    /** The first {@code limit} matching events in time order (or the last ones, when {@code latestFirst}). */
    @Override
    public List<Hit> search(Query query, int limit, boolean latestFirst) throws IOException {
        if (limit <= 0) {
            return List.of();
        }
        QueryRecorder.Demand demand = new QueryRecorder.Demand(query, latestFirst ? 0 : limit, latestFirst ? limit : 0,
                Set.of());
        return evaluate(demand).search(query, limit, latestFirst);
    }

    /** Time of the latest matching event that has a time, or {@code null}. */
    @Override
    public Instant latestTime(Query query) throws IOException {
        return evaluate(new QueryRecorder.Demand(query, 0, 0, Set.of())).latestTime(query);
    }

    /** How many matching events carry each value of a groupable keyword field, largest first. */
    @Override
    public Map<String, Long> groupCounts(Query query, String field) throws IOException {
        return evaluate(new QueryRecorder.Demand(query, 0, 0, Set.of(field))).groupCounts(query, field);
    }

    /** What matches a query among all records, events and facts: how many, and the earliest (untimed last). */
    public record Found(long count, List<Record> earliest) {
    }

    /** A matching record: an event, or a fact with its key and value. */
    public record Record(Hit hit, String factKey, String factValue) {
    }

    /** How many records (events and facts) match, and the first {@code limit} of them in time order. */
    public Found find(Query query, int limit) throws IOException {
        QueryRecorder events = evaluate(new QueryRecorder.Demand(query, Math.max(0, limit), 0, Set.of()));
        // the events came through the recorder, those of an index written before blocks too: here only facts
        Query facts = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST)
                .add(FACTS, BooleanClause.Occur.FILTER).build();
        long count = events.count(query) + searcher.count(facts);
        List<Record> earliest = new ArrayList<>();
        events.search(query, Math.max(0, limit), false).forEach(h -> earliest.add(new Record(h, null, null)));
        if (limit > 0) {
            for (ScoreDoc sd : searcher.search(facts, limit, Sort.INDEXORDER).scoreDocs) {
                Document doc = searcher.storedFields().document(sd.doc);
                earliest.add(new Record(toHit(doc), doc.get(Fields.FACT_KEY), doc.get(Fields.FACT_VALUE)));
            }
        }
        earliest.sort(java.util.Comparator.comparing(Record::hit, QueryRecorder.ORDER));
        return new Found(count, earliest.size() > limit ? List.copyOf(earliest.subList(0, limit)) : earliest);
    }

    /**
     * Evaluates a query on every event that may match: the events of each block its relaxed form finds, and the
     * per-event documents of an index written before blocks (the query decides on those alone).
     */
    private QueryRecorder evaluate(QueryRecorder.Demand demand) throws IOException {
        QueryRecorder recorder = new QueryRecorder(List.of(demand));
        Query query = demand.query();
        Query candidates = new BooleanQuery.Builder()
                .add(BlockQueries.relax(query), BooleanClause.Occur.FILTER)
                .add(BLOCKS, BooleanClause.Occur.FILTER)
                .build();
        forEachBlock(candidates, events -> events.forEach(recorder::see));
        for (int doc : docs(new BooleanQuery.Builder().add(notBlocks(query), BooleanClause.Occur.FILTER)
                .add(EVENTS, BooleanClause.Occur.FILTER).build())) {
            recorder.accept(query, toEvent(searcher.storedFields().document(doc)));
        }
        return recorder;
    }

    /** The decoded events of every block document a query finds, block after block in index order. */
    private void forEachBlock(Query blocks, java.util.function.Consumer<List<LogEvent>> consumer) throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        BinaryDocValues values = null;
        int leaf = -1;
        for (int doc : docs(blocks)) {
            int in = ReaderUtil.subIndex(doc, leaves);
            if (in != leaf) {
                leaf = in;
                values = DocValues.getBinary(leaves.get(leaf).reader(), Fields.BLOCK_EVENTS);
            }
            if (!values.advanceExact(doc - leaves.get(leaf).docBase)) {
                throw new CorruptIndexException("a block without its events", "document " + doc);
            }
            List<LogEvent> events;
            try {
                events = EventBlock.decode(BlockPacker.unpack(values.binaryValue()));
            } catch (IllegalStateException e) {
                throw new CorruptIndexException("the events of a block cannot be read: " + e.getMessage(),
                        "document " + doc, e);
            }
            consumer.accept(events);
        }
    }

    /** The documents a query finds, in index order (doc values and stored fields are read forward). */
    private int[] docs(Query query) throws IOException {
        int[][] found = {new int[64]};
        int[] size = {0};
        searcher.search(query, new SimpleCollector() {
            private int base;

            @Override
            protected void doSetNextReader(LeafReaderContext context) {
                base = context.docBase;
            }

            @Override
            public void collect(int doc) {
                if (size[0] == found[0].length) {
                    found[0] = java.util.Arrays.copyOf(found[0], found[0].length * 2);
                }
                found[0][size[0]++] = base + doc;
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        });
        int[] docs = java.util.Arrays.copyOf(found[0], size[0]);
        java.util.Arrays.sort(docs);
        return docs;
    }

    /**
     * Lines {@code from..to} (1-based, inclusive) of a file as far as the index holds them: the stored text of
     * every record (event or fact) of that file, split into its physical lines and numbered from the record's
     * first line. Lines that gave no record (blank lines, headers a parser skips) are absent; where records
     * disagree about a line (several facts read from one line) the record starting first wins. Record-based
     * sources (event logs, line 0) have no lines. Nothing is read from the bundle.
     */
    public SortedMap<Long, String> sourceLines(String file, long from, long to) throws IOException {
        SortedMap<Long, String> lines = new TreeMap<>();
        if (file == null || to < 1 || to < from) {
            return lines;
        }
        long first = Math.max(1, from);
        long lookFrom = Math.max(1, first - LOOKBACK_LINES);
        Query ofFile = new TermQuery(new Term(Fields.FILE, BundleIndexWriter.term(file).toLowerCase(Locale.ROOT)));
        // the file keyword ignores case; two entries differing only in case are still two files
        SortedMap<Long, String> records = new TreeMap<>();
        forEachBlock(new BooleanQuery.Builder()
                .add(ofFile, BooleanClause.Occur.FILTER)
                .add(BLOCKS, BooleanClause.Occur.FILTER)
                .add(LongRange.newIntersectsQuery(Fields.BLOCK_LINE_SPAN, new long[] {lookFrom}, new long[] {to}),
                        BooleanClause.Occur.FILTER)
                .build(), events -> {
            for (LogEvent e : events) {
                if (file.equals(e.file()) && e.line() >= lookFrom && e.line() <= to) {
                    records.putIfAbsent(e.line(), e.raw() != null ? e.raw() : String.valueOf(e.message()));
                }
            }
        });
        Query single = new BooleanQuery.Builder()
                .add(ofFile, BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(Fields.LINE, lookFrom, to), BooleanClause.Occur.FILTER)
                .add(BLOCKS, BooleanClause.Occur.MUST_NOT)
                .build();
        for (ScoreDoc sd : searcher.search(single, MAX_SOURCE_RECORDS).scoreDocs) {
            Document doc = searcher.storedFields().document(sd.doc);
            if (file.equals(doc.get(Fields.FILE)) && doc.get(Fields.RAW) != null) {
                records.putIfAbsent(doc.getField(Fields.LINE).numericValue().longValue(), doc.get(Fields.RAW));
            }
        }
        records.forEach((start, raw) -> {
            String[] physical = raw.split("\n", -1);
            for (int i = 0; i < physical.length; i++) {
                long n = start + i;
                if (n >= first && n <= to) {
                    lines.putIfAbsent(n, stripCarriageReturn(physical[i]));
                }
            }
        });
        return lines;
    }

    /** Receives the time and level of one event. */
    @FunctionalInterface
    public interface TimedEventVisitor {
        /**
         * @param epochMillis the event's time, UTC
         * @param level       its level word as written ({@code NORMAL}, {@code Error}, ...), or {@code null}
         */
        void visit(long epochMillis, String level);
    }

    /**
     * Hands the time and level of every event that has a time to the visitor, in no particular order, and
     * returns how many there were. Reads every block of the index.
     */
    public long forEachTimedEvent(TimedEventVisitor visitor) throws IOException {
        Objects.requireNonNull(visitor, "visitor");
        long[] seen = {0};
        forEachBlock(BLOCKS, events -> {
            for (LogEvent e : events) {
                if (e.time() != null) {
                    seen[0]++;
                    visitor.visit(e.time().toEpochMilli(), e.level());
                }
            }
        });
        for (int doc : docs(new BooleanQuery.Builder().add(EVENTS, BooleanClause.Occur.FILTER)
                .add(BLOCKS, BooleanClause.Occur.MUST_NOT).build())) {
            LogEvent e = toEvent(searcher.storedFields().document(doc));
            if (e.time() != null) {
                seen[0]++;
                visitor.visit(e.time().toEpochMilli(), e.level());
            }
        }
        return seen[0];
    }

    public int documents() {
        return reader.numDocs();
    }

    /** The query on the documents that are not blocks: facts, and events of an index written before blocks. */
    private static Query notBlocks(Query query) {
        return new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.MUST)
                .add(BLOCKS, BooleanClause.Occur.MUST_NOT)
                .build();
    }

    /** An event of an index written before blocks, as far as it was stored. */
    private static LogEvent toEvent(Document doc) {
        Hit h = toHit(doc);
        return new LogEvent(h.file(), h.line(), h.record(), h.time(), null, false, h.level(), h.component(), null,
                null, null, null, h.errorCodes(), h.message(), h.raw(), null, h.eventId(), null);
    }

    private static Hit toHit(Document doc) {
        IndexableField time = doc.getField(Fields.TIME);
        IndexableField record = doc.getField(Fields.RECORD);
        IndexableField line = doc.getField(Fields.LINE);
        return new Hit(doc.get(Fields.FILE),
                line == null ? 0 : line.numericValue().longValue(),
                record == null ? null : record.numericValue().longValue(),
                time == null ? null : Instant.ofEpochMilli(time.numericValue().longValue()),
                doc.get(Fields.LEVEL), doc.get(Fields.COMPONENT), eventId(doc.get(Fields.EVENT_ID)), List.of(),
                doc.get(Fields.MESSAGE), doc.get(Fields.RAW));
    }

    private static Integer eventId(String stored) {
        try {
            return stored == null ? null : Integer.valueOf(stored);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** One matching event as stored. */
    public record Hit(String file, long line, Long record, Instant time, String level, String component,
                      Integer eventId, List<String> errorCodes, String message, String raw) {
        public Hit {
            errorCodes = errorCodes == null ? List.of() : List.copyOf(errorCodes);
        }
    }
}
