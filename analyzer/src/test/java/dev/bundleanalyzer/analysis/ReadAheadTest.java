package dev.bundleanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.bundle.BundleLimitException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

    @Test
    void givesTheBytesAsTheyWereWhateverTheReadSizes() throws IOException {
        Random random = new Random(3);
        for (int size : new int[] {0, 1, ReadAhead.CHUNK - 1, ReadAhead.CHUNK, ReadAhead.CHUNK + 1, 5 * ReadAhead.CHUNK + 7}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ReadAhead in = new ReadAhead(new ByteArrayInputStream(data), "test")) {
                byte[] buffer = new byte[1 + random.nextInt(100_000)];
                for (int n; (n = in.read(buffer, 0, 1 + random.nextInt(buffer.length))) > 0; ) {
                    out.write(buffer, 0, n);
                }
                assertEquals(-1, in.read());
            }
            assertArrayEquals(data, out.toByteArray(), "size " + size);
        }
    }

    @Test
    void whatStoppedTheReadingIsThrownToTheReaderAfterTheBytesBeforeIt() throws IOException {
        BundleLimitException limit = new BundleLimitException("entry: more than 1 MB uncompressed");
        InputStream failing = new InputStream() {
            int left = 3 * ReadAhead.CHUNK;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw limit;
                }
                return 'x';
            }
        };
        try (ReadAhead in = new ReadAhead(failing, "test")) {
            assertEquals(3 * ReadAhead.CHUNK, in.readNBytes(3 * ReadAhead.CHUNK).length);
            assertSame(limit, assertThrows(BundleLimitException.class, in::read));
        }
    }

    @Test
    void closingEarlyStopsTheThreadBeforeTheStreamBelowIsClosed() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        AtomicBoolean readAfterClose = new AtomicBoolean();
        InputStream endless = new FilterInputStream(InputStream.nullInputStream()) {
            @Override
            public int read(byte[] b, int off, int len) {
                if (closed.get()) {
                    readAfterClose.set(true);
                }
                return len;
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        ReadAhead in = new ReadAhead(endless, "test");
        assertEquals(10, in.readNBytes(10).length);
        in.close();
        Thread.sleep(100);
        assertTrue(closed.get());
        assertEquals(false, readAfterClose.get(), "the thread read on after the stream was closed");
    }
}
