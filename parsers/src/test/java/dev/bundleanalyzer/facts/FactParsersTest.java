package dev.bundleanalyzer.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Samples under {@code src/test/resources/dev/bundleanalyzer/facts/}, read as UTF-16LE with a BOM (PowerShell {@code >}). */
class FactParsersTest {

    private static CollectingSink parse(Parser parser, String sample) throws IOException {
        byte[] bytes = Samples.encode(Samples.text("facts", sample), "UTF-16LE-BOM");
        CollectingSink sink = new CollectingSink();
        long n = parser.parse(Samples.input("out/" + sample, null, bytes), sink);
        assertEquals(sink.facts.size(), n, "returned count");
        for (Fact f : sink.facts) {
            assertEquals("out/" + sample, f.file());
        }
        return sink;
    }

    private static void assertFact(CollectingSink sink, String key, String value, long line, String text) {
        Fact f = sink.fact(key);
        assertEquals(value, f.value(), key);
        assertEquals(line, f.line(), key + " line");
        assertEquals(text, f.text(), key + " text");
    }

    private static int detect(Parser parser, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return parser.detect(new ContentSample("output_01.txt", bytes, StandardCharsets.UTF_8, text));
    }

    // ---- $PSVersionTable ----

    @Test
    void psVersionTable51() throws IOException {
        CollectingSink sink = parse(new PsVersionTableParser(), "psversiontable-5.1.txt");
        assertFact(sink, "powershell.version", "5.1.17763.1", 4, "PSVersion                      5.1.17763.1");
        assertFact(sink, "powershell.version.major", "5", 4, "PSVersion                      5.1.17763.1");
        assertFact(sink, "powershell.edition", "Desktop", 5, "PSEdition                      Desktop");
        assertFact(sink, "powershell.build.version", "10.0.17763.1", 7, "BuildVersion                   10.0.17763.1");
        assertFact(sink, "powershell.clr.version", "4.0.30319.42000", 8, "CLRVersion                     4.0.30319.42000");
        assertFact(sink, "powershell.table.pscompatibleversions", "{1.0, 2.0, 3.0, 4.0...}", 6,
                "PSCompatibleVersions           {1.0, 2.0, 3.0, 4.0...}");
        assertFact(sink, "powershell.table.wsmanstackversion", "3.0", 9, "WSManStackVersion              3.0");
        assertFact(sink, "powershell.table.serializationversion", "1.1.0.1", 11,
                "SerializationVersion           1.1.0.1");
        assertEquals(9, sink.facts.size());
    }

    @Test
    void psVersionTable40AmongOtherOutput() throws IOException {
        CollectingSink sink = parse(new PsVersionTableParser(), "psversiontable-4.0.txt");
        assertFact(sink, "powershell.version", "4.0", 6, "PSVersion                      4.0");
        assertFact(sink, "powershell.version.major", "4", 6, "PSVersion                      4.0");
        assertTrue(sink.facts.stream().noneMatch(f -> f.key().equals("powershell.edition")), "4.0 has no edition");
        assertTrue(sink.facts.stream().noneMatch(f -> f.value().contains("Get-Service")), sink.facts.toString());
        assertEquals(8, sink.facts.size());
    }

    @Test
    void psVersionTable20Blocks() throws IOException {
        CollectingSink sink = parse(new PsVersionTableParser(), "psversiontable-2.0-blocks.txt");
        assertFact(sink, "powershell.version", "2.0", 11, "Value : 2.0");
        assertFact(sink, "powershell.version.major", "2", 11, "Value : 2.0");
        assertFact(sink, "powershell.clr.version", "2.0.50727.5485", 3, "Value : 2.0.50727.5485");
        assertFact(sink, "powershell.build.version", "6.1.7601.17514", 7, "Value : 6.1.7601.17514");
    }

    @Test
    void psVersionTableHeaderWithoutValuesGivesNoFacts() throws IOException {
        assertEquals(0, parse(new PsVersionTableParser(), "psversiontable-header-only.txt").facts.size());
        assertEquals(70, detect(new PsVersionTableParser(), Samples.text("facts", "psversiontable-header-only.txt")));
    }

    @Test
    void psVersionTableDetection() {
        PsVersionTableParser p = new PsVersionTableParser();
        assertEquals(90, detect(p, Samples.text("facts", "psversiontable-5.1.txt")));
        assertEquals(85, detect(p, Samples.text("facts", "psversiontable-2.0-blocks.txt")));
        assertEquals(0, detect(p, Samples.text("detect", "README.txt")));
        assertEquals(0, detect(p, "Name                           Value\r\n----   -----\r\nPath    C:\\Temp\r\n"));
        assertEquals(0, detect(p, Samples.text("facts", "psversion-5.1.txt")));
    }

