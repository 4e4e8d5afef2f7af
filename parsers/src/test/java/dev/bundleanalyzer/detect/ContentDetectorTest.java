package dev.bundleanalyzer.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.errlog.ErrlogParser;
import dev.bundleanalyzer.facts.ExecutionPolicyParser;
import dev.bundleanalyzer.facts.PsVersionParser;
import dev.bundleanalyzer.facts.PsVersionTableParser;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import dev.bundleanalyzer.parse.Samples;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentDetectorTest {

    private final ContentDetector detector = ContentDetector.standard();

    @Test
    void standardLoadsTheRegisteredParsersInOrder() {
        List<String> kinds = detector.parsers().stream().map(Parser::kind).toList();
        assertEquals(List.of("errlog", "ps-version-table", "ps-version", "execution-policy"), kinds.subList(0, 4));
        assertEquals(kinds.size(), new java.util.HashSet<>(kinds).size(), "each kind is registered once: " + kinds);
        assertSame(detector, ContentDetector.standard());
    }

    @ParameterizedTest(name = "{1} named {0} in {2}")
    @CsvSource({
        // entry name,                 sample,                          written as,    kind,             charset
        "output_01.txt,                facts/psversiontable-5.1.txt,   UTF-16LE-BOM,  ps-version-table, UTF-16LE",
        "output_01.txt,                facts/psversiontable-5.1.txt,   UTF-16LE,      ps-version-table, UTF-16LE",
        "capture.log,                  facts/psversiontable-4.0.txt,   UTF-8-BOM,     ps-version-table, UTF-8",
        "ps2.txt,                      facts/psversiontable-2.0-blocks.txt, UTF-8,    ps-version-table, UTF-8",
        "output_02.txt,                facts/psversion-5.1.txt,        UTF-16LE-BOM,  ps-version,       UTF-16LE",
        "output_03.txt,                facts/executionpolicy-right.txt, UTF-16LE-BOM, execution-policy, UTF-16LE",
        "policy.txt,                   facts/executionpolicy-left.txt, UTF-8,         execution-policy, UTF-8",
        "trace.txt,                    errlog/CBEngineCurr.errlog,     UTF-16LE-BOM,  errlog,           UTF-16LE",
        "Temp/CBEngineCurr.errlog,     errlog/CBEngine7.errlog,        UTF-16LE,      errlog,           UTF-16LE",
        "README.txt,                   detect/README.txt,              UTF-8,         unknown,          UTF-8",
        "events.csv,                   detect/events.csv,              UTF-16LE-BOM,  eventlog-csv,     UTF-16LE",
        "proxy.txt,                    detect/netsh-proxy-ko.txt,      CP949,         winhttp-proxy,    x-windows-949",
        "sc.txt,                       detect/sc-query-de.txt,         windows-1252,  services,         windows-1252",
    })
    void detectsByContent(String name, String sample, String encoding, String kind, String charset) {
        String pkg = sample.substring(0, sample.indexOf('/'));
        byte[] bytes = Samples.encode(Samples.text(pkg, sample.substring(pkg.length() + 1)), encoding);
        ContentDetector.Detection d = detector.detect(name, bytes);
        assertEquals(kind, d.kind());
        assertEquals(charset, d.charset().name());
        assertEquals(encoding.endsWith("-BOM") ? (encoding.startsWith("UTF-8") ? 3 : 2) : 0, d.bomLength());
        if (kind.equals("unknown")) {
            assertNull(d.parser());
            assertEquals(0, d.confidence());
        } else {
            assertEquals(kind, d.parser().kind());
            assertTrue(d.confidence() >= ContentDetector.MIN_CONFIDENCE, "confidence " + d.confidence());
        }
    }

    @Test
    void emptyErrlogIsKnownByItsNameAlone() {
        ContentDetector.Detection d = detector.detect("Temp/GatewayProvider0.errlog", new byte[0]);
        assertEquals("errlog", d.kind());
        assertEquals(60, d.confidence());
    }

    @Test
    void evtxByMagicWhateverTheName() {
        byte[] head = Arrays.copyOf("ElfFile\0".getBytes(StandardCharsets.US_ASCII), 4096);
        head[8] = 1;
        head[0x28] = (byte) 0x80;
        ContentDetector.Detection d = detector.detect("Application.dat", head);
        assertEquals("evtx", d.kind());
        assertEquals("evtx", d.parser().kind());
        assertNull(d.charset());
    }

    @Test
    void binaryWhenNotTextAndNotClaimed() {
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0x21, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7};
        ContentDetector.Detection d = detector.detect("data.bin", zip);
        assertEquals("binary", d.kind());
        assertNull(d.parser());
        assertNull(d.charset());
    }

    @Test
    void highestConfidenceWinsAndTiesGoToTheFirstRegistered() {
        Parser a = fixed("a", 70);
        Parser b = fixed("b", 80);
        Parser c = fixed("c", 80);
        assertEquals("b", new ContentDetector(List.of(a, b, c)).detect("x.txt", "text".getBytes()).kind());
        assertEquals("c", new ContentDetector(List.of(c, b, a)).detect("x.txt", "text".getBytes()).kind());
        assertEquals("unknown", new ContentDetector(List.of(fixed("low", 49))).detect("x.txt", "t".getBytes()).kind());
    }

    @Test
    void parsersSeeTheDecodedTextWithoutBomOrCutCharacter() {
        String[] seen = new String[1];
        Parser spy = new Parser() {
            @Override public String kind() { return "spy"; }
            @Override public int detect(ContentSample s) { seen[0] = s.text() + "|" + s.name(); return 0; }
            @Override public long parse(ParseInput input, RecordSink sink) { return 0; }
        };
        byte[] text = Samples.encode("프록시 서버", "UTF-8-BOM");
        byte[] cut = Arrays.copyOf(text, text.length - 1); // the last syllable loses its last byte
        new ContentDetector(List.of(spy)).detect("bundle.zip!/dir\\proxy.txt", cut);
        assertEquals("프록시 서|proxy.txt", seen[0]);
        byte[] utf16 = Samples.encode("Name  Value", "UTF-16LE-BOM");
        new ContentDetector(List.of(spy)).detect("a/b.txt", Arrays.copyOf(utf16, utf16.length - 1));
        assertEquals("Name  Valu|b.txt", seen[0]);
    }

    @Test
    void aParserThatFailsOnASampleDoesNotStopDetection() {
        Parser broken = new Parser() {
            @Override public String kind() { return "broken"; }
            @Override public int detect(ContentSample s) { throw new IllegalStateException("boom"); }
            @Override public long parse(ParseInput input, RecordSink sink) { return 0; }
        };
        ContentDetector d = new ContentDetector(List.of(broken, new ErrlogParser(), new PsVersionTableParser(),
                new PsVersionParser(), new ExecutionPolicyParser()));
        byte[] bytes = Samples.encode(Samples.text("facts", "psversion-2.0.txt"), "UTF-8");
        assertEquals("ps-version", d.detect("v.txt", bytes).kind());
    }

    @Test
    void onlyTheFirstSampleBytesAreLookedAt() {
        byte[] big = new byte[ContentDetector.SAMPLE_BYTES * 4];
        Arrays.fill(big, (byte) 'a');
        big[ContentDetector.SAMPLE_BYTES + 10] = 0; // a NUL beyond the sample does not make it binary
        ContentDetector.Detection d = detector.detect("big.txt", big);
        assertEquals("unknown", d.kind());
    }

    private static Parser fixed(String kind, int confidence) {
        return new Parser() {
            @Override public String kind() { return kind; }
            @Override public int detect(ContentSample s) { return confidence; }
            @Override public long parse(ParseInput input, RecordSink sink) { return 0; }
        };
    }
}
