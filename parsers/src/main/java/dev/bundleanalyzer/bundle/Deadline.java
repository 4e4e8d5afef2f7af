package dev.bundleanalyzer.bundle;

import java.time.Duration;
import java.util.Objects;

/**
 * A point in time after which reading stops: one per entry and one for the whole bundle. Checked whenever data
 * is read, so a parser stuck between reads is stopped at its next read.
 */
public final class Deadline {

    private final long at;
    private final Duration limit;
    private final String what;

    private Deadline(long at, Duration limit, String what) {
        this.at = at;
        this.limit = limit;
        this.what = what;
    }

    /** @param what whose limit it is, for the message: {@code entry} or {@code bundle} */
    public static Deadline after(Duration limit, String what) {
        Objects.requireNonNull(limit, "limit");
        long nanos;
        try {
            nanos = limit.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE / 2;
        }
        return new Deadline(System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 2), limit, what);
    }

    public boolean passed() {
        return System.nanoTime() - at >= 0;
    }

    public Duration limit() {
        return limit;
    }

    /** E.g. {@code the bundle time limit of 60 min was reached}. */
    public String reason() {
        return "the " + what + " time limit of " + format(limit) + " was reached";
    }

    /** 90 s, 15 min, 2 h, 1 h 30 min: the units an engineer would write. */
    public static String format(Duration d) {
        long seconds = d.toSeconds();
        if (seconds == 0) {
            return d.toMillis() + " ms";
        }
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        StringBuilder out = new StringBuilder();
        if (h > 0) {
            out.append(h).append(" h");
        }
        if (m > 0) {
            out.append(out.isEmpty() ? "" : " ").append(m).append(" min");
        }
        if (s > 0) {
            out.append(out.isEmpty() ? "" : " ").append(s).append(" s");
        }
        return out.toString();
    }
}
