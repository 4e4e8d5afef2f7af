package dev.bundleanalyzer.facts;

import static dev.bundleanalyzer.facts.SampleChecks.all;
import static dev.bundleanalyzer.facts.SampleChecks.detect;
import static dev.bundleanalyzer.facts.SampleChecks.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.Samples;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirListingParserTest {

    private static final String MODULE = "C:\\Program Files\\Microsoft Azure Recovery Services Agent\\bin\\Modules\\MSOnlineBackup";

    @Test
    void cmdDirInEnglishWindows1252() throws IOException {
        CollectingSink sink = parse("dir-listing-en.txt", "windows-1252", "dir-listing");
        assertEquals(List.of("C:\\Windows\\Temp@4", "C:\\Windows\\Temp\\MARS@14", "C:\\Windows\\Temp@29"),
                all(sink, "dir.listing"));
        assertEquals(List.of("C:\\Windows\\Temp\\tmp1A2B.tmp@8", "C:\\Windows\\Temp\\tmp1A2C.TMP@9",
                "C:\\Windows\\Temp\\Café menu.log@10", "C:\\Windows\\Temp\\MARS\\OBPatch.log@18",
                "C:\\Windows\\Temp\\tmp1A2B.tmp@31", "C:\\Windows\\Temp\\tmp1A2C.TMP@32",
                "C:\\Windows\\Temp\\report.tmpl@33"), all(sink, "dir.file"));
        assertEquals(List.of("C:\\Windows\\Temp\\tmp1A2C.TMP@9", "C:\\Windows\\Temp\\MARS\\OBPatch.log@18",
                "C:\\Windows\\Temp\\tmp1A2C.TMP@32"), all(sink, "dir.file.empty"));
        // the unfiltered listing: the .tmp rows are counted; the one filtered to *.tmp: its File(s) summary
        // (cmd matches *.tmp against short names too, so report.tmpl is in it)
        assertEquals(List.of("2@12", "3@34"), all(sink, "windows.temp.tmp.count"));
        assertEquals(List.of("C:\\Windows\\Temp\\MARS@11"), all(sink, "dir.folder"));
        assertEquals(16, sink.facts.size(), sink.facts.toString());
    }

    @Test
    void cmdDirInKoreanCodePage() throws IOException {
        CollectingSink sink = parse("dir-listing-ko.txt", "CP949", "dir-listing");
        assertEquals(List.of("C:\\Windows\\Temp@5", MODULE + "@16"), all(sink, "dir.listing"));
        assertEquals(List.of("C:\\Windows\\Temp\\tmp1A2B.tmp@7", "C:\\Windows\\Temp\\tmp1A2C.tmp@8",
                MODULE + "\\MSOnlineBackup.psd1@20", MODULE + "\\MSOnlineBackup.psm1@21", MODULE + "\\백업 도움말.txt@22"),
                all(sink, "dir.file"));
        assertEquals(List.of("C:\\Windows\\Temp\\tmp1A2C.tmp@8", MODULE + "\\MSOnlineBackup.psm1@21"),
                all(sink, "dir.file.empty"));
        assertEquals(List.of("2@9"), all(sink, "windows.temp.tmp.count"));
        assertEquals(10, sink.facts.size(), sink.facts.toString());
    }

    @Test
    void getChildItemInUtf16() throws IOException {
        CollectingSink sink = parse("dir-listing-ps.txt", "UTF-16LE-BOM", "dir-listing");
        assertEquals(List.of(MODULE + "@4", "C:\\Windows\\Temp@17"), all(sink, "dir.listing"));
        // the first listing's rows are not aligned with the header (wide characters in the date): read by shape
        assertEquals(List.of(MODULE + "\\MSOnlineBackup.psd1@10", MODULE + "\\MSOnlineBackup.psm1@11",
                "C:\\Windows\\Temp\\tmp1A2B.tmp@23", "C:\\Windows\\Temp\\tmp1A2C.tmp@24",
                "C:\\Windows\\Temp\\Setup Log 2026-10-19 #001.txt@25"), all(sink, "dir.file"));
        assertEquals(List.of(MODULE + "\\MSOnlineBackup.psm1@11", "C:\\Windows\\Temp\\tmp1A2C.tmp@24"),
                all(sink, "dir.file.empty"));
        assertEquals(List.of("2@17"), all(sink, "windows.temp.tmp.count"));
        assertEquals(List.of(MODULE + "\\en-US@9", "C:\\Windows\\Temp\\MARS@22"), all(sink, "dir.folder"));
        assertEquals(12, sink.facts.size(), sink.facts.toString());
    }

    @Test
    void subfolderRowsAreFolderFacts() throws IOException {
        String cmd = " Directory of C:\\Program Files\\Microsoft Azure Recovery Services Agent\\bin\\Modules\r\n\r\n"
                + "10/20/2026  09:12 PM    <DIR>          .\r\n"
                + "10/20/2026  09:12 PM    <DIR>          ..\r\n"
                + "10/20/2026  09:12 PM    <DIR>          MSOnlineBackup\r\n"
                + "               0 File(s)              0 bytes\r\n";
        CollectingSink sink = SampleChecks.parseText("modules.txt", cmd, "windows-1252", "dir-listing");
        assertEquals(List.of("C:\\Program Files\\Microsoft Azure Recovery Services Agent\\bin\\Modules\\MSOnlineBackup@5"),
                all(sink, "dir.folder"));
        String ps = "\r\n    Directory: C:\\Program Files\\Microsoft Azure Recovery Services Agent\\bin\\Modules\r\n\r\n"
                + "Mode                 LastWriteTime         Length Name\r\n"
                + "----                 -------------         ------ ----\r\n"
                + "d-----        10/20/2026   9:12 PM                MSOnlineBackup\r\n";
        sink = SampleChecks.parseText("modules-ps.txt", ps, "UTF-16LE-BOM", "dir-listing");
        assertEquals(List.of("C:\\Program Files\\Microsoft Azure Recovery Services Agent\\bin\\Modules\\MSOnlineBackup@6"),
                all(sink, "dir.folder"));
    }

    @Test
    void hugeListingIsStreamedAndCountedFromTheSummary() throws IOException {
        int rows = 210_000; // more lines than CaptureText reads
        StringBuilder sb = new StringBuilder(" Directory of C:\\WINDOWS\\Temp\\\r\n\r\n");
        for (int i = 0; i < rows; i++) {
            sb.append(String.format("10/20/2026  09:12 PM    %14s tmp%05X.tmp\r\n", i % 1000 == 0 ? "0" : "1,024", i));
        }
        sb.append(String.format(java.util.Locale.ROOT, "           %,d File(s)    %,d bytes\r\n", rows, 1024L * rows));
        CollectingSink sink = SampleChecks.parseText("out/temp-dir.txt", sb.toString(), "UTF-8", "dir-listing");
        assertEquals(List.of("C:\\WINDOWS\\Temp\\@1"), all(sink, "dir.listing"));
        assertEquals(List.of(), all(sink, "dir.file"), "too many files to list");
        assertEquals(rows / 1000, all(sink, "dir.file.empty").size());
        assertEquals("C:\\WINDOWS\\Temp\\tmp00000.tmp@3", all(sink, "dir.file.empty").get(0));
        assertEquals(List.of(rows + "@" + (rows + 3)), all(sink, "windows.temp.tmp.count"));
        assertEquals(1, sink.notes.size(), sink.notes.toString());
        assertTrue(sink.notes.get(0).contains("has 210000 files"), sink.notes.get(0));
    }

    @Test
    void aSizePastALongIsAFileOfUnknownSize() throws IOException {
        String cmd = " Directory of C:\\Windows\\Temp\r\n\r\n"
                + "10/20/2026  09:12 PM     9999999999999999999 huge.tmp\r\n"
                + "               1 File(s)     9999999999999999999 bytes\r\n";
        CollectingSink sink = SampleChecks.parseText("dir.txt", cmd, "windows-1252", "dir-listing");
        assertEquals(List.of("C:\\Windows\\Temp\\huge.tmp@3"), all(sink, "dir.file"));
        assertEquals(List.of(), all(sink, "dir.file.empty"));
        String ps = "\r\n    Directory: C:\\Windows\\Temp\r\n\r\n"
                + "Mode                 LastWriteTime         Length Name\r\n"
                + "----                 -------------         ------ ----\r\n"
                + "-a----        10/20/2026   9:12 PM  99999999999999999999 huge.tmp\r\n";
        sink = SampleChecks.parseText("dir-ps.txt", ps, "UTF-16LE-BOM", "dir-listing");
        assertEquals(List.of("C:\\Windows\\Temp\\huge.tmp@6"), all(sink, "dir.file"));
        assertEquals(List.of(), all(sink, "dir.file.empty"));
    }

    @Test
    void detection() {
        DirListingParser p = new DirListingParser();
        assertEquals(90, detect(p, "dir.txt", Samples.text("facts", "dir-listing-en.txt")));
        assertEquals(90, detect(p, "dir.txt", Samples.text("facts", "dir-listing-ko.txt")));
        assertEquals(90, detect(p, "dir.txt", Samples.text("facts", "dir-listing-ps.txt")));
        assertEquals(70, detect(p, "dir.txt", " Volume in drive C has no label.\r\n\r\n Directory of C:\\Windows\\Temp\r\n\r\n"
                + "File Not Found\r\n"));
        // near misses: a dated log line that looks like a row, a text that mentions a directory
        assertEquals(0, detect(p, "x.log", "10/20/2026  09:12 PM            12,345 bytes written to backup\r\n"));
        assertEquals(0, detect(p, "x.txt", " Directory of the agent is set in the registry.\r\nMode: 1\r\n"));
        assertEquals(0, detect(p, "x.txt", Samples.text("detect", "README.txt")));
        // volumes-nearmiss.txt holds a real dir listing of C:\Windows\Temp after its Get-PSDrive table
        SampleChecks.claimsNoOtherSample(p, List.of("volumes-nearmiss.txt"), "dir-listing-");
    }
}
