package dev.bundleanalyzer.serve;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fixed number of threads that take jobs off the queue, oldest first, and hand them to the analyst. Stopping
 * lets the analyses under way finish for a while and starts no new one; a job left running is run again at the
 * next start, since its queue record still says so.
 */
final class Workers {

    private static final Duration POLL = Duration.ofMillis(200);

    private final JobQueue queue;
    private final Analyst analyst;
    private final PrintWriter log;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    Workers(JobQueue queue, Analyst analyst, int count, PrintWriter log) {
        this.queue = queue;
        this.analyst = analyst;
        this.log = log;
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(this::work, "serve-analysis-" + (i + 1));
            // an analysis the stop does not wait for must not keep the JVM alive
            t.setDaemon(true);
            threads.add(t);
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    private void work() {
        while (!stopping) {
            Optional<QueuedJob> next;
            try {
                next = queue.next(POLL);
            } catch (InterruptedException e) {
                return;
            } catch (java.io.IOException e) {
                log.println("serve: cannot update the queue: " + e.getMessage());
                log.flush();
                continue;
            }
            if (next.isEmpty()) {
                continue;
            }
            QueuedJob job = next.get();
            try {
                analyst.analyze(job, queue.bundle(job));
            } catch (Exception | OutOfMemoryError e) {
                if (!stopping) {
                    queue.fail(job.id(), "could not be analyzed: " + e);
                    log.println("serve: " + job.name() + " (" + job.id() + ") could not be analyzed: " + e);
                    log.flush();
                }
                continue;
            }
            if (!stopping) {
                queue.finish(job.id());
            }
        }
    }

    /** Starts no further job and waits up to {@code grace} for those under way. */
    void stop(Duration grace) {
        stopping = true;
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : threads) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            try {
                t.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
