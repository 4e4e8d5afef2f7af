package dev.bundleanalyzer.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
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
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.NIOFSDirectory;
import org.apache.lucene.index.Term;

/** Read side of a bundle index: parses queries in the documented syntax and returns matching events. */
public final class BundleIndex implements EventQueries, Closeable {

    private static final Query EVENTS = new TermQuery(new Term(Fields.TYPE, Fields.TYPE_EVENT));
    private static final Sort BY_TIME = new Sort(timeSort(false));
    private static final Sort BY_TIME_DESC = new Sort(timeSort(true));
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
        return searcher.count(eventsOnly(query));
    }

    /** The first {@code limit} matching events in time order (or the last ones, when {@code latestFirst}). */
    @Override
    public List<Hit> search(Query query, int limit, boolean latestFirst) throws IOException {
        if (limit <= 0) {
            return List.of();
        }
        TopFieldDocs top = searcher.search(eventsOnly(query), limit, latestFirst ? BY_TIME_DESC : BY_TIME);
        List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) {
            hits.add(toHit(searcher.storedFields().document(sd.doc)));
        }
        return hits;
    }

    /** Time of the latest matching event that has a time, or {@code null}. */
    @Override
    public Instant latestTime(Query query) throws IOException {
        Query timed = new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.MUST)
                .add(LongPoint.newRangeQuery(Fields.TIME, Long.MIN_VALUE, Long.MAX_VALUE), BooleanClause.Occur.FILTER)
                .build();
        List<Hit> last = search(timed, 1, true);
        return last.isEmpty() ? null : last.get(0).time();
    }

    /** How many matching events carry each value of a groupable keyword field, largest first. */
    @Override
    public Map<String, Long> groupCounts(Query query, String field) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        searcher.search(eventsOnly(query), new SimpleCollector() {
            private SortedSetDocValues values;

            @Override
            protected void doSetNextReader(LeafReaderContext context) throws IOException {
                values = DocValues.getSortedSet(context.reader(), field);
            }

            @Override
            public void collect(int doc) throws IOException {
                if (values.advanceExact(doc)) {
                    for (int i = 0; i < values.docValueCount(); i++) {
                        counts.merge(values.lookupOrd(values.nextOrd()).utf8ToString(), 1L, Long::sum);
                    }
                }
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        });
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
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
        Query query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Fields.FILE, BundleIndexWriter.term(file).toLowerCase(Locale.ROOT))), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(Fields.LINE, Math.max(1, first - LOOKBACK_LINES), to), BooleanClause.Occur.FILTER)
                .build();
        List<Document> records = new ArrayList<>();
        for (ScoreDoc sd : searcher.search(query, MAX_SOURCE_RECORDS).scoreDocs) {
            Document doc = searcher.storedFields().document(sd.doc);
            // the file keyword ignores case; two entries differing only in case are still two files
            if (file.equals(doc.get(Fields.FILE)) && doc.get(Fields.RAW) != null) {
                records.add(doc);
            }
        }
        records.sort(Comparator.comparingLong(d -> d.getField(Fields.LINE).numericValue().longValue()));
        for (Document doc : records) {
            long start = doc.getField(Fields.LINE).numericValue().longValue();
            String[] physical = doc.get(Fields.RAW).split("\n", -1);
            for (int i = 0; i < physical.length; i++) {
                long n = start + i;
                if (n >= first && n <= to) {
                    lines.putIfAbsent(n, stripCarriageReturn(physical[i]));
                }
            }
        }
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
     * returns how many there were. Reads doc values only (no stored fields), so a bundle of millions of events
     * takes a moment, not minutes.
     */
    public long forEachTimedEvent(TimedEventVisitor visitor) throws IOException {
        Objects.requireNonNull(visitor, "visitor");
        long[] seen = {0};
        searcher.search(EVENTS, new SimpleCollector() {
            private NumericDocValues times;
            private SortedSetDocValues levels;
            private String[] levelNames;

            @Override
            protected void doSetNextReader(LeafReaderContext context) throws IOException {
                times = DocValues.getNumeric(context.reader(), Fields.TIME_SORT);
                levels = DocValues.getSortedSet(context.reader(), Fields.LEVEL);
                levelNames = new String[(int) Math.min(Integer.MAX_VALUE - 8, levels.getValueCount())];
            }

            @Override
            public void collect(int doc) throws IOException {
                if (!times.advanceExact(doc) || times.longValue() == Long.MAX_VALUE) {
                    return; // no time: the sort value that puts it last
                }
                String level = null;
                if (levels.advanceExact(doc)) {
                    int ord = (int) levels.nextOrd();
                    if (levelNames[ord] == null) {
                        levelNames[ord] = levels.lookupOrd(ord).utf8ToString();
                    }
                    level = levelNames[ord];
                }
                seen[0]++;
                visitor.visit(times.longValue(), level);
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        });
        return seen[0];
    }

    public int documents() {
        return reader.numDocs();
    }

    private static Query eventsOnly(Query query) {
        return new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.MUST)
                .add(EVENTS, BooleanClause.Occur.FILTER)
                .build();
    }

    private static Hit toHit(Document doc) {
        IndexableField time = doc.getField(Fields.TIME);
        IndexableField record = doc.getField(Fields.RECORD);
        IndexableField line = doc.getField(Fields.LINE);
        return new Hit(doc.get(Fields.FILE),
                line == null ? 0 : line.numericValue().longValue(),
                record == null ? null : record.numericValue().longValue(),
                time == null ? null : Instant.ofEpochMilli(time.numericValue().longValue()),
                doc.get(Fields.LEVEL), doc.get(Fields.COMPONENT), doc.get(Fields.MESSAGE), doc.get(Fields.RAW));
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static SortField timeSort(boolean reverse) {
        SortField field = new SortField(Fields.TIME_SORT, SortField.Type.LONG, reverse);
        field.setMissingValue(Long.MAX_VALUE);
        return field;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** One matching event as stored. */
    public record Hit(String file, long line, Long record, Instant time, String level, String component,
                      String message, String raw) {
    }
}
