package dev.bundleanalyzer.facts;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what Windows says about its services, in any of these shapes (several may follow each other in one file):
 * <ul>
 *   <li>the {@code Get-Service} table; long display names are cut with {@code ...}:
 * <pre>
 * Status   Name               DisplayName
 * ------   ----               -----------
 * Running  obengine           Microsoft Azure Recovery Services Agent
 * Stopped  MSiSCSI            Microsoft iSCSI Initiator Service
 * </pre></li>
 *   <li>{@code Get-Service | Format-List} blocks ({@code Name : obengine}, {@code DisplayName : ...},
 *       {@code Status : Running}, one block per service, blank lines between);</li>
 *   <li>{@code sc query} / {@code sc queryex} blocks. Labels and state words are not localised, the display name
 *       is:
 * <pre>
 * SERVICE_NAME: MSiSCSI
 * DISPLAY_NAME: Microsoft iSCSI Initiator Service
 *         TYPE               : 20  WIN32_SHARE_PROCESS
 *         STATE              : 1  STOPPED
 * </pre>
 *       {@code sc qc} blocks give the display name only;</li>
 *   <li>a service that is not installed: {@code [SC] EnumQueryServicesStatus:OpenService FAILED 1060:} (the name
 *       is taken from the command echo before it, {@code C:\>sc query obengine}; without one the failure is skipped
 *       with a note), and the {@code Get-Service} error {@code Cannot find any service with service name 'obengine'}
 *       / {@code NoServiceFoundForGivenName}.</li>
 * </ul>
 *
 * <p>Facts, {@code <name>} in lower case:
 * <ul>
 *   <li>{@code service.<name>.state}: {@code Running}, {@code Stopped}, {@code StartPending}, {@code StopPending},
 *       {@code ContinuePending}, {@code PausePending}, {@code Paused} (sc's {@code STOP_PENDING} is written
 *       {@code StopPending}), or {@code NotInstalled};</li>
 *   <li>{@code service.<name>.displayname}: as printed, {@code ...} included when the table cut it.</li>
 * </ul>
 * A name the table cut ({@code ...} at its end) is kept as printed, with a note.
 */
public final class ServicesParser implements Parser {

    public static final String KIND = "services";

    /** Value of {@code service.<name>.state} for a service that does not exist. */
    public static final String NOT_INSTALLED = "NotInstalled";

    private static final List<String> STATES = List.of(
            "Stopped", "StartPending", "StopPending", "Running", "ContinuePending", "PausePending", "Paused");

    /** {@code sc query obengine}, {@code sc.exe \\host queryex MSiSCSI}, {@code sc qc "obengine"}. */
    private static final Pattern SC_ECHO = Pattern.compile(
            "(?i)(?:^|[\\s>])sc(?:\\.exe)?\\s+(?:\\\\\\\\\\S+\\s+)?(?:query|queryex|qc)\\s+\"?([^\\s\"=>|]+)\"?\\s*(?:[12]?>>?.*|\\|.*)?$");
    /** {@code [SC] EnumQueryServicesStatus:OpenService FAILED 1060:}; "FAILED" is localised on some systems. */
    private static final Pattern SC_NOT_INSTALLED = Pattern.compile("\\[SC\\].*OpenService\\S*\\s+\\S+\\s+1060\\b");
    private static final Pattern GET_SERVICE_ERROR = Pattern.compile("Get-Service\\s*:.*?'([^']+)'");
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");
    private static final String NOT_FOUND_EN = "Cannot find any service with service name";
    private static final String NOT_FOUND_ID = "NoServiceFoundForGivenName";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int detect(ContentSample sample) {
        if (!sample.isText()) {
            return 0;
        }
        String text = sample.text();
        boolean sc = text.contains("SERVICE_NAME");
        boolean table = text.contains("DisplayName");
        boolean missing = text.contains("1060") || text.contains(NOT_FOUND_ID) || text.contains(NOT_FOUND_EN);
        if (!sc && !table && !missing) {
            return 0; // cheap exit for the many entries that are not this
        }
        int best = 0;
        boolean inSc = false;
        boolean inTable = false;
        boolean listName = false;
        boolean listState = false;
        boolean listDisplay = false;
        for (String line : text.split("\r?\n", 400)) {
            String s = line.strip();
            String[] tok = CaptureText.tokens(line);
            if (s.startsWith("SERVICE_NAME:")) {
                inSc = true;
                best = Math.max(best, 70);
                continue;
            }
            if (isTableHeader(tok)) {
                inTable = true;
                best = Math.max(best, 70);
                continue;
            }
            if (s.isEmpty()) {
                inSc = false;
                inTable = false;
                listName = listState = listDisplay = false;
                continue;
            }
            if (SC_NOT_INSTALLED.matcher(s).find() || s.contains(NOT_FOUND_ID) || s.contains(NOT_FOUND_EN)) {
                best = Math.max(best, 80);
                continue;
            }
            String[] lv = CaptureText.labelValue(s);
            if (inSc) {
                if (lv != null && lv[0].equals("STATE") && scState(lv[1]) != null) {
                    return 90;
                }
                continue;
            }
            if (inTable) {
                if (tok.length >= 2 && state(tok[0]) != null) {
                    return 90;
                }
                if (!isDashes(s)) {
                    inTable = false;
                }
                continue;
            }
            if (lv != null) {
                switch (lv[0]) {
                    case "Name", "ServiceName" -> listName |= !lv[1].isEmpty();
                    case "Status" -> listState |= state(lv[1]) != null;
                    case "DisplayName" -> listDisplay = true;
                    default -> { }
                }
                if (listName && listState && listDisplay) {
                    return 90;
                }
            }
        }
        return best;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        List<String> lines = CaptureText.readLines(input);
        Reader r = new Reader(input, lines, sink);
        for (int i = 0; i < lines.size(); i++) {
            r.line(i);
        }
        r.flushList();
        return r.facts;
    }

