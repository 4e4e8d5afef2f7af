package dev.bundleanalyzer.bundle;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipException;

/**
 * Checks a zip entry's data against the CRC-32 the archive declares once the end of the data is reached,
 * so that damaged bytes which still inflate are reported instead of parsed silently.
 */
final class CrcCheckingInputStream extends FilterInputStream {

    private final CRC32 crc = new CRC32();
    private final long expected;
    private boolean checked;

    CrcCheckingInputStream(InputStream in, long expected) {
        super(in);
        this.expected = expected;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            crc.update(b);
        } else {
            verify();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            crc.update(b, off, n);
        } else if (n < 0) {
            verify();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void verify() throws ZipException {
        if (!checked) {
            checked = true;
            if (crc.getValue() != expected) {
                throw new ZipException(String.format("CRC mismatch: entry data is corrupt (expected %08x, found %08x)",
                        expected, crc.getValue()));
            }
        }
    }
}
