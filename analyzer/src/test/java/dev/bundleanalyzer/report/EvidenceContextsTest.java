package dev.bundleanalyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.bundleanalyzer.index.BundleIndex;
import dev.bundleanalyzer.index.IndexFixture;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.Finding;
import dev.bundleanalyzer.rules.LocalizedText;
import dev.bundleanalyzer.rules.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Up to three lines of the same file before and after an evidence line, read back from the index. */
class EvidenceContextsTest {

    @TempDir
    Path dir;

    @Test
    void atTheStartOfAFileThereIsNothingBefore() throws IOException {
        Evidence.Context c = around(1, "line 1 first");
        assertEquals(List.of(), c.before());
        assertEquals(List.of(2L, 4L), lines(c.after()), "lines 2 to 4, of which 3 is blank");
    }

    @Test
    void inTheMiddleAMultiLineRecordIsFollowedByWhatComesAfterAllOfIt() throws IOException {
        Evidence.Context c = around(5, "line 5 exception\n   at System.Net.HttpWebRequest.GetResponse()");
        assertEquals(List.of(2L, 4L), lines(c.before()));
        assertEquals(List.of(7L, 8L, 9L), lines(c.after()), "after line 6, the stack trace's line");
    }

    @Test
    void theLineAfterAStackTraceSeesItsLastLines() throws IOException {
        Evidence.Context c = around(8, "line 8 the evidence");
        assertEquals(List.of(5L, 6L, 7L), lines(c.before()));
        assertEquals("   at System.Net.HttpWebRequest.GetResponse()", c.before().get(1).text());
        assertEquals(IndexFixture.raw("line 7 " + IndexFixture.HOSTILE), c.before().get(2).text(), "kept as written");
        assertEquals(List.of(9L, 10L), lines(c.after()));
    }

    @Test
    void atTheEndOfAFileThereIsNothingAfter() throws IOException {
        Evidence.Context c = around(10, "line 10 last");
        assertEquals(List.of(7L, 8L, 9L), lines(c.before()));
        assertEquals(List.of(), lines(c.after()));
    }

    @Test
    void recordBasedAndWholeFileEvidenceGetNone() throws IOException {
        try (BundleIndex index = IndexFixture.open(dir)) {
            assertSame(Evidence.Context.NONE, EvidenceContexts.around(
                    new Evidence(IndexFixture.EVTX, 0, 4711L, IndexFixture.T0, "job failed"), index));
            assertSame(Evidence.Context.NONE, EvidenceContexts.around(
                    new Evidence(IndexFixture.LOG, 0, null, null, "year assumed"), index));
        }
    }

    @Test
    void attachKeepsFindingsAndEvidenceInOrder() throws IOException {
        try (BundleIndex index = IndexFixture.open(dir)) {
            Finding f = new Finding("R-1", Severity.ERROR, new LocalizedText("t", "t"), null, List.of(), List.of(),
                    List.of(), 7, null, null, List.of(
                            new Evidence(IndexFixture.LOG, 9, null, null, IndexFixture.raw("line 9")),
                            new Evidence(IndexFixture.EVTX, 0, 4711L, null, "job failed")));
            Finding out = EvidenceContexts.attach(List.of(f), index).get(0);
            assertEquals(List.of(6L, 7L, 8L), lines(out.evidence().get(0).context().before()));
            assertEquals(List.of(10L), lines(out.evidence().get(0).context().after()));
            assertEquals(Evidence.Context.NONE, out.evidence().get(1).context());
            assertEquals(5, out.more(), "7 matches, 2 shown");
            assertEquals(f.evidence().get(0).text(), out.evidence().get(0).text());
        }
    }

    private Evidence.Context around(long line, String text) throws IOException {
        try (BundleIndex index = IndexFixture.open(dir)) {
            return EvidenceContexts.around(new Evidence(IndexFixture.LOG, line, null, null, IndexFixture.raw(text)),
                    index);
        }
    }

    private static List<Long> lines(List<Evidence.ContextLine> context) {
        return context.stream().map(Evidence.ContextLine::line).toList();
    }
}
