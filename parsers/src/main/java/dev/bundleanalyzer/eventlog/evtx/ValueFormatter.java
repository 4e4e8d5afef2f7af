package dev.bundleanalyzer.eventlog.evtx;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Text of the typed values of Binary XML, as the Windows event viewer writes them: decimal integers,
 * {@code 0x}-prefixed hexadecimal for the hex types, {@code {GUID}} in upper case, ISO-8601 UTC times with
 * seven fraction digits, {@code S-1-5-...} SIDs, upper-case hex for binary data. An element filled by an array
 * is repeated once per item by the renderer; as a single text, items are joined by commas.
 * One instance per reader (it keeps a character buffer); not thread-safe.
 */
final class ValueFormatter {

    private static final Charset ANSI = Charset.forName("windows-1252");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** Seconds from 1601-01-01 to 1970-01-01. */
    private static final long EPOCH_DIFF_SECONDS = 11_644_473_600L;
    private static final long TICKS_PER_SECOND = 10_000_000L;

    private char[] chars = new char[512];
    private final StringBuilder sb = new StringBuilder(128);

    /** UTF-16LE text of {@code byteLength} bytes, up to the first NUL character. */
    String utf16(byte[] d, int off, int byteLength) {
        int n = byteLength >> 1;
        if (n > chars.length) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        char[] c = chars;
        int len = 0;
        for (int i = 0, p = off; i < n; i++, p += 2) {
            char ch = (char) ((d[p] & 0xFF) | (d[p + 1] << 8));
            if (ch == 0) {
                break;
            }
            c[len++] = ch;
        }
        return new String(c, 0, len);
    }

    /** The text of a value; Binary XML values are not text and give an empty string here. */
    String format(byte[] d, int off, int size, int type) {
        if (size <= 0) {
            return "";
        }
        if (type == Values.STRING) {
            return utf16(d, off, size);
        }
        if ((type & Values.ARRAY) != 0) {
            return formatArray(d, off, size, type & ~Values.ARRAY);
        }
        if (type == Values.ANSI_STRING) {
            return ansi(d, off, size);
        }
        sb.setLength(0);
        append(sb, d, off, size, type);
        return sb.toString();
    }

    private String ansi(byte[] d, int off, int size) {
        int n = 0;
        while (n < size && d[off + n] != 0) {
            n++;
        }
        return new String(d, off, n, ANSI);
    }

    private String formatArray(byte[] d, int off, int size, int type) {
        return String.join(",", items(d, off, size, type));
    }

    /**
     * The items of an array value ({@code type} without the array flag): NUL-separated strings, or fixed-size
     * items; an array of a variable-size type other than strings is one hex item.
     */
    String[] items(byte[] d, int off, int size, int type) {
        List<String> out = new ArrayList<>();
        if (type == Values.STRING || type == Values.ANSI_STRING) {
            int unit = type == Values.STRING ? 2 : 1;
            int end = off + size - size % unit;
            int start = off;
            for (int p = off; p < end; p += unit) {
                boolean nul = unit == 2 ? d[p] == 0 && d[p + 1] == 0 : d[p] == 0;
                if (nul || p + unit >= end) {
                    int stop = nul ? p : p + unit;
                    out.add(unit == 2 ? utf16(d, start, stop - start) : new String(d, start, stop - start, ANSI));
                    start = p + unit;
                }
            }
            return out.toArray(new String[0]);
        }
        int item = fixedSize(type);
        StringBuilder one = new StringBuilder(40);
        if (item <= 0) {
            appendHex(one, d, off, size);
            return new String[] {one.toString()};
        }
        for (int p = off; p + item <= off + size; p += item) {
            one.setLength(0);
            append(one, d, p, item, type);
            out.add(one.toString());
        }
        return out.toArray(new String[0]);
    }

    /** Size of one item of a fixed-size type, or 0 for variable-size types. */
    static int fixedSize(int type) {
        return switch (type) {
            case Values.INT8, Values.UINT8 -> 1;
            case Values.INT16, Values.UINT16 -> 2;
            case Values.INT32, Values.UINT32, Values.REAL32, Values.BOOL, Values.HEX_INT32 -> 4;
            case Values.INT64, Values.UINT64, Values.REAL64, Values.FILETIME, Values.HEX_INT64, Values.SIZE_T -> 8;
            case Values.GUID, Values.SYSTEMTIME -> 16;
            default -> 0;
        };
    }

