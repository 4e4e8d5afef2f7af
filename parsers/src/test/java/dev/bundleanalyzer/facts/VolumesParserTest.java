package dev.bundleanalyzer.facts;

import static dev.bundleanalyzer.facts.FactSampleChecks.assertFact;
import static dev.bundleanalyzer.facts.FactSampleChecks.detect;
import static dev.bundleanalyzer.facts.FactSampleChecks.read;
import static dev.bundleanalyzer.facts.FactSampleChecks.readText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.Samples;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class VolumesParserTest {

    private final VolumesParser parser = new VolumesParser();

    @Test
    void fsutilAllShapesInWindows1252() throws IOException {
        CollectingSink sink = read(parser, "volumes-fsutil.txt", "commands/diskfree.txt", "windows-1252");
        assertFact(sink, "volume.c.free.bytes", "35466014720", 2);
        assertFact(sink, "volume.c.size.bytes", "511324794880", 3);
        // older shape: human size first, bytes in parentheses
        assertFact(sink, "volume.d.free.bytes", "956301750272", 14);
        assertFact(sink, "volume.d.size.bytes", "1000202039296", 15);
        // faulty capture: negative free space kept, with a note
        assertFact(sink, "volume.e.free.bytes", "-4096", 19);
        assertFact(sink, "volume.e.size.bytes", "1013310287872", 20);
        assertEquals(6, sink.facts.size());
        assertEquals(1, sink.notes.size(), sink.notes.toString());
        assertTrue(sink.notes.get(0).contains("line 19"), sink.notes.toString());
    }

    @Test
    void fsutilKoreanLabelsInCp949() throws IOException {
        CollectingSink sink = read(parser, "volumes-fsutil-ko.txt", "commands/fsutil.txt", "CP949");
        assertFact(sink, "volume.c.free.bytes", "35466014720", 2);
        assertFact(sink, "volume.c.size.bytes", "511324794880", 3);
        // Indian digit grouping
        assertFact(sink, "volume.f.free.bytes", "918862475264", 8);
        assertFact(sink, "volume.f.size.bytes", "1099511627776", 9);
        assertEquals(4, sink.facts.size());
        assertEquals(0, sink.notes.size());
    }

    @Test
    void getVolumeTableAndListInUtf16() throws IOException {
        CollectingSink sink = read(parser, "volumes-getvolume.txt", "commands/output_09.txt", "UTF-16LE-BOM");
        assertFact(sink, "volume.c.free.bytes", String.valueOf(Math.round(107.46 * (1L << 30))), 5);
        assertFact(sink, "volume.c.size.bytes", String.valueOf(Math.round(475.67 * (1L << 30))), 5);
        assertFact(sink, "volume.d.free.bytes", String.valueOf(Math.round(1.82 * (1L << 40))), 7);
        assertFact(sink, "volume.d.size.bytes", String.valueOf(Math.round(1.82 * (1L << 40))), 7);
        assertFact(sink, "volume.e.free.bytes", "0", 8);
        assertFact(sink, "volume.e.size.bytes", "0", 8);
        assertFact(sink, "volume.f.free.bytes", "219902325555", 30);
        assertFact(sink, "volume.f.size.bytes", "2199023255552", 29);
        // the Recovery volume (line 6) has no letter
        assertEquals(8, sink.facts.size());
        assertTrue(sink.facts.stream().noneMatch(f -> f.line() == 6), sink.facts.toString());
    }

    @Test
    void server2012ColumnsWithCommaDecimals() throws IOException {
        String text = "\r\nDriveLetter       FileSystemLabel  FileSystem       DriveType        HealthStatus        "
                + "SizeRemaining             Size\r\n"
                + "-----------       ---------------  ----------       ---------        ------------        "
                + "-------------             ----\r\n"
                + "C                 OS               NTFS             Fixed            Healthy                  "
                + "33,1 GB         59,66 GB\r\n"
                + "                  System Reserved  NTFS             Fixed            Healthy                 "
                + "108,8 MB           350 MB\r\n";
        CollectingSink sink = readText(parser, text, "vol.txt", "windows-1252");
        assertFact(sink, "volume.c.free.bytes", String.valueOf(Math.round(33.1 * (1L << 30))), 4);
        assertFact(sink, "volume.c.size.bytes", String.valueOf(Math.round(59.66 * (1L << 30))), 4);
        assertEquals(2, sink.facts.size());
    }

    @Test
    void letterFromTheFileNameThenUnknown() throws IOException {
        String block = "Total free bytes        :   812,733,878,272 (756.9 GB)\r\n"
                + "Total bytes             : 1,013,310,287,872 (943.7 GB)\r\n";
        CollectingSink sink = readText(parser, block + "\r\n" + block, "Commands/diskfree-D.txt", "UTF-16LE-BOM");
        assertFact(sink, "volume.d.free.bytes", "812733878272", 1);
        assertFact(sink, "volume.d.size.bytes", "1013310287872", 2);
        // a second block without an echo cannot be D as well
        assertFact(sink, "volume._.free.bytes", "812733878272", 4);
        assertFact(sink, "volume._.size.bytes", "1013310287872", 5);
        assertEquals(1, sink.notes.size());
        assertEquals("C", VolumesParser.letterFromName("b/fsutil_C.txt"));
        assertNull(VolumesParser.letterFromName("b/output_a.txt"));
        assertNull(VolumesParser.letterFromName("b/diskfree-c-d.txt"));
    }

    @Test
    void chineseLabelsAndDotGroupingWithoutEchoOrLetter() throws IOException {
        String text = "可用字节总数        :  812.733.878.272 (756,9 GB)\n"
                + "字节总数            : 1.013.310.287.872 (943,7 GB)\n"
                + "可用配额字节总数    :  812.733.878.272 (756,9 GB)\n";
        CollectingSink sink = readText(parser, text, "space.txt", "UTF-8");
        assertFact(sink, "volume._.free.bytes", "812733878272", 1);
        assertFact(sink, "volume._.size.bytes", "1013310287872", 2);
    }

    @Test
    void fsutilValues() {
        assertEquals(19048828928L, VolumesParser.fsutilBytes("19048828928"));
        assertEquals(35466014720L, VolumesParser.fsutilBytes("35 466 014 720 (33,0 GB)"));
        assertEquals(956301750272L, VolumesParser.fsutilBytes("890.5 GB (956,301,750,272 bytes)"));
        assertNull(VolumesParser.fsutilBytes("890.5"));
        assertNull(VolumesParser.fsutilBytes("Access is denied."));
    }

    @Test
    void headerWithoutRowsIs70() {
        assertEquals(70, detect(parser, "x.txt", "DriveLetter FriendlyName FileSystemType DriveType HealthStatus "
                + "OperationalStatus SizeRemaining      Size\r\n"
                + "----------- ------------ -------------- --------- ------------ ----------------- -------------      ----\r\n"));
    }

    @Test
    void detection() {
        assertEquals(90, detect(parser, "output_01.txt", Samples.text("facts", "volumes-fsutil.txt")));
        assertEquals(90, detect(parser, "output_01.txt", Samples.text("facts", "volumes-fsutil-ko.txt")));
        assertEquals(90, detect(parser, "output_01.txt", Samples.text("facts", "volumes-getvolume.txt")));
    }

    @Test
    void nearMissIsNotClaimed() {
        String text = Samples.text("facts", "volumes-nearmiss.txt");
        assertEquals(0, detect(parser, "output_05.txt", text));
        assertNotEquals(parser.kind(), FactSampleChecks.detectedKind("output_05.txt", text, "UTF-16LE-BOM"));
    }

    @Test
    void otherSamplesAreNotClaimed() {
        for (String name : FactSampleChecks.otherSamples("volumes-")) {
            int c = detect(parser, "output.txt", FactSampleChecks.otherSampleText(name));
            assertTrue(c < 50, name + " claimed with " + c);
        }
    }
}
