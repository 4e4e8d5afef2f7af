package dev.bundleanalyzer.facts;

import static dev.bundleanalyzer.facts.SampleChecks.all;
import static dev.bundleanalyzer.facts.SampleChecks.assertFact;
import static dev.bundleanalyzer.facts.SampleChecks.detect;
import static dev.bundleanalyzer.facts.SampleChecks.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.Samples;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryParserTest {

    private static final String AB = "registry.hklm\\software\\microsoft\\windows azure backup\\";
    private static final String AB_WOW = "registry.hklm\\software\\wow6432node\\microsoft\\windows azure backup\\";
    private static final String AGENT = "C:\\Program Files\\Microsoft Azure Recovery Services Agent\\";

    @Test
    void regQueryInKoreanCodePage() throws IOException {
        CollectingSink sink = parse("registry-query-ko.txt", "CP949", "registry");
        assertFact(sink, AB + "config\\scratchlocation", "D:\\백업 캐시\\Scratch", 7);
        assertFact(sink, "scratch.location", "D:\\백업 캐시\\Scratch", 7);
        assertFact(sink, AB + "config\\service resource id", "rid 42", 8);
        assertFact(sink, AB + "config\\serviceresourcename", "%ProgramFiles%\\Microsoft Azure Recovery Services Agent", 9);
        assertFact(sink, AB + "config\\cloudbackupprovider\\scratchlocation", AGENT + "Scratch", 12);
        assertFact(sink, "scratch.location.cloudbackupprovider", AGENT + "Scratch", 12);
        assertEquals(List.of("one@13", "two words@13", "three@13"), all(sink, AB + "config\\cloudbackupprovider\\flags"));
        assertFact(sink, AB + "config\\cloudbackupprovider\\maxsize", "112394521950", 14);
        assertFact(sink, AB + "setup\\installpath", AGENT, 17);
        assertFact(sink, "agent.installpath", AGENT, 17);
        assertFact(sink, AB + "setup\\currentversion", "2.0.9262.0", 18);
        assertFact(sink, "agent.version", "2.0.9262.0", 18);
        assertFact(sink, AB + "setup\\productversion", "정보 없음", 19);
        assertFact(sink, "registry.hklm\\software\\microsoft\\net framework setup\\ndp\\v4\\full\\release", "528372", 24);
        assertFact(sink, "dotnet.release", "528372", 24);
        String tls = "registry.hklm\\system\\currentcontrolset\\control\\securityproviders\\schannel\\protocols\\tls 1.2\\client\\";
        assertFact(sink, tls + "enabled", "0", 33);
        assertFact(sink, "tls12.client.enabled", "0", 33);
        assertFact(sink, tls + "disabledbydefault", "1", 34);
        assertFact(sink, "tls12.client.disabledbydefault", "1", 34);
        String inet = "registry.hku\\s-1-5-18\\software\\microsoft\\windows\\currentversion\\internet settings\\";
        assertFact(sink, inet + "proxyenable", "1", 39);
        assertFact(sink, "proxy.wininet.enable", "1", 39);
        assertFact(sink, inet + "proxyserver", "corp.proxy:8080", 40);
        assertFact(sink, "proxy.wininet.server", "corp.proxy:8080", 40);
        // the unset (기본값) of line 4 and the error of line 28 give nothing
        assertTrue(sink.facts.stream().noneMatch(f -> f.line() == 4 || f.line() == 28), sink.facts.toString());
        assertEquals(25, sink.facts.size(), sink.facts.toString());
    }

    @Test
    void regQueryInUtf16() throws IOException {
        CollectingSink sink = parse("registry-query-ko.txt", "UTF-16LE-BOM", "registry");
        assertFact(sink, "scratch.location", "D:\\백업 캐시\\Scratch", 7);
        assertEquals(25, sink.facts.size());
    }

    @Test
    void regeditExportInUtf16() throws IOException {
        CollectingSink sink = parse("registry-export.reg", "UTF-16LE-BOM", "registry");
        assertFact(sink, AB + "config\\(default)", "top", 6);
        assertFact(sink, AB + "config\\scratchlocation", AGENT + "Scratch", 7);
        assertFact(sink, "scratch.location", AGENT + "Scratch", 7);
        assertFact(sink, AB + "config\\quoted \"name\"", "say \"hi\"", 8);
        assertFact(sink, AB + "config\\temppath", "%TEMP%\\MARS", 9);
        assertEquals(List.of("a@11", "b c@11"), all(sink, AB + "config\\paths"));
        assertEquals(List.of(), all(sink, AB + "config\\deleted"));
        assertFact(sink, AB + "config\\cloudbackupprovider\\scratchlocation", "D:\\Scratch", 15);
        assertFact(sink, "scratch.location.cloudbackupprovider", "D:\\Scratch", 15);
        assertFact(sink, AB_WOW + "setup\\installpath", AGENT, 18);
        assertFact(sink, "agent.installpath", AGENT, 18);
        assertFact(sink, AB_WOW + "setup\\agentversion", "2.0.9249.0", 19);
        assertFact(sink, "agent.version", "2.0.9249.0", 19);
        assertFact(sink, AB_WOW + "setup\\size", "4096", 20);
        assertFact(sink, AB_WOW + "setup\\blob", "01ABFF", 21);
        assertEquals(List.of("1@27", "0@30"), all(sink, "dotnet.schusestrongcrypto"));
        assertFact(sink, "registry.hklm\\software\\microsoft\\.netframework\\v4.0.30319\\schusestrongcrypto", "1", 27);
        assertFact(sink, "registry.hklm\\software\\wow6432node\\microsoft\\.netframework\\v4.0.30319\\schusestrongcrypto",
                "0", 30);
        String policy = "registry.hklm\\software\\policies\\microsoft\\windows\\currentversion\\internet settings\\";
        assertFact(sink, policy + "proxyserver", "", 33);
        assertEquals(List.of(), all(sink, "proxy.wininet.server"), "an empty proxy server is no proxy");
        assertFact(sink, "proxy.wininet.enable", "0", 34);
        assertTrue(sink.facts.stream().noneMatch(f -> f.key().contains("\\old\\") || f.line() == 24), "deleted key");
        assertEquals(22, sink.facts.size(), sink.facts.toString());
    }

    @Test
    void regedit4InWindows1252() throws IOException {
        CollectingSink sink = parse("registry-regedit4.reg", "windows-1252", "registry");
        String ndp = "registry.hklm\\software\\microsoft\\net framework setup\\ndp\\v4\\full\\";
        assertFact(sink, ndp + "release", "528372", 4);
        assertFact(sink, "dotnet.release", "528372", 4);
        assertFact(sink, ndp + "install path", "C:\\Café", 5);
        assertFact(sink, ndp + "version", "4.8.04084", 6);
        assertFact(sink, "tls12.client.enabled", "4294967295", 9);
        assertFact(sink, "tls12.client.disabledbydefault", "0", 10);
        assertFact(sink, "registry.hklm\\system\\currentcontrolset\\control\\securityproviders\\schannel\\protocols"
                + "\\tls 1.2\\client\\note", "Café", 11);
        assertEquals(9, sink.facts.size(), sink.facts.toString());
    }

    @Test
    void shortHiveNamesAndDefaultValue() throws IOException {
        String text = "HKLM\\Software\\Microsoft\\Windows Azure Backup\\Config\\\r\n"
                + "    (Default)    REG_SZ    C:\\x\r\n"
                + "    ScratchLocation    REG_SZ    E:\\Cache\r\n"
                + "    Empty    REG_SZ\r\n";
        CollectingSink sink = SampleChecks.parseText("out/reg.txt", text, "UTF-16LE-BOM", "registry");
        assertFact(sink, AB + "config\\(default)", "C:\\x", 2);
        assertFact(sink, "scratch.location", "E:\\Cache", 3);
        assertFact(sink, AB + "config\\empty", "", 4);
    }

    @Test
    void detection() {
        RegistryParser p = new RegistryParser();
        assertEquals(95, detect(p, "x.reg", Samples.text("facts", "registry-export.reg")));
        assertEquals(95, detect(p, "x.reg", Samples.text("facts", "registry-regedit4.reg")));
        assertEquals(90, detect(p, "x.txt", Samples.text("facts", "registry-query-ko.txt")));
        assertEquals(70, detect(p, "x.txt", "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows Azure Backup\r\n\r\n"
                + "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows Azure Backup\\Config\r\n"));
        // near misses: a log that names a key inside its lines, a value line without a key, reg's error alone
        assertEquals(0, detect(p, "x.txt", "10/20 09:12 Opened HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows Azure Backup\r\n"
                + "    Release    REG_DWORD    0x80ff4\r\n"));
        assertEquals(0, detect(p, "x.txt", "ERROR: The system was unable to find the specified registry key or value.\r\n"));
        assertEquals(0, detect(p, "x.txt", Samples.text("detect", "README.txt")));
        SampleChecks.claimsNoOtherSample(p, "registry-");
    }
}