    /** Appends the text of a scalar value of a fixed-size or binary type. */
    void append(StringBuilder out, byte[] d, int off, int size, int type) {
        switch (type) {
            case Values.NULL -> { }
            case Values.STRING -> out.append(utf16(d, off, size));
            case Values.ANSI_STRING -> out.append(ansi(d, off, size));
            case Values.INT8 -> out.append(d[off]);
            case Values.UINT8 -> out.append(d[off] & 0xFF);
            case Values.INT16 -> out.append(size >= 2 ? Bytes.i16(d, off) : d[off]);
            case Values.UINT16 -> out.append(unsigned(d, off, Math.min(size, 2)));
            case Values.INT32 -> out.append(size >= 4 ? Bytes.i32(d, off) : unsigned(d, off, size));
            case Values.UINT32 -> out.append(unsigned(d, off, Math.min(size, 4)));
            case Values.INT64 -> out.append(size >= 8 ? Bytes.i64(d, off) : unsigned(d, off, size));
            case Values.UINT64 -> out.append(Long.toUnsignedString(unsigned(d, off, Math.min(size, 8))));
            case Values.REAL32 -> out.append(size >= 4 ? Float.intBitsToFloat(Bytes.i32(d, off)) : 0f);
            case Values.REAL64 -> out.append(size >= 8 ? Double.longBitsToDouble(Bytes.i64(d, off)) : 0d);
            case Values.BOOL -> out.append(unsigned(d, off, Math.min(size, 8)) != 0 ? "true" : "false");
            case Values.GUID -> {
                if (size >= 16) {
                    appendGuid(out, d, off);
                } else {
                    appendHex(out, d, off, size);
                }
            }
            case Values.SIZE_T, Values.HEX_INT32, Values.HEX_INT64, Values.EVT_HANDLE ->
                    out.append("0x").append(Long.toHexString(unsigned(d, off, Math.min(size, 8))));
            case Values.FILETIME -> {
                if (size >= 8) {
                    appendFiletime(out, Bytes.i64(d, off));
                }
            }
            case Values.SYSTEMTIME -> appendSystemtime(out, d, off, size);
            case Values.SID -> appendSid(out, d, off, size);
            default -> appendHex(out, d, off, size);
        }
    }

    private static long unsigned(byte[] d, int off, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (d[off + i] & 0xFF);
        }
        return v;
    }

    static void appendHex(StringBuilder out, byte[] d, int off, int size) {
        for (int i = 0; i < size; i++) {
            int b = d[off + i] & 0xFF;
            out.append(HEX[b >>> 4]).append(HEX[b & 0xF]);
        }
    }

    private static void hex(StringBuilder out, long v, int digits) {
        for (int s = (digits - 1) * 4; s >= 0; s -= 4) {
            out.append(HEX[(int) (v >>> s) & 0xF]);
        }
    }

    static void appendGuid(StringBuilder out, byte[] d, int off) {
        out.append('{');
        hex(out, Bytes.u32(d, off), 8);
        out.append('-');
        hex(out, Bytes.u16(d, off + 4), 4);
        out.append('-');
        hex(out, Bytes.u16(d, off + 6), 4);
        out.append('-');
        appendHex(out, d, off + 8, 2);
        out.append('-');
        appendHex(out, d, off + 10, 6);
        out.append('}');
    }

    private static void appendSid(StringBuilder out, byte[] d, int off, int size) {
        if (size < 8) {
            appendHex(out, d, off, size);
            return;
        }
        int subCount = d[off + 1] & 0xFF;
        if (8 + 4 * subCount > size) {
            appendHex(out, d, off, size);
            return;
        }
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = (authority << 8) | (d[off + i] & 0xFF);
        }
        out.append("S-").append(d[off] & 0xFF).append('-').append(authority);
        for (int i = 0; i < subCount; i++) {
            out.append('-').append(Bytes.u32(d, off + 8 + 4 * i));
        }
    }

    private static void appendSystemtime(StringBuilder out, byte[] d, int off, int size) {
        if (size < 16) {
            appendHex(out, d, off, size);
            return;
        }
        pad(out, Bytes.u16(d, off), 4).append('-');
        pad(out, Bytes.u16(d, off + 2), 2).append('-');
        pad(out, Bytes.u16(d, off + 6), 2).append('T');
        pad(out, Bytes.u16(d, off + 8), 2).append(':');
        pad(out, Bytes.u16(d, off + 10), 2).append(':');
        pad(out, Bytes.u16(d, off + 12), 2).append('.');
        pad(out, Bytes.u16(d, off + 14), 3).append('Z');
    }

    /** Seconds since 1970 of a FILETIME (100 ns ticks since 1601). */
    static long epochSecond(long filetime) {
        return Math.floorDiv(filetime, TICKS_PER_SECOND) - EPOCH_DIFF_SECONDS;
    }

    static int nanos(long filetime) {
        return (int) Math.floorMod(filetime, TICKS_PER_SECOND) * 100;
    }

    /** {@code 2016-07-08T18:12:51.6816406Z}; an unsigned FILETIME past year 9999 is written in hex. */
    static void appendFiletime(StringBuilder out, long filetime) {
        if (filetime < 0 || filetime > 2_650_467_743_999_999_999L) {
            out.append("0x").append(Long.toHexString(filetime));
            return;
        }
        long seconds = epochSecond(filetime);
        long days = Math.floorDiv(seconds, 86_400L);
        int secOfDay = (int) Math.floorMod(seconds, 86_400L);
        // civil date from days since 1970-01-01 (proleptic Gregorian)
        long z = days + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097L;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        pad(out, (int) year, 4).append('-');
        pad(out, month, 2).append('-');
        pad(out, day, 2).append('T');
        pad(out, secOfDay / 3600, 2).append(':');
        pad(out, secOfDay / 60 % 60, 2).append(':');
        pad(out, secOfDay % 60, 2).append('.');
        pad(out, (int) Math.floorMod(filetime, TICKS_PER_SECOND), 7).append('Z');
    }

    private static StringBuilder pad(StringBuilder out, int v, int digits) {
        int p = 1;
        for (int i = 1; i < digits; i++) {
            p *= 10;
        }
        while (p > 1 && v < p) {
            out.append('0');
            p /= 10;
        }
        return out.append(v);
    }
}
