package dev.bundleanalyzer.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bundleanalyzer.parse.Samples;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Samples are UTF-8 text files under {@code src/test/resources/dev/bundleanalyzer/detect/}; each test writes them
 * in the encoding under test with {@link Samples#encode}.
 */
class CharsetDetectorTest {

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
        // sample,               written as,    detected charset, BOM bytes
        "netsh-proxy-en.txt,     UTF-16LE-BOM,  UTF-16LE,      2",
        "netsh-proxy-ko.txt,     UTF-16LE-BOM,  UTF-16LE,      2",
        "netsh-proxy-en.txt,     UTF-16BE-BOM,  UTF-16BE,      2",
        "netsh-proxy-ko.txt,     UTF-8-BOM,     UTF-8,         3",
        "netsh-proxy-ko.txt,     UTF-8,         UTF-8,         0",
        "sc-query-de.txt,        UTF-8,         UTF-8,         0",
        "netsh-proxy-en.txt,     UTF-8,         UTF-8,         0",
        "netsh-proxy-en.txt,     UTF-16LE,      UTF-16LE,      0",
        "sc-query-de.txt,        UTF-16LE,      UTF-16LE,      0",
        "netsh-proxy-en.txt,     UTF-16BE,      UTF-16BE,      0",
        "netsh-proxy-ko.txt,     CP949,         x-windows-949, 0",
        "sc-query-de.txt,        windows-1252,  windows-1252,  0",
        "README.txt,             UTF-8,         UTF-8,         0",
        "events.csv,             UTF-16LE-BOM,  UTF-16LE,      2",
    })
    void detectsCharset(String sample, String encoding, String charset, int bom) {
        String text = Samples.text("detect", sample);
        byte[] bytes = Samples.encode(text, encoding);
        CharsetDetector.Result r = CharsetDetector.detect(bytes);
        assertEquals(charset, r.charset().name());
        assertEquals(bom, r.bomLength());
        // and the text reads back as written
        assertEquals(text, new String(bytes, bom, bytes.length - bom, r.charset()));
    }

    @Test
    void utf8CutInsideACharacterAtTheEndOfTheSampleIsStillUtf8() {
        byte[] bytes = "Überprüfung läuft: 프록시".getBytes(StandardCharsets.UTF_8);
        for (int cut = bytes.length - 1; cut > bytes.length - 3; cut--) {
            assertEquals(StandardCharsets.UTF_8, CharsetDetector.detect(bytes, 0, cut).charset(), "cut at " + cut);
        }
    }

    @Test
    void cp949CutAfterALeadByteIsStillKorean() {
        byte[] bytes = Samples.encode(Samples.text("detect", "netsh-proxy-ko.txt").strip(), "CP949");
        // "(없음)" ends the text: cut inside its last Hangul syllable
        int cut = bytes.length - 2;
        assertEquals(CharsetDetector.CP949, CharsetDetector.detect(bytes, 0, cut).charset());
    }

    @Test
    void westernTextWithAccentsIsNotTakenForKorean() {
        byte[] bytes = "Größe: 5 MB, Überprüfung läuft, café, naïve, Müller".getBytes(CharsetDetector.WINDOWS_1252);
        assertEquals(CharsetDetector.WINDOWS_1252, CharsetDetector.detect(bytes).charset());
    }

    @Test
    void nulBytesOrControlBytesMeanBinary() {
        byte[] exe = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0, (byte) 0xB8, 0,
            0, 0, 0, 0, 0, 0, '@', 0, 0, 0, 0, 0, 0, 0};
        assertNull(CharsetDetector.detect(exe));
        byte[] controls = new byte[200];
        for (int i = 0; i < controls.length; i++) {
            controls[i] = (byte) (i % 3 == 0 ? 0x01 : 'a' + i % 26);
        }
        assertNull(CharsetDetector.detect(controls));
        byte[] zeros = new byte[64];
        assertNull(CharsetDetector.detect(zeros));
        byte[] evtx = Arrays.copyOf("ElfFile\0".getBytes(StandardCharsets.US_ASCII), 128);
        evtx[8] = 1;
        evtx[40] = (byte) 0x80;
        assertNull(CharsetDetector.detect(evtx));
    }

    @Test
    void nulPaddingAtTheEndIsStillText() {
        byte[] bytes = Arrays.copyOf("0900\t0CF4\t05/09\t16:00:45.120\tline\r\n".getBytes(StandardCharsets.US_ASCII), 200);
        assertEquals(StandardCharsets.UTF_8, CharsetDetector.detect(bytes).charset());
    }

    @Test
    void emptyIsUtf8Text() {
        assertEquals(StandardCharsets.UTF_8, CharsetDetector.detect(new byte[0]).charset());
    }
}
