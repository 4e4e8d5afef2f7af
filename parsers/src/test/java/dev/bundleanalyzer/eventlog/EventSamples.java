package dev.bundleanalyzer.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A sample of {@code src/test/resources/dev/bundleanalyzer/eventlog/} as a bundle holds it: encoded as Windows
 * writes it, detected by the standard detector, and read by the parser it picked with the zone the bundle told.
 */
final class EventSamples {

    private EventSamples() {
    }

    /** The sample's text (LF line ends, as kept in the repository). */
    static String text(String name) {
        return Samples.text("eventlog", name);
    }

    /** The text with CR LF line ends, as Windows writes files. */
    static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /**
     * Detects and parses {@code bytes} as entry {@code path}; checks the kind, the returned count and that every
     * event points at the entry.
     */
    static CollectingSink read(String path, byte[] bytes, ZoneId zone, String kind) {
        ContentDetector.Detection d = ContentDetector.standard().detect(path, Samples.head(bytes));
        assertEquals(kind, d.kind(), path + " detected as");
        assertNotNull(d.parser());
        ParseInput in = Samples.input(path, null, bytes);
        ParseInput withZone = new ParseInput(in.path(), in.modified(), in.charset(), in.content(), zone);
        CollectingSink sink = new CollectingSink();
        long n;
        try {
            n = d.parser().parse(withZone, sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(sink.events.size(), n, "returned count");
        for (LogEvent e : sink.events) {
            assertEquals(path, e.file());
            assertTrue(e.line() >= 1, "line " + e.line());
        }
        return sink;
    }

    /** Lines {@code from} to {@code to} (1-based, inclusive) of the text, joined with LF. */
    static String lines(String text, long from, long to) {
        List<String> all = Arrays.asList(text.split("\r?\n", -1));
        return String.join("\n", all.subList((int) from - 1, (int) to));
    }

    /** Checks that each event's raw text is the lines of the sample from the event's line on. */
    static void rawIsTheLinesOfTheRecord(String text, List<LogEvent> events) {
        for (LogEvent e : events) {
            long breaks = e.raw().chars().filter(c -> c == '\n').count();
            assertEquals(lines(text, e.line(), e.line() + breaks), e.raw(), "raw of the record of line " + e.line());
        }
    }

    /** One field of every event, in order. */
    static <T> List<T> each(CollectingSink sink, Function<LogEvent, T> field) {
        return sink.events.stream().map(field).toList();
    }
}
