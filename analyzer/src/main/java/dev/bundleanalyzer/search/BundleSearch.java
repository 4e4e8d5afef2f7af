package dev.bundleanalyzer.search;

import dev.bundleanalyzer.index.Fields;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * Runs one query over many bundle indexes, one index at a time, and keeps the earliest hits of all. An index
 * is opened, counted, searched for its own earliest {@code limit} hits and closed before the next, so a
 * batch of hundreds of reports holds one index open and at most {@code limit} hits in memory. An index that
 * cannot be read is skipped and named; the others are still searched.
 */
public final class BundleSearch {

    /** Time first, untimed records last, then file, as every report lists evidence. */
    private static final Sort ORDER = new Sort(timeSort(), new SortedSetSortField(Fields.FILE, false));
    private static final String HOST_FACT = "host.name";

    private BundleSearch() {
    }

    public static SearchResult run(List<ReportFolder> folders, SearchQuery query, int limit) {
        Query perIndex = query.forIndex();
        // the worst kept hit on top, to drop it when a better one comes
        PriorityQueue<Ranked> best = new PriorityQueue<>(Comparator.comparing(Ranked::key, Key.ORDER.reversed()));
        List<SearchResult.Skipped> skipped = new ArrayList<>();
        long total = 0;
        int searched = 0;
        for (int i = 0; i < folders.size(); i++) {
            ReportFolder folder = folders.get(i);
            ReportFilter filter = query.reports();
            if ((folder.host() != null || !filter.needsHost()) && !filter.accepts(folder)) {
                continue;
            }
            try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(folder.index()))) {
                IndexSearcher searcher = new IndexSearcher(reader);
                if (folder.host() == null && filter.needsHost()) {
                    folder = folder.withHost(hostFact(searcher)); // a report written without findings.json
                    if (!filter.accepts(folder)) {
                        continue;
                    }
                }
                long count = searcher.count(perIndex);
                List<Ranked> found = limit > 0 && count > 0 ? earliest(searcher, perIndex, folder, i, limit, best) : List.of();
                total += count;
                searched++;
                for (Ranked r : found) {
                    best.add(r);
                    if (best.size() > limit) {
                        best.poll();
                    }
                }
            } catch (IOException | RuntimeException e) {
                skipped.add(new SearchResult.Skipped(folder, reason(e)));
            }
        }
        List<Ranked> ordered = new ArrayList<>(best);
        ordered.sort(Comparator.comparing(Ranked::key, Key.ORDER));
        return new SearchResult(total, ordered.stream().map(Ranked::hit).toList(), searched, List.copyOf(skipped));
    }

    /** This index's earliest hits that would make it into {@code best}, read from the index. */
    private static List<Ranked> earliest(IndexSearcher searcher, Query query, ReportFolder folder, int folderOrder,
                                         int limit, PriorityQueue<Ranked> best) throws IOException {
        TopDocs top = searcher.search(query, limit, ORDER);
        List<Ranked> found = new ArrayList<>();
        for (int rank = 0; rank < top.scoreDocs.length; rank++) {
            ScoreDoc sd = top.scoreDocs[rank];
            Key key = new Key((Long) ((FieldDoc) sd).fields[0], folderOrder, rank);
            if (best.size() >= limit && Key.ORDER.compare(key, best.peek().key()) >= 0) {
                break; // every further hit of this index comes later still
            }
            found.add(new Ranked(key, read(searcher, sd.doc, folder)));
        }
        return found;
    }

    private static SearchHit read(IndexSearcher searcher, int docId, ReportFolder folder) throws IOException {
        Document doc = searcher.storedFields().document(docId);
        String factKey = doc.get(Fields.FACT_KEY);
        return new SearchHit(folder.bundle(), folder.host(), folder.dir(),
                factKey != null ? Fields.TYPE_FACT : Fields.TYPE_EVENT,
                doc.get(Fields.FILE), number(doc, Fields.LINE, 0L), number(doc, Fields.RECORD, null),
                time(doc), doc.get(Fields.LEVEL), doc.get(Fields.COMPONENT), eventId(doc.get(Fields.EVENT_ID)),
                errorCodes(searcher, docId), doc.get(Fields.MESSAGE), doc.get(Fields.RAW), factKey,
                doc.get(Fields.FACT_VALUE));
    }

    /** Error codes are not stored, but kept as doc values (in their original case) for grouping findings. */
    private static List<String> errorCodes(IndexSearcher searcher, int docId) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docId, leaves));
        SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), Fields.ERROR_CODE);
        List<String> codes = new ArrayList<>();
        if (values.advanceExact(docId - leaf.docBase)) {
            for (int i = 0; i < values.docValueCount(); i++) {
                codes.add(values.lookupOrd(values.nextOrd()).utf8ToString());
            }
        }
        return List.copyOf(codes);
    }

    private static String hostFact(IndexSearcher searcher) throws IOException {
        TopDocs top = searcher.search(new TermQuery(new Term(Fields.FACT_KEY, HOST_FACT)), 1);
        return top.scoreDocs.length == 0 ? null : searcher.storedFields().document(top.scoreDocs[0].doc).get(Fields.FACT_VALUE);
    }

    private static Long number(Document doc, String field, Long missing) {
        IndexableField f = doc.getField(field);
        return f == null || f.numericValue() == null ? missing : Long.valueOf(f.numericValue().longValue());
    }

    private static Instant time(Document doc) {
        Long millis = number(doc, Fields.TIME, null);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static Integer eventId(String stored) {
        try {
            return stored == null ? null : Integer.valueOf(stored);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String reason(Exception e) {
        String detail = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        if (e instanceof IndexNotFoundException) {
            return "the index folder holds no index";
        }
        if (e instanceof CorruptIndexException) {
            return "the index is damaged: " + detail;
        }
        if (e instanceof IndexFormatTooOldException || e instanceof IndexFormatTooNewException) {
            return "the index was written by an incompatible version: " + detail;
        }
        return detail.isEmpty() ? e.getClass().getSimpleName() : detail;
    }

    private static SortField timeSort() {
        SortField time = new SortField(Fields.TIME_SORT, SortField.Type.LONG);
        time.setMissingValue(Long.MAX_VALUE);
        return time;
    }

    /** Order of a hit among all: its time (untimed last), then the report's place in the list, then its place in the index. */
    private record Key(long time, int folder, int rank) {
        static final Comparator<Key> ORDER = Comparator.comparingLong(Key::time).thenComparingInt(Key::folder)
                .thenComparingInt(Key::rank);
    }

    private record Ranked(Key key, SearchHit hit) {
    }
}
