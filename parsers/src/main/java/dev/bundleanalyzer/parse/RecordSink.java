package dev.bundleanalyzer.parse;

/**
 * Receives the records a parser produces. Implementations used by the analyzer are thread-safe:
 * entries of a bundle are parsed in parallel and all write to the same sink.
 */
public interface RecordSink {

    void event(LogEvent event);

    void fact(Fact fact);

    /**
     * A note about something in the entry that was read but not fully understood (for example the year
     * of a date that had to be assumed). Notes end up in the report; they are not errors.
     */
    default void note(String file, String message) {
    }

    /**
     * A note about times of the entry that had to be completed (a year, a zone): these are reported as
     * BUNDLE-TIME-ASSUMED, apart from other notes.
     */
    default void timeNote(String file, String message) {
        note(file, message);
    }
}
