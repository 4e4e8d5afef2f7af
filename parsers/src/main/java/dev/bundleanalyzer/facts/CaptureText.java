package dev.bundleanalyzer.facts;

import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.ParseInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.regex.Pattern;
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

    /** A run of ASCII blanks (regex {@code \s+}), compiled once for the parsers that collapse them per line. */
    static final Pattern BLANKS = Pattern.compile("\\s+");

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
        if (s.isEmpty()) {
            return NONE;
        }
        // as s.split("\\s+"): runs of ASCII blanks separate; a stripped text neither starts nor ends with one
        int n = s.length();
        int count = 1;
        for (int i = 1; i < n; i++) {
            if (isRegexSpace(s.charAt(i)) && !isRegexSpace(s.charAt(i - 1))) {
                count++;
            }
        }
        if (count == 1) {
            return new String[] {s};
        }
        String[] out = new String[count];
        int k = 0;
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (isRegexSpace(s.charAt(i))) {
                if (start >= 0) {
                    out[k++] = s.substring(start, i);
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        out[k] = s.substring(start);
        return out;
    }

    /** A char of the regex class {@code \s} (without UNICODE_CHARACTER_CLASS): space, tab, LF, VT, FF, CR. */
    static boolean isRegexSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** True when the text is one or more ASCII digits (the regex {@code \d+}). */
    public static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
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
        if (multiplier > 1 && isDecimal(number)) {
            return Math.round(Double.parseDouble(number.replace(',', '.')) * multiplier);
        }
        String digits = withoutGrouping(number);
        if (!isWholeNumber(digits)) {
            return -1;
        }
        try {
            return Math.multiplyExact(Long.parseLong(digits), multiplier);
        } catch (ArithmeticException | NumberFormatException e) {
            return -1; // past what a long holds: not a size Windows prints
        }
    }

    /** True for {@code \d+([.,]\d+)?}: digits, with a decimal point or comma and more digits after it. */
    private static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0 || i == n) {
            return i > 0;
        }
        char c = s.charAt(i);
        if (c != '.' && c != ',') {
            return false;
        }
        int fraction = ++i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        return i > fraction && i == n;
    }

    /** The text without the digit-grouping chars Windows prints: {@code , . ' NBSP NNBSP} and ASCII blanks. */
    private static String withoutGrouping(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && !isGrouping(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n - 1).append(s, 0, i);
        for (i++; i < n; i++) {
            char c = s.charAt(i);
            if (!isGrouping(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isGrouping(char c) {
        return c == ',' || c == '.' || c == '\'' || c == '\u00A0' || c == '\u202F' || isRegexSpace(c);
    }

    /** True for {@code -?\d{1,19}}. */
    private static boolean isWholeNumber(String s) {
        int start = !s.isEmpty() && s.charAt(0) == '-' ? 1 : 0;
        int digits = s.length() - start;
        if (digits < 1 || digits > 19) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A fact read from line {@code index} (0-based) of the capture. */
    public static Fact fact(String key, String value, ParseInput input, List<String> lines, int index) {
        return new Fact(key, value, input.path(), index + 1, lines.get(index));
    }
}
