package dev.bundleanalyzer.errlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Samples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each sample {@code X} under {@code src/test/resources/dev/bundleanalyzer/errlog/} has an {@code X.expected}
 * beside it: one line per event ({@code line | time | year assumed or exact | level | component | pid/tid |
 * source | activity | codes | raw lines | message}, tabs and line breaks of the message written {@code \t} and
 * {@code \n}), then the note, if any. Its header names the entry's modification time and the encoding the sample
 * is written in before it is detected and parsed.
 */
class ErrlogParserTest {

    private final ErrlogParser parser = new ErrlogParser();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "MSDPMCurr.errlog.2016-06-01_20-55-45.Crash",
        "CBEngineCurr.errlog",
        "CBEngine7.errlog",
        "GatewayProvider0.errlog",
        "DPMRACURR.ERRLOG",
        "CBUICurr.errlog",
    })
    void sampleGivesExpectedEvents(String name) throws IOException {
        String expectedText = Samples.text("errlog", name + ".expected");
        Instant modified = null;
        String encoding = "UTF-8";
        List<String> expected = new ArrayList<>();
        for (String line : expectedText.split("\n")) {
            if (line.startsWith("# modified: ")) {
                modified = Instant.parse(line.substring(12).strip());
            } else if (line.startsWith("# encoding: ")) {
                encoding = line.substring(12).strip();
            } else if (!line.startsWith("#") && !line.isBlank()) {
                expected.add(line);
            }
        }
        byte[] bytes = Samples.encode(Samples.text("errlog", name), encoding);
        String path = "Temp/" + name;

        ContentDetector.Detection detection = ContentDetector.standard().detect(path, Samples.head(bytes));
        assertEquals("errlog", detection.kind(), "detected kind");

        CollectingSink sink = new CollectingSink();
        ParseInput input = Samples.input(path, modified, bytes);
        long count = parser.parse(input, sink);

        List<String> actual = new ArrayList<>();
        for (LogEvent e : sink.events) {
            actual.add(render(e));
        }
        for (String note : sink.notes) {
            assertTrue(note.startsWith(path + ": "), note);
            actual.add("note: " + note.substring(path.length() + 2));
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
        assertEquals(sink.events.size(), count, "returned count");
        for (LogEvent e : sink.events) {
            assertEquals(path, e.file());
        }
    }

    private static String render(LogEvent e) {
        return e.line() + " | " + (e.time() == null ? "-" : e.time()) + " | " + (e.timeAssumed() ? "assumed" : "exact")
                + " | " + dash(e.level()) + " | " + e.component() + " | " + dash(e.process()) + "/" + dash(e.thread())
                + " | " + dash(e.source()) + " | " + dash(e.activityId())
                + " | " + (e.errorCodes().isEmpty() ? "-" : String.join(",", e.errorCodes()))
                + " | " + e.raw().split("\n", -1).length
                + " | " + e.message().replace("\t", "\\t").replace("\n", "\\n");
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    @Test
    void rawKeepsTheLinesAsWritten() throws IOException {
        CollectingSink sink = parse("CBEngineCurr.errlog", Instant.parse("2020-10-22T03:00:00Z"));
        LogEvent e = sink.events.get(4);
        assertEquals(5, e.line());
        String[] raw = e.raw().split("\n", -1);
        assertEquals(5, raw.length);
        assertTrue(raw[0].startsWith("44B4\t2A10\t10/21\t21:02:22.003\t24\tCloudProviderHelper.cs(88)\t\t"), raw[0]);
        assertEquals("   at Microsoft.Internal.CloudBackup.Client.Register(String path)", raw[2]);
        assertEquals("", raw[3]);
        assertEquals("10/21 21:02:22.003", e.timeText());
    }

    @Test
    void withoutModificationTimeTheCurrentYearIsUsed() throws IOException {
        CollectingSink sink = parse("CBEngine7.errlog", null);
        int year = LocalDate.now(ZoneOffset.UTC).getYear();
        assertEquals(Instant.parse(year + "-10-21T21:02:21.611Z"), sink.events.get(0).time());
        assertEquals(1, sink.notes.size());
        assertTrue(sink.notes.get(0).contains("year " + year + " assumed to be the current year"), sink.notes.get(0));
    }

    @Test
    void yearOfALineCarriesOverToLinesWithout() throws IOException {
        String text = "0900\t0CF4\t12/31/2019\t23:00:00.000\t29\ta.cpp(1)\t\t\tNORMAL\tone\r\n"
                + "0900\t0CF4\t01/01\t01:00:00.000\t29\ta.cpp(2)\t\t\tNORMAL\ttwo\r\n";
        CollectingSink sink = parseText("a.errlog", text, Instant.parse("2024-06-01T00:00:00Z"));
        assertEquals(Instant.parse("2019-12-31T23:00:00Z"), sink.events.get(0).time());
        assertFalse(sink.events.get(0).timeAssumed());
        assertEquals(Instant.parse("2020-01-01T01:00:00Z"), sink.events.get(1).time());
        assertTrue(sink.events.get(1).timeAssumed());
        assertEquals(List.of("a.errlog: year 2020 continued from line 1, whose date has a year (the dates wrap from"
                + " December to January in between); other lines have no year"), sink.notes);
    }

    @Test
    void aLateLineOfThePreviousMonthDoesNotChangeTheYear() throws IOException {
        String text = "0900\t0CF4\t06/01\t00:00:00.010\t29\ta.cpp(1)\t\t\tNORMAL\tone\n"
                + "0900\t0CF5\t05/31\t23:59:59.990\t29\ta.cpp(2)\t\t\tNORMAL\twritten late by another thread\n";
        CollectingSink sink = parseText("a.errlog", text, Instant.parse("2016-06-02T00:00:00Z"));
        assertEquals(Instant.parse("2016-05-31T23:59:59.990Z"), sink.events.get(1).time());
    }

    @Test
    void impossibleDayKeepsTheRecordWithoutTime() throws IOException {
        String text = "0900\t0CF4\t02/29\t10:00:00.000\t29\ta.cpp(1)\t\t\tNORMAL\tnot a leap year\n";
        CollectingSink sink = parseText("a.errlog", text, Instant.parse("2023-03-01T00:00:00Z"));
        assertEquals(1, sink.events.size());
        assertNull(sink.events.get(0).time());
        assertEquals("02/29 10:00:00.000", sink.events.get(0).timeText());
        assertEquals("NORMAL", sink.events.get(0).level());
    }

    @Test
    void nulPaddingAtTheEndIsNotARecord() throws IOException {
        String text = "0900\t0CF4\t02/28\t10:00:00.000\t29\ta.cpp(1)\t\t\tNORMAL\tlast line\r\n\0\0\0\0\0\0";
        CollectingSink sink = parseText("a.errlog", text, Instant.parse("2023-03-01T00:00:00Z"));
        assertEquals(1, sink.events.size());
        assertEquals("last line", sink.events.get(0).message());
    }

    @Test
    void aRecordStopsGrowingAtItsLimit() throws IOException {
        StringBuilder text = new StringBuilder("0900\t0CF4\t02/28\t10:00:00.000\t29\ta.cpp(1)\t\t\tFATAL\tdump follows\n");
        String filler = "x".repeat(99) + "\n";
        int lines = 2 * ErrlogParser.MAX_RECORD_CHARS / filler.length();
        text.append(filler.repeat(lines));
        CollectingSink sink = parseText("a.errlog", text.toString(), Instant.parse("2023-03-01T00:00:00Z"));
        LogEvent first = sink.events.get(0);
        assertEquals(1, first.line());
        assertTrue(first.raw().length() >= ErrlogParser.MAX_RECORD_CHARS, "length " + first.raw().length());
        assertTrue(first.raw().length() < ErrlogParser.MAX_RECORD_CHARS + filler.length(), "length " + first.raw().length());
        int appended = first.raw().split("\n").length - 1;
        assertEquals(1 + appended + (sink.events.size() - 1), lines + 1, "every line is in exactly one event");
        assertNull(sink.events.get(1).level());
        assertEquals(appended + 2, sink.events.get(1).line());
    }

    @Test
    void stringsOfRepeatedColumnsAreShared() throws IOException {
        CollectingSink sink = parse("CBEngineCurr.errlog", Instant.parse("2020-10-22T03:00:00Z"));
        assertSame(sink.events.get(0).activityId(), sink.events.get(1).activityId());
        assertSame(sink.events.get(0).process(), sink.events.get(3).process());
    }

    @ParameterizedTest
    @CsvSource({
        "CBEngineCurr.errlog, CBEngine",
        "GatewayProvider0.errlog, GatewayProvider",
        "MSDPMCurr.errlog.2016-06-01_20-55-45.Crash, MSDPM",
        "Dpmracurr.errlog, Dpmra",
        "DPMRACURR.ERRLOG, DPMRA",
        "CBEngine12.errlog, CBEngine",
        "OBRecoveryServicesManagementAgentCurr.errlog, OBRecoveryServicesManagementAgent",
        "Temp/CBEngine.errlog, CBEngine",
        "bundle.zip!/Temp/CBUICurr.errlog, CBUI",
        "OBPatch.log, OBPatch",
        "trace, trace",
    })
    void componentFromFileName(String name, String component) {
        assertEquals(component, ErrlogParser.componentOf(name));
    }

    @Test
    void detectsByContentWhateverTheName() {
        byte[] bytes = Samples.text("errlog", "CBEngineCurr.errlog").getBytes(StandardCharsets.UTF_8);
        assertEquals(90, parser.detect(sample("capture.txt", bytes)));
        assertEquals(95, parser.detect(sample("CBEngineCurr.errlog", bytes)));
        byte[] collapsed = Samples.text("errlog", "CBEngine7.errlog").getBytes(StandardCharsets.UTF_8);
        assertEquals(85, parser.detect(sample("notes.txt", collapsed)));
    }

    @Test
    void nameAloneGivesSixty() {
        assertEquals(60, parser.detect(sample("CBEngineCurr.errlog", new byte[0])));
        assertEquals(60, parser.detect(sample("MSDPMCurr.errlog.2016-06-01_20-55-45.Crash",
                "some text that is no trace line\r\n".getBytes(StandardCharsets.UTF_8))));
        assertEquals(0, parser.detect(sample("README.txt",
                "some text that is no trace line\r\n".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void linesThatOnlyStartLikeRecordsAreNotClaimed() {
        String text = "ABBA 1234 is a code\nBEEF 12 01/02 is not a time\nCAFE 0A 12/31 10:00:00.000 is missing columns\n";
        assertEquals(0, parser.detect(sample("notes.txt", text.getBytes(StandardCharsets.UTF_8))));
    }

    private static ContentSample sample(String name, byte[] bytes) {
        return new ContentSample(name, bytes, StandardCharsets.UTF_8, new String(bytes, StandardCharsets.UTF_8));
    }

    private CollectingSink parse(String sample, Instant modified) throws IOException {
        return parseText(sample, Samples.text("errlog", sample), modified);
    }

    private CollectingSink parseText(String name, String text, Instant modified) throws IOException {
        CollectingSink sink = new CollectingSink();
        parser.parse(new ParseInput(name, modified, StandardCharsets.UTF_8,
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))), sink);
        return sink;
    }
}
