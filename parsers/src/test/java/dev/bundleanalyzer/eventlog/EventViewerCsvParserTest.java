package dev.bundleanalyzer.eventlog;

import static dev.bundleanalyzer.eventlog.EventSamples.crlf;
import static dev.bundleanalyzer.eventlog.EventSamples.each;
import static dev.bundleanalyzer.eventlog.EventSamples.read;
import static dev.bundleanalyzer.eventlog.EventSamples.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.Samples;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventViewerCsvParserTest {

    private static final String KIND = EventViewerCsvParser.KIND;

    @Test
    void englishExportInUtf16WithTheMachineZone() {
        String text = crlf(text("viewer-en.csv"));
        String path = "bundle/EventLogs/CloudBackup%4Operational.csv";
        CollectingSink sink = read(path, Samples.encode(text, "UTF-16LE-BOM"),
                ZoneId.of("America/Los_Angeles"), KIND);

        assertEquals(List.of(2L, 4L, 5L, 6L), each(sink, LogEvent::line));
        assertEquals(List.of("Error", "Information", "Warning", "Critical"), each(sink, LogEvent::level));
        assertEquals(List.of(11, 1, 10, 18), each(sink, LogEvent::eventId));
        assertEquals(Collections.nCopies(4, "CloudBackup"), each(sink, LogEvent::component));
        assertEquals(Collections.nCopies(4, "CloudBackup/Operational"), each(sink, LogEvent::channel));
        assertEquals(List.of(
                Instant.parse("2016-10-08T01:38:24Z"), // 6:38 PM PDT
                Instant.parse("2016-10-08T01:00:01Z"),
                Instant.parse("2016-10-13T16:05:00Z"),
                Instant.parse("2016-10-13T07:30:00Z")), // 12:30 AM is half past midnight
                each(sink, LogEvent::time));
        assertEquals(List.of("10/7/2016 06:38:24 PM", "10/7/2016 6:00:01 PM", "10/13/2016 9:05:00 AM",
                "10/13/2016 12:30:00 AM"), each(sink, LogEvent::timeText));
        assertFalse(sink.events.stream().anyMatch(LogEvent::timeAssumed));
        assertTrue(sink.notes.isEmpty(), sink.notes.toString());

        LogEvent first = sink.events.get(0);
        assertEquals("The backup operation has completed with errors.\nError code: 0x8007045B", first.message());
        assertEquals(List.of("0x8007045B"), first.errorCodes());
        assertNull(first.record());
        assertEquals("The backup operation has completed with warnings, see \"Job details\".",
                sink.events.get(2).message());
        assertEquals(List.of("34513"), sink.events.get(3).errorCodes());
        EventSamples.rawIsTheLinesOfTheRecord(text, sink.events);
    }

    @Test
    void withoutAZoneTheTimesAreReadAsUtcAndTheFileGetsOneNote() {
        String text = text("viewer-en.csv");
        CollectingSink sink = read("bundle/export1.csv", Samples.encode(text, "UTF-8"), null, KIND);

        assertEquals(4, sink.events.size());
        assertEquals(Instant.parse("2016-10-07T18:38:24Z"), sink.events.get(0).time());
        assertTrue(sink.events.stream().allMatch(LogEvent::timeAssumed));
        assertEquals(1, sink.notes.size(), sink.notes.toString());
        assertTrue(sink.notes.get(0).startsWith("bundle/export1.csv: "));
        assertTrue(sink.notes.get(0).contains("local times read as UTC: the bundle does not say the machine's time zone"));
        assertNull(sink.events.get(0).channel(), "a neutral file name names no channel");
    }

    @ParameterizedTest
    @ValueSource(strings = {"windows-1252", "UTF-8-BOM", "UTF-16LE-BOM"})
    void germanExport(String encoding) {
        String text = crlf(text("viewer-de.csv"));
        CollectingSink sink = read("bundle/Application.csv", Samples.encode(text, encoding),
                ZoneId.of("Europe/Berlin"), KIND);

        assertEquals(List.of(2L, 3L, 5L, 6L, 7L), each(sink, LogEvent::line));
        assertEquals(List.of("Information", "Error", "Warning", "Critical", "Verbose"), each(sink, LogEvent::level));
        assertEquals(List.of(317, 808, 10, 999, 7036), each(sink, LogEvent::eventId));
        assertEquals(List.of("Microsoft-Windows-PrintService", "Microsoft-Windows-PrintService", "CloudBackup",
                "MSDPM", "Service Control Manager"), each(sink, LogEvent::component));
        assertEquals(Collections.nCopies(5, "Application"), each(sink, LogEvent::channel));
        assertEquals(List.of(
                Instant.parse("2021-10-27T10:28:26Z"), // CEST
                Instant.parse("2021-10-27T10:28:26Z"),
                Instant.parse("2021-10-28T06:00:00Z"),
                Instant.parse("2021-10-28T21:59:59Z"),
                Instant.parse("2021-10-28T23:02:03Z")), each(sink, LogEvent::time));
        assertEquals("Der Druckertreiber Generic / Text Only wurde gelöscht. Es ist keine Benutzeraktion erforderlich.",
                sink.events.get(0).message());
        LogEvent error = sink.events.get(1);
        assertEquals("Fehler beim Laden eines Plug-In-Moduls C:\\Windows\\system32\\spool\\DRIVERS\\x64\\3mimispool.dll"
                + " durch den Druckspooler, Fehlercode 0x7E.\n"
                + "Weitere Informationen finden Sie in den Benutzerdaten der Ereignisse.", error.message());
        assertEquals(List.of("0x7E"), error.errorCodes());
        EventSamples.rawIsTheLinesOfTheRecord(text, sink.events);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CP949", "UTF-8-BOM"})
    void koreanExport(String encoding) {
        String text = crlf(text("viewer-ko.csv"));
        CollectingSink sink = read("bundle/CloudBackup-Operational.csv", Samples.encode(text, encoding),
                ZoneId.of("Asia/Seoul"), KIND);

        assertEquals(List.of(2L, 4L, 5L, 6L, 7L), each(sink, LogEvent::line));
        assertEquals(List.of("Error", "Information", "Warning", "Critical", "Verbose"), each(sink, LogEvent::level));
        assertEquals(List.of(11, 1, 10, 999, 7036), each(sink, LogEvent::eventId));
        assertEquals(Collections.nCopies(5, "CloudBackup/Operational"), each(sink, LogEvent::channel));
        assertEquals(List.of(
                Instant.parse("2026-10-21T02:02:21Z"), // 오전 11:02:21 KST
                Instant.parse("2026-10-21T12:00:05Z"), // 오후 9:00:05
                Instant.parse("2026-10-21T15:15:00Z"), // 오전 12:15 is a quarter past midnight
                Instant.parse("2026-10-22T03:00:00Z"), // 오후 12:00 is noon
                Instant.parse("2026-10-22T22:07:07Z")), each(sink, LogEvent::time));
        assertEquals("2026-10-21 오전 11:02:21", sink.events.get(0).timeText());
        assertEquals("백업 작업이 완료되었지만 오류가 있습니다.\n오류 코드: 0x80780054", sink.events.get(0).message());
        assertEquals(List.of("0x80780054"), sink.events.get(0).errorCodes());
        EventSamples.rawIsTheLinesOfTheRecord(text, sink.events);
    }

    @Test
    void aRowThatIsNotARecordIsStillOneEvent() {
        String text = "Level,Date and Time,Source,Event ID,Task Category\r\n"
                + "Error,10/7/2016 06:38:24 PM,CloudBackup,11,None,first\r\n"
                + "Error,10/7/2016 06:38:25 PM,CloudBackup,11,None,second\r\n"
                + "Error,yesterday,CloudBackup,x,None,third\r\n";
        CollectingSink sink = read("bundle/a.csv", Samples.encode(text, "UTF-8"), ZoneId.of("UTC"), KIND);
        assertEquals(3, sink.events.size());
        LogEvent third = sink.events.get(2);
        assertEquals(4, third.line());
        assertNull(third.time());
        assertEquals("yesterday", third.timeText());
        assertNull(third.eventId());
        assertEquals("third", third.message());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
        "bundle/CloudBackup%4Operational.csv,                    CloudBackup/Operational",
        "bundle/CloudBackup-Operational.csv,                     CloudBackup/Operational",
        "x.zip!/logs\\Microsoft-Windows-Backup%4Operational.csv, Microsoft-Windows-Backup/Operational",
        "Application.csv,                                        Application",
        "system.CSV,                                             System",
        "Windows PowerShell.csv,                                 Windows PowerShell",
        "export1.csv,                                            null",
        "events.csv,                                             null",
    })
    void channelFromFileName(String path, String channel) {
        assertEquals(channel, EventLogs.channelFromFileName(path));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "10/7/2016 06:38:24 PM   | 2016-10-07T18:38:24",
        "10/7/2016 6:38:24 AM    | 2016-10-07T06:38:24",
        "10/7/2016 12:00:00 AM   | 2016-10-07T00:00",
        "27.10.2021 12:28:26     | 2021-10-27T12:28:26",
        "2026-10-21 오전 11:02:21 | 2026-10-21T11:02:21",
        "2026-10-21 오후 12:02:21 | 2026-10-21T12:02:21",
        "2026-10-21 오후 1:02:21  | 2026-10-21T13:02:21",
        "2026. 10. 21. 오후 1:02:21 | 2026-10-21T13:02:21",
        "2021-10-27T12:28:26.1234567 | 2021-10-27T12:28:26.123456700",
        "27/10/2021 12:28:26     | 2021-10-27T12:28:26",
        "7/10/2016 18:38:24      | 2016-10-07T18:38:24",
    })
    void culturesOfTheDate(String text, String local) {
        EventTimes.Parsed p = EventTimes.parse(text.strip(), null);
        assertEquals(java.time.LocalDateTime.parse(local.strip()), p.local());
        assertNull(p.offset());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10/7/2016", "13/13/2016 10:00:00", "2016-02-30 10:00:00", "10:00:00", "None",
        "10/7/2016 13:00:00 PM", "1.2.3 4:5"})
    void notDates(String text) {
        assertNull(EventTimes.parse(text, null), text);
    }
}
