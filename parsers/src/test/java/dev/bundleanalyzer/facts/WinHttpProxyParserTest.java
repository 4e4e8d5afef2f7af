package dev.bundleanalyzer.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.bundleanalyzer.parse.Samples;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class WinHttpProxyParserTest {

    private final WinHttpProxyParser parser = new WinHttpProxyParser();

    @Test
    void directThenSetProxyInUtf16() throws IOException {
        DetectedSample s = DetectedSample.read("netsh_winhttp.txt", "winhttp-proxy-en-set.txt", "UTF-16LE-BOM")
                .assertKind("winhttp-proxy", "UTF-16LE");
        s.assertFacts(
                "proxy.winhttp.direct=true@5",
                "proxy.winhttp.server=http=corp.proxy:8080;https=corp.proxy:8443@12",
                "proxy.winhttp.bypass=*.contoso.local;<local>@13");
        assertEquals("    Proxy Server(s) :  http=corp.proxy:8080;https=corp.proxy:8443",
                s.sink.fact("proxy.winhttp.server").text());
    }

    @Test
    void emptyBypassListGivesNoFact() throws IOException {
        DetectedSample.read("proxy.txt", "winhttp-proxy-en-none.txt", "UTF-16LE-BOM")
                .assertKind("winhttp-proxy", "UTF-16LE")
                .assertFacts("proxy.winhttp.server=corp.proxy:8080@4");
    }

    @Test
    void koreanInCp949() throws IOException {
        DetectedSample.read("proxy.txt", "winhttp-proxy-ko.txt", "CP949")
                .assertKind("winhttp-proxy", "x-windows-949")
                .assertFacts("proxy.winhttp.server=proxy.contoso.local:8080@4");
        DetectedSample.read("proxy.txt", "winhttp-proxy-ko-direct.txt", "CP949")
                .assertKind("winhttp-proxy", "x-windows-949")
                .assertFacts("proxy.winhttp.direct=true@4");
    }

    @Test
    void koreanInUtf16() throws IOException {
        DetectedSample.read("output_04.txt", "winhttp-proxy-ko-direct.txt", "UTF-16LE-BOM")
                .assertKind("winhttp-proxy", "UTF-16LE")
                .assertFacts("proxy.winhttp.direct=true@4");
    }

    @Test
    void russianBypassListFollowsTheServer() throws IOException {
        DetectedSample.read("proxy.txt", "winhttp-proxy-ru.txt", "UTF-16LE-BOM")
                .assertKind("winhttp-proxy", "UTF-16LE")
                .assertFacts("proxy.winhttp.server=10.10.0.5:3128@4", "proxy.winhttp.bypass=*.corp.local;<local>@5");
    }

    @Test
    void unknownLanguageInWindows1252ByShape() throws IOException {
        DetectedSample.read("proxy.txt", "winhttp-proxy-fr.txt", "windows-1252")
                .assertKind("winhttp-proxy", "windows-1252")
                .assertFacts("proxy.winhttp.server=proxy.contoso.fr:3128@4", "proxy.winhttp.direct=true@9");
    }

    @Test
    void detection() {
        assertEquals(90, DetectedSample.detect(parser, "a.txt", Samples.text("facts", "winhttp-proxy-ko.txt")));
        assertEquals(90, DetectedSample.detect(parser, "a.txt", Samples.text("detect", "netsh-proxy-en.txt")));
        assertEquals(70, DetectedSample.detect(parser, "a.txt", "Current WinHTTP proxy settings:\r\n\r\n"));
        assertEquals(0, DetectedSample.detect(parser, "a.txt",
                "Current WinHTTP advanced proxy settings:\r\n\r\n{\r\n\t\"ProxyIsEnabled\":\tfalse\r\n}\r\n"));
        assertEquals(0, DetectedSample.detect(parser, "a.txt", "C:\\>netsh winhttp show proxy\r\nAccess is denied.\r\n"));
        DetectedSample.assertClaimsNoOtherSample(parser, "winhttp-proxy-");
    }

    @Test
    void nearMissIsNotWinHttpProxy() throws IOException {
        // the WinINET proxy of Internet Options, exported as list view, is another capture
        String text = "\r\nProxyEnable   : 1\r\nProxyServer   : corp.proxy:8080\r\nProxyOverride : <local>\r\n";
        assertEquals(0, DetectedSample.detect(parser, "proxy.txt", text));
        DetectedSample s = DetectedSample.read("proxy.txt", "defender-preference-short.txt", "UTF-16LE-BOM");
        assertNotEquals("winhttp-proxy", s.detection.kind());
    }
}
