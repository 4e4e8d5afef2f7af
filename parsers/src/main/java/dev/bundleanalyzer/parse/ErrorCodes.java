package dev.bundleanalyzer.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds error IDs and HRESULTs in a message and writes them in one normal form, so that
 * {@code (ID: 34513)}, {@code Error 34506}, {@code Hr: = [0x80780054]} and {@code HResult: 80780049}
 * can be searched for and matched by rules whatever way the log wrote them.
 *
 * <p>Recognised forms:
 * <ul>
 *   <li>{@code (ID: 34513)}, {@code (ID:34513)}, {@code ID: 34513}: decimal ID after the word {@code ID} and a colon;</li>
 *   <li>{@code Error 34506}, {@code Error: 34506}: decimal number after the word {@code Error} (any case);</li>
 *   <li>{@code 0x1FC07}, {@code [0x1FC07]}, {@code (0x1873D)}, {@code Hr: = [0x80780054]}: hexadecimal with {@code 0x};</li>
 *   <li>{@code HResult: 80780049}, {@code DetailedHResult: 8007007B}: hexadecimal without {@code 0x} after
 *       {@code HResult};</li>
 *   <li>{@code error code: 1b7afbe0}: after {@code error code:} a token with a letter a-f, or of exactly eight
 *       digits, is hexadecimal; a shorter all-digit token is a decimal ID.</li>
 * </ul>
 *
 * <p>Normal form: decimal IDs as digits without leading zeros ({@code 34513}); hexadecimal codes as {@code 0x}
 * and upper-case digits without leading zeros ({@code 0x0001FC07} becomes {@code 0x1FC07}).
 * A number that is part of a longer number or word is never a code ({@code ID: 345130} is 345130, never 34513;
 * {@code x0x1FC07y} is nothing; a number without one of the keywords above, as in {@code Enumerated 34513 files},
 * is nothing). Zero (success) is not a code, nor is a hexadecimal value of more than eight digits (a 64-bit
 * pointer) or a decimal one of more than ten.
 *
 * <p>The scan is hand-written and allocation-free for messages without codes: it runs on every log line.
 */
public final class ErrorCodes {

    /** Longest decimal ID kept; longer digit runs are counters or sizes, not error IDs. */
    private static final int MAX_DECIMAL_DIGITS = 10;
    /** HRESULTs and Win32 codes are written with at most eight hex digits. */
    private static final int MAX_HEX_DIGITS = 8;

    private ErrorCodes() {
    }

    /**
     * The codes found in {@code text}, normalised, without duplicates, in order of first appearance.
     * Returns an immutable empty list when there are none.
     */
    public static List<String> extract(CharSequence text) {
        if (text == null) {
            return List.of();
        }
        return extract(text, 0, text.length());
    }

