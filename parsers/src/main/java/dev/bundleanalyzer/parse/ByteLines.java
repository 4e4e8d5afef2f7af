package dev.bundleanalyzer.parse;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/**
 * The lines of a text as bytes, without decoding them: a parser that reads columns of ASCII delimiters (trace
 * logs) finds them in the bytes and decodes only what it keeps. Lines end at LF, CR or CRLF, as with
 * {@link ParseInput#reader()}, and a line longer than {@link TextLimits#maxLineChars()} characters is cut to that
 * length, the cut recorded in {@link TextLimits}: the same lines, decoded, as that reader gives. The charset
 * must keep ASCII bytes for ASCII characters and never use the bytes of CR and LF inside another character
 * ({@link ParseInput#lineBytes()} gives such a stream). Not thread-safe.
 */
public final class ByteLines implements Closeable {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LFS = ONES * '\n';
    private static final long CRS = ONES * '\r';
    static final int FIRST_BUFFER = 1 << 16;

    private final InputStream in;
    private final Charset charset;
    private final TextLimits limits;
    private final int maxChars;
    /** Bytes of a line kept at most: enough for {@link #maxChars} characters of the charset. */
    private final int maxBytes;
    private byte[] buf = new byte[FIRST_BUFFER];
    private int pos;
    private int lim;
    private boolean skipLf;
    private boolean eof;
    private long lineNo;

    private byte[] line;
    private int start;
    private int end;
    /** Whether the current line is ASCII: -1 until asked (only a skimming parser asks), then 0 or 1. */
    private int ascii;

    public ByteLines(InputStream in, Charset charset, TextLimits limits) {
        this.in = in;
        this.charset = charset;
        this.limits = limits;
        this.maxChars = limits.maxLineChars();
        float perChar = Math.max(1f, charset.newEncoder().maxBytesPerChar());
        this.maxBytes = (int) Math.min(Integer.MAX_VALUE - 16, (long) Math.ceil(perChar) * maxChars);
    }

