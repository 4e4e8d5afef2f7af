package dev.bundleanalyzer.index;

import dev.bundleanalyzer.parse.LiteralScanner;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.RecordSink;
import dev.bundleanalyzer.parse.Skim;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * Evaluates the rules' queries on each event as the bundle is read, and keeps what the rules will ask of them:
 * the count, the earliest and latest matches, the latest time and counts per group. The rules then need no
 * index, and a finding is known the moment its first event is read.
 *
 * <p>An event is first tested against each query's {@link QueryNeed} (one scan of its message for all of them);
 * for the few that pass the query itself decides, on the event's values ({@link EventMatch}) or, for what that does
 * not cover, in a one-document {@link MemoryIndex} with the very fields the index would give them. Thread-safe: the
 * parser threads of a bundle share one recorder.
 */
public final class QueryRecorder implements EventQueries {

    /** Time order, events without a time last; file and line make the order total, whatever thread came first. */
    static final Comparator<BundleIndex.Hit> ORDER = Comparator
            .comparing(BundleIndex.Hit::time, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(BundleIndex.Hit::file, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(BundleIndex.Hit::line)
            .thenComparing(BundleIndex.Hit::record, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final Analyzer analyzer = IndexAnalyzers.message();
    private final Map<Query, Recorded> byQuery = new LinkedHashMap<>();
    private final Recorded[] recorded;
    private final LiteralScanner scanner;
    private final int words;
    /** Keyword fields some query has literals of, with those literals and their bits. */
    private final String[] fields;
    private final String[][] fieldLiterals;
    private final int[][] fieldIds;
    private final ThreadLocal<Scratch> scratch;
    /** For each literal, the queries whose need has it; and the queries that need nothing (asked of every event). */
    private final int[][] byLiteral;
    private final int[] always;
    /** The rules' answer to {@link RecordSink#skim}. */
    private final LineSkims skims;
    private volatile Consumer<Match> listener = m -> { };
    private java.util.function.UnaryOperator<String> hitText = java.util.function.UnaryOperator.identity();

    /** The first match of a query, as it is read. */
    public record Match(Query query, BundleIndex.Hit hit) {
    }

    /** What to keep of the matches of a query. */
    public record Demand(Query query, int earliest, int latest, Set<String> groups) {
        public Demand {
            groups = Set.copyOf(groups);
        }

        public static Demand earliest(Query query, int limit) {
            return new Demand(query, limit, 0, Set.of());
        }
    }

    public QueryRecorder(List<Demand> demands) {
        Map<String, Map<String, Integer>> literalIds = new LinkedHashMap<>();
        int[] next = {0};
        Map<Query, Demand> merged = new LinkedHashMap<>();
        for (Demand d : demands) {
            merged.merge(d.query(), d, (a, b) -> new Demand(a.query(), Math.max(a.earliest(), b.earliest()),
                    Math.max(a.latest(), b.latest()), union(a.groups(), b.groups())));
        }
        for (Demand d : merged.values()) {
            QueryNeed need = QueryNeed.of(d.query(), (field, literal) -> literalIds
                    .computeIfAbsent(field, f -> new LinkedHashMap<>()).computeIfAbsent(literal, k -> next[0]++));
            byQuery.put(d.query(), new Recorded(d, need));
        }
        this.recorded = byQuery.values().toArray(new Recorded[0]);
        this.words = Math.max(1, (next[0] + 63) >>> 6);
        Map<String, Integer> message = literalIds.getOrDefault(Fields.MESSAGE, Map.of());
        this.scanner = new LiteralScanner(new ArrayList<>(message.keySet()),
                message.values().stream().mapToInt(Integer::intValue).toArray(), words);
        List<String> keywordFields = literalIds.keySet().stream().filter(f -> !f.equals(Fields.MESSAGE)).toList();
        this.fields = keywordFields.toArray(new String[0]);
        this.fieldLiterals = new String[fields.length][];
        this.fieldIds = new int[fields.length][];
        for (int f = 0; f < fields.length; f++) {
            Map<String, Integer> ids = literalIds.get(fields[f]);
            fieldLiterals[f] = ids.keySet().toArray(new String[0]);
            fieldIds[f] = ids.values().stream().mapToInt(Integer::intValue).toArray();
        }
        List<List<Integer>> users = new ArrayList<>();
        for (int i = 0; i < next[0]; i++) {
            users.add(new ArrayList<>());
        }
        List<Integer> unconditional = new ArrayList<>();
        for (int q = 0; q < recorded.length; q++) {
            int query = q;
            if (recorded[q].need == QueryNeed.ANY) {
                unconditional.add(q);
            }
            recorded[q].need.literals(id -> {
                if (!users.get(id).contains(query)) {
                    users.get(id).add(query);
                }
            });
        }
        this.byLiteral = users.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        this.always = unconditional.stream().mapToInt(Integer::intValue).toArray();
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(words, fields.length, recorded.length));
        this.skims = new LineSkims(java.util.Arrays.stream(recorded).map(r -> r.need).toList(), always.length > 0,
                literalIds, words);
    }

    /**
     * What the rules need in full of the events of one file (see {@link RecordSink#skim}): {@code null} when any
     * event of it may match a query.
     */
    public Skim skim(String file, String component) {
        return skims.of(file, component);
    }

    /** A parser thread's working memory: the literals of the current event, and of the last value of each field. */
    private static final class Scratch {
        final long[] found;
        final Object[] lastValue;
        final long[][] lastBits;
        /** The event number at which each query was last tried, so that a query with several literals is tried once. */
        final long[] tried;
        long event;
        /** The skim of the file of the last events (parsers hand on the same file name for all of a file's). */
        LineSkims.FileSkim skim;
        /** The last file whose lines all may match, as the same strings. */
        String noSkimFile;
        String noSkimComponent;

        Scratch(int words, int fields, int queries) {
            found = new long[words];
            tried = new long[queries];
            lastValue = new Object[fields];
            lastBits = new long[fields][words];
            java.util.Arrays.fill(lastValue, Scratch.class); // matches no value, null included
        }
    }

    /** Whether the skim of the event's file lets it through (or there is none: all of the file may match). */
    private boolean mayMatch(LogEvent event, Scratch s) {
        if (s.skim == null || s.skim.file != event.file() || s.skim.component != event.component()) {
            if (s.noSkimFile == event.file() && s.noSkimComponent == event.component() && s.noSkimFile != null) {
                return true;
            }
            LineSkims.FileSkim skim = skims.of(event.file(), event.component());
            if (skim == null) {
                s.noSkimFile = event.file();
                s.noSkimComponent = event.component();
                return true;
            }
            s.skim = skim;
        }
        return s.skim.wants(event);
    }

    /** Sets the bits of the literals an event holds: its message scanned once, keyword values remembered. */
    private long[] literalsOf(LogEvent event, Scratch s) {
        long[] found = s.found;
        scanner.scan(event.message(), found);
        for (int f = 0; f < fields.length; f++) {
            Object value = QueryNeed.valueOf(event, fields[f]);
            long[] bits = s.lastBits[f];
            if (value != s.lastValue[f]) {
                // levels, components and file names repeat line after line, as the very same strings
                java.util.Arrays.fill(bits, 0L);
                for (String v : QueryNeed.strings(value)) {
                    for (int i = 0; i < fieldLiterals[f].length; i++) {
                        if (QueryNeed.containsIgnoreCase(v, fieldLiterals[f][i])) {
                            bits[fieldIds[f][i] >>> 6] |= 1L << fieldIds[f][i];
                        }
                    }
                }
                s.lastValue[f] = value;
            }
            for (int w = 0; w < words; w++) {
                found[w] |= bits[w];
            }
        }
        return found;
    }

    /**
     * Passes the text of every kept match through {@code clean} (redaction), for events that were not cleaned
     * before they were seen: only what a report shows needs it. Set before the first event.
     */
    public void cleanHits(java.util.function.UnaryOperator<String> clean) {
        this.hitText = clean;
    }

    /** Told of the first match of each query, on the thread that read it. */
    public void onFirstMatch(Consumer<Match> listener) {
        this.listener = listener;
    }

    /** Evaluates every query on one event. */
    public void see(LogEvent event) {
        Scratch s = scratch.get();
        if (always.length == 0 && LineSkims.judges(event) && !mayMatch(event, s)) {
            return; // the narrowed needs rule most trace lines out with one cheap scan of the message
        }
        long[] literals = literalsOf(event, s);
        long stamp = ++s.event;
        Matcher matcher = new Matcher(event, literals);
        for (int q : always) {
            matcher.tryQuery(q);
        }
        // most events hold no literal at all; the others are tried against the few queries that use theirs
        for (int w = 0; w < literals.length; w++) {
            long bits = literals[w];
            while (bits != 0) {
                int id = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                for (int q : byLiteral[id]) {
                    if (s.tried[q] != stamp) {
                        s.tried[q] = stamp;
                        matcher.tryQuery(q);
                    }
                }
            }
        }
    }

    /** Keeps an event known to match a query (decided elsewhere), as if it had been seen matching. */
    void accept(Query query, LogEvent event) {
        Recorded r = recorded(query);
        BundleIndex.Hit hit = hitOf(event);
        if (r.add(hit, event)) {
            listener.accept(new Match(query, hit));
        }
    }

    /** One event tried against queries; its one-document index is built for the first query that needs it. */
    private final class Matcher {
        private final LogEvent event;
        private final long[] literals;
        private IndexSearcher one;
        private EventMatch.MessageTokens tokens;
        private BundleIndex.Hit hit;

        Matcher(LogEvent event, long[] literals) {
            this.event = event;
            this.literals = literals;
        }

        void tryQuery(int q) {
            Recorded r = recorded[q];
            if (!r.need.test(literals)) {
                return;
            }
            if (r.direct != null) {
                if (tokens == null) {
                    tokens = new EventMatch.MessageTokens(analyzer, event.message());
                }
                if (!r.direct.test(event, tokens)) {
                    return;
                }
            } else {
                if (one == null) {
                    one = MemoryIndex.fromDocument(EventDocument.searchable(event), analyzer).createSearcher();
                }
                try {
                    if (one.count(r.demand.query()) == 0) {
                        return;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot evaluate " + r.demand.query(), e);
                }
            }
            if (hit == null) {
                hit = hitOf(event);
            }
            if (r.add(hit, event)) {
                listener.accept(new Match(r.demand.query(), hit));
            }
        }
    }

    /** The event as the index gives it back: times to the millisecond, as the index keeps them. */
    private BundleIndex.Hit hitOf(LogEvent e) {
        Instant time = e.time() == null ? null : Instant.ofEpochMilli(e.time().toEpochMilli());
        String message = e.message() == null ? null : hitText.apply(e.message());
        return new BundleIndex.Hit(e.file(), e.line(), e.record(), time, e.level(), e.component(), e.eventId(),
                e.errorCodes(), message, hitText.apply(e.raw() != null ? e.raw() : String.valueOf(e.message())));
    }

    @Override
    public int count(Query query) {
        Recorded r = recorded(query);
        synchronized (r) {
            return (int) Math.min(Integer.MAX_VALUE, r.count);
        }
    }

    @Override
    public List<BundleIndex.Hit> search(Query query, int limit, boolean latestFirst) {
        Recorded r = recorded(query);
        int kept = latestFirst ? r.demand.latest() : r.demand.earliest();
        if (limit > kept) {
            throw new IllegalStateException("asked for " + limit + " matches of " + query + ", but only " + kept
                    + " were kept: its demand must say so");
        }
        List<BundleIndex.Hit> hits;
        synchronized (r) {
            hits = new ArrayList<>(latestFirst ? r.latest : r.earliest);
        }
        hits.sort(latestFirst ? ORDER.reversed() : ORDER);
        return hits.size() > limit ? List.copyOf(hits.subList(0, limit)) : hits;
    }

    @Override
    public Instant latestTime(Query query) {
        Recorded r = recorded(query);
        synchronized (r) {
            return r.latestTime;
        }
    }

    @Override
    public Map<String, Long> groupCounts(Query query, String field) {
        Recorded r = recorded(query);
        Map<String, Long> counts;
        synchronized (r) {
            Map<String, Long> byValue = r.groups.get(field);
            if (byValue == null) {
                throw new IllegalStateException("groups by " + field + " of " + query + " were not kept: its demand"
                        + " must say so");
            }
            counts = new HashMap<>(byValue);
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private Recorded recorded(Query query) {
        Recorded r = byQuery.get(query);
        if (r == null) {
            throw new IllegalStateException("query not recorded (no demand was made for it): " + query);
        }
        return r;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** The matches of one query so far. */
    private static final class Recorded {
        final Demand demand;
        final QueryNeed need;
        /** The query decided on the event's values, or null when a one-document index must decide. */
        final EventMatch direct;
        long count;
        Instant latestTime;
        /** The earliest matches, the latest of them on top. */
        final PriorityQueue<BundleIndex.Hit> earliest = new PriorityQueue<>(ORDER.reversed());
        /** The latest matches, the earliest of them on top. */
        final PriorityQueue<BundleIndex.Hit> latest = new PriorityQueue<>(ORDER);
        final Map<String, Map<String, Long>> groups = new HashMap<>();

        Recorded(Demand demand, QueryNeed need) {
            this.demand = demand;
            this.need = need;
            this.direct = EventMatch.of(demand.query());
            demand.groups().forEach(g -> groups.put(g, new HashMap<>()));
        }

        /** Keeps a match; true for the first one. */
        synchronized boolean add(BundleIndex.Hit hit, LogEvent event) {
            count++;
            if (hit.time() != null && (latestTime == null || hit.time().isAfter(latestTime))) {
                latestTime = hit.time();
            }
            keep(earliest, demand.earliest(), hit);
            keep(latest, demand.latest(), hit);
            groups.forEach((field, byValue) -> {
                for (String value : EventDocument.values(event, field)) {
                    byValue.merge(value, 1L, Long::sum);
                }
            });
            return count == 1;
        }

        /** Keeps the hit among the {@code limit} first of the queue's reversed order. */
        private static void keep(PriorityQueue<BundleIndex.Hit> queue, int limit, BundleIndex.Hit hit) {
            if (limit <= 0) {
                return;
            }
            if (queue.size() < limit) {
                queue.add(hit);
            } else if (queue.comparator().compare(hit, queue.peek()) > 0) {
                queue.poll();
                queue.add(hit);
            }
        }
    }
}
