package dev.bundleanalyzer.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.Samples;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class W32tmParserTest {

    private final W32tmParser parser = new W32tmParser();

    @Test
    void synchronisedStatusInUtf16() throws IOException {
        DetectedSample s = DetectedSample.read("w32tm_status.txt", "w32tm-status-en.txt", "UTF-16LE-BOM")
                .assertKind("w32tm", "UTF-16LE");
        s.assertFacts(
                "time.lastsync=10/18/2026 7:02:11 AM@7",
                "time.source=time.windows.com,0x9@8",
                "time.synchronized=true@8");
    }

    @Test
    void koreanLocalClockInCp949() throws IOException {
        DetectedSample s = DetectedSample.read("output_09.txt", "w32tm-status-ko.txt", "CP949")
                .assertKind("w32tm", "x-windows-949");
        s.assertFacts(
                "time.lastsync=지정되지 않음@7",
                "time.source=Local CMOS Clock@8",
                "time.synchronized=false@8");
        assertEquals("원본: Local CMOS Clock", s.sink.fact("time.synchronized").text());
    }

    @Test
    void koreanInUtf16() throws IOException {
        DetectedSample.read("output_09.txt", "w32tm-status-ko.txt", "UTF-16LE-BOM").assertKind("w32tm", "UTF-16LE")
                .assertFacts("time.lastsync=지정되지 않음@7", "time.source=Local CMOS Clock@8", "time.synchronized=false@8");
    }

    @Test
    void freeRunningClockIsNotSynchronised() throws IOException {
        DetectedSample.read("w32tm.txt", "w32tm-status-freerunning.txt", "UTF-16LE-BOM")
                .assertFacts(
                        "time.lastsync=10/18/2026 6:55:00 AM@7",
                        "time.source=Free-running System Clock@8",
                        "time.synchronized=false@8");
    }

    @Test
    void leapIndicatorThreeWithAServerSource() throws IOException {
        String text = "Leap Indicator: 3(not synchronized)\r\nStratum: 0 (unspecified)\r\n"
                + "Last Successful Sync Time: unspecified\r\nSource: dc01.contoso.local\r\n"
                + "\r\nLeap Indicator: 0(no warning)\r\nStratum: 3 (secondary reference - syncd by (S)NTP)\r\n"
                + "Source: dc01.contoso.local\r\n";
        byte[] bytes = Samples.encode(text, "UTF-16LE-BOM");
        ContentDetector.Detection d = ContentDetector.standard().detect("status.txt", bytes);
        assertEquals("w32tm", d.kind());
        CollectingSink sink = new CollectingSink();
        d.parser().parse(Samples.input("status.txt", null, bytes), sink);
        assertEquals(List.of(
                        "time.lastsync=unspecified@3", "time.source=dc01.contoso.local@4", "time.synchronized=false@1",
                        "time.source=dc01.contoso.local@8", "time.synchronized=true@8"),
                sink.facts.stream().map(f -> f.key() + "=" + f.value() + "@" + f.line()).toList());
    }

    @Test
    void stripchartTakesTheLastSampleAndSkipsErrors() throws IOException {
        DetectedSample.read("stripchart.txt", "w32tm-stripchart-en.txt", "windows-1252")
                .assertKind("w32tm", "UTF-8") // ASCII output of cmd.exe reads as UTF-8
                .assertFacts("time.offset.seconds=+0.0123456@5");
    }

    @Test
    void koreanStripchartWithoutDataOnlyInCp949() throws IOException {
        DetectedSample.read("output_10.txt", "w32tm-stripchart-ko.txt", "CP949")
                .assertKind("w32tm", "x-windows-949")
                .assertFacts("time.offset.seconds=+312.4470000@4");
    }

    @Test
    void querySourceAndStoppedService() throws IOException {
        byte[] bytes = Samples.encode("Free-running System Clock\r\n", "UTF-16LE-BOM");
        ContentDetector.Detection d = ContentDetector.standard().detect("source.txt", bytes);
        assertEquals("w32tm", d.kind());
        CollectingSink sink = new CollectingSink();
        d.parser().parse(Samples.input("source.txt", null, bytes), sink);
        assertEquals("false", sink.fact("time.synchronized").value());
        assertEquals("Free-running System Clock", sink.fact("time.source").value());

        String stopped = "The following error occurred: The service has not been started. (0x80070426)\r\n";
        assertEquals(75, DetectedSample.detect(parser, "w32tm_status.txt", stopped));
        assertEquals(0, DetectedSample.detect(parser, "sc_query.txt", stopped));
        sink = new CollectingSink();
        bytes = Samples.encode(stopped, "UTF-16LE-BOM");
        new W32tmParser().parse(Samples.input("w32tm_status.txt", null, bytes), sink);
        assertEquals(1, sink.fact("time.synchronized").line());
        assertEquals("false", sink.fact("time.synchronized").value());

        // the same code in a stripchart sample is the server's answer, not the local service
        sink = new CollectingSink();
        bytes = Samples.encode("22:31:05, +00.0123456s\r\n22:31:07, error: 0x80070426\r\n", "UTF-16LE-BOM");
        new W32tmParser().parse(Samples.input("w32tm_stripchart.txt", null, bytes), sink);
        assertEquals(List.of("time.offset.seconds"), sink.facts.stream().map(f -> f.key()).toList());
    }

    @Test
    void detection() {
        assertEquals(90, DetectedSample.detect(parser, "a.txt", Samples.text("facts", "w32tm-status-en.txt")));
        assertEquals(90, DetectedSample.detect(parser, "a.txt", Samples.text("facts", "w32tm-status-ko.txt")));
        assertEquals(90, DetectedSample.detect(parser, "a.txt", Samples.text("facts", "w32tm-stripchart-en.txt")));
        assertEquals(80, DetectedSample.detect(parser, "a.txt", "22:31:05, +00.0123456s\r\n22:31:07, +00.0120000s\r\n"));
        assertEquals(60, DetectedSample.detect(parser, "a.txt", "22:31:05, +00.0123456s"));
        // an event with a Source row is not w32tm
        assertEquals(0, DetectedSample.detect(parser, "a.txt",
                "Source: Microsoft-Windows-Time-Service\r\nEvent ID: 36\r\nLevel: Warning\r\n"));
        DetectedSample.assertClaimsNoOtherSample(parser, "w32tm-");
    }

    @Test
    void nearMissIsNotW32tm() throws IOException {
        DetectedSample s = DetectedSample.read("w32tm.txt", "systeminfo-en.txt", "UTF-16LE-BOM");
        assertNotEquals("w32tm", s.detection.kind());
    }
}
