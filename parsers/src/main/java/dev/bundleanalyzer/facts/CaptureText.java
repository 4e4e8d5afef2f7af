package dev.bundleanalyzer.facts;

import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.ParseInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Shared reading of command captures (console output saved to a file): small text files read whole, split
 * into lines and blank-separated tokens, {@code Label : value} pairs, and the human number forms Windows prints
 * (digit grouping of any locale, {@code 107.46 GB}).
 */
public final class CaptureText {

    /** Captures are small; past this many lines a file is not a capture of one command, and reading stops. */
    public static final int MAX_LINES = 200_000;

    /** ... and past this many characters in all (16 MiB of heap), whatever the line count. */
    public static final long MAX_CHARS = 8L << 20;

    private static final String[] NONE = new String[0];

    private CaptureText() {
    }

    /**
     * The lines of a capture, BOM removed, at most {@link #MAX_LINES} and {@link #MAX_CHARS}; index i is line
     * i + 1. Where it stops early it says so in {@link ParseInput#text()}, for the file's inventory line.
     */
    public static List<String> readLines(ParseInput input) throws IOException {
        List<String> lines = new ArrayList<>();
        long chars = 0;
        try (BufferedReader r = input.reader()) {
            String line;
            while ((line = r.readLine()) != null) {
                if (lines.size() == MAX_LINES || chars + line.length() > MAX_CHARS) {
                    input.text().stoppedEarly("only the first " + lines.size() + " lines were read (a command"
                            + " capture is not expected to pass " + MAX_LINES + " lines or " + MAX_CHARS + " characters)");
                    break;
                }
                if (lines.isEmpty() && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                chars += line.length();
                lines.add(line);
            }
        }
        return lines;
    }

    /** The blank-separated tokens of a line. */
    public static String[] tokens(String line) {
        String s = line.strip();
        return s.isEmpty() ? NONE : s.split("\\s+");
    }

    /**
     * Splits {@code Label : value} (any blanks around the first colon) into its trimmed label and value, or
     * returns {@code null} when the line has no colon or an empty label.
     */
    public static String[] labelValue(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String label = line.substring(0, colon).strip();
        return label.isEmpty() ? null : new String[] {label, line.substring(colon + 1).strip()};
    }

    /**
     * Bytes from the forms Windows prints: {@code 812,733,878,272}, Indian {@code 9,18,86,24,75,264},
     * {@code 812.733.878.272}, {@code 812 733 878 272}, {@code 107.46 GB}, {@code 1024 MB}, {@code 0 B};
     * -1 when the text holds no such number, or one past {@link Long#MAX_VALUE}.
     */
    public static long parseBytes(String text) {
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
            return -1; // past what a long holds: not a size Windows prints
        }
    }

    /** A fact read from line {@code index} (0-based) of the capture. */
    public static Fact fact(String key, String value, ParseInput input, List<String> lines, int index) {
        return new Fact(key, value, input.path(), index + 1, lines.get(index));
    }
}
