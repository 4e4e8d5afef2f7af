package dev.bundleanalyzer.facts;

import static dev.bundleanalyzer.facts.SampleChecks.assertFact;
import static dev.bundleanalyzer.facts.SampleChecks.detect;
import static dev.bundleanalyzer.facts.SampleChecks.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.Samples;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class FileCountParserTest {

    @Test
    void bareCountNamedAfterTmpInUtf16() throws IOException {
        CollectingSink sink = parse("file-count-tmp.txt", "UTF-16LE-BOM", "file-count");
        assertFact(sink, "windows.temp.tmp.count", "65432", 1);
        assertEquals(1, sink.facts.size());
    }

    @Test
    void countAfterItsCommandInWindows1252() throws IOException {
        CollectingSink sink = parse("file-count-echo.txt", "windows-1252", "file-count");
        assertFact(sink, "windows.temp.tmp.count", "61234", 2);
        assertEquals(1, sink.facts.size());
    }

    @Test
    void bareNumberWithoutANameHintIsNotClaimed() {
        byte[] bytes = Samples.encode("65432\r\n", "UTF-16LE-BOM");
        assertEquals(ContentDetector.UNKNOWN, ContentDetector.standard().detect("out/output_07.txt", bytes).kind());
        assertEquals("file-count", ContentDetector.standard().detect("out/WindowsTemp_count.txt", bytes).kind());
    }

    @Test
    void detection() {
        FileCountParser p = new FileCountParser();
        assertEquals(60, detect(p, "tmp-count.txt", "65432\r\n"));
        assertEquals(85, detect(p, "x.txt", Samples.text("facts", "file-count-echo.txt")));
        // near misses: a number and more, a version, a count of something else
        assertEquals(0, detect(p, "temp.txt", "65432\r\n12\r\n"));
        assertEquals(0, detect(p, "temp.txt", "5.1\r\n"));
        assertEquals(0, detect(p, "x.txt", "PS C:\\> (Get-Service).Count\r\n212\r\n"));
        SampleChecks.claimsNoOtherSample(p, "file-count-");
    }
}
