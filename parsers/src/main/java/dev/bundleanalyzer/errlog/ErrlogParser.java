package dev.bundleanalyzer.errlog;

import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.Hex;
import dev.bundleanalyzer.parse.ErrorCodes;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.BufferedReader;
import java.io.IOException;
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
 * <p>Stateless and thread-safe. One pass per file; lines are split with {@code indexOf} and the date of each
 * distinct day is converted once.
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
        try (BufferedReader reader = input.reader()) {
            String line;
            while ((line = reader.readLine()) != null) {
                run.line(line);
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
        private final Fields f = new Fields();
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
        private String lastPid = "";
        private String lastTid = "";
        private String lastGuid = "";
        private String lastLevel = "";

        // the record being built (continuation lines may still follow)
        private LogEvent.Builder pending;
        private String pendingMessage;
        private String pendingRaw;
        private StringBuilder moreMessage;
        private StringBuilder moreRaw;
        private int pendingBlanks;

        Run(ParseInput input, RecordSink sink) {
            this.file = input.path();
            this.modified = input.modified();
            this.sink = sink;
            this.component = componentOf(input.path());
        }

        void line(String line) {
            lineNo++;
            if (f.read(line)) {
                flush();
                startRecord(line);
            } else if (isBlank(line)) {
                if (pending != null) {
                    pendingBlanks++;
                }
            } else if (pending != null && (moreRaw == null || moreRaw.length() < MAX_RECORD_CHARS)) {
                if (moreMessage == null) {
                    moreMessage = new StringBuilder(pendingMessage.length() + line.length() + 64).append(pendingMessage);
                    moreRaw = new StringBuilder(pendingRaw.length() + line.length() + 64).append(pendingRaw);
                }
                for (; pendingBlanks > 0; pendingBlanks--) {
                    moreMessage.append('\n');
                    moreRaw.append('\n');
                }
                moreMessage.append('\n').append(line);
                moreRaw.append('\n').append(line);
            } else {
                flush(); // a record grown past MAX_RECORD_CHARS ends here; the rest stands alone
                sink.event(LogEvent.builder(file, lineNo)
                        .component(component)
                        .message(line)
                        .raw(line)
                        .errorCodes(ErrorCodes.extract(line))
                        .build());
                count++;
            }
        }

        private void startRecord(String line) {
            Fields f = this.f;
            boolean assumed = f.year < 0;
            int y = yearOf(f.month, f.day, f.year);
            Instant time = null;
            int key = (y << 9) | (f.month << 5) | f.day;
            if (key != dayKey) {
                dayKey = key;
                dayValid = f.day <= LocalDate.of(y, f.month, 1).lengthOfMonth();
                daySeconds = dayValid ? LocalDate.of(y, f.month, f.day).toEpochDay() * 86_400L : 0;
            }
            if (dayValid) {
                time = Instant.ofEpochSecond(daySeconds + f.secondOfDay, f.nanos);
            }
            String timeText = f.timeEnd == f.timeStart ? null
                    : f.dateEnd + 1 == f.timeStart && line.charAt(f.dateEnd) == ' '
                    ? line.substring(f.dateStart, f.timeEnd)
                    : line.substring(f.dateStart, f.dateEnd) + ' ' + line.substring(f.timeStart, f.timeEnd);
            lastPid = reuse(line, f.pidStart, f.pidEnd, lastPid);
            lastTid = reuse(line, f.tidStart, f.tidEnd, lastTid);
            String guid = null;
            if (f.guidEnd > f.guidStart) {
                guid = lastGuid = reuse(line, f.guidStart, f.guidEnd, lastGuid);
            }
            String level = null;
            if (f.levelEnd > f.levelStart) {
                level = lastLevel = reuse(line, f.levelStart, f.levelEnd, lastLevel);
            }
            pending = LogEvent.builder(file, lineNo)
                    .time(time)
                    .timeText(timeText)
                    .timeAssumed(assumed)
                    .level(level)
                    .component(component)
                    .process(lastPid)
                    .thread(lastTid)
                    .source(f.sourceEnd > f.sourceStart ? line.substring(f.sourceStart, f.sourceEnd) : null)
                    .activityId(guid);
            pendingMessage = line.substring(f.messageStart);
            pendingRaw = line;
        }

        /** Ends the pending record, if any, and hands it to the sink. */
        private void flush() {
            if (pending == null) {
                return;
            }
            String message = pendingMessage;
            String raw = pendingRaw;
            if (moreMessage != null) {
                message = moreMessage.toString();
                raw = moreRaw.toString();
                moreMessage = null;
                moreRaw = null;
            }
            List<String> codes = ErrorCodes.extract(message);
            sink.event(pending.message(message).raw(raw).errorCodes(codes).build());
            count++;
            pending = null;
            pendingMessage = null;
            pendingRaw = null;
            pendingBlanks = 0;
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

        private static String reuse(String line, int start, int end, String last) {
            int n = end - start;
            if (last.length() == n && line.regionMatches(start, last, 0, n)) {
                return last;
            }
            return line.substring(start, end);
        }
    }

    // ---- one line ---------------------------------------------------------------------------------------------

    /**
     * Column offsets of one record line. {@link #read} fills them in; the object is reused line after line and
     * never escapes a parse.
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

        /** Reads {@code s} as a record line; false when it is not one (the offsets are then meaningless). */
        boolean read(String s) {
            int n = s.length();
            if (n < 24 || Hex.value(s.charAt(0)) < 0) {
                return false;
            }
            int count = 0;
            int p = s.indexOf('\t');
            while (p >= 0 && count < 9) {
                tabs[count++] = p;
                p = s.indexOf('\t', p + 1);
            }
            if (count >= 8 && readTabbed(s, n, count)) {
                tabbed = true;
                return true;
            }
            tabbed = false;
            return readSpaced(s, n);
        }

        private boolean readTabbed(String s, int n, int count) {
            int[] t = tabs;
            if (!isHexRun(s, 0, t[0]) || !isHexRun(s, t[0] + 1, t[1])) {
                return false;
            }
            if (!date(s, t[1] + 1, t[2]) || !time(s, t[2] + 1, t[3])) {
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

        private boolean readSpaced(String s, int n) {
            int a = 0;
            int b = tokenEnd(s, a, n);
            if (!isHexRun(s, a, b)) {
                return false;
            }
            pidStart = a;
            pidEnd = b;
            a = skipBlank(s, b, n);
            b = tokenEnd(s, a, n);
            if (!isHexRun(s, a, b)) {
                return false;
            }
            tidStart = a;
            tidEnd = b;
            a = skipBlank(s, b, n);
            b = tokenEnd(s, a, n);
            if (!date(s, a, b)) {
                return false;
            }
            dateStart = a;
            dateEnd = b;
            a = skipBlank(s, b, n);
            b = tokenEnd(s, a, n);
            if (!time(s, a, b)) {
                return false;
            }
            timeStart = a;
            timeEnd = b;
            a = skipBlank(s, b, n);
            b = tokenEnd(s, a, n);
            if (b == a || !isDigits(s, a, b)) {
                return false; // category
            }
            a = skipBlank(s, b, n);
            b = tokenEnd(s, a, n);
            if (b == a || s.charAt(b - 1) != ')') {
                return false; // source file(line)
            }
            sourceStart = a;
            sourceEnd = b;
            a = skipBlank(s, b, n);
            b = tokenEnd(s, a, n);
            if (b - a >= 2 && s.charAt(a) == '[' && s.charAt(b - 1) == ']') {
                a = skipBlank(s, b, n); // object pointer
                b = tokenEnd(s, a, n);
            }
            if (isGuid(s, a, b)) {
                guidStart = a;
                guidEnd = b;
                a = skipBlank(s, b, n);
                b = tokenEnd(s, a, n);
            } else {
                guidStart = guidEnd = a;
            }
            if (b == a) {
                return false; // no level
            }
            levelStart = a;
            levelEnd = b;
            messageStart = skipBlank(s, b, n);
            return true;
        }

        /** {@code M/D}, {@code MM/DD} or {@code MM/DD/YYYY}. */
        private boolean date(String s, int a, int b) {
            int i = a;
            int m = 0;
            while (i < b && i - a < 2 && isDigit(s.charAt(i))) {
                m = m * 10 + s.charAt(i++) - '0';
            }
            if (i == a || i >= b || s.charAt(i) != '/') {
                return false;
            }
            int d0 = ++i;
            int d = 0;
            while (i < b && i - d0 < 2 && isDigit(s.charAt(i))) {
                d = d * 10 + s.charAt(i++) - '0';
            }
            if (i == d0 || m < 1 || m > 12 || d < 1 || d > 31) {
                return false;
            }
            int y = -1;
            if (i < b) {
                if (s.charAt(i) != '/' || b - i != 5 || !isDigits(s, i + 1, b)) {
                    return false;
                }
                y = (s.charAt(i + 1) - '0') * 1000 + (s.charAt(i + 2) - '0') * 100 + (s.charAt(i + 3) - '0') * 10
                        + (s.charAt(i + 4) - '0');
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
        private boolean time(String s, int a, int b) {
            int i = a;
            int h = 0;
            while (i < b && i - a < 2 && isDigit(s.charAt(i))) {
                h = h * 10 + s.charAt(i++) - '0';
            }
            if (i == a || b - i < 6 || s.charAt(i) != ':' || s.charAt(i + 3) != ':') {
                return false;
            }
            char m1 = s.charAt(i + 1);
            char m2 = s.charAt(i + 2);
            char s1 = s.charAt(i + 4);
            char s2 = s.charAt(i + 5);
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
                if (s.charAt(i) != '.' || b - i < 2 || b - i > 10 || !isDigits(s, i + 1, b)) {
                    return false;
                }
                int scale = 100_000_000;
                for (int k = i + 1; k < b; k++, scale /= 10) {
                    nano += (s.charAt(k) - '0') * scale;
                }
            }
            secondOfDay = h * 3600 + min * 60 + Math.min(sec, 59);
            nanos = nano;
            return true;
        }

        private static boolean isGuid(String s, int a, int b) {
            if (b - a != 36) {
                return false;
            }
            for (int i = 0; i < 36; i++) {
                char c = s.charAt(a + i);
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

        private static boolean isHexRun(String s, int a, int b) {
            if (b <= a || b - a > 8) {
                return false;
            }
            for (int i = a; i < b; i++) {
                if (Hex.value(s.charAt(i)) < 0) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isDigits(String s, int a, int b) {
            for (int i = a; i < b; i++) {
                if (!isDigit(s.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private static int tokenEnd(String s, int i, int n) {
            while (i < n) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t') {
                    break;
                }
                i++;
            }
            return i;
        }

        private static int skipBlank(String s, int i, int n) {
            while (i < n) {
                char c = s.charAt(i);
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
