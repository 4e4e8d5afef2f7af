package dev.bundleanalyzer.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The byte lines of a text, decoded, are the lines {@link ParseInput#reader()} gives, cuts and counts included. */
class ByteLinesTest {

    private static final String[] PIECES = {"a", "bc", "\r", "\n", "\r\n", "\n\r", "", "\t", "x".repeat(70_000),
        "한국어", "é", "\uD83D\uDE00", "0x1FC07 ", "y".repeat(300)};

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "UTF-16LE", "UTF-16BE", "windows-1252", "x-windows-949", "ISO-8859-1"})
    void givesTheReadersLinesWhateverTheBreaksBufferEdgesAndLimits(String name) throws IOException {
        Charset charset = Charset.forName(name);
        Random random = new Random(name.hashCode());
        for (int round = 0; round < 150; round++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            byte[] bytes = text.toString().getBytes(charset);
            int max = random.nextBoolean() ? 1 << 20 : 1 + random.nextInt(400);
            TextLimits readerLimits = new TextLimits(max);
            TextLimits byteLimits = new TextLimits(max);
            List<String> expected = new ArrayList<>();
            BufferedReader reader = new ParseInput("x", null, charset, new ByteArrayInputStream(bytes), null,
                    readerLimits).reader();
            for (String line; (line = reader.readLine()) != null; ) {
                expected.add(line);
            }
            List<String> actual = new ArrayList<>();
            int step = 1 + random.nextInt(9000);
            try (ByteLines lines = new ParseInput("x", null, charset, new Trickle(bytes, step), null, byteLimits)
                    .lineBytes()) {
                while (lines.next()) {
                    String line = new String(lines.bytes(), lines.start(), lines.end() - lines.start(), lines.charset());
                    assertEquals(isAscii(line), lines.ascii(), "round " + round);
                    actual.add(line);
                }
            }
            assertEquals(expected, actual, name + " round " + round + " limit " + max);
            assertEquals(readerLimits.leftOut(), byteLimits.leftOut(), name + " round " + round + " limit " + max);
        }
    }

    @Test
    void malformedBytesDecodeAsTheReaderDecodesThem() throws IOException {
        byte[] bytes = {'o', 'k', (byte) 0xC3, '\n', (byte) 0xFF, (byte) 0xFE, 'z', '\n'};
        List<String> lines = new ArrayList<>();
        try (ByteLines reader = new ParseInput("x.log", null, UTF_8, new ByteArrayInputStream(bytes)).lineBytes()) {
            while (reader.next()) {
                lines.add(new String(reader.bytes(), reader.start(), reader.end() - reader.start(), UTF_8));
                assertFalse(reader.ascii());
            }
        }
        assertEquals(List.of("ok\uFFFD", "\uFFFD\uFFFDz"), lines);
    }

    @Test
    void aHugeLineCostsTheLimitAndIsCounted() throws IOException {
        TextLimits limits = new TextLimits(1 << 10);
        long length = 64L << 20;
        byte[] tail = "\r\nnext".getBytes(StandardCharsets.US_ASCII);
        InputStream huge = new InputStream() {
            long left = length + tail.length;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    long at = length + tail.length - left + i;
                    b[off + i] = at < length ? (byte) 'z' : tail[(int) (at - length)];
                }
                left -= n;
                return n;
            }
        };
        try (ByteLines lines = new ParseInput("huge.errlog", null, UTF_8, huge, null, limits).lineBytes()) {
            assertTrue(lines.next());
            assertEquals(1 << 10, lines.end() - lines.start());
            assertTrue(lines.next());
            assertEquals("next", new String(lines.bytes(), lines.start(), lines.end() - lines.start(), UTF_8));
            assertFalse(lines.next());
        }
        assertEquals("line 1 is longer than 1024 characters: cut to that length, " + (length - 1024)
                + " characters not read", limits.leftOut());
    }

    @Test
    void findsEachBreakWhereverItFallsInAWord() {
        for (int len = 0; len < 20; len++) {
            for (int at = 0; at < len; at++) {
                for (byte brk : new byte[] {'\n', '\r'}) {
                    byte[] b = new byte[len];
                    java.util.Arrays.fill(b, (byte) 'q');
                    b[at] = brk;
                    assertEquals(at, ByteLines.terminator(b, 0, len), len + " " + at);
                }
            }
            byte[] none = new byte[len];
            java.util.Arrays.fill(none, (byte) 0x8A); // high bytes one bit from LF
            assertEquals(-1, ByteLines.terminator(none, 0, len));
            for (int at = 0; at < len; at++) {
                byte[] b = new byte[len];
                java.util.Arrays.fill(b, (byte) 0x89); // one bit from TAB
                b[at] = '\t';
                for (int from = 0; from <= len; from++) {
                    assertEquals(from <= at ? at : -1, ByteLines.indexOf(b, from, len, (byte) '\t'), len + " " + at);
                }
            }
        }
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 128);
    }

    /** Hands out at most {@code step} bytes per read. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final int step;
        private int pos;

        Trickle(byte[] bytes, int step) {
            this.bytes = bytes;
            this.step = step;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, step), bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
