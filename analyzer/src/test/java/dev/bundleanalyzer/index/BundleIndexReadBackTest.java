package dev.bundleanalyzer.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the report reads back from the index: a file's lines around evidence, and every event's time and level. */
class BundleIndexReadBackTest {

    @TempDir
    Path dir;

    @Test
    void keywordsLongerThanLuceneTakesAreCutNotFatal() throws IOException {
        // a hostile provider name or entry path must not fail its record: Lucene refuses terms over 32,766 bytes
        String path = "deep/" + "d".repeat(40_000) + ".errlog";
        String provider = "P\uD83D\uDE00".repeat(20_000);
        Path at = dir.resolve("long");
        try (BundleIndexWriter w = new BundleIndexWriter(at)) {
            w.event(dev.bundleanalyzer.parse.LogEvent.builder(path, 1).time(IndexFixture.T0).source(provider)
                    .level("Error").message("after the long names").raw("after the long names").build());
        }
        try (BundleIndex index = BundleIndex.open(at)) {
            assertEquals(Map.of(1L, "after the long names"), index.sourceLines(path, 1, 1));
        }
    }

    @Test
    void sourceLinesAreTheStoredRecordsSplitIntoNumberedLines() throws IOException {
        try (BundleIndex index = IndexFixture.open(dir)) {
            Map<Long, String> lines = index.sourceLines(IndexFixture.LOG, 2, 7);
            assertEquals(List.of(2L, 4L, 5L, 6L, 7L), new ArrayList<>(lines.keySet()), "line 3 gave no record");
            assertEquals(IndexFixture.raw("line 5 exception"), lines.get(5L), "carriage return dropped");
            assertEquals("   at System.Net.HttpWebRequest.GetResponse()", lines.get(6L),
                    "the stack trace line keeps its own number");
        }
    }

    @Test
    void aRecordStartingBeforeTheSpanLendsTheLinesThatFallInIt() throws IOException {
        try (BundleIndex index = IndexFixture.open(dir)) {
            Map<Long, String> lines = index.sourceLines(IndexFixture.LOG, 6, 6);
            assertEquals(Map.of(6L, "   at System.Net.HttpWebRequest.GetResponse()"), lines);
        }
    }

    @Test
    void sourceLinesKeepFilesApartThatDifferOnlyInCase() throws IOException {
        try (BundleIndex index = IndexFixture.open(dir)) {
            assertEquals(IndexFixture.raw("line 9"), index.sourceLines(IndexFixture.LOG, 9, 9).get(9L));
            assertEquals("other file line 9", index.sourceLines(IndexFixture.SAME_NAME_OTHER_CASE, 9, 9).get(9L));
        }
    }

    @Test
    void sourceLinesOfCapturesComeFromTheirFactsOneTextPerLine() throws IOException {
        try (BundleIndex index = IndexFixture.open(dir)) {
            Map<Long, String> lines = index.sourceLines(IndexFixture.CAPTURE, 1, 10);
            assertEquals(new TreeMap<>(Map.of(3L, "    InstallPath    REG_SZ    C:\\MARS",
                    4L, "    CurrentVersion    REG_SZ    2.0.9245.0")), lines);
        }
    }

    @Test
    void recordBasedSourcesAndEmptySpansHaveNoLines() throws IOException {
        try (BundleIndex index = IndexFixture.open(dir)) {
            assertTrue(index.sourceLines(IndexFixture.EVTX, 0, 3).isEmpty());
            assertTrue(index.sourceLines(IndexFixture.LOG, 5, 4).isEmpty());
            assertTrue(index.sourceLines(IndexFixture.LOG, -5, 0).isEmpty());
            assertTrue(index.sourceLines("no/such/file", 1, 10).isEmpty());
        }
    }

    @Test
    void everyTimedEventIsVisitedWithItsLevelAsWritten() throws IOException {
        try (BundleIndex index = IndexFixture.open(dir)) {
            Map<Long, String> seen = new TreeMap<>();
            long timed = index.forEachTimedEvent((millis, level) -> seen.merge(millis, String.valueOf(level),
                    (a, b) -> a + "+" + b));
            assertEquals(10, timed, "8 trace lines, the other file's line and the event-log record; not the untimed one");
            long t0 = IndexFixture.T0.toEpochMilli();
            assertEquals("FATAL", seen.get(t0 + 5 * 60_000));
            assertEquals("Error", seen.get(t0 + 30_000));
            assertEquals("CRITICAL", seen.get(t0 + 8 * 60_000));
            assertEquals("NORMAL", seen.get(t0), "the other file's line");
            assertEquals(10, seen.size(), "each at its own time");
        }
    }
}
