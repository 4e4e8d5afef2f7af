package dev.bundleanalyzer.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

    @Test
    void givesTheSameLinesAsBufferedReaderWhateverTheBreaksAndBufferEdges() throws IOException {
        Random random = new Random(11);
        String[] pieces = {"a", "bc", "\r", "\n", "\r\n", "\n\r", "", "x".repeat(70_000), "한국어", "\uFFFD"};
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            // a reader that hands out few characters at a time puts every break on a buffer edge sometime
            List<String> expected = lines(new BufferedReader(new StringReader(text.toString())));
            List<String> actual = lines(new BoundedLineReader(new Trickle(text.toString(), random.nextInt(7) + 1),
                    new TextLimits(1 << 20)));
            assertEquals(expected, actual, "round " + round);
        }
    }

    @Test
    void aLineLongerThanTheLimitIsCutAndCounted() throws IOException {
        TextLimits limits = new TextLimits(100);
        String huge = "A".repeat(300_000);
        BoundedLineReader reader = new BoundedLineReader(new StringReader("first\r\n" + huge + "\r\nlast"), limits);

        assertEquals("first", reader.readLine());
        assertEquals("A".repeat(100), reader.readLine());
        assertEquals("last", reader.readLine());
        assertNull(reader.readLine());
        assertEquals(1, limits.cutLines());
        assertEquals("line 2 is longer than 100 characters: cut to that length, 299900 characters not read",
                limits.leftOut());
    }

    @Test
    void aFileThatIsOneHugeLineCostsTheLimitNotItsLength() throws IOException {
        TextLimits limits = new TextLimits(1 << 10);
        long length = 64L << 20;
        InputStream endless = new InputStream() {
            long left = length;

            @Override
            public int read() {
                return left-- > 0 ? 'z' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'z');
                left -= n;
                return n;
            }
        };
        ParseInput input = new ParseInput("huge.errlog", null, UTF_8, endless, null, limits);
        BufferedReader reader = input.reader();
        assertEquals(1 << 10, reader.readLine().length());
        assertNull(reader.readLine());
        assertEquals("line 1 is longer than 1024 characters: cut to that length, " + (length - 1024)
                + " characters not read", limits.leftOut());
    }

    @Test
    void markAndResetGoBackWithinTheReadAhead() throws IOException {
        BoundedLineReader reader = new BoundedLineReader(new Trickle("#TYPE x\r\na;b\r\n1;2\r\n", 3),
                new TextLimits(1 << 20));
        reader.mark(1 << 16);
        assertEquals("#TYPE x", reader.readLine());
        assertEquals("a;b", reader.readLine());
        reader.reset();
        char[] all = new char[64];
        int n = 0;
        for (int r; (r = reader.read(all, n, all.length - n)) > 0; ) {
            n += r;
        }
        assertEquals("#TYPE x\r\na;b\r\n1;2\r\n", new String(all, 0, n));
    }

    @Test
    void resetAfterReadingPastTheReadAheadIsAnError() throws IOException {
        BoundedLineReader reader = new BoundedLineReader(new StringReader("x".repeat(200_000) + "\n"),
                new TextLimits(1 << 20));
        reader.mark(10);
        reader.readLine();
        assertThrows(IOException.class, reader::reset);
    }

    @Test
    void malformedBytesBecomeReplacementCharacters() throws IOException {
        byte[] bytes = {'o', 'k', (byte) 0xC3, '\n', (byte) 0xFF, (byte) 0xFE, 'z', '\n'};
        BufferedReader reader = new ParseInput("x.log", null, UTF_8, new ByteArrayInputStream(bytes)).reader();
        assertEquals("ok\uFFFD", reader.readLine());
        assertEquals("\uFFFD\uFFFDz", reader.readLine());
        assertNull(reader.readLine());
    }

    private static List<String> lines(BufferedReader reader) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line; (line = reader.readLine()) != null; ) {
            out.add(line.length() > 40 ? line.length() + " chars" : line);
        }
        return out;
    }

    /** Hands out at most {@code step} characters per read. */
    private static final class Trickle extends Reader {
        private final String text;
        private final int step;
        private int pos;

        Trickle(String text, int step) {
            this.text = text;
            this.step = step;
        }

        @Override
        public int read(char[] b, int off, int len) {
            if (pos >= text.length()) {
                return -1;
            }
            int n = Math.min(Math.min(len, step), text.length() - pos);
            text.getChars(pos, pos + n, b, off);
            pos += n;
            return n;
        }

        @Override
        public void close() {
        }
    }
}
