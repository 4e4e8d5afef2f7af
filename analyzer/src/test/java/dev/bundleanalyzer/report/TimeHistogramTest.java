package dev.bundleanalyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hours counted before the range is known give the same bars as counting each event into them. */
class TimeHistogramTest {

    @Test
    void barsFromHoursEqualBarsFromEvents() {
        Instant from = Instant.parse("2026-10-01T00:00:00Z");
        Instant to = Instant.parse("2026-11-20T17:59:00Z");
        TimeHistogram a = new TimeHistogram();
        TimeHistogram b = new TimeHistogram();
        long step = Duration.ofMinutes(7).toMillis();
        int n = 0;
        for (long t = from.toEpochMilli(); t <= to.toEpochMilli(); t += step, n++) {
            (n % 2 == 0 ? a : b).count(t, n % 3 == 0 ? "Error" : "NORMAL");
        }
        a.add(b);
        assertEquals(n, a.timed());
        Timeline.Builder builder = new Timeline.Builder(from, to);
        a.forEach(builder::count);
        Timeline t = builder.build(0);
        assertEquals(Duration.ofHours(12), t.bucket());
        assertEquals(n, t.timed());
        // every 12-hour bar holds 12 * 60 / 7 events, give or take one at its edges; the last is cut at 17:59
        for (Timeline.Bucket bucket : t.buckets().subList(0, t.buckets().size() - 1)) {
            assertTrue(Math.abs(bucket.total() - 720 / 7.0) <= 1, bucket.start() + ": " + bucket.total());
        }
    }

    @Test
    void datesAcrossCenturiesAreCountedInCoarserSlotsAndNothingIsLost() {
        TimeHistogram h = new TimeHistogram();
        Instant from = Instant.parse("1601-01-01T00:00:00Z");
        long hour = Duration.ofHours(1).toMillis();
        int events = TimeHistogram.MAX_SLOTS * 3;
        for (int i = 0; i < events; i++) {
            // a distinct hour each, spread over four centuries
            h.count(from.toEpochMilli() + (long) i * 11 * hour + (i % 5), i % 2 == 0 ? "Warning" : null);
        }
        assertEquals(events, h.timed());
        assertTrue(h.slotMillis() >= Duration.ofDays(1).toMillis(), "coarser than hours");
        Instant to = from.plusMillis((long) (events - 1) * 11 * hour);
        Timeline.Builder builder = new Timeline.Builder(from, to);
        h.forEach(builder::count);
        Timeline t = builder.build(0);
        assertEquals(events, t.timed(), "every event is in a bar");
        assertEquals(events / 2, t.totals().get(Timeline.Level.WARNING));
        assertTrue(t.buckets().size() <= Timeline.MAX_BUCKETS);
        assertTrue(List.of(Duration.ofDays(365), Duration.ofDays(730), Duration.ofDays(5 * 365))
                .contains(t.bucket()), t.bucket().toString());
    }
}