    /** Reading state over the lines of one capture. */
    private static final class Reader {
        final ParseInput input;
        final List<String> lines;
        final RecordSink sink;
        long facts;

        /** Name typed in the last sc command echo not yet answered by a block, or null. */
        String echoName;
        /** Name of the sc block being read, or null. */
        String scName;
        boolean inTable;
        int tableDisplayColumn = -1;
        int tableNameColumn = -1;
        /** Format-List block being read: label to line index. */
        final Map<String, Integer> list = new HashMap<>();
        /** A {@code Get-Service :} error waiting for its error ID: the name and the line. */
        String errorName;
        int errorLine = -1;

        Reader(ParseInput input, List<String> lines, RecordSink sink) {
            this.input = input;
            this.lines = lines;
            this.sink = sink;
        }

        void line(int i) {
            String line = lines.get(i);
            String s = line.strip();
            String[] tok = CaptureText.tokens(line);
            if (s.isEmpty()) {
                scName = null;
                inTable = false;
                flushList();
                return;
            }
            Matcher echo = SC_ECHO.matcher(s);
            if (echo.find()) {
                echoName = echo.group(1);
                scName = null;
                flushList();
                return;
            }
            if (s.startsWith("SERVICE_NAME:")) {
                flushList();
                String name = s.substring("SERVICE_NAME:".length()).strip();
                scName = name.isEmpty() ? null : name;
                echoName = null;
                return;
            }
            if (SC_NOT_INSTALLED.matcher(s).find()) {
                if (echoName != null) {
                    emit(echoName, "state", NOT_INSTALLED, i);
                } else {
                    sink.note(input.path(), "line " + (i + 1) + ": sc reports a service that is not installed"
                            + " (1060) but the capture does not say which; skipped");
                }
                echoName = null;
                return;
            }
            if (notFound(s, i)) {
                return;
            }
            if (isTableHeader(tok)) {
                flushList();
                inTable = true;
                tableNameColumn = line.indexOf("Name");
                tableDisplayColumn = line.indexOf("DisplayName");
                return;
            }
            if (scName != null) {
                String[] lv = CaptureText.labelValue(s);
                if (lv == null) {
                    return; // the flags line under STATE: (STOPPABLE, NOT_PAUSABLE, ...)
                }
                if (lv[0].equals("DISPLAY_NAME") && !lv[1].isEmpty()) {
                    emit(scName, "displayname", lv[1], i);
                } else if (lv[0].equals("STATE")) {
                    String state = scState(lv[1]);
                    if (state != null) {
                        emit(scName, "state", state, i);
                    }
                }
                return;
            }
            if (inTable) {
                tableRow(line, tok, i);
                return;
            }
            String[] lv = CaptureText.labelValue(s);
            if (lv != null) {
                list.putIfAbsent(lv[0], i);
            }
        }

        /** The Get-Service error for a missing service; true when the line was one of its lines. */
        boolean notFound(String s, int i) {
            if (s.contains(NOT_FOUND_EN)) {
                Matcher q = QUOTED.matcher(s.substring(s.indexOf(NOT_FOUND_EN)));
                if (q.find()) {
                    emit(q.group(1), "state", NOT_INSTALLED, i);
                    errorName = null;
                    return true;
                }
            }
            Matcher m = GET_SERVICE_ERROR.matcher(s);
            if (m.find()) {
                errorName = m.group(1);
                errorLine = i;
                return true;
            }
            if (s.contains(NOT_FOUND_ID)) {
                if (errorName != null && i - errorLine <= 12) {
                    emit(errorName, "state", NOT_INSTALLED, errorLine);
                }
                errorName = null;
                return true;
            }
            return false;
        }

