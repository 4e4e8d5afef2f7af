package dev.bundleanalyzer.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The literals one scan finds are those a search for each would find, ignoring case. */
class LiteralScannerTest {

    @Test
    void overlappingAndNestedLiteralsAreAllFound() {
        LiteralScanner s = new LiteralScanner(List.of("he", "she", "his", "hers", "0x1fc07"));
        assertArrayEquals(bits(0, 1, 3), scan(s, "uSHErs"));
        assertArrayEquals(bits(4), scan(s, "error [0x1FC07]."));
        assertArrayEquals(bits(), scan(s, "nothing to see: h-e, s h e"));
        assertArrayEquals(bits(), scan(s, null));
        // the Kelvin sign lower-cases to k, as the index's lower-casing reads it
        assertArrayEquals(bits(0), scan(new LiteralScanner(List.of("kb")), "\u212AB123"));
    }

    @Test
    void agreesWithOneSearchPerLiteralOnRandomText() {
        agreesOnRandomText(new Random(7), 150, 5, "abcde 0x", 1); // more than 64: bitsets of several words
    }

    /** Literals of two chars or more are found by their first pair, not by the automaton. */
    @Test
    void literalsOfTwoCharsOrMoreAgreeAsWell() {
        agreesOnRandomText(new Random(8), 150, 6, "abcde 0x", 2);
        agreesOnRandomText(new Random(10), 40, 8, "abcdefghijklmnopqrstuvwxyz0123456789 :=/<-", 2);
    }

    /** Long literals only, and few: most pairs start none. */
    @Test
    void longLiteralsAgreeAsWell() {
        agreesOnRandomText(new Random(12), 60, 12, "abcdef0123 x", 5);
        agreesOnRandomText(new Random(13), 3, 9, "ab", 7);
    }

    /** So many long literals that the automaton takes the wide table rather than the compact one. */
    @Test
    void aLargeAutomatonAgreesAsWell() {
        agreesOnRandomText(new Random(9), 3000, 12, "abcdefghijklmnopqrstuvwxyz0123456789 ", 1);
    }

    private static void agreesOnRandomText(Random random, int count, int maxLength, String alphabet, int minLength) {
        List<String> literals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String w = word(random, minLength + random.nextInt(maxLength - minLength + 1), alphabet);
            if (!w.isBlank()) {
                literals.add(w);
            }
        }
        List<String> distinct = literals.stream().distinct().toList();
        LiteralScanner scanner = new LiteralScanner(distinct);
        for (int t = 0; t < 2000; t++) {
            String text = word(random, random.nextInt(80), alphabet);
            if (random.nextInt(4) == 0) {
                // a literal inside, so that the large automaton finds something too
                text = text + distinct.get(random.nextInt(distinct.size())) + word(random, 5, alphabet);
            }
            if (random.nextBoolean()) {
                text = text.toUpperCase(Locale.ROOT);
            }
            long[] expected = new long[(distinct.size() + 63) / 64];
            for (int i = 0; i < distinct.size(); i++) {
                if (text.toLowerCase(Locale.ROOT).contains(distinct.get(i))) {
                    expected[i >>> 6] |= 1L << i;
                }
            }
            long[] found = new long[expected.length];
            scanner.scan(text, found);
            assertArrayEquals(expected, found, text);
            // the same text as bytes, amid other bytes that must not count
            byte[] bytes = ("zq" + text + "xj").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            java.util.Arrays.fill(found, -1L);
            scanner.scan(bytes, 2, bytes.length - 2, found);
            assertArrayEquals(expected, found, "as bytes: " + text);
        }
    }

    @Test
    void refusesWhatItCannotFind() {
        assertThrows(IllegalArgumentException.class, () -> new LiteralScanner(List.of("")));
        assertThrows(IllegalArgumentException.class, () -> new LiteralScanner(List.of("Upper")));
        assertThrows(IllegalArgumentException.class, () -> new LiteralScanner(List.of("m\u00fcll")));
    }

    /** Text over a small alphabet, so that literals occur often. */
    private static String word(Random random, int length, String alphabet) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static long[] scan(LiteralScanner s, String text) {
        long[] found = new long[1];
        s.scan(text, found);
        return found;
    }

    private static long[] bits(int... ids) {
        long[] b = new long[1];
        for (int id : ids) {
            b[0] |= 1L << id;
        }
        return b;
    }
}
