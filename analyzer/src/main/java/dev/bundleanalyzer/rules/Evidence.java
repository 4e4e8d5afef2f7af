package dev.bundleanalyzer.rules;

import java.time.Instant;
import java.util.List;

/**
 * One place in the bundle that proves a finding.
 *
 * @param file    entry path inside the bundle
 * @param line    1-based line, or 0 for record-based sources
 * @param record  event-log record number, or {@code null}
 * @param time    time of the record, or {@code null}
 * @param text    the line or record as written (already redacted where needed)
 * @param context the lines of the same file around it, as the index holds them; {@link Context#NONE} for
 *                record-based sources and until the analyzer has looked them up
 */
public record Evidence(String file, long line, Long record, Instant time, String text, Context context) {

    public Evidence {
        context = context == null ? Context.NONE : context;
    }

    /** Evidence without context lines (the rules find evidence; the analyzer adds the context afterwards). */
    public Evidence(String file, long line, Long record, Instant time, String text) {
        this(file, line, record, time, text, Context.NONE);
    }

    /** The same evidence with the given context lines. */
    public Evidence withContext(Context surrounding) {
        return new Evidence(file, line, record, time, text, surrounding);
    }

    /**
     * Lines of the evidence's file just before and just after it.
     *
     * @param before lines before the evidence line, in file order
     * @param after  lines after the evidence (after its last line, for a record spanning several), in file order
     */
    public record Context(List<ContextLine> before, List<ContextLine> after) {

        public static final Context NONE = new Context(List.of(), List.of());

        public Context {
            before = List.copyOf(before);
            after = List.copyOf(after);
        }

        public boolean isEmpty() {
            return before.isEmpty() && after.isEmpty();
        }
    }

    /** One line of a file: its 1-based number and its text as written. */
    public record ContextLine(long line, String text) {
    }
}
