package dev.bundleanalyzer.analysis;

import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands the events a parser reads to other threads in batches, so that what happens to each event (redaction,
 * the rules' queries, the index) runs beside the parsing instead of after it: a bundle of a few large trace logs
 * then keeps every core busy, not one per file. Facts and notes, few, pass on the parser's thread.
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

    /**
     * @param downstream thread-safe: batches run concurrently
     * @param pool       the threads that run the batches, or {@code null} to pass every event on at once
     * @param maxWaiting batches queued or running at most
     */
    HandOff(RecordSink downstream, ExecutorService pool, int maxWaiting) {
        this.downstream = downstream;
        this.pool = pool;
        this.permits = Math.max(1, maxWaiting);
        this.waiting = new Semaphore(permits);
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

    /** The batches of one entry. Not thread-safe: one parser thread. */
    final class Batches implements RecordSink, AutoCloseable {
        private LogEvent[] batch = new LogEvent[BATCH];
        private int size;

        @Override
        public void event(LogEvent e) {
            if (pool == null) {
                downstream.event(e);
                return;
            }
            batch[size++] = e;
            if (size == BATCH) {
                submit();
            }
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
            if (size > 0) {
                submit();
            }
        }

        private void submit() {
            LogEvent[] events = batch;
            int n = size;
            batch = new LogEvent[BATCH];
            size = 0;
            waiting.acquireUninterruptibly();
            try {
                pool.execute(() -> {
                    try {
                        for (int i = 0; i < n; i++) {
                            downstream.event(events[i]);
                        }
                    } catch (RuntimeException | Error e) {
                        failure.compareAndSet(null, e instanceof java.io.UncheckedIOException u ? u.getCause() : e);
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
