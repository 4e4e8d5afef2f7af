package dev.bundleanalyzer.eventlog.evtx;

/** Structure of an event log that cannot be read; thrown for one record (or template) and caught by its reader. */
final class EvtxFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    EvtxFormatException(String message) {
        super(message, null, false, false);
    }
}
