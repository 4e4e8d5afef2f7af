package dev.bundleanalyzer.analysis;

import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.RecordSink;
import dev.bundleanalyzer.parse.Skim;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands the events a parser reads to other threads in batches, so that what happens to each event (redaction,
 * the rules' queries, the index) runs beside the parsing instead of after it: a bundle of a few large trace logs
 * then keeps every core busy, not one per file. While as many entries are parsed as there are cores, each parser
 * passes its events on itself, one by one, while they are still in its core's cache. Facts and notes, few, pass on
 * the parser's thread.
 *
 * <p>At most a fixed number of batches wait at once: a parser faster than the rest waits rather than fill the heap.
 */
final class HandOff {

    /** Events per batch: enough to make a task worth its cost, few enough to keep memory small. */
    static final int BATCH = 512;

    private final RecordSink downstream;
    private final ExecutorService pool;
    private final Semaphore waiting;
    private final int permits;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final int cores;
    private final AtomicInteger parsing = new AtomicInteger();

    /**
     * @param downstream thread-safe: batches run concurrently
     * @param pool       the threads that run the batches, or {@code null} to pass every event on at once
     * @param maxWaiting batches queued or running at most
     * @param cores      how many entries parsed at once keep every core busy: then each parser runs its own
     *                   batches, as handing them to another thread costs moving every record to another core's cache
     */
    HandOff(RecordSink downstream, ExecutorService pool, int maxWaiting, int cores) {
        this.downstream = downstream;
        this.pool = pool;
        this.permits = Math.max(1, maxWaiting);
        this.waiting = new Semaphore(permits);
        this.cores = Math.max(1, cores);
    }

    /** A sink for one entry, on the thread that parses it; {@link Batches#close()} hands on what it still holds. */
    Batches open() {
        return new Batches();
    }

    /**
     * Waits until every batch handed off has run.
     *
     * @throws IOException when one failed (the index could not be written): the analysis cannot be complete
     */
    void drain() throws IOException {
        waiting.acquireUninterruptibly(permits);
        waiting.release(permits);
        Throwable t = failure.get();
        if (t != null) {
            throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
        }
    }

    /** Passes a batch on; a failure is kept for {@link #drain()} to report. */
    private void run(LogEvent[] events, int n) {
        try {
            for (int i = 0; i < n; i++) {
                downstream.event(events[i]);
            }
        } catch (RuntimeException | Error e) {
            fail(e);
        }
    }

    private void fail(Throwable e) {
        failure.compareAndSet(null, e instanceof java.io.UncheckedIOException u ? u.getCause() : e);
    }

    /** The batches of one entry. Not thread-safe: one parser thread. */
    final class Batches implements RecordSink, AutoCloseable {
        private LogEvent[] batch = new LogEvent[BATCH];
        private int size;
        private boolean closed;

        Batches() {
            parsing.incrementAndGet();
        }

        @Override
        public void event(LogEvent e) {
            if (pool == null) {
                downstream.event(e);
                return;
            }
            if (parsing.get() >= cores) {
                // every core has a parser: this one passes its events on at once, while they are in its cache
                if (size > 0) {
                    run(batch, size);
                    size = 0;
                }
                try {
                    downstream.event(e);
                } catch (RuntimeException | Error failed) {
                    fail(failed);
                }
                return;
            }
            batch[size++] = e;
            if (size == BATCH) {
                submit();
            }
        }

        @Override
        public Skim skim(String file, String component) {
            return downstream.skim(file, component);
        }

        /** Counting is cheap and thread-safe: done at once, on the parser's thread. */
        @Override
        public void skimmed(long epochMillis, String level) {
            downstream.skimmed(epochMillis, level);
        }

        @Override
        public void fact(Fact f) {
            downstream.fact(f);
        }

        @Override
        public void note(String file, String message) {
            downstream.note(file, message);
        }

        @Override
        public void timeNote(String file, String message) {
            downstream.timeNote(file, message);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            parsing.decrementAndGet(); // before the last batch: it may go to an idle core
            if (size > 0) {
                submit();
            }
        }

        private void submit() {
            LogEvent[] events = batch;
            int n = size;
            size = 0;
            if (parsing.get() >= cores) {
                run(events, n); // every core has a parser: this one's batch stays on its core
                return;
            }
            batch = new LogEvent[BATCH];
            waiting.acquireUninterruptibly();
            try {
                pool.execute(() -> {
                    try {
                        run(events, n);
                    } finally {
                        waiting.release();
                    }
                });
            } catch (RuntimeException e) {
                waiting.release(); // the pool is shut down: the analysis is being abandoned
                throw e;
            }
        }
    }
}
