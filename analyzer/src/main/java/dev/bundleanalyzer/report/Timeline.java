package dev.bundleanalyzer.report;

import dev.bundleanalyzer.index.BundleIndex;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.Finding;
import dev.bundleanalyzer.rules.LocalizedText;
import dev.bundleanalyzer.rules.Severity;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Events per time bucket and level across a bundle's time range, and where the evidence of each finding falls:
 * what the report's timeline shows, counted once from the index. {@link TimelineChart} draws it.
 *
 * @param from    the earliest event or evidence time
 * @param to      the latest one
 * @param start   start of the first bucket (at or before {@code from})
 * @param bucket  length of every bucket: the first of {@code 1h, 3h, 6h, 12h, 1d, 2d, 7d, 14d, 30d, 90d,
 *                180d, 1y, 2y, 5y, 10y, ...} that covers the range in at most {@link #MAX_BUCKETS} buckets
 * @param buckets every bucket from the earliest time to the latest, empty ones included
 * @param markers one per finding and bucket its timed evidence falls in, in time order
 * @param untimed events the timeline cannot place because they have no time
 */
public record Timeline(Instant from, Instant to, Instant start, Duration bucket, List<Bucket> buckets, List<Marker> markers, long untimed) {

    /** At most this many bars, so that each stays a few pixels wide on a page. */
    public static final int MAX_BUCKETS = 200;

    /**
     * Buckets start at multiples of their length after a Monday midnight UTC, so hours start on the hour, days
     * at midnight and weeks on Mondays, whatever the first event.
     */
    static final Instant ORIGIN = Instant.parse("1970-01-05T00:00:00Z");

    private static final Duration YEAR = Duration.ofDays(365);
    private static final List<Duration> SIZES = List.of(Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6),
            Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7), Duration.ofDays(14),
            Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(180));

    public Timeline {
        buckets = List.copyOf(buckets);
        markers = List.copyOf(markers);
    }

    /** The levels the index's open set of level words is folded into, most severe first. */
    public enum Level {
        CRITICAL, ERROR, WARNING, INFO, OTHER;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The level of a word as parsers keep it: trace logs write {@code NORMAL}, {@code WARNING},
         * {@code CRITICAL}, {@code FATAL}; event logs {@code Information}, {@code Warning}, {@code Error},
         * {@code Critical}, {@code Verbose}. No word, or one of neither set, is {@link #OTHER}.
         */
        public static Level of(String word) {
            if (word == null) {
                return OTHER;
            }
            return switch (word.strip().toLowerCase(Locale.ROOT)) {
                case "critical", "fatal", "crit" -> CRITICAL;
                case "error", "err" -> ERROR;
                case "warning", "warn" -> WARNING;
                case "information", "informational", "info", "normal", "verbose", "debug" -> INFO;
                default -> OTHER;
            };
        }
    }

    /**
     * One bar: events per level from {@code start} for the timeline's bucket length.
     *
     * @param counts an entry for every level, zeros included
     */
    public record Bucket(Instant start, Map<Level, Long> counts) {

        public Bucket {
            EnumMap<Level, Long> all = new EnumMap<>(Level.class);
            for (Level l : Level.values()) {
                all.put(l, counts.getOrDefault(l, 0L));
            }
            counts = Collections.unmodifiableMap(all);
        }

        public long count(Level level) {
            return counts.get(level);
        }

        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Where a finding's evidence falls.
     *
     * @param time     time of its first piece of evidence in the bucket
     * @param bucket   index of that bucket
     * @param evidence how many of its pieces of evidence fall in the bucket
     */
    public record Marker(String rule, Severity severity, LocalizedText title, Instant time, int bucket,
                         int evidence) {
    }

    /** Events per level over all buckets. */
    public Map<Level, Long> totals() {
        EnumMap<Level, Long> totals = new EnumMap<>(Level.class);
        for (Level l : Level.values()) {
            totals.put(l, buckets.stream().mapToLong(b -> b.count(l)).sum());
        }
        return totals;
    }

    /** Events placed on the timeline. */
    public long timed() {
        return buckets.stream().mapToLong(Bucket::total).sum();
    }

    /** End of the last bucket. */
    public Instant end() {
        return start.plus(bucket.multipliedBy(buckets.size()));
    }

    /**
     * The timeline of an indexed bundle, or {@code null} when neither an event nor a piece of evidence has a
     * time.
     *
     * @param events every event of the bundle, timed or not (to tell how many the timeline leaves out)
     */
    public static Timeline of(BundleIndex index, List<Finding> findings, Instant from, Instant to, long events)
            throws IOException {
        TimeHistogram histogram = new TimeHistogram();
        index.forEachTimedEvent(histogram::count);
        return of(histogram, findings, from, to, events);
    }

    /**
     * The timeline of the events counted in a histogram as the bundle was read, or {@code null} when neither an
     * event nor a piece of evidence has a time.
     *
     * @param from   the earliest event time, or {@code null}
     * @param to     the latest one
     * @param events every event of the bundle, timed or not (to tell how many the timeline leaves out)
     */
    public static Timeline of(TimeHistogram histogram, List<Finding> findings, Instant from, Instant to, long events) {
        Instant first = from;
        Instant last = to;
        for (Finding f : findings) {
            for (Evidence e : f.evidence()) {
                if (e.time() != null) {
                    first = first == null || e.time().isBefore(first) ? e.time() : first;
                    last = last == null || e.time().isAfter(last) ? e.time() : last;
                }
            }
        }
        if (first == null || last == null) {
            return null;
        }
        Builder builder = new Builder(first, last);
        histogram.forEach(builder::count);
        findings.forEach(builder::mark);
        return builder.build(Math.max(0, events - histogram.timed()));
    }

    /** The bucket length for a range: the smallest step that needs at most {@link #MAX_BUCKETS} buckets. */
    static Duration bucketFor(Instant from, Instant to) {
        for (Duration size : SIZES) {
            if (bucketsBetween(from, to, size) <= MAX_BUCKETS) {
                return size;
            }
        }
        // years in 1, 2, 5 steps: a damaged event log can put a record centuries away from the rest
        long years = 1;
        for (int step = 0; bucketsBetween(from, to, YEAR.multipliedBy(years)) > MAX_BUCKETS; step++) {
            years = step % 3 == 1 ? years / 2 * 5 : years * 2;
        }
        return YEAR.multipliedBy(years);
    }

    private static long bucketsBetween(Instant from, Instant to, Duration size) {
        return bucketIndex(to, size) - bucketIndex(from, size) + 1;
    }

    /** Number of the bucket holding a time, counted from {@link #ORIGIN} (negative before it). */
    private static long bucketIndex(Instant t, Duration size) {
        return Math.floorDiv(Duration.between(ORIGIN, t).toMillis(), size.toMillis());
    }

    /** Counts events and places findings in buckets fixed by the range given first. */
    static final class Builder {
        private final Instant from;
        private final Instant to;
        private final Duration size;
        private final long sizeMillis;
        private final long firstIndex;
        private final long startMillis;
        private final long[][] counts;
        private final List<Marker> markers = new ArrayList<>();

        Builder(Instant from, Instant to) {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("range ends before it starts: " + from + " - " + to);
            }
            this.from = from;
            this.to = to;
            size = bucketFor(from, to);
            sizeMillis = size.toMillis();
            firstIndex = bucketIndex(from, size);
            startMillis = ORIGIN.toEpochMilli() + firstIndex * sizeMillis;
            counts = new long[(int) bucketsBetween(from, to, size)][Level.values().length];
        }

        /**
         * Counts the events of a histogram slot, per level ordinal; one outside the range (which the range was
         * made to include) is left out. A slot lies within one bucket (see {@link TimeHistogram}).
         */
        void count(long slotStart, long[] byLevel) {
            int i = bucket(slotStart);
            if (i >= 0) {
                for (int l = 0; l < byLevel.length; l++) {
                    counts[i][l] += byLevel[l];
                }
            }
        }

        /** Marks where the finding's timed evidence falls: once per bucket, at its first time there. */
        void mark(Finding finding) {
            Map<Integer, List<Instant>> byBucket = new LinkedHashMap<>();
            finding.evidence().stream().map(Evidence::time).filter(Objects::nonNull).sorted()
                    .forEach(t -> {
                        int i = bucket(t.toEpochMilli());
                        if (i >= 0) {
                            byBucket.computeIfAbsent(i, k -> new ArrayList<>()).add(t);
                        }
                    });
            byBucket.forEach((i, times) -> markers.add(new Marker(finding.rule(), finding.severity(),
                    finding.title(), times.get(0), i, times.size())));
        }

        Timeline build(long untimed) {
            List<Bucket> buckets = new ArrayList<>(counts.length);
            for (int i = 0; i < counts.length; i++) {
                EnumMap<Level, Long> byLevel = new EnumMap<>(Level.class);
                for (Level l : Level.values()) {
                    byLevel.put(l, counts[i][l.ordinal()]);
                }
                buckets.add(new Bucket(Instant.ofEpochMilli(startMillis + i * sizeMillis), byLevel));
            }
            List<Marker> sorted = new ArrayList<>(markers);
            sorted.sort(Comparator.comparing(Marker::time).thenComparing(Marker::rule));
            return new Timeline(from, to, Instant.ofEpochMilli(startMillis), size, buckets, sorted, untimed);
        }

        private int bucket(long epochMillis) {
            long i = Math.floorDiv(epochMillis - startMillis, sizeMillis);
            return i >= 0 && i < counts.length ? (int) i : -1;
        }
    }
}