        void tableRow(String line, String[] tok, int i) {
            if (isDashes(line.strip())) {
                return;
            }
            String state = tok.length >= 2 ? state(tok[0]) : null;
            if (state == null) {
                inTable = false;
                return;
            }
            String name;
            String display;
            int d = tableDisplayColumn;
            int n = tableNameColumn;
            boolean byColumns = n > 0 && d > n && line.length() > d
                    && Character.isWhitespace(line.charAt(d - 1)) && !Character.isWhitespace(line.charAt(d))
                    && Character.isWhitespace(line.charAt(n - 1)) && !Character.isWhitespace(line.charAt(n));
            if (byColumns) {
                name = line.substring(n, d).strip();
                display = line.substring(d).strip();
            } else {
                name = tok[1];
                int at = line.indexOf(tok[1], line.indexOf(tok[0]) + tok[0].length());
                display = line.substring(at + tok[1].length()).strip();
            }
            if (name.isEmpty()) {
                return;
            }
            emit(name, "state", state, i);
            if (!display.isEmpty()) {
                emit(name, "displayname", display, i);
            }
        }

        void flushList() {
            if (list.isEmpty()) {
                return;
            }
            Integer nameLine = list.containsKey("Name") ? list.get("Name") : list.get("ServiceName");
            Integer statusLine = list.get("Status");
            if (nameLine != null && statusLine != null) {
                String name = CaptureText.labelValue(lines.get(nameLine).strip())[1];
                String state = state(CaptureText.labelValue(lines.get(statusLine).strip())[1]);
                if (!name.isEmpty() && state != null) {
                    emit(name, "state", state, statusLine);
                    Integer displayLine = list.get("DisplayName");
                    if (displayLine != null) {
                        String display = CaptureText.labelValue(lines.get(displayLine).strip())[1];
                        if (!display.isEmpty()) {
                            emit(name, "displayname", display, displayLine);
                        }
                    }
                }
            }
            list.clear();
        }

        void emit(String name, String what, String value, int index) {
            if (name.endsWith("...") && what.equals("state")) {
                sink.note(input.path(), "line " + (index + 1) + ": service name '" + name
                        + "' was cut by the console; kept as printed");
            }
            sink.fact(CaptureText.fact("service." + name.toLowerCase(Locale.ROOT) + "." + what, value, input, lines,
                    index));
            facts++;
        }
    }

    /**
     * A Get-Service status word in its canonical case, or null. The table's Status column is eight wide, so a
     * longer word comes cut: {@code StopP...} (Windows PowerShell), {@code StopPen\u2026} (PowerShell 7).
     */
    static String state(String word) {
        String w = word.strip();
        for (String s : STATES) {
            if (s.equalsIgnoreCase(w)) {
                return s;
            }
        }
        String prefix = w.endsWith("...") ? w.substring(0, w.length() - 3)
                : w.endsWith("\u2026") ? w.substring(0, w.length() - 1) : null;
        if (prefix == null || prefix.length() < 4) {
            return null;
        }
        String found = null;
        for (String s : STATES) {
            // a word that fits the column is never cut: "Pause..." is PausePending, not Paused
            if (s.length() > 8 && s.regionMatches(true, 0, prefix, 0, prefix.length())) {
                if (found != null) {
                    return null;
                }
                found = s;
            }
        }
        return found;
    }

    /** The state of sc's {@code 4  RUNNING} as a Get-Service word ({@code Running}); null when unreadable. */
    static String scState(String value) {
        String[] tok = CaptureText.tokens(value);
        for (int k = tok.length - 1; k >= 0; k--) {
            String s = state(tok[k].replace("_", ""));
            if (s != null) {
                return s;
            }
        }
        if (tok.length > 0 && tok[0].length() == 1 && tok[0].charAt(0) >= '1' && tok[0].charAt(0) <= '7') {
            return STATES.get(Integer.parseInt(tok[0]) - 1);
        }
        return null;
    }

    private static boolean isTableHeader(String[] tok) {
        return tok.length == 3 && tok[0].equals("Status") && tok[1].equals("Name") && tok[2].equals("DisplayName");
    }

    private static boolean isDashes(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c == '-' || c == ' ' || c == '\t');
    }
}
