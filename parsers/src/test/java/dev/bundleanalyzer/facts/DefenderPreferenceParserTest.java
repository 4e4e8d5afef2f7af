package dev.bundleanalyzer.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.Samples;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefenderPreferenceParserTest {

    private final DefenderPreferenceParser parser = new DefenderPreferenceParser();

    @Test
    void wrappedAndTruncatedListsInUtf16() throws IOException {
        DetectedSample s = DetectedSample.read("Get-MpPreference.txt", "defender-preference-full.txt", "UTF-16LE-BOM")
                .assertKind("defender-preference", "UTF-16LE");
        s.assertFacts(
                "defender.present=true@3",
                "defender.exclusion.path=C:\\Program Files\\Microsoft Azure Recovery Services Agent\\Scratch@36",
                "defender.exclusion.path=D:\\MARS\\Scratch@37",
                "defender.exclusion.path=C:\\Program Files\\Microsoft Azure Recovery Services Agent\\Bin@37",
                "defender.exclusion.process=cbengine.exe@39",
                "defender.exclusion.process=csc.exe@39",
                "defender.exclusion.process=OBRecoveryServicesManagementAgent.exe@39",
                "defender.exclusion.process=wbengine.exe@40",
                "defender.exclusion.truncated=true@40");
    }

    @Test
    void shortListInWindows1252() throws IOException {
        DetectedSample.read("output_12.txt", "defender-preference-short.txt", "windows-1252")
                .assertKind("defender-preference", "windows-1252")
                .assertFacts(
                        "defender.present=true@2",
                        "defender.exclusion.path=C:\\Program Files\\Microsoft Azure Recovery Services Agent\\Scratch@3",
                        "defender.exclusion.path=D:\\Sauvegarde\\Données@3");
    }

    @Test
    void noExclusions() throws IOException {
        DetectedSample.read("mp.txt", "defender-preference-none.txt", "UTF-16LE-BOM")
                .assertKind("defender-preference", "UTF-16LE")
                .assertFacts("defender.present=true@2");
    }

    @Test
    void commaInsideAPathAndSingleItem() throws IOException {
        String text = "ExclusionExtension : \r\nExclusionPath      : {D:\\Data,Old, E:\\Scratch...}\r\n"
                + "ExclusionProcess   : {cbengine.exe}\r\n";
        CollectingSink sink = new CollectingSink();
        parser.parse(Samples.input("mp.txt", null, Samples.encode(text, "UTF-16LE-BOM")), sink);
        assertEquals(List.of("defender.present=true", "defender.exclusion.path=D:\\Data,Old",
                        "defender.exclusion.path=E:\\Scratch", "defender.exclusion.truncated=true",
                        "defender.exclusion.process=cbengine.exe"),
                sink.facts.stream().map(f -> f.key() + "=" + f.value()).toList());
    }

    @Test
    void detection() {
        assertEquals(90, DetectedSample.detect(parser, "a.txt", Samples.text("facts", "defender-preference-full.txt")));
        assertEquals(70, DetectedSample.detect(parser, "a.txt",
                "ExclusionPath    : {C:\\Scratch}\r\nExclusionProcess : {cbengine.exe}\r\n"));
        assertEquals(0, DetectedSample.detect(parser, "a.txt", "ExclusionPath : {C:\\Scratch}\r\n"));
        DetectedSample.assertClaimsNoOtherSample(parser, "defender-preference-");
    }

    @Test
    void nearMissIsNotDefenderPreference() throws IOException {
        // Get-MpComputerStatus shares the list view but none of the preference names
        String status = "\r\nAMEngineVersion           : 1.1.23100.2009\r\nAntivirusEnabled          : True\r\n"
                + "RealTimeProtectionEnabled : True\r\nAntivirusSignatureAge     : 0\r\n";
        assertEquals(0, DetectedSample.detect(parser, "mp.txt", status));
        DetectedSample s = DetectedSample.read("mp.txt", "net-connection-en.txt", "UTF-16LE-BOM");
        assertNotEquals("defender-preference", s.detection.kind());
    }
}
