package dev.bundleanalyzer.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bundleanalyzer.detect.CharsetDetector;
import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/** Charset and content detection: every registered parser judges the head of every entry of a bundle. */
class DetectionFuzzTest {

    /**
     * The standard parsers, each made to fail loudly: the detector takes a parser whose check throws as one that
     * does not claim the entry, which would hide the bug and lose the entry.
     */
    private static final ContentDetector DETECTOR = new ContentDetector(
            ContentDetector.standard().parsers().stream().map(Loud::new).toList());

    /** Names some parsers take into account (errlog, tzutil, w32tm, failed files, temp counts, credentials). */
    private static final List<String> NAMES = List.of("output_01.txt", "CBEngineCurr.errlog", "tzutil.txt",
            "w32tm-status.txt", "LastBackupFailedFilesAbcd.txt", "Temp/tmp-count.txt", "x.VaultCredentials",
            "Logs/Application.csv", "a.zip!/b\\", "");

    @FuzzTest
    @Timeout(10)
    void detection(byte[] data) {
        CharsetDetector.Result charset = CharsetDetector.detect(data);
        if (charset != null) {
            int bom = charset.bomLength();
            assertTrue(bom == 0 || bom == 2 || bom == 3, "BOM length " + bom);
            assertTrue(bom <= data.length, "BOM longer than the input");
        }
        ContentDetector.Detection d = DETECTOR.detect(Entries.pick(NAMES, data), data);
        assertNotNull(d.kind(), "kind");
        assertTrue(d.confidence() >= 0 && d.confidence() <= 100, "confidence " + d.confidence());
        if (d.parser() != null) {
            assertEquals(d.parser().kind(), d.kind());
            assertTrue(d.confidence() >= ContentDetector.MIN_CONFIDENCE, "claimed at " + d.confidence());
        }
    }

    /** A parser whose detection check fails the test instead of being taken as a no. */
    private static final class Loud implements Parser {
        private final Parser parser;

        Loud(Parser parser) {
            this.parser = parser;
        }

        @Override
        public String kind() {
            return parser.kind();
        }

        @Override
        public int detect(ContentSample sample) {
            int confidence;
            try {
                confidence = parser.detect(sample);
            } catch (RuntimeException e) {
                throw new AssertionError(parser.kind() + " detection threw", e);
            }
            if (confidence < 0 || confidence > 100) {
                throw new AssertionError(parser.kind() + " detection gave " + confidence);
            }
            return confidence;
        }

        @Override
        public long parse(ParseInput input, RecordSink sink) throws IOException {
            return parser.parse(input, sink);
        }

        @Override
        public boolean readsLocalTimes() {
            return parser.readsLocalTimes();
        }
    }
}
