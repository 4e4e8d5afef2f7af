package dev.bundleanalyzer.batch;

import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** How a batch run shows where it is: a bar on a terminal, plain log lines otherwise (a scheduled job's log). */
public interface BatchProgress extends AutoCloseable {

    /** The run is about to analyze {@code bundles} bundles of {@code bytes} bytes in all. */
    void start(int bundles, long bytes);

    /** One bundle is done, whatever became of it. */
    void done(Outcome outcome);

    @Override
    void close();

    /** A bar when {@code terminal}, else one line per bundle on {@code log}. */
    static BatchProgress of(boolean terminal, PrintWriter log) {
        return terminal ? new Bar(log) : new Lines(log);
    }

    /** One line per bundle: position, name, what became of it. */
    final class Lines implements BatchProgress {
        private final PrintWriter log;
        private int total;
        private int done;

        Lines(PrintWriter log) {
            this.log = log;
        }

        @Override
        public void start(int bundles, long bytes) {
            total = bundles;
            log.printf("batch: %d bundle(s) to analyze, %s%n", bundles, megabytes(bytes));
            log.flush();
        }

        @Override
        public synchronized void done(Outcome o) {
            String position = o.kind() == Outcome.Kind.ANALYZED || o.kind() == Outcome.Kind.FAILED
                    ? "[" + (++done) + "/" + total + "] " : "";
            log.printf("%s%s: %s: %s%n", position, o.path(), o.kind().name().toLowerCase(java.util.Locale.ROOT),
                    o.detail());
            log.flush();
        }

        @Override
        public void close() {
            log.flush();
        }
    }

    /** Bundles done, bytes, rate and time left, drawn in place on the terminal. */
    final class Bar implements BatchProgress {
        private final PrintWriter log;
        private ProgressBar bar;
        private int total;
        private int done;

        Bar(PrintWriter log) {
            this.log = log;
        }

        @Override
        public void start(int bundles, long bytes) {
            total = bundles;
            bar = new ProgressBarBuilder().setTaskName("batch").setInitialMax(Math.max(1, bytes))
                    .setStyle(ProgressBarStyle.ASCII).setUnit("MB", 1 << 20).showSpeed()
                    .setUpdateIntervalMillis(250).setMaxRenderedLength(100)
                    .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS).build();
            bar.setExtraMessage(" 0/" + bundles + " bundles");
        }

        @Override
        public synchronized void done(Outcome o) {
            if (o.kind() == Outcome.Kind.FAILED) {
                // a failure is said in full, not only counted in the bar
                log.printf("%s: failed: %s%n", o.path(), o.detail());
                log.flush();
            }
            if (bar != null && (o.kind() == Outcome.Kind.ANALYZED || o.kind() == Outcome.Kind.FAILED)) {
                bar.stepBy(o.bytes());
                bar.setExtraMessage(" " + (++done) + "/" + total + " bundles");
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
