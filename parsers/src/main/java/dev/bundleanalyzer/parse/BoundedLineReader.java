package dev.bundleanalyzer.parse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A line reader that never holds more than a set number of characters of one line: the rest of a longer line
 * is read and dropped, and {@link TextLimits} counts it. A 500 MB line without a break therefore costs the
 * limit in memory, not 1 GB of heap. Lines end at LF, CR or CRLF, as with {@link BufferedReader}. Extends
 * {@link BufferedReader} so that parsers keep its API; its own buffer is not used. Not thread-safe.
 */
final class BoundedLineReader extends BufferedReader {

    private final Reader in;
    private final TextLimits limits;
    private final int max;
    /** The buffer a reader starts with: most captures of a bundle are smaller than this. */
    static final int FIRST_BUFFER = 1 << 10;
    /** The buffer grows, while reads fill it, up to this (a mark may hold more). */
    static final int MAX_BUFFER = 1 << 16;

    private char[] buf = new char[FIRST_BUFFER];
    private int pos;
    private int lim;
    private boolean skipLf;
    private long lineNo;
    // mark: buf keeps everything from markPos on, up to markLimit characters, so reset can go back to it
    private int markPos = -1;
    private int markLimit;
    private boolean markSkipLf;
    private long markLineNo;

    BoundedLineReader(Reader in, TextLimits limits) {
        super(in, 1);
        this.in = in;
        this.limits = limits;
        this.max = limits.maxLineChars();
    }

    @Override
    public String readLine() throws IOException {
        StringBuilder sb = null;
        boolean started = false;
        long dropped = 0;
        while (true) {
            if (pos >= lim && !fill()) {
                return started ? line(sb == null ? "" : sb.toString(), dropped) : null;
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            started = true;
            int start = pos;
            int i = pos;
            while (i < lim) {
                char c = buf[i];
                if (c == '\n' || c == '\r') {
                    break;
                }
                i++;
            }
            int length = i - start;
            int kept = sb == null ? 0 : sb.length();
            int take = Math.min(length, max - kept);
            dropped += length - take;
            if (i < lim) {
                skipLf = buf[i] == '\r';
                pos = i + 1;
                if (sb == null) {
                    return line(new String(buf, start, take), dropped);
                }
                return line(sb.append(buf, start, take).toString(), dropped);
            }
            if (sb == null) {
                sb = new StringBuilder(Math.min(max, Math.max(16, length * 2)));
            }
            sb.append(buf, start, take);
            pos = lim;
        }
    }

    private String line(String text, long dropped) {
        lineNo++;
        if (dropped > 0) {
            limits.lineCut(lineNo, dropped);
        }
        return text;
    }

    /** Reads more characters at {@code lim}; true when some came. Keeps the marked ones while a mark holds. */
    private boolean fill() throws IOException {
        if (markPos >= 0 && lim - markPos >= markLimit) {
            markPos = -1;
        }
        int at = 0;
        if (markPos >= 0) {
            if (markPos > 0) {
                System.arraycopy(buf, markPos, buf, 0, lim - markPos);
                pos -= markPos;
                lim -= markPos;
                markPos = 0;
            }
            if (lim == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            at = lim;
        } else if (lim == buf.length && buf.length < MAX_BUFFER) {
            // the last read filled the buffer, all of it read since: a longer text, read more of it at a time
            buf = new char[Math.min(MAX_BUFFER, buf.length << 2)];
        }
        int n;
        do {
            n = in.read(buf, at, buf.length - at);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        pos = at;
        lim = at + n;
        return true;
    }

    /** True when a character waits at {@code pos}, once the LF of a CRLF whose CR ended a line is dropped. */
    private boolean next() throws IOException {
        if (pos >= lim && !fill()) {
            return false;
        }
        if (skipLf) {
            skipLf = false;
            if (buf[pos] == '\n') {
                pos++;
                return next();
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return next() ? buf[pos++] : -1;
    }

    @Override
    public int read(char[] target, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!next()) {
            return -1;
        }
        int n = Math.min(len, lim - pos);
        System.arraycopy(buf, pos, target, off, n);
        pos += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && read() >= 0) {
            skipped++;
        }
        return skipped;
    }

    @Override
    public boolean ready() throws IOException {
        return pos < lim || in.ready();
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public void mark(int readAheadLimit) {
        if (readAheadLimit < 0) {
            throw new IllegalArgumentException("read-ahead limit < 0");
        }
        markPos = pos;
        markLimit = readAheadLimit;
        markSkipLf = skipLf;
        markLineNo = lineNo;
    }

    @Override
    public void reset() throws IOException {
        if (markPos < 0) {
            throw new IOException("more than the marked read-ahead was read: cannot go back");
        }
        pos = markPos;
        skipLf = markSkipLf;
        lineNo = markLineNo;
    }

    @Override
    public java.util.stream.Stream<String> lines() {
        throw new UnsupportedOperationException("read with readLine(), which keeps the line limit");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
