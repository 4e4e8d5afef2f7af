package dev.bundleanalyzer.analysis;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A buffered stream that counts the bytes read through it (for the inventory's byte count). */
final class CountingInput extends BufferedInputStream {

    private long count;
    private long markCount;

    CountingInput(InputStream in) {
        super(in, 1 << 16);
    }

    @Override
    public synchronized int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public synchronized long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count += skipped;
        return skipped;
    }

    @Override
    public synchronized void mark(int limit) {
        super.mark(limit);
        markCount = count;
    }

    @Override
    public synchronized void reset() throws IOException {
        super.reset();
        count = markCount;
    }

    /** Never closes the archive's stream: the reader owns it. */
    @Override
    public void close() {
    }

    long count() {
        return count;
    }
}
