package dev.bundleanalyzer.search;

import dev.bundleanalyzer.index.BundleIndex;
import dev.bundleanalyzer.index.Fields;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Runs one query over many bundle indexes, one index at a time, and keeps the earliest hits of all. An index
 * is opened, counted, searched for its own earliest {@code limit} hits and closed before the next, so a
 * batch of hundreds of reports holds one index open and at most {@code limit} hits in memory. An index that
 * cannot be read is skipped and named; the others are still searched.
 */
public final class BundleSearch {

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
            try (BundleIndex index = BundleIndex.open(folder.index())) {
                if (folder.host() == null && filter.needsHost()) {
                    folder = folder.withHost(hostFact(index)); // a report written without findings.json
                    if (!filter.accepts(folder)) {
                        continue;
                    }
                }
                BundleIndex.Found found = index.find(perIndex, Math.max(0, limit));
                total += found.count();
                searched++;
                List<BundleIndex.Record> earliest = found.earliest();
                for (int rank = 0; rank < earliest.size(); rank++) {
                    BundleIndex.Record r = earliest.get(rank);
                    Instant time = r.hit().time();
                    Key key = new Key(time == null ? Long.MAX_VALUE : time.toEpochMilli(), i, rank);
                    if (best.size() >= limit && Key.ORDER.compare(key, best.peek().key()) >= 0) {
                        break; // every further hit of this index comes later still
                    }
                    best.add(new Ranked(key, hit(r, folder)));
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

    private static SearchHit hit(BundleIndex.Record r, ReportFolder folder) {
        BundleIndex.Hit h = r.hit();
        return new SearchHit(folder.bundle(), folder.host(), folder.dir(),
                r.factKey() != null ? Fields.TYPE_FACT : Fields.TYPE_EVENT, h.file(), h.line(), h.record(), h.time(),
                h.level(), h.component(), h.eventId(), h.errorCodes(), h.message(), h.raw(), r.factKey(),
                r.factValue());
    }

    private static String hostFact(BundleIndex index) throws IOException {
        List<BundleIndex.Record> facts = index.find(new TermQuery(new Term(Fields.FACT_KEY, HOST_FACT)), 1).earliest();
        return facts.isEmpty() ? null : facts.get(0).factValue();
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

    /** Order of a hit among all: its time (untimed last), then the report's place in the list, then its place in the index. */
    private record Key(long time, int folder, int rank) {
        static final Comparator<Key> ORDER = Comparator.comparingLong(Key::time).thenComparingInt(Key::folder)
                .thenComparingInt(Key::rank);
    }

    private record Ranked(Key key, SearchHit hit) {
    }
}
