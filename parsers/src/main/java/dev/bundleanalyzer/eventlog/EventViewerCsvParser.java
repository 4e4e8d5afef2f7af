package dev.bundleanalyzer.eventlog;

import com.univocity.parsers.common.TextParsingException;
import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.ErrorCodes;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the CSV that Event Viewer writes with "Save All Events As… → CSV": a header of five named columns and
 * rows of six, the sixth (unnamed) being the message:
 * <pre>
 * Level,Date and Time,Source,Event ID,Task Category
 * Error,10/7/2016 06:38:24 PM,CloudBackup,11,None,The backup operation has completed with errors.
 * </pre>
 * Column names, level words and the date follow the language and culture of the exporting user (German
 * {@code Ebene,Datum und Uhrzeit,Quelle,Ereignis-ID,Aufgabenkategorie} with {@code 27.10.2021 12:28:26},
 * Korean {@code 수준,날짜 및 시간,원본,이벤트 ID,작업 범주} with {@code 2026-10-21 오전 11:02:21}), so columns are
 * read by position and the file is recognised by the shape of its rows: a level word, a date, a source and an
 * event ID. Fields are quoted when they need to be; a quoted message may span lines, and the record's line is
 * the one it starts on.
 *
 * <p>Level words are given in English ({@code Fehler}, {@code 오류} → {@code Error}; see {@link EventLogs#level}).
 * Dates are local times of the exporting machine (see {@link EventTimes}). The export has no channel column:
 * the channel is taken from the file name when it names one ({@code CloudBackup%4Operational.csv} →
 * {@code CloudBackup/Operational}, {@code Application.csv} → {@code Application}). The task category is kept
 * only in the raw text; there is no record number.
 *
 * <p>Stateless and thread-safe; streams the file row by row.
 */
public final class EventViewerCsvParser implements Parser {

    public static final String KIND = "eventlog-csv";

    /** Column names of the known languages, lower case: they raise the confidence, never decide it. */
    private static final Set<List<String>> HEADERS = Set.of(
            List.of("level", "date and time", "source", "event id", "task category"),
            List.of("ebene", "datum und uhrzeit", "quelle", "ereignis-id", "aufgabenkategorie"),
            List.of("수준", "날짜 및 시간", "원본", "이벤트 id", "작업 범주"));

    /** Rows of a sample looked at by {@link #detect}. */
    private static final int DETECT_ROWS = 40;

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
        if (!sample.isText() || sample.text().isEmpty()) {
            return 0;
        }
        String text = sample.text();
        int firstBreak = text.indexOf('\n');
        String firstLine = firstBreak < 0 ? text : text.substring(0, firstBreak);
        if (firstLine.indexOf(',') < 0) {
            return 0;
        }
        boolean cut = sample.head() != null && sample.head().length >= ContentDetector.SAMPLE_BYTES;
        List<CsvRows.Row> rows = CsvRows.of(text, ',', DETECT_ROWS + 1);
        if (cut && rows.size() > 1) {
            rows = rows.subList(0, rows.size() - 1); // the last row of a cut sample may be incomplete
        }
        if (rows.isEmpty()) {
            return 0;
        }
        CsvRows.Row first = rows.get(0);
        boolean header = isHeader(first);
        boolean knownHeader = header && HEADERS.contains(lower(first.fields()));
        int from = header ? 0 : -1;
        int good = 0;
        int known = 0;
        int data = 0;
        for (int i = from + 1; i < rows.size(); i++) {
            CsvRows.Row r = rows.get(i);
            data++;
            if (isRecord(r)) {
                good++;
                if (EventLogs.isLevelWord(r.field(0))) {
                    known++;
                }
            }
        }
        if (data == 0) {
            return knownHeader ? 70 : 0; // an export of an empty log
        }
        // A header Event Viewer writes is evidence enough to forgive rows that do not read as records.
        if (good == 0 || (!knownHeader && good * 4 < data * 3)) {
            return 0;
        }
        int confidence = header ? 85 : (good >= 2 && isRecord(first) ? 70 : 0);
        if (confidence == 0) {
            return 0;
        }
        if (known > 0) {
            confidence += 5;
        }
        if (knownHeader) {
            confidence += 5;
        }
        return Math.min(confidence, 95);
    }

    /** Five non-blank names (or six, when a tool named the message column), none a date or a number. */
    private static boolean isHeader(CsvRows.Row row) {
        String[] f = row.fields();
        if (f.length != 5 && f.length != 6) {
            return false;
        }
        for (String name : f) {
            if (name.isBlank() || name.length() > 60 || EventLogs.allDigits(name.strip())) {
                return false;
            }
        }
        return !EventTimes.isTime(f[1]);
    }

    /** Level word, date, source, event ID (and task category, message). */
    static boolean isRecord(CsvRows.Row row) {
        String[] f = row.fields();
        if (f.length < 5) {
            return false;
        }
        String level = f[0].strip();
        if (level.isEmpty() || level.length() > 40 || hasDigit(level)) {
            return false;
        }
        if (f[2].isBlank() || EventLogs.eventId(f[3]) == null) {
            return false;
        }
        return EventTimes.isTime(f[1]);
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> lower(String[] fields) {
        return java.util.Arrays.stream(fields).map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        String file = input.path();
        String channel = EventLogs.channelFromFileName(file);
        EventTimes times = new EventTimes(input, sink);
        long count = 0;
        long lastLine = 0;
        try (CsvRows rows = new CsvRows(input.reader(), ',')) {
            CsvRows.Row row = rows.next();
            if (row != null && isHeader(row)) {
                lastLine = row.line();
                row = rows.next();
            }
            for (; row != null; row = rows.next()) {
                sink.event(event(row, file, channel, times));
                count++;
                lastLine = row.line();
            }
        } catch (TextParsingException e) {
            sink.note(file, stopped(count, lastLine, e));
        }
        return count;
    }

    /** The note for a file whose text stops being CSV (a quote that is never closed). */
    static String stopped(long count, long lastLine, TextParsingException e) {
        return "reading stopped after " + count + " records: the text after the record of line " + lastLine
                + " is not CSV (" + firstLine(e.getMessage()) + ")";
    }

    private static LogEvent event(CsvRows.Row row, String file, String channel, EventTimes times) {
        String[] f = row.fields();
        String message = null;
        if (f.length > 5) {
            message = f.length == 6 ? f[5] : String.join(",", java.util.Arrays.copyOfRange(f, 5, f.length));
            message = EventLogs.blankToNull(message);
        }
        LogEvent.Builder b = LogEvent.builder(file, row.line())
                .level(EventLogs.level(row.field(0)))
                .component(EventLogs.blankToNull(row.field(2)))
                .eventId(EventLogs.eventId(row.field(3)))
                .channel(channel)
                .message(message)
                .errorCodes(ErrorCodes.extract(message))
                .raw(EventLogs.capRaw(row.raw()));
        times.apply(b, row.field(1));
        return b.build();
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = (nl < 0 ? s : s.substring(0, nl)).strip();
        return line.length() > 160 ? line.substring(0, 160) : line;
    }
}
