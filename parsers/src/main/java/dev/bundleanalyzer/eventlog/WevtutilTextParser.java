package dev.bundleanalyzer.eventlog;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.ErrorCodes;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code wevtutil qe <log> /f:text}: one block per event,
 * <pre>
 * Event[0]:
 *   Log Name: CloudBackup/Operational
 *   Source: CloudBackup
 *   Date: 2026-10-21T11:02:21.611
 *   Event ID: 11
 *   Task: N/A
 *   Level: Error
 *   Opcode: N/A
 *   Keyword: N/A
 *   User: S-1-5-18
 *   User Name: NT AUTHORITY\SYSTEM
 *   Computer: SRV01
 *   Description:
 * The backup operation has completed with errors.
 * </pre>
 * The description runs until the next {@code Event[n]:} line; blank lines at its end are dropped. The labels are
 * read by name when they are the English ones and by position otherwise (the twelve lines come in this order),
 * so that an output with translated labels is read too. {@code Event[n]} numbers the events of the output, not
 * the log: there is no record number. The date is a local time of the machine (see {@link EventTimes}); the level
 * word is given in English ({@link EventLogs#level}). {@code N/A} values are left empty.
 *
 * <p>Stateless and thread-safe; reads the file line by line.
 */
public final class WevtutilTextParser implements Parser {

    public static final String KIND = "eventlog-text";

    // newer Windows prints "Event[0]" without the colon
    private static final Pattern EVENT = Pattern.compile("Event\\[(\\d+)\\]:?\\s*");
    private static final Pattern PROPERTY = Pattern.compile("\\s+([^:]{1,40}?)\\s*:(?:\\s(.*)|)");

    /** The labels in the order wevtutil writes them. */
    private static final String[] LABELS = {"log name", "source", "date", "event id", "task", "level", "opcode",
        "keyword", "user", "user name", "computer", "description"};

    private static final int LOG = 0;
    private static final int SOURCE = 1;
    private static final int DATE = 2;
    private static final int EVENT_ID = 3;
    private static final int LEVEL = 5;
    private static final int COMPUTER = 10;
    private static final int DESCRIPTION = 11;

    /** Description text kept per event; the raw text is cut at {@link EventLogs#MAX_RAW_CHARS}. */
    static final int MAX_DESCRIPTION_CHARS = 1 << 20;

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * Its dates are the machine's local time: the analyzer must parse the file once the bundle has told the
     * machine's zone, else every time is read as UTC.
     */
    @Override
    public boolean readsLocalTimes() {
        return true;
    }

    @Override
    public int detect(ContentSample sample) {
        if (!sample.isText()) {
            return 0;
        }
        String[] lines = sample.text().split("\r?\n", 40);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i >= lines.length || !EVENT.matcher(lines[i].strip()).matches()) {
            return 0;
        }
        int properties = 0;
        boolean english = false;
        for (int k = i + 1; k < lines.length && k <= i + 12; k++) {
            Matcher m = PROPERTY.matcher(lines[k]);
            if (!m.matches()) {
                break;
            }
            properties++;
            english |= m.group(1).equalsIgnoreCase("Log Name") || m.group(1).equalsIgnoreCase("Event ID");
        }
        if (properties < 4) {
            return 0;
        }
        return english ? 95 : 85;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        Block block = null;
        EventTimes times = new EventTimes(input, sink);
        long count = 0;
        long lineNo = 0;
        try (BufferedReader reader = input.reader()) {
            for (String line; (line = reader.readLine()) != null; ) {
                lineNo++;
                if (EVENT.matcher(line).matches()) {
                    if (block != null) {
                        sink.event(block.event(input.path(), times));
                        count++;
                    }
                    block = new Block(lineNo, line);
                } else if (block != null) {
                    block.line(line);
                }
            }
        }
        if (block != null) {
            sink.event(block.event(input.path(), times));
            count++;
        }
        return count;
    }

    /** The lines of one event. */
    private static final class Block {
        private final long line;
        private final StringBuilder raw = new StringBuilder(512);
        private final String[] values = new String[LABELS.length];
        private int next;
        private StringBuilder description;
        private int blankRun;
        private int rawBlankRun;

        Block(long line, String first) {
            this.line = line;
            raw.append(first);
        }

        void line(String text) {
            if (text.isBlank()) {
                rawBlankRun++;
            } else {
                if (raw.length() < EventLogs.MAX_RAW_CHARS) {
                    for (; rawBlankRun > 0; rawBlankRun--) {
                        raw.append('\n');
                    }
                    raw.append('\n').append(text);
                }
                rawBlankRun = 0;
            }
            if (description != null) {
                describe(text);
                return;
            }
            Matcher m = PROPERTY.matcher(text);
            if (!m.matches()) {
                if (!text.isBlank()) {
                    description = new StringBuilder();
                    describe(text); // no Description label: the rest is text
                }
                return;
            }
            int slot = slot(m.group(1));
            String value = m.group(2) == null ? "" : m.group(2).strip();
            if (slot == DESCRIPTION) {
                description = new StringBuilder();
                if (!value.isEmpty()) {
                    describe(value);
                }
                return;
            }
            if (slot >= 0) {
                values[slot] = value;
                next = slot + 1;
            }
        }

        /** The slot of a label: by its English name, else the next one in order. */
        private int slot(String label) {
            String l = label.strip().toLowerCase(Locale.ROOT);
            for (int i = 0; i < LABELS.length; i++) {
                if (LABELS[i].equals(l)) {
                    return i;
                }
            }
            return next < LABELS.length ? next : -1;
        }

        private void describe(String text) {
            if (text.isBlank()) {
                if (description.length() > 0) {
                    blankRun++;
                }
                return;
            }
            if (description.length() >= MAX_DESCRIPTION_CHARS) {
                return;
            }
            if (description.length() > 0) {
                description.append('\n');
                for (; blankRun > 0; blankRun--) {
                    description.append('\n');
                }
            }
            blankRun = 0;
            description.append(text);
        }

        LogEvent event(String file, EventTimes times) {
            String message = description == null || description.length() == 0 ? null : description.toString();
            LogEvent.Builder b = LogEvent.builder(file, line)
                    .level(EventLogs.level(value(LEVEL)))
                    .component(value(SOURCE))
                    .channel(value(LOG))
                    .eventId(EventLogs.eventId(value(EVENT_ID)))
                    .computer(value(COMPUTER))
                    .message(message)
                    .errorCodes(ErrorCodes.extract(message))
                    .raw(EventLogs.capRaw(raw));
            times.apply(b, value(DATE));
            return b.build();
        }

        private String value(int slot) {
            String v = EventLogs.blankToNull(values[slot]);
            return v == null || v.equalsIgnoreCase("N/A") ? null : v;
        }
    }
}
