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

    /**
     * Lets a parser of a file's lines pass on in full only the events the sink needs so: {@code null} (the default)
     * when it needs every event. A parser may ask this only for events whose keyword values, besides the file and
     * component given here, are written in their raw text (level, process, thread, source, activity ID), whose
     * error codes are among those {@link ErrorCodes} finds in it, that have no record number, channel, computer or
     * event ID, and whose time may be marked assumed; and only for events of one line of ASCII text, whose raw
     * text, message and level it hands to {@link Skim#wants}.
     */
    default Skim skim(String file, String component) {
        return null;
    }

    /**
     * An event {@link Skim#wants} let go: counted, with its time in epoch milliseconds ({@link Long#MIN_VALUE}
     * when it has none) and its level.
     */
    default void skimmed(long epochMillis, String level) {
        throw new UnsupportedOperationException("this sink skims nothing");
    }
}
