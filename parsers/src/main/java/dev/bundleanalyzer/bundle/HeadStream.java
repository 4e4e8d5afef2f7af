package dev.bundleanalyzer.bundle;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the first bytes of a stream up front (to recognise archives) and then replays them followed by
 * the rest. If reading the head failed, the bytes that did arrive are replayed and the failure is thrown
 * to whoever reads on, as it would have been without the look-ahead. Never closes the underlying stream.
 */
final class HeadStream extends InputStream {

    private final InputStream in;
    private final byte[] head;
    private final int headLength;
    private final IOException failure;
    private int position;

    private HeadStream(InputStream in, byte[] head, int headLength, IOException failure) {
        this.in = in;
        this.head = head;
        this.headLength = headLength;
        this.failure = failure;
    }

    static HeadStream of(InputStream in, int bytes) {
        byte[] head = new byte[bytes];
        int n = 0;
        IOException failure = null;
        try {
            while (n < bytes) {
                int r = in.read(head, n, bytes - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            failure = e;
        }
        return new HeadStream(in, head, n, failure);
    }

    byte[] head() {
        return head;
    }

    int headLength() {
        return headLength;
    }

    /** Why reading the head stopped early, or {@code null}. */
    IOException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        if (position < headLength) {
            return head[position++] & 0xFF;
        }
        if (failure != null) {
            throw failure;
        }
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position < headLength) {
            int n = Math.min(len, headLength - position);
            System.arraycopy(head, position, b, off, n);
            position += n;
            return n;
        }
        if (failure != null) {
            throw failure;
        }
        return in.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        if (position < headLength) {
            return headLength - position;
        }
        return failure != null ? 0 : in.available();
    }

    @Override
    public void close() {
        // the underlying stream belongs to the reader
    }
}
