package dev.bundleanalyzer.eventlog;

import static dev.bundleanalyzer.eventlog.EventSamples.each;
import static dev.bundleanalyzer.eventlog.EventSamples.read;
import static dev.bundleanalyzer.eventlog.EventSamples.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.eventlog.evtx.EvtxParser;
import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.Samples;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The readers of exports written in the machine's local time say so ({@link Parser#readsLocalTimes()}): only
 * then does the analyzer parse them after the bundle has told the machine's zone and hand them that zone. Without
 * it they were parsed at once, without a zone, and every time of Event Viewer's CSV, Export-Csv and wevtutil's
 * text output was read as UTC even in a bundle holding tzutil /g (9 hours off for a Korean server).
 */
class LocalTimeReadersTest {

    @Test
    void exportsInLocalTimeWaitForTheMachineZone() {
        for (Parser p : List.of(new EventViewerCsvParser(), new ExportCsvParser(), new WevtutilTextParser())) {
            assertTrue(p.readsLocalTimes(), p.kind() + " writes local times");
        }
    }

    @Test
    void sourcesInUtcAreReadAtOnce() {
        for (Parser p : List.of(new EvtxParser(), new WevtutilXmlParser())) {
            assertFalse(p.readsLocalTimes(), p.kind() + " carries UTC SystemTime");
        }
    }

    @Test
    void wevtutilTextDatesAreConvertedWithTheMachineZone() {
        CollectingSink sink = read("bundle/CloudBackup-Operational.txt", Samples.encode(text("wevtutil-text.txt"),
                "UTF-8"), ZoneId.of("Asia/Seoul"), WevtutilTextParser.KIND);
        assertEquals(List.of(Instant.parse("2026-10-21T02:02:21.611Z"), Instant.parse("2016-06-01T20:55:45Z"),
                Instant.parse("2026-10-21T03:00:01.500Z")), each(sink, LogEvent::time));
        assertFalse(sink.events.stream().anyMatch(LogEvent::timeAssumed));
        assertTrue(sink.notes.isEmpty(), sink.notes.toString());
    }

    @Test
    void newerWevtutilTextWithUtcDatesAndNoColonAfterTheEventNumber() {
        String text = "Event[0]\r\n"
                + "  Log Name: System\r\n"
                + "  Source: Microsoft-Windows-Security-Auditing\r\n"
                + "  Date: 2021-12-25T07:33:18.1520000Z\r\n"
                + "  Event ID: 4625\r\n"
                + "  Task: Logon\r\n"
                + "  Level: Information\r\n"
                + "  Opcode: Info\r\n"
                + "  Keyword: Audit Failure\r\n"
                + "  User: N/A\r\n"
                + "  User Name: N/A\r\n"
                + "  Computer: SRV22\r\n"
                + "  Description: \r\n"
                + "An account failed to log on.\r\n"
                + "\r\n"
                + "Event[1]\r\n"
                + "  Log Name: System\r\n"
                + "  Source: Service Control Manager\r\n"
                + "  Date: 2021-12-25T07:40:00.0000000Z\r\n"
                + "  Event ID: 7036\r\n"
                + "  Task: N/A\r\n"
                + "  Level: Information\r\n"
                + "  Computer: SRV22\r\n"
                + "  Description: \r\n"
                + "The Windows Update service entered the stopped state.\r\n";
        CollectingSink sink = read("bundle/system.txt", Samples.encode(text, "UTF-16LE-BOM"), ZoneId.of("Asia/Seoul"),
                WevtutilTextParser.KIND);
        assertEquals(List.of(Instant.parse("2021-12-25T07:33:18.152Z"), Instant.parse("2021-12-25T07:40:00Z")),
                each(sink, LogEvent::time), "a date with Z is UTC whatever the machine's zone");
        assertEquals(List.of(4625, 7036), each(sink, LogEvent::eventId));
    }
}
