package dev.bundleanalyzer.facts;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads environment dumps, in three shapes:
 * <ul>
 *   <li>cmd.exe {@code set}: {@code Name=value} lines ({@code PSModulePath=C:\...\Modules;...});</li>
 *   <li>PowerShell {@code Get-ChildItem env:} / {@code dir env:}: a {@code Name  Value} table under a dashes
 *       line; values too long for the console end in {@code ...}, and with {@code -Wrap} continue on the next
 *       lines under the Value column;</li>
 *   <li>a bare {@code $env:PSModulePath}: one line of {@code ;}-separated Windows paths, one of them a
 *       {@code \Modules} folder.</li>
 * </ul>
 *
 * <p>Facts: {@code env.<name in lower case>} for every variable of a {@code set} or {@code env:} dump (e.g.
 * {@code env.computername = SRV01}); {@code env.psmodulepath} (the whole value) and {@code env.psmodulepath.entry}
 * (one fact per {@code ;} item, trimmed, empty items left out). Values are kept as printed; when the
 * PSModulePath was cut with {@code ...}, the cut last item is not an entry and
 * {@code env.psmodulepath.truncated = true} is added.
 */
public final class EnvironmentParser implements Parser {

    public static final String KIND = "environment";

    private static final String TRUNCATION = "...";
    /** A variable name as {@code set} prints it: {@code ProgramFiles(x86)}, {@code PROCESSOR_ARCHITECTURE}. */
    private static final Pattern SET_LINE = Pattern.compile("^[A-Za-z_][A-Za-z0-9_(){}.#$@\\-]*=.*$");
    /** Variables every Windows process has; a dump shows several of them. */
    private static final Set<String> WELL_KNOWN = Set.of("allusersprofile", "appdata", "comspec", "computername",
            "homedrive", "localappdata", "number_of_processors", "os", "path", "pathext", "processor_architecture",
            "programdata", "programfiles", "psmodulepath", "public", "systemdrive", "systemroot", "temp", "tmp",
            "userdomain", "username", "userprofile", "windir", "commonprogramfiles", "driverdata");
    private static final Pattern WINDOWS_PATH = Pattern.compile("(?i)^(?:[a-z]:\\\\|\\\\\\\\|%[a-z_]+%).*");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int detect(ContentSample sample) {
        if (!sample.isText()) {
            return 0;
        }
        String[] lines = sample.text().split("\r\n|\r|\n", 400);
        int setLines = 0;
        int known = 0;
        int other = 0;
        boolean psModulePath = false;
        boolean header = false;
        int tableKnown = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            if (isHeader(line) && i + 1 < lines.length && isDashes(lines[i + 1])) {
                header = true;
                continue;
            }
            if (header) {
                String[] tok = CaptureText.tokens(line);
                if (tok.length >= 1 && WELL_KNOWN.contains(tok[0].toLowerCase(Locale.ROOT))) {
                    tableKnown++;
                    psModulePath |= tok[0].equalsIgnoreCase("PSModulePath");
                }
                if (tok.length >= 1 && tok[0].equals("PSVersion")) {
                    return 0; // that is $PSVersionTable
                }
            }
            if (SET_LINE.matcher(line).matches()) {
                setLines++;
                String name = line.substring(0, line.indexOf('=')).toLowerCase(Locale.ROOT);
                if (WELL_KNOWN.contains(name)) {
                    known++;
                }
                psModulePath |= name.equals("psmodulepath");
            } else if (!isDashes(line)) {
                other++;
            }
        }
        if (setLines > 0 && (psModulePath || known >= 2) && setLines >= 2 * other) {
            return 90;
        }
        if (header && (tableKnown >= 2 || psModulePath)) {
            return 90;
        }
        if (isModulePathCapture(lines)) {
            return 80;
        }
        return 0;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        List<String> lines = CaptureText.readLines(input);
        Out out = new Out(input, lines, sink);
        boolean table = false;
        int valueColumn = -1;
        // a table row waits for continuation lines before it is emitted
        String pendingName = null;
        StringBuilder pendingValue = null;
        int pendingIndex = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (isHeader(line) && i + 1 < lines.size() && isDashes(lines.get(i + 1))) {
                out.variable(pendingName, pendingValue, pendingIndex);
                pendingName = null;
                table = true;
                valueColumn = secondColumn(lines.get(i + 1));
                i++;
                continue;
            }
            if (table) {
                if (line.isBlank()) {
                    out.variable(pendingName, pendingValue, pendingIndex);
                    pendingName = null;
                    table = false;
                    continue;
                }
                boolean continuation = pendingName != null && valueColumn > 0 && line.length() > valueColumn
                        && line.substring(0, valueColumn).isBlank();
                if (continuation) {
                    pendingValue.append(line.strip());
                    continue;
                }
                out.variable(pendingName, pendingValue, pendingIndex);
                String s = line.strip();
                int cut = indexOfBlank(s);
                pendingName = cut < 0 ? s : s.substring(0, cut);
                pendingValue = new StringBuilder(cut < 0 ? "" : s.substring(cut).strip());
                pendingIndex = i;
                continue;
            }
            if (SET_LINE.matcher(line).matches()) {
                int eq = line.indexOf('=');
                out.variable(line.substring(0, eq), new StringBuilder(line.substring(eq + 1)), i);
            } else if (isModulePathLine(line)) {
                out.modulePath(line.strip(), i);
            }
        }
        out.variable(pendingName, pendingValue, pendingIndex);
        return out.count;
    }

    private static boolean isHeader(String line) {
        String[] tok = CaptureText.tokens(line);
        return tok.length == 2 && tok[0].equals("Name") && tok[1].equals("Value");
    }

    private static boolean isDashes(String line) {
        String s = line.strip();
        return !s.isEmpty() && s.chars().allMatch(c -> c == '-' || c == ' ');
    }

    /** Start of the second run of dashes, or -1. */
    private static int secondColumn(String dashes) {
        int runs = 0;
        for (int i = 0; i < dashes.length(); i++) {
            if (dashes.charAt(i) == '-' && (i == 0 || dashes.charAt(i - 1) != '-')) {
                if (++runs == 2) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int indexOfBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** A whole file that is one or more {@code $env:PSModulePath} values. */
    private static boolean isModulePathCapture(String[] lines) {
        int values = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            if (!isModulePathLine(line)) {
                return false;
            }
            values++;
        }
        return values > 0;
    }

    /** {@code ;}-separated Windows paths, at least one of them a {@code \Modules} folder. */
    static boolean isModulePathLine(String line) {
        String s = line.strip();
        if (s.isEmpty() || !s.toLowerCase(Locale.ROOT).contains("\\modules")) {
            return false;
        }
        for (String item : s.split(";")) {
            String t = item.strip();
            if (!t.isEmpty() && !WINDOWS_PATH.matcher(t).matches()) {
                return false;
            }
        }
        return true;
    }

    private static final class Out {
        private final ParseInput input;
        private final List<String> lines;
        private final RecordSink sink;
        long count;

        Out(ParseInput input, List<String> lines, RecordSink sink) {
            this.input = input;
            this.lines = lines;
            this.sink = sink;
        }

        void variable(String name, StringBuilder value, int index) {
            if (name == null || name.isEmpty()) {
                return;
            }
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("psmodulepath")) {
                modulePath(value.toString(), index);
            } else {
                add("env." + key, value.toString(), index);
            }
        }

        void modulePath(String value, int index) {
            String v = value.strip();
            boolean truncated = v.endsWith(TRUNCATION);
            add("env.psmodulepath", v, index);
            String[] items = v.split(";", -1);
            int n = truncated ? items.length - 1 : items.length;
            for (int k = 0; k < n; k++) {
                String item = items[k].strip();
                if (!item.isEmpty()) {
                    add("env.psmodulepath.entry", item, index);
                }
            }
            if (truncated) {
                add("env.psmodulepath.truncated", "true", index);
            }
        }

        private void add(String key, String value, int index) {
            sink.fact(new Fact(key, value, input.path(), index + 1, lines.get(index)));
            count++;
        }
    }
}
