package dev.bundleanalyzer.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.parse.Samples;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class TzutilParserTest {

    private final TzutilParser parser = new TzutilParser();

    @Test
    void idWithoutLineBreakInUtf16() throws IOException {
        DetectedSample s = DetectedSample.read("tzutil.txt", "tzutil-korea.txt", "UTF-16LE-BOM")
                .assertKind("tzutil", "UTF-16LE");
        s.assertFacts("timezone.id=Korea Standard Time@1");
        assertEquals("Korea Standard Time", s.sink.fact("timezone.id").text());
    }

    @Test
    void dstOffInWindows1252() throws IOException {
        DetectedSample s = DetectedSample.read("output_05.txt", "tzutil-dstoff.txt", "windows-1252")
                .assertKind("tzutil", "UTF-8"); // an ID is ASCII: cmd.exe bytes read as UTF-8
        s.assertFacts("timezone.id=Pacific Standard Time@1", "timezone.dst.disabled=true@1");
    }

    @Test
    void idsThatDoNotEndInStandardTime() throws IOException {
        DetectedSample.read("output_05.txt", "tzutil-utc.txt", "UTF-16LE-BOM").assertKind("tzutil", "UTF-16LE")
                .assertFacts("timezone.id=UTC@1");
        DetectedSample.read("tz.txt", "tzutil-russia.txt", "UTF-16LE").assertKind("tzutil", "UTF-16LE")
                .assertFacts("timezone.id=Russia Time Zone 3@1");
    }

    @Test
    void detection() {
        assertEquals(80, DetectedSample.detect(parser, "a.txt", "W. Europe Standard Time"));
        assertEquals(95, DetectedSample.detect(parser, "tzutil_g.txt", "Korea Standard Time\r\n"));
        assertEquals(80, DetectedSample.detect(parser, "a.txt", "Pacific Standard Time_dstoff\r\n"));
        assertEquals(60, DetectedSample.detect(parser, "a.txt", "UTC+12"));
        assertEquals(60, DetectedSample.detect(parser, "a.txt", "Coordinated Universal Time"));
        assertEquals(75, DetectedSample.detect(parser, "tzutil.txt", "UTC"));
        // two lines, a sentence, a label: not an ID
        assertEquals(0, DetectedSample.detect(parser, "tzutil.txt", "Korea Standard Time\r\nKorea Standard Time\r\n"));
        assertEquals(0, DetectedSample.detect(parser, "a.txt", "Backup finished at 10:00 local time"));
        assertEquals(0, DetectedSample.detect(parser, "a.txt", "Time Zone:                 (UTC+09:00) Seoul"));
        assertEquals(0, DetectedSample.detect(parser, "tzutil.txt", ""));
        DetectedSample.assertClaimsNoOtherSample(parser, "tzutil-");
    }

    @Test
    void nearMissIsNotTzutil() throws IOException {
        // one line, but the w32tm source, not a time-zone ID
        byte[] bytes = Samples.encode("Local CMOS Clock\r\n", "UTF-16LE-BOM");
        assertNotEquals("tzutil", ContentDetector.standard().detect("tzutil.txt", bytes).kind());
        assertEquals(0, DetectedSample.detect(parser, "tzutil.txt", "Local CMOS Clock"));
    }
}
