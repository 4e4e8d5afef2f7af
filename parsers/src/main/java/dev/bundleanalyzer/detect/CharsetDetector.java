package dev.bundleanalyzer.detect;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Tells the charset of the first bytes of a file, or that they are not text.
 *
 * <p>Order of the checks, after what Windows tools write (Windows PowerShell 5.1 {@code >} and {@code Out-File}
 * write UTF-16LE with a BOM, {@code Start-Transcript} UTF-8 with a BOM, {@code Set-Content} and {@code cmd.exe}
 * redirection the ANSI or OEM code page, cp949 on a Korean system):
 * <ol>
 *   <li>byte-order mark: {@code EF BB BF} UTF-8, {@code FF FE} UTF-16LE, {@code FE FF} UTF-16BE;</li>
 *   <li>UTF-16 without a BOM: in text that is mostly ASCII, one byte of each pair is zero;</li>
 *   <li>binary: a NUL byte (other than a run of NULs padding the end) or more than 5 % control bytes;</li>
 *   <li>UTF-8 when the bytes are valid UTF-8 (plain ASCII included); a sequence cut by the end of the sample
 *       is tolerated;</li>
 *   <li>cp949 ({@code x-windows-949}) when the high bytes pair up as Korean double-byte characters, mostly in
 *       the Hangul syllable rows;</li>
 *   <li>else windows-1252.</li>
 * </ol>
 * Stateless; safe to call from any thread.
 */
public final class CharsetDetector {

    /** Korean Windows ANSI code page (Unified Hangul Code, a superset of EUC-KR). */
    public static final Charset CP949 = Charset.forName("x-windows-949");
    /** Western Windows ANSI code page; the fallback for 8-bit text that is neither UTF-8 nor Korean. */
    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /**
     * A detected charset.
     *
     * @param charset   charset of the text
     * @param bomLength bytes of byte-order mark at the start (0, 2 or 3) to skip before decoding
     */
    public record Result(Charset charset, int bomLength) {
    }

    private static final Result UTF8 = new Result(StandardCharsets.UTF_8, 0);
    private static final Result UTF8_BOM = new Result(StandardCharsets.UTF_8, 3);
    private static final Result UTF16LE = new Result(StandardCharsets.UTF_16LE, 0);
    private static final Result UTF16LE_BOM = new Result(StandardCharsets.UTF_16LE, 2);
    private static final Result UTF16BE = new Result(StandardCharsets.UTF_16BE, 0);
    private static final Result UTF16BE_BOM = new Result(StandardCharsets.UTF_16BE, 2);
    private static final Result KOREAN = new Result(CP949, 0);
    private static final Result WESTERN = new Result(WINDOWS_1252, 0);

    private CharsetDetector() {
    }

    /** The charset of {@code bytes}, or {@code null} when they are not text. */
    public static Result detect(byte[] bytes) {
        return detect(bytes, 0, bytes.length);
    }

    /** The charset of {@code bytes[offset, offset + length)}, or {@code null} when they are not text. */
    public static Result detect(byte[] b, int offset, int length) {
        int from = offset;
        int to = offset + length;
        if (length >= 3 && (b[from] & 0xFF) == 0xEF && (b[from + 1] & 0xFF) == 0xBB && (b[from + 2] & 0xFF) == 0xBF) {
            return UTF8_BOM;
        }
        if (length >= 2 && (b[from] & 0xFF) == 0xFF && (b[from + 1] & 0xFF) == 0xFE) {
            return UTF16LE_BOM;
        }
        if (length >= 2 && (b[from] & 0xFF) == 0xFE && (b[from + 1] & 0xFF) == 0xFF) {
            return UTF16BE_BOM;
        }
        if (length == 0) {
            return UTF8;
        }
        Result utf16 = bomlessUtf16(b, from, to);
        if (utf16 != null) {
            return utf16;
        }
        // a run of NULs at the end pads a pre-allocated log file; anything else with NULs is binary
        int end = to;
        while (end > from && b[end - 1] == 0) {
            end--;
        }
        if (end == from) {
            return null;
        }
        int controls = 0;
        boolean ascii = true;
        for (int i = from; i < end; i++) {
            int c = b[i] & 0xFF;
            if (c < 0x20) {
                if (c == 0) {
                    return null;
                }
                if (c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1A && c != 0x1B) {
                    controls++;
                }
            } else if (c >= 0x80) {
                ascii = false;
            }
        }
        if (controls * 20L > end - from) {
            return null;
        }
        if (ascii || isUtf8(b, from, end)) {
            return UTF8;
        }
        return looksKorean(b, from, end) ? KOREAN : WESTERN;
    }

