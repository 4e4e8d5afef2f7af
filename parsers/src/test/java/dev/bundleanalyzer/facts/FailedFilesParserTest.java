package dev.bundleanalyzer.facts;

import static dev.bundleanalyzer.facts.FactSampleChecks.detect;
import static dev.bundleanalyzer.facts.FactSampleChecks.read;
import static dev.bundleanalyzer.facts.FactSampleChecks.readText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.Samples;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailedFilesParserTest {

    private static final String NAME = "Temp/LastBackupFailedFiles17af1_7_21_2020.txt";

    private final FailedFilesParser parser = new FailedFilesParser();

    private static void assertEvent(LogEvent e, long line, List<String> codes) {
        assertEquals(line, e.line(), "line");
        assertEquals(codes, e.errorCodes(), "codes of line " + line);
        assertEquals("WARNING", e.level());
        assertEquals("LastBackupFailedFiles", e.component());
        assertEquals(e.raw(), e.message());
        assertNull(e.time());
    }

    @Test
    void everyLayoutInUtf16() throws IOException {
        CollectingSink sink = read(parser, "failedfiles-codes.txt", NAME, "UTF-16LE-BOM");
        List<LogEvent> ev = sink.events;
        assertEquals(8, ev.size(), ev.toString());
        // boiler-plate (line 1), dashes (line 2) and the blank line 10 are not records
        assertEvent(ev.get(0), 3, List.of()); // "budget 2019.xlsx": the year is part of the name
        assertEquals("D:\\Share\\Finance\\budget 2019.xlsx", ev.get(0).raw());
        assertEvent(ev.get(1), 4, List.of("0x80070005"));
        assertEvent(ev.get(2), 5, List.of("0x80070002"));
        assertEvent(ev.get(3), 6, List.of("0x80070570"));
        // signed decimal HRESULT; "Error 2019" inside the path is not a code
        assertEvent(ev.get(4), 7, List.of("0x80070005"));
        assertEvent(ev.get(5), 8, List.of("0x8007018B"));
        assertEvent(ev.get(6), 9, List.of("0x80070003"));
        assertEvent(ev.get(7), 11, List.of("0x8007018B"));
        assertEquals(0, sink.facts.size());
        assertEquals(List.of(), sink.notes);
    }

    @Test
    void koreanPathsInCp949() throws IOException {
        CollectingSink sink = read(parser, "failedfiles-ko.txt", "Temp/LastBackupFailedFilesa1b2c.TXT", "CP949");
        List<LogEvent> ev = sink.events;
        assertEquals(3, ev.size(), ev.toString());
        assertEvent(ev.get(0), 3, List.of("0x80070005"));
        assertEquals("D:\\공유\\재무\\예산 2024.xlsx 0x80070005", ev.get(0).message());
        assertEvent(ev.get(1), 4, List.of("0x80070570"));
        assertEvent(ev.get(2), 5, List.of());
        assertEquals("E:\\보관\\로그\\서버.log", ev.get(2).raw());
    }

    @Test
    void theNameDecidesEvenForAnEmptyFile() throws IOException {
        assertEquals(95, detect(parser, "LastBackupFailedFiles17af1_7_21_2020.txt", ""));
        ContentDetector.Detection d = ContentDetector.standard().detect(NAME, new byte[0]);
        assertEquals("failed-files", d.kind());
        CollectingSink sink = readText(parser, "", NAME, "UTF-16LE-BOM");
        assertEquals(0, sink.events.size());
        assertEquals(0, detect(parser, "LastBackupFailedFiles.log", ""));
    }

    @Test
    void contentAloneUnderAnotherName() {
        assertEquals(60, detect(parser, "failed.txt", Samples.text("facts", "failedfiles-codes.txt")));
        assertEquals("failed-files", FactSampleChecks.detectedKind("copy_of_list.txt",
                Samples.text("facts", "failedfiles-ko.txt"), "CP949"));
    }

    @Test
    void linesWithoutAPathAreNotedNotRecorded() throws IOException {
        String text = "Files that failed:\r\nD:\\a.txt 0x80070005\r\n";
        CollectingSink sink = readText(parser, text, "Temp/LastBackupFailedFiles1.txt", "UTF-8");
        assertEquals(1, sink.events.size());
        assertEquals(2, sink.events.get(0).line());
        assertEquals(1, sink.notes.size());
        assertTrue(sink.notes.get(0).contains("line 1"), sink.notes.toString());
    }

    @Test
    void codeColumns() {
        assertEquals(List.of(), FailedFilesParser.entry("D:\\Photos\\Trip 2019").codes());
        assertEquals(List.of("5"), FailedFilesParser.entry("5\tD:\\x.txt").codes());
        assertEquals(List.of("0x80070005"), FailedFilesParser.entry("D:\\x.txt\t2147942405").codes());
        assertEquals(List.of("0x80070005"), FailedFilesParser.entry("D:\\x.txt  Access is denied. (0x80070005)").codes());
        assertEquals(List.of("0x80070005"), FailedFilesParser.entry("D:\\x.txt, 80070005").codes());
        assertNull(FailedFilesParser.entry("Consider adding these"));
    }

    @Test
    void nearMissIsNotClaimed() {
        String text = Samples.text("facts", "failedfiles-nearmiss.txt");
        assertEquals(0, detect(parser, "paths.txt", text));
        assertNotEquals(parser.kind(), FactSampleChecks.detectedKind("paths.txt", text, "UTF-16LE-BOM"));
    }

    @Test
    void otherSamplesAreNotClaimed() {
        for (String name : FactSampleChecks.otherSamples("failedfiles-")) {
            int c = detect(parser, "output.txt", FactSampleChecks.otherSampleText(name));
            assertTrue(c < 50, name + " claimed with " + c);
        }
    }
}
