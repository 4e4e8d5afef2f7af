package dev.bundleanalyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.index.BundleIndex;
import dev.bundleanalyzer.index.IndexFixture;
import dev.bundleanalyzer.report.Timeline.Level;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.Finding;
import dev.bundleanalyzer.rules.LocalizedText;
import dev.bundleanalyzer.rules.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events per bucket and level, bucket lengths for short and very long ranges, and where findings are marked. */
class TimelineTest {

    static final Instant T = Instant.parse("2026-10-21T10:15:00Z");

    /** Six timed events over four hours, in every level, and two findings. */
    static Timeline knownTimeline() {
        Timeline.Builder b = new Timeline.Builder(T, at("13:05"));
        TimeHistogram h = new TimeHistogram();
        h.count(T.toEpochMilli(), "FATAL");
        h.count(at("10:40").toEpochMilli(), "Error");
        h.count(at("10:59").toEpochMilli(), "NORMAL");
        h.count(at("12:00").toEpochMilli(), "Warning");
        h.count(at("12:30").toEpochMilli(), null);
        h.count(at("13:05").toEpochMilli(), "Verbose");
        h.forEach(b::count);
        b.mark(finding("MARS-34513", Severity.ERROR, at("10:40"), at("10:50"), at("13:05")));
        b.mark(finding("MARS-0x1FC07", Severity.CRITICAL, (Instant) null));
        return b.build(1);
    }

    @Test
    void countsEventsPerHourAndLevel() {
        Timeline t = knownTimeline();
        assertEquals(Duration.ofHours(1), t.bucket());
        assertEquals(Instant.parse("2026-10-21T10:00:00Z"), t.start(), "buckets start on the hour");
        assertEquals(4, t.buckets().size(), "10:00, 11:00 (empty), 12:00, 13:00");
        assertEquals(counts(1, 1, 0, 1, 0), t.buckets().get(0).counts());
        assertEquals(counts(0, 0, 0, 0, 0), t.buckets().get(1).counts());
        assertEquals(counts(0, 0, 1, 0, 1), t.buckets().get(2).counts(), "no level is 'other'");
        assertEquals(counts(0, 0, 0, 1, 0), t.buckets().get(3).counts(), "Verbose is information");
        assertEquals(6, t.timed());
        assertEquals(1, t.untimed());
        assertEquals(counts(1, 1, 1, 2, 1), t.totals());
        assertEquals(Instant.parse("2026-10-21T14:00:00Z"), t.end());
    }

    @Test
    void marksEachFindingOncePerBucketItsEvidenceFallsIn() {
        Timeline t = knownTimeline();
        assertEquals(2, t.markers().size(), "the finding without a timed evidence is not marked");
        Timeline.Marker first = t.markers().get(0);
        assertEquals("MARS-34513", first.rule());
        assertEquals(0, first.bucket());
        assertEquals(at("10:40"), first.time(), "at its first evidence in the bucket");
        assertEquals(2, first.evidence());
        assertEquals(3, t.markers().get(1).bucket());
        assertEquals(1, t.markers().get(1).evidence());
    }

    @Test
    void levelWordsOfTraceLogsAndEventLogsAreFolded() {
        assertEquals(Level.CRITICAL, Level.of("CRITICAL"));
        assertEquals(Level.CRITICAL, Level.of("Critical"));
        assertEquals(Level.CRITICAL, Level.of("FATAL"));
        assertEquals(Level.ERROR, Level.of("Error"));
        assertEquals(Level.WARNING, Level.of("WARNING"));
        assertEquals(Level.INFO, Level.of("NORMAL"));
        assertEquals(Level.INFO, Level.of("Information"));
        assertEquals(Level.OTHER, Level.of(null));
        assertEquals(Level.OTHER, Level.of("17"));
    }