    /**
     * UTF-16 without BOM: of the byte pairs, at least 40 % have a zero high byte and fewer than 10 % a zero low
     * byte, and the code units decode to few control characters.
     */
    private static Result bomlessUtf16(byte[] b, int from, int to) {
        int pairs = (to - from) / 2;
        if (pairs < 2) {
            return null;
        }
        int zeroEven = 0;
        int zeroOdd = 0;
        for (int i = from; i + 1 < to; i += 2) {
            if (b[i] == 0) {
                zeroEven++;
            }
            if (b[i + 1] == 0) {
                zeroOdd++;
            }
        }
        boolean le = zeroOdd * 10 >= pairs * 4 && zeroEven * 10 < pairs;
        boolean be = zeroEven * 10 >= pairs * 4 && zeroOdd * 10 < pairs;
        if (!le && !be) {
            return null;
        }
        int controls = 0;
        for (int i = from; i + 1 < to; i += 2) {
            int unit = le ? (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 : (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
            if (unit < 0x20 && unit != '\t' && unit != '\n' && unit != '\r' && unit != '\f') {
                controls++;
            }
        }
        if (controls * 20 > pairs) {
            return null;
        }
        return le ? UTF16LE : UTF16BE;
    }

    /** Strict UTF-8 (no overlong forms, no surrogates, at most U+10FFFF); a sequence cut at {@code to} is fine. */
    static boolean isUtf8(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int min2 = 0x80;
            int max2 = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                if (c == 0xE0) {
                    min2 = 0xA0;
                } else if (c == 0xED) {
                    max2 = 0x9F;
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                if (c == 0xF0) {
                    min2 = 0x90;
                } else if (c == 0xF4) {
                    max2 = 0x8F;
                }
            } else {
                return false;
            }
            for (int k = 1; k <= n; k++) {
                if (i + k >= to) {
                    return true; // cut by the end of the sample
                }
                int t = b[i + k] & 0xFF;
                int lo = k == 1 ? min2 : 0x80;
                int hi = k == 1 ? max2 : 0xBF;
                if (t < lo || t > hi) {
                    return false;
                }
            }
            i += n + 1;
        }
        return true;
    }

    /**
     * cp949 when every high byte is the lead of a double-byte character (lead 0x81-0xFE, trail 0x41-0x5A,
     * 0x61-0x7A or 0x81-0xFE) and at least half of those characters are in the KS X 1001 Hangul rows
     * (lead 0xB0-0xC8, trail 0xA1-0xFE). A lead byte cut by the end of the sample is tolerated.
     */
    static boolean looksKorean(byte[] b, int from, int to) {
        int pairs = 0;
        int hangul = 0;
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            if (c == 0x80 || c == 0xFF) {
                return false;
            }
            if (i + 1 >= to) {
                break;
            }
            int t = b[i + 1] & 0xFF;
            boolean trail = (t >= 0x41 && t <= 0x5A) || (t >= 0x61 && t <= 0x7A) || (t >= 0x81 && t <= 0xFE);
            if (!trail) {
                return false;
            }
            pairs++;
            if (c >= 0xB0 && c <= 0xC8 && t >= 0xA1) {
                hangul++;
            }
            i += 2;
        }
        return pairs > 0 && hangul * 2 >= pairs;
    }
}
