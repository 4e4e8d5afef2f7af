package dev.bundleanalyzer.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.Samples;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class NetConnectionParserTest {

    private final NetConnectionParser parser = new NetConnectionParser();

    @Test
    void severalTestsInUtf16() throws IOException {
        DetectedSample s = DetectedSample.read("Test-NetConnection.txt", "net-connection-en.txt", "UTF-16LE-BOM")
                .assertKind("net-connection", "UTF-16LE");
        s.assertFacts(
                "netconn.www.msftncsi.com.resolved=true@5",
                "netconn.www.msftncsi.com.tcp=true@9",
                "netconn.login.microsoftonline.com.resolved=true@19",
                "netconn.login.microsoftonline.com.tcp=false@25",
                "netconn.nosuch.blob.core.windows.net.resolved=false@30",
                "netconn.nosuch.blob.core.windows.net.ping=false@37",
                "netconn.dc01.contoso.local.resolved=true@45",
                "netconn.dc01.contoso.local.ping=true@48");
        assertEquals("TcpTestSucceeded       : False", s.sink.fact("netconn.login.microsoftonline.com.tcp").text());
    }

    @Test
    void koreanWarningsInCp949() throws IOException {
        DetectedSample.read("output_11.txt", "net-connection-ko.txt", "CP949")
                .assertKind("net-connection", "x-windows-949")
                .assertFacts(
                        "netconn.login.microsoftonline.com.resolved=true@6",
                        "netconn.login.microsoftonline.com.tcp=false@12",
                        "netconn.pod01-rec2.krc.backup.windowsazure.com.resolved=false@15",
                        "netconn.pod01-rec2.krc.backup.windowsazure.com.ping=false@22");
    }

    @Test
    void emptyRemoteAddressWithoutAWarningIsUnresolved() throws IOException {
        String text = "\r\nComputerName   : backupsvc01\r\nRemoteAddress  :\r\nInterfaceAlias :\r\n"
                + "SourceAddress  :\r\nPingSucceeded  : False\r\n";
        assertEquals(90, DetectedSample.detect(parser, "a.txt", text));
        CollectingSink sink = new CollectingSink();
        parser.parse(Samples.input("a.txt", null, Samples.encode(text, "UTF-16LE-BOM")), sink);
        assertEquals(3, sink.fact("netconn.backupsvc01.resolved").line());
        assertEquals("false", sink.fact("netconn.backupsvc01.resolved").value());
        assertEquals("false", sink.fact("netconn.backupsvc01.ping").value());
    }

    @Test
    void resolutionWarnings() {
        assertEquals("nosuch.example", NetConnectionParser.resolutionFailure(
                "WARNING: Name resolution of nosuch.example failed -- Status: No such host is known"));
        assertEquals("srv01", NetConnectionParser.resolutionFailure("WARNING: Name resolution of srv01 failed"));
        assertNull(NetConnectionParser.resolutionFailure("WARNING: TCP connect to (20.190.128.1 : 443) failed"));
        assertNull(NetConnectionParser.resolutionFailure("경고: 20.190.128.1에 대한 Ping이 실패했습니다."));
    }

    @Test
    void detection() {
        assertEquals(90, DetectedSample.detect(parser, "a.txt", Samples.text("facts", "net-connection-en.txt")));
        assertEquals(60, DetectedSample.detect(parser, "a.txt", "WARNING: Name resolution of x.contoso.com failed\r\n"));
        assertEquals(80, DetectedSample.detect(parser, "a.txt",
                "ComputerName   : a.b\r\nRemoteAddress  : 1.2.3.4\r\nSourceAddress  : 10.0.0.4\r\n"));
        DetectedSample.assertClaimsNoOtherSample(parser, "net-connection-");
    }

    @Test
    void nearMissIsNotNetConnection() throws IOException {
        // Get-WmiObject Win32_ComputerSystem style output names a computer but tests nothing
        assertEquals(0, DetectedSample.detect(parser, "tnc.txt",
                "\r\nPSComputerName : FS03\r\nComputerName   : FS03\r\nDomain         : contoso.local\r\n"));
        DetectedSample s = DetectedSample.read("tnc.txt", "defender-preference-full.txt", "UTF-16LE-BOM");
        assertNotEquals("net-connection", s.detection.kind());
    }
}
