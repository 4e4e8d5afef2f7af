package dev.bundleanalyzer.eventlog;

import com.univocity.parsers.common.TextParsingException;
import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.ErrorCodes;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads events that PowerShell wrote with {@code Get-WinEvent … | Export-Csv} (or {@code ConvertTo-Csv}), and
 * the classic {@code Get-EventLog … | Export-Csv}:
 * <pre>
 * #TYPE System.Diagnostics.Eventing.Reader.EventLogRecord
 * "Message","Id","Version","Qualifiers","Level","Task","Opcode","Keywords","RecordId","ProviderName",…
 * "The backup operation has completed with errors.","11",…
 * </pre>
 * The {@code #TYPE} line is missing with {@code -NoTypeInformation} (and by default since PowerShell 6); all
 * values are quoted; {@code -UseCulture} makes the delimiter the culture's list separator ({@code ;} in much of
 * Europe). The header names the properties of the objects, in any order and any subset
 * ({@code Select-Object TimeCreated, Id, Message}), so columns are read by name:
 *
 * <table>
 *   <caption>Columns read</caption>
 *   <tr><th>record field</th><th>Get-WinEvent</th><th>Get-EventLog</th></tr>
 *   <tr><td>eventId</td><td>Id</td><td>EventID</td></tr>
 *   <tr><td>record</td><td>RecordId</td><td>Index</td></tr>
 *   <tr><td>level</td><td>LevelDisplayName, else Level (number)</td><td>EntryType</td></tr>
 *   <tr><td>component</td><td>ProviderName</td><td>Source</td></tr>
 *   <tr><td>channel</td><td>LogName, else ContainerLog</td><td>from the file name</td></tr>
 *   <tr><td>time</td><td>TimeCreated</td><td>TimeGenerated</td></tr>
 *   <tr><td>computer</td><td>MachineName</td><td>MachineName</td></tr>
 *   <tr><td>process, thread</td><td>ProcessId, ThreadId</td><td></td></tr>
 *   <tr><td>activityId</td><td>ActivityId (braces removed)</td><td></td></tr>
 *   <tr><td>message</td><td>Message</td><td>Message</td></tr>
 * </table>
 * Times are written in the exporting user's culture and in the machine's local time (see {@link EventTimes}).
 * A quoted message may span lines; the record's line is the one it starts on.
 *
 * <p>Stateless and thread-safe; streams the file row by row.
 */
public final class ExportCsvParser implements Parser {

    public static final String KIND = "eventlog-exportcsv";

    /** Property names of EventLogRecord and EventLogEntry, lower case. */
    private static final Set<String> PROPERTIES = Set.of(
            "message", "id", "version", "qualifiers", "level", "task", "opcode", "keywords", "recordid",
            "providername", "providerid", "logname", "processid", "threadid", "machinename", "userid",
            "timecreated", "activityid", "relatedactivityid", "containerlog", "matchedqueryids", "bookmark",
            "leveldisplayname", "opcodedisplayname", "taskdisplayname", "keywordsdisplaynames", "properties",
            "eventid", "data", "index", "category", "categorynumber", "entrytype", "source", "replacementstrings",
            "instanceid", "timegenerated", "timewritten", "username", "site", "container");