    /** Moves to the next line; false at the end of the text. */
    public boolean next() throws IOException {
        while (true) {
            if (pos >= lim && !fill()) {
                return false;
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            break;
        }
        int from = pos;
        int stop = terminator(buf, from, lim);
        while (stop < 0) {
            // the line goes on past the bytes at hand: keep it whole in the buffer, up to the limit
            if (lim - from >= maxBytes) {
                return longLine(from);
            }
            if (from > 0) {
                System.arraycopy(buf, from, buf, 0, lim - from);
                lim -= from;
                from = 0;
            } else if (lim == buf.length) {
                buf = java.util.Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxBytes + 16L));
            }
            int scanned = lim;
            pos = from;
            if (!read()) {
                // the last line of a text without a final break
                set(buf, from, lim);
                pos = lim;
                lineNo++;
                return cutIfLong();
            }
            stop = terminator(buf, scanned, lim);
        }
        skipLf = buf[stop] == '\r';
        pos = stop + 1;
        set(buf, from, stop);
        lineNo++;
        return cutIfLong();
    }

    /** The bytes of the current line are {@code bytes()[start(), end())}, valid until the next call of {@link #next}. */
    public byte[] bytes() {
        return line;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    /** True when every byte of the current line is ASCII. */
    public boolean ascii() {
        if (ascii < 0) {
            ascii = isAscii(line, start, end) ? 1 : 0;
        }
        return ascii == 1;
    }

    /** The charset of the bytes. */
    public Charset charset() {
        return charset;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void set(byte[] bytes, int from, int to) {
        line = bytes;
        start = from;
        end = to;
        ascii = -1;
    }

    /**
     * The first CR or LF in {@code b[from, to)}, or -1: eight bytes at a time, as most of a log is the text between
     * its breaks.
     */
    static int terminator(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long word = (long) LONGS.get(b, i);
            long lf = word ^ LFS;
            long cr = word ^ CRS;
            // a zero byte sets its high bit here; bits above the first zero may be wrong, its own never is
            long hit = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n' || b[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** The first {@code value} in {@code b[from, to)}, or -1: eight bytes at a time, as {@link #terminator}. */
    public static int indexOf(byte[] b, int from, int to, byte value) {
        long pattern = ONES * (value & 0xFF);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ pattern;
            long hit = (x - ONES) & ~x & HIGHS;
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    static boolean isAscii(byte[] b, int from, int to) {
        int i = from;
        long any = 0;
        for (; i + 8 <= to; i += 8) {
            any |= (long) LONGS.get(b, i);
        }
        for (; i < to; i++) {
            any |= b[i];
        }
        return (any & HIGHS) == 0;
    }

    /** Reads more bytes at {@code lim}; false at the end of the stream. */
    private boolean read() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        do {
            n = in.read(buf, lim, buf.length - lim);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        lim += n;
        return true;
    }

    private boolean fill() throws IOException {
        pos = 0;
        lim = 0;
        return read();
    }

    /** A line of more bytes than the limit holds: the first {@link #maxBytes} are kept, the rest read and dropped. */
    private boolean longLine(int from) throws IOException {
        CharsetDecoder counter = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        // the kept bytes end where a char ends: one cut in two would count as two malformed ones
        ByteBuffer head = ByteBuffer.wrap(buf, from, maxBytes);
        CharBuffer keptChars = CharBuffer.allocate(maxBytes);
        counter.decode(head, keptChars, false);
        String text = keptChars.flip().toString();
        int keptBytes = head.position() - from;
        CharBuffer chars = CharBuffer.allocate(8192);
        long dropped = 0;
        ByteBuffer rest = ByteBuffer.allocate(buf.length + 8);
        rest.put(buf, from + keptBytes, lim - from - keptBytes);
        pos = lim;
        boolean ended = false;
        while (true) {
            rest.flip();
            int stop = terminator(rest.array(), rest.position(), rest.limit());
            if (stop >= 0) {
                skipLf = rest.array()[stop] == '\r';
                int after = stop + 1;
                // what followed the break goes back to the buffer, for the next line
                System.arraycopy(rest.array(), after, buf, 0, rest.limit() - after);
                pos = 0;
                lim = rest.limit() - after;
                rest.limit(stop);
                ended = true;
            }
            dropped += count(counter, rest, chars, ended);
            if (ended) {
                break;
            }
            rest.compact();
            int n;
            do {
                n = in.read(rest.array(), rest.position(), rest.remaining());
            } while (n == 0);
            if (n < 0) {
                eof = true;
                rest.flip();
                dropped += count(counter, rest, chars, true);
                pos = lim = 0;
                break;
            }
            rest.position(rest.position() + n);
        }
        lineNo++;
        if (text.length() > maxChars) {
            dropped += text.length() - maxChars;
            text = text.substring(0, maxChars);
        }
        byte[] bytes = text.getBytes(charset);
        set(bytes, 0, bytes.length);
        if (dropped > 0) {
            limits.lineCut(lineNo, dropped);
        }
        return true;
    }

    /** Characters decoded from {@code bytes}; a character cut at the end waits for more unless {@code last}. */
    private static long count(CharsetDecoder decoder, ByteBuffer bytes, CharBuffer chars, boolean last) {
        long n = 0;
        while (true) {
            chars.clear();
            var result = decoder.decode(bytes, chars, last);
            n += chars.position();
            if (result.isUnderflow()) {
                break;
            }
        }
        if (last) {
            chars.clear();
            decoder.flush(chars);
            n += chars.position();
            decoder.reset();
        }
        return n;
    }

    /** Cuts a line of more characters than the limit (only a line of more bytes than that can be one). */
    private boolean cutIfLong() {
        if (end - start <= maxChars) {
            return true;
        }
        String text = new String(line, start, end - start, charset);
        if (text.length() > maxChars) {
            limits.lineCut(lineNo, text.length() - maxChars);
            byte[] bytes = text.substring(0, maxChars).getBytes(charset);
            set(bytes, 0, bytes.length);
        }
        return true;
    }
}
