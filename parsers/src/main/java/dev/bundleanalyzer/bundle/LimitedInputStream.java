package dev.bundleanalyzer.bundle;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Counts the uncompressed bytes read from an entry and throws {@link BundleLimitException} once the
 * entry is too large, inflates too well (zip bombs) or takes too long, or the bundle as a whole has produced
 * too many bytes, inflates too well (nested bombs) or run out of time.
 * Once a limit is hit the stream stays stopped: every later read throws again, so a handler that catches
 * the exception cannot read on. Not thread-safe (one reader per entry); the shared {@link Total} is.
 */
final class LimitedInputStream extends FilterInputStream {

    /** Uncompressed bytes handed out over the whole bundle, shared by all entry streams. */
    static final class Total {
        private final long max;
        private final double maxRatio;
        private final long ratioGraceBytes;
        private final Deadline deadline;
        private final AtomicLong used = new AtomicLong();
        /** The bundle's own bytes on disk (for a folder, of the files met so far); 0 = not known yet. */
        private final AtomicLong onDisk = new AtomicLong();
        private final AtomicReference<String> exhausted = new AtomicReference<>();

        Total(long max, double maxRatio, long ratioGraceBytes, Deadline deadline) {
            this.max = max;
            this.maxRatio = maxRatio;
            this.ratioGraceBytes = ratioGraceBytes;
            this.deadline = deadline;
        }

        void addOnDisk(long bytes) {
            if (bytes > 0) {
                onDisk.addAndGet(bytes);
            }
        }

        long used() {
            return used.get();
        }

        /** The message of the limit once reached (checking the clock), else {@code null}. */
        String exhausted() {
            String reason = exhausted.get();
            if (reason == null && deadline != null && deadline.passed()) {
                exhausted.compareAndSet(null, deadline.reason() + ": stopped, not read further");
                reason = exhausted.get();
            }
            return reason;
        }

        /** Charges {@code n} bytes; the message of the limit this passes, else {@code null}. */
        private String charge(int n) {
            long now = used.addAndGet(n);
            String reason = null;
            if (now > max) {
                reason = "bundle total of " + size(max) + " uncompressed reached: stopped, not read further";
            } else if (now > ratioGraceBytes && onDisk.get() > 0 && now > maxRatio * onDisk.get()) {
                reason = "the bundle inflates to more than " + ratio(maxRatio) + " times its " + onDisk.get()
                        + " bytes (a compression bomb, or raise --max-ratio): stopped after " + size(ratioGraceBytes)
                        + ", not read further";
            }
            if (reason != null) {
                exhausted.compareAndSet(null, reason);
                return exhausted.get();
            }
            return null;
        }
    }

    private final long maxBytes;
    private final LongSupplier compressedCount;
    private final double maxRatio;
    private final long ratioGraceBytes;
    private Deadline deadline;
    private Total total;
    private long count;
    private String stoppedBy;

    /**
     * @param maxBytes        most bytes this stream may produce
     * @param compressedCount compressed bytes consumed so far for this entry, or {@code null} when the
     *                        ratio cannot be known (stored data, plain files)
     * @param total           bundle-wide counter to charge, or {@code null}
     * @param deadline        when reading this entry must stop, or {@code null}
     */
    LimitedInputStream(InputStream in, long maxBytes, LongSupplier compressedCount, double maxRatio,
                       long ratioGraceBytes, Total total, Deadline deadline) {
        super(in);
        this.deadline = deadline;
        this.maxBytes = maxBytes;
        this.compressedCount = compressedCount;
        this.maxRatio = maxRatio;
        this.ratioGraceBytes = ratioGraceBytes;
        this.total = total;
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    /** The message of the limit that stopped this stream, or {@code null}. */
    String stoppedBy() {
        return stoppedBy;
    }

    /**
     * The data turned out to be an archive: its entries are charged and timed on their own, so this stream gives
     * back what it charged to the bundle total and stops its own clock (the bundle's still runs for the entries).
     */
    void detachFromTotal() {
        if (total != null) {
            total.used.addAndGet(-count);
            total = null;
        }
        deadline = null;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check();
        if (len == 0) {
            return 0;
        }
        // ask for at most one byte past the allowance: enough to notice the entry is too large
        long allowance = maxBytes - count;
        int ask = (int) Math.min(len, allowance + 1);
        int n;
        try {
            n = in.read(b, off, ask);
        } catch (RuntimeException e) {
            // decoders of old or rare methods (shrink, implode, LZMA) can throw on damaged data instead of an
            // IOException: it is damaged data all the same, and the entry fails, not the bundle
            throw new IOException("corrupt compressed data (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        if (n <= 0) {
            return n;
        }
        count += n;
        if (count > maxBytes) {
            throw stop("entry larger than " + size(maxBytes) + " uncompressed: stopped, not read further");
        }
        if (compressedCount != null && count > ratioGraceBytes) {
            long compressed = Math.max(1, compressedCount.getAsLong());
            if (count > maxRatio * compressed) {
                throw stop("compression ratio above " + ratio(maxRatio) + ":1 after " + size(ratioGraceBytes)
                        + ": stopped, not inflated further");
            }
        }
        if (total != null) {
            String exhausted = total.charge(n);
            if (exhausted != null) {
                throw stop(exhausted);
            }
        }
        return n;
    }

    /** Reads and discards, so skipped bytes count against the limits like read ones. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
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

    /** Reads to the end, under the limits; returns the bytes drained. */
    long drain() throws IOException {
        return skip(Long.MAX_VALUE);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void check() throws BundleLimitException {
        if (stoppedBy != null) {
            throw new BundleLimitException(stoppedBy);
        }
        if (total != null && total.exhausted() != null) {
            throw stop(total.exhausted());
        }
        if (deadline != null && deadline.passed()) {
            throw stop(deadline.reason() + " after " + size(count) + " read: stopped, not read further");
        }
    }

    private BundleLimitException stop(String message) {
        stoppedBy = message;
        return new BundleLimitException(message);
    }

    /** 16 MiB, 64 GiB, 1500 bytes: the largest binary unit that divides the value. */
    static String size(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        long value = bytes;
        while (unit < units.length - 1 && value >= 1024 && value % 1024 == 0) {
            value /= 1024;
            unit++;
        }
        return value + " " + units[unit];
    }

    private static String ratio(double r) {
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }
}
