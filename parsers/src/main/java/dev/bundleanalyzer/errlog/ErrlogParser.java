package dev.bundleanalyzer.errlog;

import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.ByteLines;
import dev.bundleanalyzer.parse.Hex;
import dev.bundleanalyzer.parse.ErrorCodes;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import dev.bundleanalyzer.parse.Skim;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads MARS / DPM trace logs ({@code CBEngineCurr.errlog}, {@code GatewayProvider0.errlog},
 * {@code MSDPMCurr.errlog.2016-06-01_20-55-45.Crash}, ...).
 *
 * <p>A record is one line of ten TAB-separated columns:
 * <pre>
 * PID  TID  MM/DD  HH:mm:ss.fff  category  file.ext(line)  [object]  activity-GUID  LEVEL  message
 * 44B4 3968 10/21  21:02:21.611  71        backupasync.cpp(1607) [000000001B73B830] 0517B3DB-... WARNING ...
 * </pre>
 * The object column may be empty; the message is the rest of the line and may itself hold tabs. The date may
 * also be {@code MM/DD/YYYY}. Lines whose tabs were collapsed to spaces (text copied from a web page or a viewer)
 * are read too: the columns are then runs of non-blank characters, and a missing object column is told apart
 * from the activity GUID by its brackets. Level words are kept as written (NORMAL, WARNING, CRITICAL, FATAL and
 * any other word).
 *
 * <p>Lines that do not read as a record (stack-trace lines, wrapped text) belong to the record above them: they
 * are appended to its message and raw text, and the record keeps its first line number. Such lines before the
 * first record are events of their own, without time or level (as are those past {@link #MAX_RECORD_CHARS} of
 * one record).
 *
 * <p>Times are UTC. Lines without a year get one: the first gets the year of the entry's modification time
 * (UTC), or the year before when its month and day come later in the year than that time; the year then goes up
 * by one each time the month wraps from the end of a year to its start. Without a modification time the current
 * year is used. Such events have {@code timeAssumed = true} and the entry gets one note that says which year
 * was taken from what.
 *
 * <p>The component is taken from the file name: {@code CBEngineCurr.errlog} is {@code CBEngine},
 * {@code GatewayProvider0.errlog} is {@code GatewayProvider}, {@code MSDPMCurr.errlog.<time>.Crash} is
 * {@code MSDPM}.
 *
 * <p>Stateless and thread-safe. One pass per file over its bytes ({@link ParseInput#lineBytes()}): columns are
 * found by their ASCII delimiters and only what an event keeps is decoded; the date of each distinct day is
 * converted once. When the sink needs only some events in full ({@link RecordSink#skim}), a one-line record it
 * does not want is counted with its time and level, and no event is built for it.
 */
public final class ErrlogParser implements Parser {

    public static final String KIND = "errlog";

    private static final Pattern COMPONENT =
            Pattern.compile("^(?<component>.+?)(Curr|\\d+)?\\.errlog(\\..*\\.crash)?$", Pattern.CASE_INSENSITIVE);

    /**
     * Continuation lines stop being appended to a record once its raw text is this long (a dump or a damaged
     * file must not grow one record without bound); later lines become events of their own.
     */
    static final int MAX_RECORD_CHARS = 1 << 20;

    /** Lines of a sample looked at by {@link #detect}. */
    private static final int DETECT_LINES = 40;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int detect(ContentSample sample) {
        boolean named = isErrlogName(sample.name());
        if (!sample.isText()) {
            return 0;
        }
        String text = sample.text();
        boolean cut = sample.head() != null && sample.head().length >= ContentDetector.SAMPLE_BYTES;
        Fields f = new Fields();
        int nonBlank = 0;
        int tabRecords = 0;
        int spaceRecords = 0;
        boolean firstIsRecord = false;
        int pos = 0;
        int n = text.length();
        while (pos < n && nonBlank < DETECT_LINES) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) {
                if (cut) {
                    break; // the last line of a cut sample may be incomplete
                }
                eol = n;
            }
            int end = eol > pos && text.charAt(eol - 1) == '\r' ? eol - 1 : eol;
            String line = text.substring(pos, end);
            pos = eol + 1;
            if (isBlank(line)) {
                continue;
            }
            nonBlank++;
            if (f.read(line)) {
                if (nonBlank == 1) {
                    firstIsRecord = true;
                }
                if (f.tabbed) {
                    tabRecords++;
                } else {
                    spaceRecords++;
                }
            }
        }
        int records = tabRecords + spaceRecords;
        int confidence = 0;
        if (records >= 2 && (firstIsRecord || records * 4 >= nonBlank)) {
            confidence = tabRecords >= spaceRecords ? 90 : 85;
        } else if (records == 1 && firstIsRecord) {
            confidence = 80;
        }
        if (named) {
            confidence = confidence == 0 ? 60 : Math.min(100, confidence + 5);
        }
        return confidence;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        Run run = new Run(input, sink);
        try (ByteLines lines = input.lineBytes()) {
            run.charset = lines.charset();
            while (lines.next()) {
                // whether a line is ASCII matters only to a skim
                run.line(lines.bytes(), lines.start(), lines.end(), run.skim != null && lines.ascii());
            }
        } finally {
            run.finish();
        }
        return run.count;
    }

    /** The component named by an errlog file name; for other names the name without its extension. */
    public static String componentOf(String fileName) {
        String name = lastSegment(fileName);
        Matcher m = COMPONENT.matcher(name);
        if (m.matches()) {
            return m.group("component");
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** True for {@code *.errlog} and crash copies {@code *.errlog.<time>.Crash} (any case). */
    public static boolean isErrlogName(String fileName) {
        if (fileName == null) {
            return false;
        }
        String lower = lastSegment(fileName).toLowerCase(Locale.ROOT);
        return lower.endsWith(".errlog") || (lower.contains(".errlog.") && lower.endsWith(".crash"));
    }

    private static String lastSegment(String path) {
        int cut = Math.max(path.lastIndexOf('/'), Math.max(path.lastIndexOf('\\'), path.lastIndexOf('!')));
        return cut < 0 ? path : path.substring(cut + 1);
    }

    static boolean isBlank(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) > ' ') {
                return false;
            }
        }
        return true;
    }

    // ---- one file -------------------------------------------------------------------------------------------

    /** The state of parsing one file. */
    private static final class Run {
        private final String file;
        private final Instant modified;
        private final RecordSink sink;
        private final String component;
        final Skim skim;
        Charset charset = StandardCharsets.UTF_8;
        /** Columns of the line just read, and of the pending record's first line: swapped when a record starts. */
        private Fields f = new Fields();
        private Fields head = new Fields();
        private long lineNo;
        private long count;

        // year assumption
        private boolean yearSet;
        private int year;
        private int lastMonth;
        private int firstAssumedYear = -1;
        private boolean firstYearBefore;
        private int firstMonth;
        private int firstDay;
        private int wrapYear = -1;
        private long wrapLine;
        /** Last line whose date carried a year, 0 when none did so far. */
        private long yearLine;
        /** When the first assumed year continued the year of a dated line: that line. */
        private long firstBasisLine;
        private boolean firstWrapped;

        // cache of the start of the current day
        private int dayKey = -1;
        private long daySeconds;
        private boolean dayValid;

        // strings of the previous record, reused when the next one has the same value
        private final Column pid = new Column();
        private final Column tid = new Column();
        private final Column guid = new Column();
        private final Column level = new Column();

        // the record being built (continuation lines may still follow): its raw bytes, first line first
        private boolean pending;
        private byte[] raw = new byte[512];
        private int rawLength;
        private boolean rawAscii;
        private boolean continued;
        private long pendingLine;
        private boolean pendingAssumed;
        private boolean pendingTimed;
        private long pendingSeconds;
        private int pendingBlanks;

        Run(ParseInput input, RecordSink sink) {
            this.file = input.path();
            this.modified = input.modified();
            this.sink = sink;
            this.component = componentOf(input.path());
            this.skim = sink.skim(file, component);
        }

        void line(byte[] b, int from, int to, boolean ascii) {
            lineNo++;
            if (f.read(b, from, to)) {
                flush();
                Fields read = f;
                f = head;
                head = read;
                startRecord(b, from, to, ascii);
            } else if (isBlank(b, from, to)) {
                if (pending) {
                    pendingBlanks++;
                }
            } else if (pending && rawLength < MAX_RECORD_CHARS) {
                for (; pendingBlanks > 0; pendingBlanks--) {
                    append((byte) '\n');
                }
                append((byte) '\n');
                append(b, from, to);
                rawAscii &= ascii;
                continued = true;
            } else {
                flush(); // a record grown past MAX_RECORD_CHARS ends here; the rest stands alone
                String line = new String(b, from, to - from, charset);
                sink.event(LogEvent.builder(file, lineNo)
                        .component(component)
                        .message(line)
                        .raw(line)
                        .errorCodes(ErrorCodes.extract(line))
                        .build());
                count++;
            }
        }

        private void startRecord(byte[] b, int from, int to, boolean ascii) {
            Fields f = head;
            pendingAssumed = f.year < 0;
            int y = yearOf(f.month, f.day, f.year);
            int key = (y << 9) | (f.month << 5) | f.day;
            if (key != dayKey) {
                dayKey = key;
                dayValid = f.day <= LocalDate.of(y, f.month, 1).lengthOfMonth();
                daySeconds = dayValid ? LocalDate.of(y, f.month, f.day).toEpochDay() * 86_400L : 0;
            }
            pendingTimed = dayValid;
            pendingSeconds = daySeconds + f.secondOfDay;
            pending = true;
            pendingLine = lineNo;
            continued = false;
            rawAscii = ascii;
            rawLength = 0;
            append(b, from, to);
        }

        private void append(byte[] b, int from, int to) {
            int n = to - from;
            if (rawLength + n > raw.length) {
                raw = java.util.Arrays.copyOf(raw, Math.max(raw.length * 2, rawLength + n));
            }
            System.arraycopy(b, from, raw, rawLength, n);
            rawLength += n;
        }

        private void append(byte b) {
            if (rawLength == raw.length) {
                raw = java.util.Arrays.copyOf(raw, raw.length * 2);
            }
            raw[rawLength++] = b;
        }

        /** Ends the pending record, if any, and hands it to the sink. */
        private void flush() {
            if (!pending) {
                return;
            }
            pending = false;
            pendingBlanks = 0;
            count++;
            Fields f = head;
            byte[] b = raw;
            String levelText = f.levelEnd > f.levelStart ? level.of(b, f.levelStart, f.levelEnd, charset) : null;
            if (skim != null && !continued && rawAscii && !skim.wants(b, 0, f.messageStart, rawLength, levelText)) {
                sink.skimmed(pendingTimed ? pendingSeconds * 1000 + head.nanos / 1_000_000 : Long.MIN_VALUE, levelText);
                return;
            }
            String timeText = f.timeEnd == f.timeStart ? null
                    : f.dateEnd + 1 == f.timeStart && b[f.dateEnd] == ' '
                    ? new String(b, f.dateStart, f.timeEnd - f.dateStart, charset)
                    : new String(b, f.dateStart, f.dateEnd - f.dateStart, charset) + ' '
                            + new String(b, f.timeStart, f.timeEnd - f.timeStart, charset);
            String message = new String(b, f.messageStart, rawLength - f.messageStart, charset);
            sink.event(LogEvent.builder(file, pendingLine)
                    .time(pendingTimed ? Instant.ofEpochSecond(pendingSeconds, f.nanos) : null)
                    .timeText(timeText)
                    .timeAssumed(pendingAssumed)
                    .level(levelText)
                    .component(component)
                    .process(pid.of(b, f.pidStart, f.pidEnd, charset))
                    .thread(tid.of(b, f.tidStart, f.tidEnd, charset))
                    .source(f.sourceEnd > f.sourceStart ? new String(b, f.sourceStart, f.sourceEnd - f.sourceStart,
                            charset) : null)
                    .activityId(f.guidEnd > f.guidStart ? guid.of(b, f.guidStart, f.guidEnd, charset) : null)
                    .message(message)
                    .raw(new String(b, 0, rawLength, charset))
                    .errorCodes(ErrorCodes.extract(message))
                    .build());
        }

        void finish() {
            flush();
            if (firstAssumedYear >= 0) {
                sink.timeNote(file, yearNote());
            }
        }

        /** The year of a line: its own, or the assumed one (see the class comment). */
        private int yearOf(int month, int day, int lineYear) {
            if (lineYear >= 0) {
                year = lineYear;
                yearLine = lineNo;
                yearSet = true;
                lastMonth = month;
                return lineYear;
            }
            if (!yearSet) {
                if (modified != null) {
                    LocalDate ref = LocalDate.ofInstant(modified, ZoneOffset.UTC);
                    year = ref.getYear();
                    if (month > ref.getMonthValue() || (month == ref.getMonthValue() && day > ref.getDayOfMonth())) {
                        year--;
                        firstYearBefore = true;
                    }
                } else {
                    year = LocalDate.now(ZoneOffset.UTC).getYear();
                }
                yearSet = true;
            } else if (lastMonth - month >= 6) {
                year++;
                if (firstAssumedYear < 0) {
                    firstWrapped = true; // the first line without a year follows one with a year across New Year
                } else {
                    if (wrapYear < 0) {
                        wrapLine = lineNo;
                    }
                    wrapYear = year;
                }
            }
            if (firstAssumedYear < 0) {
                firstAssumedYear = year;
                firstBasisLine = yearLine;
                firstMonth = month;
                firstDay = day;
            }
            lastMonth = month;
            return year;
        }

        private String yearNote() {
            StringBuilder sb = new StringBuilder(200);
            sb.append("year ").append(firstAssumedYear);
            if (firstBasisLine > 0) {
                sb.append(" continued from line ").append(firstBasisLine).append(", whose date has a year");
                if (firstWrapped) {
                    sb.append(" (the dates wrap from December to January in between)");
                }
            } else if (modified != null) {
                sb.append(" taken from the entry's modification time ").append(modified);
                if (firstYearBefore) {
                    sb.append(String.format(Locale.ROOT, " (the year before it: the first dated line, %02d/%02d, falls later in"
                            + " the year than that time)", firstMonth, firstDay));
                }
            } else {
                sb.append(" assumed to be the current year, as the entry has no modification time");
            }
            sb.append(firstBasisLine > 0 ? "; other lines have no year" : "; lines have no year");
            if (wrapYear >= 0) {
                sb.append("; the year goes on to ").append(wrapYear)
                        .append(" where the dates wrap from December to January");
                if (wrapLine > 0) {
                    sb.append(" (first at line ").append(wrapLine).append(')');
                }
            }
            return sb.toString();
        }
    }

    /**
     * A column whose few values repeat line after line (process, thread, activity, level): the same string is
     * handed on for the same bytes, which saves the decoding and lets the timeline and the rules remember what
     * they made of it. The last {@value #KEPT} values are kept, as lines of a few threads and levels interleave.
     */
    private static final class Column {
        private static final int KEPT = 8;
        /** Values of up to eight bytes, as the bytes of a long (their lengths beside): one compare finds them. */
        private final long[] keys = new long[KEPT];
        private final int[] lengths = new int[KEPT];
        private final String[] texts = new String[KEPT];
        private int next;
        /** A longer value (an activity GUID), kept alone. */
        private byte[] longBytes = new byte[0];
        private String longText;

        String of(byte[] b, int from, int to, Charset charset) {
            int n = to - from;
            if (n > Long.BYTES) {
                if (longText == null || !java.util.Arrays.equals(longBytes, 0, longBytes.length, b, from, to)) {
                    longBytes = java.util.Arrays.copyOfRange(b, from, to);
                    longText = new String(longBytes, charset);
                }
                return longText;
            }
            long key = 0;
            for (int i = to - 1; i >= from; i--) {
                key = (key << 8) | (b[i] & 0xFF);
            }
            for (int i = 0; i < KEPT; i++) {
                if (keys[i] == key && lengths[i] == n && texts[i] != null) {
                    return texts[i];
                }
            }
            int slot = next;
            next = (next + 1) % KEPT;
            keys[slot] = key;
            lengths[slot] = n;
            texts[slot] = new String(b, from, n, charset);
            return texts[slot];
        }
    }

    static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if ((b[i] & 0xFF) > ' ') {
                return false;
            }
        }
        return true;
    }

    // ---- one line ---------------------------------------------------------------------------------------------

    /**
     * Column offsets of one record line, in its bytes (ASCII delimiters: the bytes of the charset's other chars
     * are never read as one). {@link #read} fills them in, relative to the line's first byte; the object is reused
     * line after line and never escapes a parse.
     */
    static final class Fields {
        boolean tabbed;
        int pidStart;
        int pidEnd;
        int tidStart;
        int tidEnd;
        int dateStart;
        int dateEnd;
        int timeStart;
        int timeEnd;
        int sourceStart;
        int sourceEnd;
        int guidStart;
        int guidEnd;
        int levelStart;
        int levelEnd;
        int messageStart;
        int month;
        int day;
        /** -1 when the date has no year. */
        int year;
        int secondOfDay;
        int nanos;
        private final int[] tabs = new int[9];
        private byte[] s;
        private int base;

        /** Reads a line of text as a record line (the first lines of a sample, when detecting). */
        boolean read(String line) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            return read(b, 0, b.length);
        }

        /** Reads {@code b[from, to)} as a record line; false when it is not one (the offsets are then meaningless). */
        boolean read(byte[] b, int from, int to) {
            s = b;
            base = from;
            int n = to - from;
            if (n < 24 || Hex.value(at(0)) < 0) {
                return false;
            }
            int count = 0;
            for (int i = ByteLines.indexOf(b, from, to, (byte) '\t'); i >= 0 && count < 9;
                    i = ByteLines.indexOf(b, i + 1, to, (byte) '\t')) {
                tabs[count++] = i - from;
            }
            if (count >= 8 && readTabbed(n, count)) {
                tabbed = true;
                return true;
            }
            tabbed = false;
            return readSpaced(n);
        }

        /** The byte at {@code i} of the line, as a char (never an ASCII char unless it is one). */
        private char at(int i) {
            return (char) (s[base + i] & 0xFF);
        }

        private boolean readTabbed(int n, int count) {
            int[] t = tabs;
            if (!isHexRun(0, t[0]) || !isHexRun(t[0] + 1, t[1])) {
                return false;
            }
            if (!date(t[1] + 1, t[2]) || !time(t[2] + 1, t[3])) {
                return false;
            }
            pidStart = 0;
            pidEnd = t[0];
            tidStart = t[0] + 1;
            tidEnd = t[1];
            dateStart = t[1] + 1;
            dateEnd = t[2];
            timeStart = t[2] + 1;
            timeEnd = t[3];
            sourceStart = t[4] + 1;
            sourceEnd = t[5];
            guidStart = t[6] + 1;
            guidEnd = t[7];
            levelStart = t[7] + 1;
            levelEnd = count == 9 ? t[8] : n;
            messageStart = count == 9 ? t[8] + 1 : n;
            return true;
        }

        private boolean readSpaced(int n) {
            int a = 0;
            int b = tokenEnd(a, n);
            if (!isHexRun(a, b)) {
                return false;
            }
            pidStart = a;
            pidEnd = b;
            a = skipBlank(b, n);
            b = tokenEnd(a, n);
            if (!isHexRun(a, b)) {
                return false;
            }
            tidStart = a;
            tidEnd = b;
            a = skipBlank(b, n);
            b = tokenEnd(a, n);
            if (!date(a, b)) {
                return false;
            }
            dateStart = a;
            dateEnd = b;
            a = skipBlank(b, n);
            b = tokenEnd(a, n);
            if (!time(a, b)) {
                return false;
            }
            timeStart = a;
            timeEnd = b;
            a = skipBlank(b, n);
            b = tokenEnd(a, n);
            if (b == a || !isDigits(a, b)) {
                return false; // category
            }
            a = skipBlank(b, n);
            b = tokenEnd(a, n);
            if (b == a || at(b - 1) != ')') {
                return false; // source file(line)
            }
            sourceStart = a;
            sourceEnd = b;
            a = skipBlank(b, n);
            b = tokenEnd(a, n);
            if (b - a >= 2 && at(a) == '[' && at(b - 1) == ']') {
                a = skipBlank(b, n); // object pointer
                b = tokenEnd(a, n);
            }
            if (isGuid(a, b)) {
                guidStart = a;
                guidEnd = b;
                a = skipBlank(b, n);
                b = tokenEnd(a, n);
            } else {
                guidStart = guidEnd = a;
            }
            if (b == a) {
                return false; // no level
            }
            levelStart = a;
            levelEnd = b;
            messageStart = skipBlank(b, n);
            return true;
        }

        /** {@code M/D}, {@code MM/DD} or {@code MM/DD/YYYY}. */
        private boolean date(int a, int b) {
            int i = a;
            int m = 0;
            while (i < b && i - a < 2 && isDigit(at(i))) {
                m = m * 10 + at(i++) - '0';
            }
            if (i == a || i >= b || at(i) != '/') {
                return false;
            }
            int d0 = ++i;
            int d = 0;
            while (i < b && i - d0 < 2 && isDigit(at(i))) {
                d = d * 10 + at(i++) - '0';
            }
            if (i == d0 || m < 1 || m > 12 || d < 1 || d > 31) {
                return false;
            }
            int y = -1;
            if (i < b) {
                if (at(i) != '/' || b - i != 5 || !isDigits(i + 1, b)) {
                    return false;
                }
                y = (at(i + 1) - '0') * 1000 + (at(i + 2) - '0') * 100 + (at(i + 3) - '0') * 10 + (at(i + 4) - '0');
                if (y < 1970) {
                    return false;
                }
            }
            month = m;
            day = d;
            year = y;
            return true;
        }

        /** {@code H:mm:ss}, optionally with a fraction of 1 to 9 digits. */
        private boolean time(int a, int b) {
            int i = a;
            int h = 0;
            while (i < b && i - a < 2 && isDigit(at(i))) {
                h = h * 10 + at(i++) - '0';
            }
            if (i == a || b - i < 6 || at(i) != ':' || at(i + 3) != ':') {
                return false;
            }
            char m1 = at(i + 1);
            char m2 = at(i + 2);
            char s1 = at(i + 4);
            char s2 = at(i + 5);
            if (!isDigit(m1) || !isDigit(m2) || !isDigit(s1) || !isDigit(s2)) {
                return false;
            }
            int min = (m1 - '0') * 10 + (m2 - '0');
            int sec = (s1 - '0') * 10 + (s2 - '0');
            if (h > 23 || min > 59 || sec > 60) {
                return false;
            }
            i += 6;
            int nano = 0;
            if (i < b) {
                if (at(i) != '.' || b - i < 2 || b - i > 10 || !isDigits(i + 1, b)) {
                    return false;
                }
                int scale = 100_000_000;
                for (int k = i + 1; k < b; k++, scale /= 10) {
                    nano += (at(k) - '0') * scale;
                }
            }
            secondOfDay = h * 3600 + min * 60 + Math.min(sec, 59);
            nanos = nano;
            return true;
        }

        private boolean isGuid(int a, int b) {
            if (b - a != 36) {
                return false;
            }
            for (int i = 0; i < 36; i++) {
                char c = at(a + i);
                if (i == 8 || i == 13 || i == 18 || i == 23) {
                    if (c != '-') {
                        return false;
                    }
                } else if (Hex.value(c) < 0) {
                    return false;
                }
            }
            return true;
        }

        private boolean isHexRun(int a, int b) {
            if (b <= a || b - a > 8) {
                return false;
            }
            for (int i = a; i < b; i++) {
                if (Hex.value(at(i)) < 0) {
                    return false;
                }
            }
            return true;
        }

        private boolean isDigits(int a, int b) {
            for (int i = a; i < b; i++) {
                if (!isDigit(at(i))) {
                    return false;
                }
            }
            return true;
        }

        private int tokenEnd(int i, int n) {
            while (i < n) {
                char c = at(i);
                if (c == ' ' || c == '\t') {
                    break;
                }
                i++;
            }
            return i;
        }

        private int skipBlank(int i, int n) {
            while (i < n) {
                char c = at(i);
                if (c != ' ' && c != '\t') {
                    break;
                }
                i++;
            }
            return i;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