    /** Names of which one must be there besides the event ID and the time. */
    private static final Set<String> CONTENT = Set.of(
            "message", "leveldisplayname", "level", "providername", "logname", "recordid", "entrytype", "source",
            "index", "machinename");

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * Its TimeCreated values are the machine's local time: the analyzer must parse the file once the bundle has
     * told the machine's zone, else every time is read as UTC.
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
        String text = sample.text();
        int pos = 0;
        int n = text.length();
        String typeLine = null;
        String headerLine = null;
        while (pos < n && headerLine == null) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) {
                eol = n;
            }
            String line = text.substring(pos, eol).strip();
            pos = eol + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (typeLine == null && line.startsWith("#TYPE ")) {
                typeLine = line;
                continue;
            }
            headerLine = line;
        }
        if (headerLine == null) {
            return 0;
        }
        char delimiter = delimiter(headerLine);
        List<CsvRows.Row> rows = CsvRows.of(headerLine, delimiter, 1);
        if (rows.isEmpty()) {
            return 0;
        }
        String[] names = rows.get(0).fields();
        int known = 0;
        boolean content = false;
        Set<String> seen = new java.util.HashSet<>();
        for (String name : names) {
            String k = name.strip().toLowerCase(Locale.ROOT);
            if (PROPERTIES.contains(k)) {
                known++;
                seen.add(k);
                content |= CONTENT.contains(k);
            }
        }
        boolean id = seen.contains("id") || seen.contains("eventid") || seen.contains("instanceid");
        boolean time = seen.contains("timecreated") || seen.contains("timegenerated");
        boolean typed = typeLine != null && (typeLine.contains("Eventing.Reader.EventLogRecord")
                || typeLine.contains("System.Diagnostics.EventLogEntry"));
        if (typed && known >= 2 && known * 2 >= names.length) {
            return 95;
        }
        if (!id || !time || !content || known * 2 < names.length) {
            return 0;
        }
        return known >= 6 ? 90 : 80;
    }

    /** {@code ;} when the header is separated by it ({@code -UseCulture}), else {@code ,}. */
    static char delimiter(String headerLine) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char c = headerLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        String file = input.path();
        EventTimes times = new EventTimes(input, sink);
        String fileChannel = EventLogs.channelFromFileName(file);
        long count = 0;
        long lastLine = 0;
        java.io.BufferedReader reader = input.reader();
        // the delimiter is told by the header; the reader is marked so that the rows parser starts at the top
        reader.mark(1 << 16);
        char delimiter = ',';
        for (String line; (line = reader.readLine()) != null; ) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#TYPE ")) {
                delimiter = delimiter(s);
                break;
            }
        }
        try {
            reader.reset();
        } catch (IOException e) {
            throw new IOException(file + ": the lines before the header are longer than 64 KiB", e);
        }
        try (CsvRows rows = new CsvRows(reader, delimiter)) {
            Columns columns = null;
            for (CsvRows.Row row; (row = rows.next()) != null; ) {
                lastLine = row.line();
                if (columns == null) {
                    if (row.fields().length == 1 && row.fields()[0].startsWith("#TYPE ")) {
                        continue;
                    }
                    columns = new Columns(row.fields());
                    continue;
                }
                sink.event(columns.event(row, file, fileChannel, times));
                count++;
            }
        } catch (TextParsingException e) {
            sink.note(file, EventViewerCsvParser.stopped(count, lastLine, e));
        }
        return count;
    }

    /** The positions of the columns read, from the header. */
    private static final class Columns {
        private final Map<String, Integer> index = new HashMap<>();

        Columns(String[] names) {
            for (int i = 0; i < names.length; i++) {
                index.putIfAbsent(names[i].strip().toLowerCase(Locale.ROOT), i);
            }
        }

        /** The value of the first of the named columns that the header has and the row fills, or null. */
        String get(CsvRows.Row row, String... names) {
            for (String name : names) {
                Integer i = index.get(name);
                if (i != null) {
                    String v = EventLogs.blankToNull(row.field(i));
                    if (v != null) {
                        return v;
                    }
                }
            }
            return null;
        }

        LogEvent event(CsvRows.Row row, String file, String fileChannel, EventTimes times) {
            String message = get(row, "message");
            String level = get(row, "leveldisplayname");
            if (level != null) {
                level = EventLogs.level(level);
            } else {
                String number = get(row, "level");
                level = number != null && EventLogs.allDigits(number) ? EventLogs.levelOf(number)
                        : EventLogs.level(number != null ? number : get(row, "entrytype"));
            }
            String channel = get(row, "logname");
            if (channel == null) {
                String container = get(row, "containerlog");
                channel = container != null && container.indexOf('\\') < 0 ? container : fileChannel;
            }
            LogEvent.Builder b = LogEvent.builder(file, row.line())
                    .record(EventLogs.recordId(get(row, "recordid", "index")))
                    .level(level)
                    .component(get(row, "providername", "source"))
                    .process(get(row, "processid"))
                    .thread(get(row, "threadid"))
                    .activityId(EventLogs.guid(get(row, "activityid")))
                    .channel(channel)
                    .eventId(EventLogs.eventId(get(row, "id", "eventid")))
                    .computer(get(row, "machinename"))
                    .message(message)
                    .errorCodes(ErrorCodes.extract(message))
                    .raw(EventLogs.capRaw(row.raw()));
            times.apply(b, get(row, "timecreated", "timegenerated"));
            return b.build();
        }
    }
}