    /** The codes found in {@code text[from, to)}; see {@link #extract(CharSequence)}. */
    public static List<String> extract(CharSequence text, int from, int to) {
        List<String> out = null;
        int i = from;
        while (i < to) {
            long hit;
            switch (text.charAt(i)) {
                case '0':
                    hit = scanHexPrefixed(text, i, from, to);
                    break;
                case 'I':
                    hit = scanId(text, i, from, to);
                    break;
                case 'E':
                case 'e':
                    hit = scanError(text, i, from, to);
                    break;
                case 'H':
                case 'h':
                    hit = scanHresult(text, i, to);
                    break;
                default:
                    i++;
                    continue;
            }
            if (hit == NONE) {
                i++;
                continue;
            }
            int start = (int) ((hit >>> 31) & MASK);
            int end = (int) (hit & MASK);
            String code = (hit & HEX) != 0 ? hex(text, start, end) : decimal(text, start, end);
            if (code != null) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                if (!out.contains(code)) {
                    out.add(code);
                }
            }
            i = end;
        }
        return out == null ? List.of() : List.copyOf(out);
    }

    /**
     * The normal form of a code given by a user or a rule: {@code 34513}, {@code 034513}, {@code ID: 34513},
     * {@code 0x0001fc07}, {@code [0x1FC07]}, {@code 1b7afbe0} (hex digits with a letter are hexadecimal).
     *
     * @return the normal form, or {@code null} when {@code code} is not a code
     */
    public static String normalize(String code) {
        if (code == null) {
            return null;
        }
        String s = code.strip();
        int from = 0;
        int to = s.length();
        while (from < to && isBracket(s.charAt(from))) {
            from++;
        }
        while (to > from && isBracket(s.charAt(to - 1))) {
            to--;
        }
        if (from == to) {
            return null;
        }
        if (to - from > 2 && s.charAt(from) == '0' && (s.charAt(from + 1) == 'x' || s.charAt(from + 1) == 'X')) {
            return hexEnd(s, from + 2, to) == to ? hex(s, from + 2, to) : null;
        }
        boolean allDigits = true;
        boolean allHex = true;
        for (int k = from; k < to; k++) {
            char ch = s.charAt(k);
            allDigits &= ch >= '0' && ch <= '9';
            allHex &= Hex.value(ch) >= 0;
        }
        if (allDigits) {
            return decimal(s, from, to);
        }
        if (allHex) {
            return hex(s, from, to);
        }
        List<String> codes = extract(s);
        return codes.isEmpty() ? null : codes.get(0);
    }

    // ---- scanning -----------------------------------------------------------------------------------------
    // Each scan method looks at a keyword starting at i and returns NONE, or the digits it found packed as
    // (HEX flag | start << 31 | end); scanning resumes at end.

    private static final long NONE = -1L;
    private static final long HEX = 1L << 62;
    private static final long MASK = 0x7FFF_FFFFL;

    private static long hit(boolean hex, int start, int end) {
        return (hex ? HEX : 0L) | ((long) start << 31) | end;
    }

    /** {@code 0x1FC07}: not glued to a word or number on either side. */
    private static long scanHexPrefixed(CharSequence t, int i, int from, int to) {
        if (i + 2 >= to || (t.charAt(i + 1) != 'x' && t.charAt(i + 1) != 'X')) {
            return NONE;
        }
        if (i > from && isWordChar(t.charAt(i - 1))) {
            return NONE;
        }
        int end = hexEnd(t, i + 2, to);
        if (end == i + 2 || !endsToken(t, end, to)) {
            return NONE;
        }
        return hit(true, i + 2, end);
    }

    /** {@code ID: 34513} / {@code ID:34513}. */
    private static long scanId(CharSequence t, int i, int from, int to) {
        if (i + 1 >= to || t.charAt(i + 1) != 'D' || (i > from && isWordChar(t.charAt(i - 1)))) {
            return NONE;
        }
        int k = skipSpaces(t, i + 2, to);
        if (k >= to || t.charAt(k) != ':') {
            return NONE;
        }
        k = skipSpaces(t, k + 1, to);
        return decimalToken(t, k, to);
    }

    /** {@code Error 34506}, {@code Error: 34506}, {@code error code: 1b7afbe0}. */
    private static long scanError(CharSequence t, int i, int from, int to) {
        if (!regionMatchesLower(t, i, to, "error") || (i > from && isWordChar(t.charAt(i - 1)))) {
            return NONE;
        }
        int k = i + 5;
        if (k >= to || isWordChar(t.charAt(k))) {
            return NONE;
        }
        int afterWord = k;
        k = skipSpaces(t, k, to);
        if (regionMatchesLower(t, k, to, "code") && (k + 4 >= to || !isWordChar(t.charAt(k + 4)))) {
            k = skipSpaces(t, k + 4, to);
            if (k < to && (t.charAt(k) == ':' || t.charAt(k) == '=')) {
                k = skipSpaces(t, k + 1, to);
            }
            return codeToken(t, k, to);
        }
        if (k < to && t.charAt(k) == ':') {
            k = skipSpaces(t, k + 1, to);
        } else if (k == afterWord) {
            return NONE;
        }
        return decimalToken(t, k, to);
    }

    /** {@code HResult: 80780049}, {@code DetailedHResult: 8007007B}, {@code HRESULT=0x80070005}. */
    private static long scanHresult(CharSequence t, int i, int to) {
        if (!regionMatchesLower(t, i, to, "hresult")) {
            return NONE;
        }
        int k = skipSpaces(t, i + 7, to);
        if (k < to && (t.charAt(k) == ':' || t.charAt(k) == '=')) {
            k = skipSpaces(t, k + 1, to);
        } else if (k == i + 7) {
            return NONE;
        }
        if (k + 2 < to && t.charAt(k) == '0' && (t.charAt(k + 1) == 'x' || t.charAt(k + 1) == 'X')) {
            k += 2;
        }
        int end = hexEnd(t, k, to);
        if (end == k || !endsToken(t, end, to)) {
            return NONE;
        }
        return hit(true, k, end);
    }

    /** A decimal number at k that ends a token, or NONE. */
    private static long decimalToken(CharSequence t, int k, int to) {
        int end = k;
        while (end < to && isDigit(t.charAt(end))) {
            end++;
        }
        if (end == k || !endsToken(t, end, to)) {
            return NONE;
        }
        return hit(false, k, end);
    }

    /** After "error code:": 0x-prefixed or bare hex (with a letter, or 8 digits) is hex; other digits decimal. */
    private static long codeToken(CharSequence t, int k, int to) {
        if (k + 2 < to && t.charAt(k) == '0' && (t.charAt(k + 1) == 'x' || t.charAt(k + 1) == 'X')) {
            return NONE; // the 0x scan takes it when the loop reaches it
        }
        int end = hexEnd(t, k, to);
        if (end == k || !endsToken(t, end, to)) {
            return NONE;
        }
        boolean letter = false;
        for (int j = k; j < end; j++) {
            letter |= !isDigit(t.charAt(j));
        }
        return hit(letter || end - k == 8, k, end);
    }

    /**
     * True when a number ending at {@code end} is a whole token: not followed by a letter, digit or underscore,
     * and not by {@code .}, {@code ,} or {@code -} that continue it (a version {@code 5.1}, a GUID part).
     */
    private static boolean endsToken(CharSequence t, int end, int to) {
        if (end >= to) {
            return true;
        }
        char c = t.charAt(end);
        if (isWordChar(c)) {
            return false;
        }
        if ((c == '.' || c == ',' || c == '-') && end + 1 < to && isWordChar(t.charAt(end + 1))) {
            return false;
        }
        return true;
    }

    private static int skipSpaces(CharSequence t, int k, int to) {
        while (k < to && (t.charAt(k) == ' ' || t.charAt(k) == '\t')) {
            k++;
        }
        return k;
    }

    /** Case-insensitive match of a lower-case ASCII word at k. */
    private static boolean regionMatchesLower(CharSequence t, int k, int to, String lower) {
        int n = lower.length();
        if (k + n > to) {
            return false;
        }
        for (int j = 0; j < n; j++) {
            char c = t.charAt(k + j);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            if (c != lower.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordChar(char c) {
        if (c < 0x80) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }
        return Character.isLetterOrDigit(c);
    }

    private static boolean isBracket(char c) {
        return c == '[' || c == ']' || c == '(' || c == ')' || c == '{' || c == '}';
    }

    private static int hexEnd(CharSequence t, int i, int to) {
        while (i < to && Hex.value(t.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    /**
     * {@code 0x} + upper-case digits without leading zeros; null for zero and for more than eight digits (a
     * 64-bit value such as {@code 0x000000001B73B830} is a pointer, not a code).
     */
    private static String hex(CharSequence t, int from, int to) {
        if (to - from > MAX_HEX_DIGITS) {
            return null;
        }
        while (from < to && t.charAt(from) == '0') {
            from++;
        }
        int n = to - from;
        if (n == 0) {
            return null;
        }
        char[] out = new char[n + 2];
        out[0] = '0';
        out[1] = 'x';
        for (int j = 0; j < n; j++) {
            char c = t.charAt(from + j);
            out[j + 2] = c >= 'a' && c <= 'f' ? (char) (c - 32) : c;
        }
        return new String(out);
    }

    /** Digits without leading zeros; null for zero (no error) and when longer than an error ID can be. */
    private static String decimal(CharSequence t, int from, int to) {
        while (from < to && t.charAt(from) == '0') {
            from++;
        }
        if (from >= to || to - from > MAX_DECIMAL_DIGITS) {
            return null;
        }
        return t.subSequence(from, to).toString();
    }
}
