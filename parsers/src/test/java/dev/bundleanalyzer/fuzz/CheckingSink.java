package dev.bundleanalyzer.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;

/**
 * Holds a parser to its contract while it runs on fuzz input: every record it hands over must be one the index
 * can take (the writer stores file, raw text, fact value and text, and the time in epoch milliseconds), and the
 * count it returns must be the records it produced. Records are checked and dropped, not kept.
 */
final class CheckingSink implements RecordSink {

    /** Where the events of a parser say they start. */
    enum Lines {
        /** Text sources: the 1-based line of the record. */
        NUMBERED,
        /** Event log files: no line (0), but a record number. */
        RECORDS
    }

    private final String path;
    private final Lines lines;
    private long records;

    private CheckingSink(String path, Lines lines) {
        this.path = path;
        this.lines = lines;
    }

    /**
     * Runs the parser over the input and checks what it produces. An {@link IOException} is the contract's way to
     * say the content cannot be read and passes when it says why; anything else escaping the parser fails.
     */
    static void parse(Parser parser, ParseInput input, Lines lines) {
        CheckingSink sink = new CheckingSink(input.path(), lines);
        long returned;
        try {
            returned = parser.parse(input, sink);
        } catch (IOException e) {
            assertNotNull(e.getMessage(), "an IOException without a message");
            return;
        }
        assertEquals(sink.records, returned, parser.kind() + ": returned count");
    }

    @Override
    public void event(LogEvent e) {
        records++;
        assertEquals(path, e.file(), "event file");
        if (lines == Lines.NUMBERED) {
            assertTrue(e.line() >= 1, "event line " + e.line());
        } else {
            assertEquals(0, e.line(), "event line");
            assertNotNull(e.record(), "event record number");
        }
        assertNotNull(e.raw(), "event raw text");
        assertNotNull(e.errorCodes(), "event error codes");
        if (e.time() != null) {
            e.time().toEpochMilli(); // throws for an instant the index cannot store
        }
    }

    @Override
    public void fact(Fact f) {
        records++;
        assertNotNull(f.key(), "fact key");
        assertFalse(f.key().isBlank(), "blank fact key");
        assertNotNull(f.value(), f.key() + " value");
        assertEquals(path, f.file(), f.key() + " file");
        assertTrue(f.line() >= 0, f.key() + " line " + f.line());
        assertNotNull(f.text(), f.key() + " text");
    }

    @Override
    public void note(String file, String message) {
        assertEquals(path, file, "note file");
        assertNotNull(message, "note message");
    }

    @Override
    public void timeNote(String file, String message) {
        note(file, message);
    }
}