    @Test
    void bucketLengthGrowsWithTheRangeToAtMostTwoHundredBuckets() {
        Instant from = Instant.parse("2026-10-01T00:00:00Z");
        assertEquals(Duration.ofHours(1), Timeline.bucketFor(from, from));
        assertEquals(Duration.ofHours(1), Timeline.bucketFor(from, from.plus(Duration.ofHours(199))));
        assertEquals(Duration.ofHours(3), Timeline.bucketFor(from, from.plus(Duration.ofHours(250))));
        assertEquals(Duration.ofHours(6), Timeline.bucketFor(from, from.plus(Duration.ofDays(30))));
        assertEquals(Duration.ofDays(1), Timeline.bucketFor(from, from.plus(Duration.ofDays(120))));
        assertEquals(Duration.ofDays(7), Timeline.bucketFor(from, from.plus(Duration.ofDays(730))));
        // a damaged event log with a record at FILETIME zero
        assertEquals(Duration.ofDays(5 * 365), Timeline.bucketFor(Instant.parse("1601-01-01T00:00:00Z"), from));
        assertEquals(Duration.ofDays(20 * 365), Timeline.bucketFor(Instant.parse("0001-01-01T00:00:00Z"), from));
    }

    @Test
    void aRangeOfCenturiesStaysWithinTheBucketLimit() {
        Instant from = Instant.parse("1601-01-01T00:00:00Z");
        Instant to = Instant.parse("2026-10-22T04:00:31Z");
        Timeline.Builder b = new Timeline.Builder(from, to);
        TimeHistogram h = new TimeHistogram();
        h.count(from.toEpochMilli(), "Information");
        h.count(to.toEpochMilli(), "Error");
        h.forEach(b::count);
        Timeline t = b.build(0);
        assertTrue(t.buckets().size() <= Timeline.MAX_BUCKETS, "buckets: " + t.buckets().size());
        assertEquals(1, t.buckets().get(0).count(Level.INFO));
        assertEquals(1, t.buckets().get(t.buckets().size() - 1).count(Level.ERROR));
        assertTrue(!t.start().isAfter(from) && !t.end().isBefore(to));
    }

    @Test
    void weeksStartOnMonday() {
        Timeline t = new Timeline.Builder(Instant.parse("2026-01-07T15:00:00Z"),
                Instant.parse("2027-06-01T00:00:00Z")).build(0);
        assertEquals(Duration.ofDays(7), t.bucket());
        assertEquals(Instant.parse("2026-01-05T00:00:00Z"), t.start(), "the Monday before");
    }

    @Test
    void fromTheIndexTheRangeTakesInEvidenceTimesOutsideTheEvents(@TempDir Path dir) throws IOException {
        try (BundleIndex index = IndexFixture.open(dir)) {
            Instant late = IndexFixture.T0.plus(Duration.ofHours(5));
            Finding f = finding("COND-VAULT-AGE", Severity.WARNING, late);
            Instant from = IndexFixture.T0;
            Instant to = IndexFixture.T0.plus(Duration.ofMinutes(10));
            Timeline t = Timeline.of(index, List.of(f), from, to, 11);
            assertEquals(6, t.buckets().size(), "21:00 to 02:00");
            assertEquals(10, t.timed());
            assertEquals(1, t.untimed());
            assertEquals(counts(2, 1, 1, 6, 0), t.buckets().get(0).counts(),
                    "FATAL and CRITICAL; the event-log Error; a WARNING; six NORMAL");
            assertEquals(5, t.markers().get(0).bucket());
            assertNull(Timeline.of(index, List.of(), null, null, 0), "nothing timed, no timeline");
        }
    }

    static Instant at(String hhmm) {
        return Instant.parse("2026-10-21T" + hhmm + ":00Z");
    }

    static Finding finding(String rule, Severity severity, Instant... times) {
        List<Evidence> evidence = java.util.Arrays.stream(times)
                .map(t -> new Evidence("Temp/CBEngineCurr.errlog", 1, null, t, "line")).toList();
        return new Finding(rule, severity, new LocalizedText(rule + " title", rule + " 제목"), null, List.of(),
                List.of(), List.of(), evidence.size(), null, null, evidence);
    }

    private static Map<Level, Long> counts(long critical, long error, long warning, long info, long other) {
        return Map.of(Level.CRITICAL, critical, Level.ERROR, error, Level.WARNING, warning, Level.INFO, info,
                Level.OTHER, other);
    }
}
