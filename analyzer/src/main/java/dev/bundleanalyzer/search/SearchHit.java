package dev.bundleanalyzer.search;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One matching record and the report it comes from, as stored in the index.
 *
 * @param line      1-based line of the record in its file; 0 for event-log records, which have {@code record}
 * @param record    the event-log record ID, or {@code null}
 * @param time      UTC, or {@code null} for a record without one (facts, undated lines)
 * @param errorCodes as the parser read them from the record, in the index's order
 * @param text      the record as written in its file (for an event-log record, its XML)
 * @param factKey   for a fact, its key; {@code null} for an event
 */
public record SearchHit(String bundle, String host, Path reportDir, String type, String file, long line, Long record,
                        Instant time, String level, String component, Integer eventId, List<String> errorCodes,
                        String message, String text, String factKey, String factValue) {

    /** Where the record is, as the reports write it: {@code file:line}, {@code file record N}, or the file alone. */
    public String place() {
        if (record != null) {
            return file + " record " + record;
        }
        return line > 0 ? file + ":" + line : file;
    }
}
