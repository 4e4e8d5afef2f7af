package dev.bundleanalyzer.facts;

import static dev.bundleanalyzer.facts.FactSampleChecks.assertFact;
import static dev.bundleanalyzer.facts.FactSampleChecks.detect;
import static dev.bundleanalyzer.facts.FactSampleChecks.read;
import static dev.bundleanalyzer.facts.FactSampleChecks.readText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.Samples;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ServicesParserTest {

    private final ServicesParser parser = new ServicesParser();

    @Test
    void getServiceTableInWindows1252() throws IOException {
        CollectingSink sink = read(parser, "services-table.txt", "commands/services.txt", "windows-1252");
        assertFact(sink, "service.obengine.state", "Running", 5);
        assertFact(sink, "service.obengine.displayname", "Microsoft Azure Recovery Services Agent", 5);
        assertFact(sink, "service.msiscsi.state", "Stopped", 6);
        assertFact(sink, "service.msiscsi.displayname", "Microsoft iSCSI Initiator Service", 6);
        assertFact(sink, "service.winrm.state", "Running", 7);
        assertFact(sink, "service.winrm.displayname", "Windows Remote Management (WS-Manag...", 7);
        // the eight-wide Status column cuts StopPending
        assertFact(sink, "service.wuauserv.state", "StopPending", 8);
        assertFact(sink, "service.wuauserv.displayname", "Windows Update", 8);
        assertEquals(8, sink.facts.size());
        assertEquals(90, detect(parser, "output_04.txt", Samples.text("facts", "services-table.txt")));
    }

    @Test
    void scQueryKoreanInCp949() throws IOException {
        CollectingSink sink = read(parser, "services-sc-ko.txt", "commands/sc_query.txt", "CP949");
        assertFact(sink, "service.obengine.displayname", "Microsoft Azure Recovery Services 에이전트", 5);
        assertFact(sink, "service.obengine.state", "Running", 7);
        assertFact(sink, "service.msiscsi.displayname", "Microsoft iSCSI 초기자 서비스", 17);
        assertFact(sink, "service.msiscsi.state", "StopPending", 19);
        // FAILED 1060 after "sc query AzureBackupSvc": the name comes from the echo
        assertFact(sink, "service.azurebackupsvc.state", "NotInstalled", 29);
        assertEquals(5, sink.facts.size());
        assertEquals(90, detect(parser, "sc.txt", Samples.text("facts", "services-sc-ko.txt")));
    }

    @Test
    void formatListAndNotFoundErrorInUtf16() throws IOException {
        CollectingSink sink = read(parser, "services-list.txt", "commands/output_07.txt", "UTF-16LE-BOM");
        assertFact(sink, "service.obengine.state", "StartPending", 6);
        assertFact(sink, "service.obengine.displayname", "Microsoft Azure Recovery Services Agent", 5);
        assertFact(sink, "service.msiscsi.state", "Running", 16);
        assertFact(sink, "service.msiscsi.displayname", "Microsoft iSCSI Initiator Service", 15);
        assertFact(sink, "service.cloudbackupsvc.state", "NotInstalled", 27);
        assertEquals(5, sink.facts.size());
    }

    @Test
    void koreanTableAndKoreanNotFoundErrorInUtf16() throws IOException {
        CollectingSink sink = read(parser, "services-table-ko.txt", "commands/services.txt", "UTF-16LE-BOM");
        assertFact(sink, "service.obengine.state", "Stopped", 5);
        assertFact(sink, "service.obengine.displayname", "Microsoft Azure Recovery Services 에이전트", 5);
        assertFact(sink, "service.msiscsi.state", "Running", 6);
        assertFact(sink, "service.msiscsi.displayname", "Microsoft iSCSI 초기자 서비스", 6);
        // localised message: the error ID below it confirms it, the evidence is the message line
        assertFact(sink, "service.azurebackupsvc.state", "NotInstalled", 10);
        assertEquals(5, sink.facts.size());
    }

    @Test
    void germanScQueryFromTheDetectorSamples() throws IOException {
        CollectingSink sink = readText(parser, Samples.text("detect", "sc-query-de.txt"), "sc.txt", "windows-1252");
        assertFact(sink, "service.obengine.state", "Running", 5);
        assertFact(sink, "service.obengine.displayname",
                "Microsoft Azure Recovery Services-Agent (Größe: 5 MB, Überprüfung läuft)", 3);
    }

    @Test
    void notInstalledWithoutEchoIsSkippedWithANote() throws IOException {
        String text = "[SC] EnumQueryServicesStatus:OpenService FAILED 1060:\r\n\r\n"
                + "The specified service does not exist as an installed service.\r\n\r\n";
        CollectingSink sink = readText(parser, text, "sc_obengine.txt", "windows-1252");
        assertEquals(0, sink.facts.size());
        assertEquals(1, sink.notes.size(), sink.notes.toString());
        assertTrue(sink.notes.get(0).contains("line 1"), sink.notes.toString());
    }

    @Test
    void echoAnsweredByABlockIsNotReusedForALaterFailure() throws IOException {
        String text = "C:\\>sc query obengine\r\n\r\nSERVICE_NAME: obengine\r\n"
                + "        STATE              : 1  STOPPED\r\n\r\n"
                + "[SC] EnumQueryServicesStatus:OpenService FAILED 1060:\r\n";
        CollectingSink sink = readText(parser, text, "sc.txt", "UTF-16LE-BOM");
        assertFact(sink, "service.obengine.state", "Stopped", 4);
        assertEquals(1, sink.facts.size());
        assertEquals(1, sink.notes.size());
    }

    @Test
    void echoWithRedirection() throws IOException {
        String text = "C:\\>sc queryex obengine 1> C:\\Temp\\sc.txt 2>&1\r\n"
                + "[SC] EnumQueryServicesStatus:OpenService FAILED 1060:\r\n";
        CollectingSink sink = readText(parser, text, "sc.txt", "windows-1252");
        assertFact(sink, "service.obengine.state", "NotInstalled", 2);
    }

    @Test
    void scStateByNumberWhenTheWordIsMissing() {
        assertEquals("Paused", ServicesParser.scState("7"));
        assertEquals("ContinuePending", ServicesParser.scState("5  CONTINUE_PENDING"));
        assertEquals("PausePending", ServicesParser.state("Pause..."));
        assertEquals("StartPending", ServicesParser.state("StartPe\u2026"));
        assertEquals(null, ServicesParser.state("Completed"));
    }

    @Test
    void headerWithoutRowsIs70() {
        assertEquals(70, detect(parser, "x.txt", "\r\nStatus   Name               DisplayName\r\n"
                + "------   ----               -----------\r\n\r\n"));
    }

    @Test
    void nearMissIsNotClaimed() {
        String text = Samples.text("facts", "services-nearmiss.txt");
        assertEquals(0, detect(parser, "output_05.txt", text));
        assertNotEquals(parser.kind(), FactSampleChecks.detectedKind("output_05.txt", text, "UTF-16LE-BOM"));
    }

    @Test
    void otherSamplesAreNotClaimed() {
        for (String name : FactSampleChecks.otherSamples("services-")) {
            if (name.equals("detect/sc-query-de.txt")) {
                continue; // an sc query capture: read above
            }
            int c = detect(parser, "output.txt", FactSampleChecks.otherSampleText(name));
            assertTrue(c < 50, name + " claimed with " + c);
        }
    }
}
