package dev.bundleanalyzer.facts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The char scans that replaced regexes compiled per call (CaptureText's tokens and byte sizes, the hex bytes of a
 * regedit export) against those regexes, kept here as they were.
 */
class CaptureTextFastPathsTest {

    private static final String[] PIECES = {"0", "7", "12", "812", "9", ",", ".", "'", " ", "  ", "\t", "\u000B",
        "\f", "\r", "\n", "\u00A0", "\u202F", "\u2003", "-", "a", "F", "x", "GB", " MB", "KB", "B", " bytes", "PB",
        "한", "٣", "１", ":", "(", "9999999999", ""};

    private static String generated(Random random, int maxPieces) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(maxPieces + 1);
        for (int i = 0; i < n; i++) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return s.toString();
    }

    @Test
    void tokensAreThoseOfTheBlankRegex() {
        Random random = new Random(3);
        for (int round = 0; round < 50_000; round++) {
            String line = generated(random, 12);
            assertArrayEquals(regexTokens(line), CaptureText.tokens(line), () -> "'" + line + "'");
        }
        assertArrayEquals(new String[] {"Running", "obengine", "Microsoft", "Azure"},
                CaptureText.tokens("  Running  obengine\tMicrosoft \u000B Azure \r\n"));
        assertArrayEquals(new String[] {"a\u00A0b", "c"}, CaptureText.tokens("\u2003a\u00A0b c\u2003"));
        assertArrayEquals(new String[0], CaptureText.tokens(" \t "));
    }

    @Test
    void bytesAreThoseOfTheRegexes() {
        Random random = new Random(5);
        for (int round = 0; round < 100_000; round++) {
            String text = generated(random, 8);
            assertEquals(regexBytes(text), CaptureText.parseBytes(text), () -> "'" + text + "'");
        }
        String[] table = {"812,733,878,272", "9,18,86,24,75,264", "812.733.878.272", "812 733 878 272",
            "812\u00A0733\u00A0878", "812\u202F733", "1'234'567", "107.46 GB", "107,46 GB", "1024 MB", "0 B",
            "12 bytes", "-1,234", "--1", "1-2", "1.5", "1.5 B", ".5 GB", "5. GB", "1,2,3 KB", "9223372036854775807",
            "9223372036854775808", "-9223372036854775808", "9,999,999 PB", "١٢٣", "１２", "12 XB", "", " ", "GB",
            "1 2\t3\r4", "12\u2003345"};
        for (String text : table) {
            assertEquals(regexBytes(text), CaptureText.parseBytes(text), text);
        }
    }

    @Test
    void digitsAreAsciiDigits() {
        for (String s : new String[] {"", "0", "0123456789", "12a", "-1", "١", "１", " 1", "1 "}) {
            assertEquals(s.matches("\\d+"), CaptureText.isDigits(s), s);
        }
    }

    @Test
    void hexBytesAreThoseOfTheRegex() {
        String[] pieces = {"0", "a", "F", "4d", "00", "ff", "123", "g", ",", ",", ",", " ", "\t", "\u2003", "\u00A0",
            "-", "\\", "١", ""};
        Random random = new Random(9);
        for (int round = 0; round < 100_000; round++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(14);
            for (int i = 0; i < n; i++) {
                s.append(pieces[random.nextInt(pieces.length)]);
            }
            String list = s.toString();
            assertArrayEquals(regexHexBytes(list), RegistryParser.hexBytes(list), () -> "'" + list + "'");
        }
        assertArrayEquals(new byte[] {0x4d, 0, 0x61, (byte) 0xff, 0x0a}, RegistryParser.hexBytes("4d,00, 61 ,FF,a,,"));
        assertArrayEquals(null, RegistryParser.hexBytes("4d,000"));
    }

    // ---- the implementations before, as they were ----

    private static String[] regexTokens(String line) {
        String s = line.strip();
        return s.isEmpty() ? new String[0] : s.split("\\s+");
    }

    private static long regexBytes(String text) {
        String t = text.strip();
        int unitStart = t.length();
        while (unitStart > 0 && Character.isLetter(t.charAt(unitStart - 1))) {
            unitStart--;
        }
        String unit = t.substring(unitStart).toUpperCase(Locale.ROOT);
        String number = t.substring(0, unitStart).strip();
        long multiplier = switch (unit) {
            case "", "B", "BYTES" -> 1;
            case "KB" -> 1L << 10;
            case "MB" -> 1L << 20;
            case "GB" -> 1L << 30;
            case "TB" -> 1L << 40;
            case "PB" -> 1L << 50;
            default -> -1;
        };
        if (multiplier < 0 || number.isEmpty()) {
            return -1;
        }
        if (multiplier > 1 && number.matches("\\d+([.,]\\d+)?")) {
            return Math.round(Double.parseDouble(number.replace(',', '.')) * multiplier);
        }
        String digits = number.replaceAll("[,.\\s\\u00A0\\u202F']", "");
        if (!digits.matches("-?\\d{1,19}")) {
            return -1;
        }
        try {
            return Math.multiplyExact(Long.parseLong(digits), multiplier);
        } catch (ArithmeticException | NumberFormatException e) {
            return -1;
        }
    }

    private static byte[] regexHexBytes(String list) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : list.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (!p.matches("[0-9a-fA-F]{1,2}")) {
                return null;
            }
            out.write(Integer.parseInt(p, 16));
        }
        return out.toByteArray();
    }
}
