package dev.bundleanalyzer.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.bundleanalyzer.parse.Samples;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SystemInfoParserTest {

    private final SystemInfoParser parser = new SystemInfoParser();

    @Test
    void englishInUtf16() throws IOException {
        DetectedSample s = DetectedSample.read("systeminfo.txt", "systeminfo-en.txt", "UTF-16LE-BOM")
                .assertKind("systeminfo", "UTF-16LE");
        s.assertFacts(
                "host.name=FS03@2",
                "os.name=Microsoft Windows Server 2019 Datacenter@3",
                "os.version=10.0.17763 N/A Build 17763@4",
                "os.boot.time=10/18/2026, 7:02:11 AM@12",
                "timezone.display=(UTC+09:00) Seoul@24");
        assertEquals("Time Zone:                 (UTC+09:00) Seoul", s.sink.fact("timezone.display").text());
    }

    @Test
    void koreanInCp949() throws IOException {
        DetectedSample s = DetectedSample.read("output_07.txt", "systeminfo-ko.txt", "CP949")
                .assertKind("systeminfo", "x-windows-949");
        s.assertFacts(
                "host.name=FS03@2",
                "os.name=Microsoft Windows Server 2019 Datacenter@3",
                "os.version=10.0.17763 N/A 빌드 17763@4",
                "os.boot.time=2026-10-18, 오전 7:02:11@12",
                "timezone.display=(UTC+09:00) 서울@24");
    }

    @Test
    void koreanInUtf16() throws IOException {
        DetectedSample s = DetectedSample.read("output_07.txt", "systeminfo-ko.txt", "UTF-16LE-BOM")
                .assertKind("systeminfo", "UTF-16LE");
        assertEquals("(UTC+09:00) 서울", s.sink.fact("timezone.display").value());
        assertEquals(5, s.sink.facts.size());
    }

    @Test
    void twoFilteredCapturesInATranscript() throws IOException {
        DetectedSample s = DetectedSample.read("transcript.txt", "systeminfo-two-captures.txt", "UTF-8-BOM")
                .assertKind("systeminfo", "UTF-8");
        s.assertFacts(
                "host.name=MARS-SRV01@2",
                "os.name=Microsoft Windows Server 2012 R2 Standard@3",
                "os.version=6.3.9600 N/A Build 9600@4",
                "os.boot.time=10/1/2026, 11:58:40 PM@5",
                "timezone.display=(UTC-08:00) Pacific Time (US & Canada)@6",
                "host.name=MARS-SRV01@10",
                "os.boot.time=10/18/2026, 7:02:11 AM@11",
                "timezone.display=(UTC+09:00) Seoul@12");
    }

    @Test
    void otherLanguageByTheShapeOfTheValues() throws IOException {
        DetectedSample s = DetectedSample.read("systeminfo.txt", "systeminfo-de.txt", "UTF-16LE-BOM")
                .assertKind("systeminfo", "UTF-16LE");
        s.assertFacts(
                "host.name=FS04@2",
                "os.name=Microsoft Windows Server 2016 Standard@3",
                "os.version=10.0.14393 Nicht zutreffend Build 14393@4",
                "timezone.display=(UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien@7");
    }

    @Test
    void detection() {
        assertEquals(90, DetectedSample.detect(parser, "a.txt", Samples.text("facts", "systeminfo-en.txt")));
        assertEquals(90, DetectedSample.detect(parser, "a.txt", Samples.text("facts", "systeminfo-ko.txt")));
        assertEquals(70, DetectedSample.detect(parser, "a.txt", Samples.text("facts", "systeminfo-de.txt")));
        // another capture with a Host Name row is not systeminfo
        assertEquals(0, DetectedSample.detect(parser, "systeminfo.txt",
                "Host Name: FS03\r\nUser: CONTOSO\\backup\r\nSource: Local CMOS Clock\r\n"));
        DetectedSample.assertClaimsNoOtherSample(parser, "systeminfo-");
    }

    @Test
    void nearMissIsNotSysteminfo() throws IOException {
        DetectedSample s = DetectedSample.read("systeminfo.txt", "w32tm-status-en.txt", "UTF-16LE-BOM");
        assertNotEquals("systeminfo", s.detection.kind());
    }
}