    // ---- $PSVersionTable.PSVersion ----

    @Test
    void psVersion51() throws IOException {
        CollectingSink sink = parse(new PsVersionParser(), "psversion-5.1.txt");
        assertFact(sink, "powershell.version", "5.1.18362.145", 4, "5      1      18362  145");
        assertFact(sink, "powershell.version.major", "5", 4, "5      1      18362  145");
        assertEquals(2, sink.facts.size());
    }

    @Test
    void psVersion20LeavesOutMinusOne() throws IOException {
        CollectingSink sink = parse(new PsVersionParser(), "psversion-2.0.txt");
        assertFact(sink, "powershell.version", "2.0", 4, "2      0      -1     -1");
        assertFact(sink, "powershell.version.major", "2", 4, "2      0      -1     -1");
    }

    @Test
    void psVersion7() throws IOException {
        assertEquals("7.5.0-preview.3", parse(new PsVersionParser(), "psversion-7.txt").fact("powershell.version").value());
        CollectingSink release = parse(new PsVersionParser(), "psversion-7-release.txt");
        assertEquals("7.4.1", release.fact("powershell.version").value());
        assertEquals("7", release.fact("powershell.version.major").value());
    }

    @Test
    void psVersionDetection() {
        PsVersionParser p = new PsVersionParser();
        assertEquals(90, detect(p, Samples.text("facts", "psversion-2.0.txt")));
        assertEquals(90, detect(p, Samples.text("facts", "psversion-7.txt")));
        assertEquals(70, detect(p, "Major  Minor  Build  Revision\r\n-----  -----  -----  --------\r\n"));
        assertEquals(0, detect(p, Samples.text("facts", "psversiontable-5.1.txt")));
        assertEquals(0, detect(p, "Major release notes: Minor fixes, Build 5\n"));
    }

    // ---- Get-ExecutionPolicy -List ----

    @Test
    void executionPolicyRightAligned() throws IOException {
        CollectingSink sink = parse(new ExecutionPolicyParser(), "executionpolicy-right.txt");
        assertFact(sink, "executionpolicy.machinepolicy", "Undefined", 4, "MachinePolicy       Undefined");
        assertFact(sink, "executionpolicy.userpolicy", "Undefined", 5, "   UserPolicy       Undefined");
        assertFact(sink, "executionpolicy.process", "Undefined", 6, "      Process       Undefined");
        assertFact(sink, "executionpolicy.currentuser", "Undefined", 7, "  CurrentUser       Undefined");
        assertFact(sink, "executionpolicy.localmachine", "RemoteSigned", 8, " LocalMachine    RemoteSigned");
        assertFact(sink, "executionpolicy.effective", "RemoteSigned", 8, " LocalMachine    RemoteSigned");
        assertEquals(6, sink.facts.size());
    }

    @Test
    void executionPolicyLeftAlignedTakesTheFirstDefinedScope() throws IOException {
        CollectingSink sink = parse(new ExecutionPolicyParser(), "executionpolicy-left.txt");
        assertFact(sink, "executionpolicy.localmachine", "Restricted", 8, "LocalMachine   Restricted");
        assertFact(sink, "executionpolicy.process", "Bypass", 6, "Process        Bypass");
        assertFact(sink, "executionpolicy.effective", "Bypass", 6, "Process        Bypass");
    }

    @Test
    void executionPolicyAllUndefined() throws IOException {
        CollectingSink sink = parse(new ExecutionPolicyParser(), "executionpolicy-undefined.txt");
        assertEquals("Undefined", sink.fact("executionpolicy.effective").value());
        assertEquals("Undefined", sink.fact("executionpolicy.localmachine").value());
    }

    @Test
    void executionPolicyHeaderWithoutRows() throws IOException {
        assertEquals(List.of(), parse(new ExecutionPolicyParser(), "executionpolicy-header-only.txt").facts);
        assertEquals(70, detect(new ExecutionPolicyParser(), Samples.text("facts", "executionpolicy-header-only.txt")));
    }

    @Test
    void executionPolicyDetection() {
        ExecutionPolicyParser p = new ExecutionPolicyParser();
        assertEquals(90, detect(p, Samples.text("facts", "executionpolicy-right.txt")));
        assertEquals(0, detect(p, Samples.text("detect", "README.txt")));
        assertEquals(0, detect(p, Samples.text("detect", "events.csv")));
    }
}
