package dev.bundleanalyzer.parse;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How much text of one file a parser may hold at once, and what reading had to leave out because of it: the
 * longest line kept ({@link ParseInput#reader()} drops the rest of a longer line) and where a reader stopped
 * early. The analyzer puts what was left out on the file's inventory line, so nothing is lost silently.
 * Thread-safe; one per parsed file.
 */
public final class TextLimits {

    /** Longest line kept unless configured otherwise: 1 Mi characters, 2 MiB of heap. */
    public static final int DEFAULT_MAX_LINE_CHARS = 1 << 20;

    private final int maxLineChars;
    private final AtomicLong cutLines = new AtomicLong();
    private final AtomicLong firstCutLine = new AtomicLong();
    private final AtomicLong droppedChars = new AtomicLong();
    private final AtomicReference<String> stoppedEarly = new AtomicReference<>();

    public TextLimits(int maxLineChars) {
        if (maxLineChars < 1) {
            throw new IllegalArgumentException("maxLineChars must be at least 1");
        }
        this.maxLineChars = maxLineChars;
    }

    public static TextLimits standard() {
        return new TextLimits(DEFAULT_MAX_LINE_CHARS);
    }

    public int maxLineChars() {
        return maxLineChars;
    }

    /** Line {@code line} (1-based) was longer than the limit; {@code dropped} characters of it were not kept. */
    void lineCut(long line, long dropped) {
        if (cutLines.getAndIncrement() == 0) {
            firstCutLine.set(line);
        }
        droppedChars.addAndGet(dropped);
    }

    /** A reader stopped before the end of the file, for the reason given (the first reason is kept). */
    public void stoppedEarly(String reason) {
        stoppedEarly.compareAndSet(null, reason);
    }

    public long cutLines() {
        return cutLines.get();
    }

    /** What was left out, for the inventory line, or {@code null} when nothing was. */
    public String leftOut() {
        StringBuilder out = new StringBuilder();
        long cut = cutLines.get();
        if (cut > 0) {
            out.append(cut == 1 ? "line " + firstCutLine.get() + " is" : cut + " lines are (first: line "
                    + firstCutLine.get() + ")").append(" longer than ").append(maxLineChars)
                    .append(" characters: cut to that length, ").append(droppedChars.get())
                    .append(" characters not read");
        }
        String stopped = stoppedEarly.get();
        if (stopped != null) {
            out.append(out.isEmpty() ? "" : "; ").append(stopped);
        }
        return out.isEmpty() ? null : out.toString();
    }
}
