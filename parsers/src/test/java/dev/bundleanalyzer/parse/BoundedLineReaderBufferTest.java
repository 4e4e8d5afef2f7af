package dev.bundleanalyzer.parse;

import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The buffer that starts small and grows while reads fill it: the lines stay those of BufferedReader. */
class BoundedLineReaderBufferTest {

    /** Text lengths around each size the buffer takes on its way to the largest. */
    private static final int[] EDGES = {BoundedLineReader.FIRST_BUFFER, BoundedLineReader.FIRST_BUFFER * 4,
        BoundedLineReader.FIRST_BUFFER * 16, BoundedLineReader.MAX_BUFFER, BoundedLineReader.MAX_BUFFER * 3};

    private static String text(Random random, int length) {
        String[] ends = {"\r\n", "\n", "\r"};
        StringBuilder s = new StringBuilder(length + 100);
        while (s.length() < length) {
            int n = random.nextInt(random.nextInt(10) == 0 ? 3000 : 120);
            for (int i = 0; i < n; i++) {
                s.append((char) ('a' + random.nextInt(26)));
            }
            s.append(ends[random.nextInt(ends.length)]);
        }
        s.setLength(length);
        return s.toString();
    }

    @Test
    void linesAcrossEveryBufferSizeAreThoseOfBufferedReader() throws IOException {
        Random random = new Random(23);
        for (int edge : EDGES) {
            for (int delta = -3; delta <= 3; delta++) {
                String text = text(random, edge + delta);
                // a CR LF split over the buffer edge, and a line end right at it
                String split = text.length() <= edge + 1 ? text
                        : text.substring(0, edge - 1) + "\r\n" + text.substring(edge + 1);
                for (String t : new String[] {text, split}) {
                    assertEquals(lines(new BufferedReader(new StringReader(t))),
                            lines(new BoundedLineReader(new StringReader(t), new TextLimits(1 << 20))), "length " + t.length());
                    for (var charset : List.of(UTF_8, UTF_16LE)) {
                        BufferedReader reader = new ParseInput("x.txt", null, charset,
                                new ByteArrayInputStream(t.getBytes(charset))).reader();
                        assertEquals(lines(new BufferedReader(new StringReader(t))), lines(reader),
                                charset + " length " + t.length());
                    }
                }
            }
        }
    }

    @Test
    void aMarkHoldsWhileTheBufferGrows() throws IOException {
        Random random = new Random(29);
        for (int length : new int[] {100, 5_000, 40_000, 65_000}) {
            String text = text(random, length);
            BoundedLineReader reader = new BoundedLineReader(new StringReader(text), new TextLimits(1 << 20));
            reader.mark(1 << 16);
            while (reader.readLine() != null) {
                // read to the end, within the read-ahead
            }
            reader.reset();
            StringBuilder again = new StringBuilder();
            char[] chunk = new char[777];
            for (int n; (n = reader.read(chunk, 0, chunk.length)) > 0; ) {
                again.append(chunk, 0, n);
            }
            assertEquals(text, again.toString(), "length " + length);
        }
    }

    @Test
    void theCutOfALongLineIsTheSameWhereverTheBufferIs() throws IOException {
        String text = "short\r\n" + "y".repeat(70_000) + "\r\n" + "z".repeat(3_000) + "\nend";
        TextLimits limits = new TextLimits(2_000);
        List<String> lines = lines(new BoundedLineReader(new StringReader(text), limits));
        assertEquals(List.of("short", "y".repeat(2_000), "z".repeat(2_000), "end"), lines);
        assertEquals(2, limits.cutLines());
    }

    private static List<String> lines(BufferedReader reader) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line; (line = reader.readLine()) != null; ) {
            out.add(line);
        }
        return out;
    }
}
