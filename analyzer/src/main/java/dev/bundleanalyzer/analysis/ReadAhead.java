package dev.bundleanalyzer.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a stream ahead, on a thread of its own, a few chunks at a time: the inflating of a large entry then runs
 * beside its parsing, on another core, rather than in turns with it on one. When a bundle's last large entry is
 * read, that is the difference between one busy core and two. Whatever reading throws (a limit passed, a
 * damaged archive) is thrown to the reader of this stream, as it was thrown.
 *
 * <p>{@link #close()} stops the thread and waits for it before it closes the stream below, which no other thread
 * then touches. One reader thread; not for streams that must be reset.
 */
final class ReadAhead extends InputStream {

    static final int CHUNK = 1 << 18;
    private static final int CHUNKS = 4;

    private record Chunk(byte[] bytes, int length) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0);

    private final InputStream source;
    private final ArrayBlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS);
    private final ArrayBlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS + 2);
    private final Thread thread;
    private volatile boolean closed;
    private volatile Throwable failure;
    private Chunk current;
    private int pos;
    private boolean ended;

    ReadAhead(InputStream source, String name) {
        this.source = source;
        this.thread = new Thread(this::fill, "read-ahead " + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void fill() {
        try {
            while (!closed) {
                byte[] buffer = free.poll();
                if (buffer == null) {
                    buffer = new byte[CHUNK];
                }
                int n = source.readNBytes(buffer, 0, CHUNK);
                if (n > 0) {
                    put(new Chunk(buffer, n));
                }
                if (n < CHUNK) {
                    break;
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
        put(END);
    }

    /** Waits for room, unless the stream is closed meanwhile. */
    private void put(Chunk chunk) {
        try {
            while (!closed && !full.offer(chunk, 50, TimeUnit.MILLISECONDS)) {
                // the parser is slower: wait for it
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (current == null || pos == current.length()) {
            if (!next()) {
                return -1;
            }
        }
        int n = Math.min(len, current.length() - pos);
        System.arraycopy(current.bytes(), pos, b, off, n);
        pos += n;
        return n;
    }

    /** Takes the next chunk; false at the end (or throws what ended the reading). */
    private boolean next() throws IOException {
        if (ended) {
            return false;
        }
        if (current != null) {
            free.offer(current.bytes());
            current = null;
        }
        Chunk chunk;
        try {
            chunk = full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the entry's bytes");
        }
        if (chunk == END) {
            ended = true;
            Throwable t = failure;
            if (t instanceof IOException io) {
                throw io;
            }
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new UncheckedIOException(new IOException(t));
            }
            return false;
        }
        current = chunk;
        pos = 0;
        return true;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            full.clear(); // room for the thread's last chunk, which it then drops
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        source.close();
    }
}
