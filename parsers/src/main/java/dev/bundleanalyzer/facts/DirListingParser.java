package dev.bundleanalyzer.facts;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads directory listings: cmd.exe {@code dir} (English and Korean, {@code dir /s} with one listing per folder)
 * and PowerShell {@code Get-ChildItem}.
 * <pre>
 *  Directory of C:\Windows\Temp                     C:\Windows\Temp 디렉터리
 *
 * 10/20/2026  09:12 PM            12,345 a.tmp      2026-10-20  오후 09:12            12,345 a.tmp
 *            65,432 File(s)    812,345,678 bytes                 65,432개 파일         812,345,678 바이트
 *
 *     Directory: C:\Windows\Temp
 *
 * Mode                 LastWriteTime         Length Name
 * ----                 -------------         ------ ----
 * -a----        10/20/2026   9:12 PM          12345 a.tmp
 * </pre>
 * Listings can hold tens of thousands of rows: the file is read line by line and only the facts of one listing
 * are held back.
 *
 * <p>Facts: {@code dir.listing} (the folder, on its header line, one per listing); {@code dir.folder} (full path of
 * each subfolder row); {@code dir.file} (full path of
 * each file, only for listings of at most {@value #MAX_FILE_FACTS} files); {@code dir.file.empty} (full path of
 * each zero-byte file, always); {@code windows.temp.tmp.count} for a listing of {@code C:\Windows\Temp} (any
 * drive, or {@code %SystemRoot%\Temp}): the number of {@code .tmp} rows, or the {@code File(s)} count of the
 * summary when the listing was filtered to {@code *.tmp} (a command line with {@code *.tmp} before it) or every
 * file row is a {@code .tmp} file; e.g. {@code windows.temp.tmp.count = 65432} on the summary line.
 */
public final class DirListingParser implements Parser {

    public static final String KIND = "dir-listing";

    /** Listings with more files than this give no {@code dir.file} facts. */
    public static final int MAX_FILE_FACTS = 5000;

    private static final String SIZE = "[\\d,.\\u00A0']+";
    private static final Pattern CMD_ROW = Pattern.compile(
            "^(\\d{1,4}[-/.]\\s?\\d{1,2}[-/.]\\s?\\d{1,4})\\.?\\s+(?:(?:오전|오후)\\s*)?\\d{1,2}:\\d{2}(?::\\d{2})?"
                    + "(?:\\s*(?:[AaPp][Mm]?|오전|오후))?\\s+(<[A-Z ]+>|" + SIZE + ")\\s+(\\S.*?)\\s*$");
    private static final Pattern CMD_HEADER = Pattern.compile("^\\s*Directory of\\s+((?:[A-Za-z]:\\\\|\\\\\\\\).*?)\\s*$");
    private static final Pattern CMD_HEADER_KO = Pattern.compile(
            "^\\s*((?:[A-Za-z]:\\\\|\\\\\\\\).*?)\\s+디렉(?:터|토)리\\s*$");
    private static final Pattern CMD_SUMMARY = Pattern.compile(
            "^\\s*(" + SIZE + ")\\s*(?:File\\(s\\)|개 파일)\\s+(" + SIZE + ")\\s*(?:bytes|바이트)\\s*$");
    private static final Pattern PS_HEADER = Pattern.compile("^\\s*(?:Directory|디렉(?:터|토)리):\\s*(\\S.*?)\\s*$");
    private static final Pattern PS_MODE = Pattern.compile("^([-dla][-darhsl]{3,5})\\s");
    private static final Pattern PS_ROW = Pattern.compile(
            "^[-dla][-darhsl]{3,5}\\s+.*?\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s*(?:[AaPp][Mm]|오전|오후))?\\s+(?:(\\d+)\\s+)?(\\S.*?)\\s*$");
    /** A PowerShell folder row: mode, date, time (with an optional AM/PM), then the name. */
    private static final Pattern PS_DIR_ROW = Pattern.compile(
            "^d\\S*\\s+\\S+\\s+(?:(?:오전|오후)\\s+)?\\S+(?:\\s+[AaPp][Mm])?\\s+(\\S.*?)\\s*$");
    private static final Pattern PROMPT = Pattern.compile("^(?:PS )?[A-Za-z]:\\\\[^>]*>\\s*\\S.*");
    private static final Pattern WINDOWS_TEMP = Pattern.compile(
            "(?i)^(?:[a-z]:\\\\windows|%systemroot%|%windir%|\\$env:systemroot|\\$env:windir)\\\\temp$");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int detect(ContentSample sample) {
        if (!sample.isText()) {
            return 0;
        }
        boolean header = false;
        boolean psHeader = false;
        boolean psColumns = false;
        for (String line : sample.text().split("\r\n|\r|\n", 2000)) {
            if (CMD_HEADER.matcher(line).matches() || CMD_HEADER_KO.matcher(line).matches()) {
                header = true;
            } else if (header && (CMD_ROW.matcher(line).matches() || CMD_SUMMARY.matcher(line).matches())) {
                return 90;
            } else if (PS_HEADER.matcher(line).matches()) {
                psHeader = true;
            } else if (isPsColumns(line)) {
                psColumns = true;
            } else if (psColumns && PS_MODE.matcher(line).find() && PS_ROW.matcher(line).matches()) {
                return psHeader ? 90 : 80;
            }
        }
        return header || (psHeader && psColumns) ? 70 : 0;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        State st = new State(input, sink);
        try (BufferedReader r = input.reader()) {
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                if (number == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                st.line(line, number);
            }
        }
        st.end();
        return st.count;
    }

    private static boolean isPsColumns(String line) {
        String[] tok = CaptureText.tokens(line);
        return tok.length >= 3 && tok[0].equals("Mode") && tok[1].equals("LastWriteTime")
                && tok[tok.length - 1].equals("Name");
    }

    /** One listing being read. */
    private static final class Listing {
        final String path;
        final int line;
        final String text;
        final boolean tmpFilter;
        final boolean powershell;
        final boolean windowsTemp;
        long files;
        long tmp;
        List<Fact> fileFacts = new ArrayList<>();
        long summaryFiles = -1;
        int summaryLine;
        String summaryText;

        Listing(String path, int line, String text, boolean tmpFilter, boolean powershell) {
            this.path = path;
            this.line = line;
            this.text = text;
            this.tmpFilter = tmpFilter;
            this.powershell = powershell;
            this.windowsTemp = WINDOWS_TEMP.matcher(trimSlash(path)).matches();
        }
    }

    private static final class State {
        final ParseInput input;
        final RecordSink sink;
        long count;
        Listing current;
        boolean tmpFilter;
        // PowerShell table columns: where Name starts and where Length ends, from the Mode header
        int nameColumn = -1;
        int lengthEnd = -1;

        State(ParseInput input, RecordSink sink) {
            this.input = input;
            this.sink = sink;
        }

        void line(String line, int number) {
            Matcher m;
            if ((m = CMD_HEADER.matcher(line)).matches() || (m = CMD_HEADER_KO.matcher(line)).matches()) {
                start(m.group(1), number, line, false);
                return;
            }
            if ((m = PS_HEADER.matcher(line)).matches()) {
                String path = m.group(1);
                int provider = path.indexOf("::");
                start(provider >= 0 ? path.substring(provider + 2) : path, number, line, true);
                return;
            }
            if (current == null || PROMPT.matcher(line).matches()) {
                end(); // a prompt starts the next command
                command(line);
                return;
            }
            if (current.powershell) {
                psLine(line, number);
                return;
            }
            if ((m = CMD_ROW.matcher(line)).matches()) {
                String size = m.group(2);
                if (!size.startsWith("<")) {
                    file(m.group(3), CaptureText.parseBytes(size), number, line);
                } else if (size.toUpperCase(Locale.ROOT).startsWith("<DIR")) {
                    folder(m.group(3), number, line);
                }
            } else if ((m = CMD_SUMMARY.matcher(line)).matches()) {
                current.summaryFiles = CaptureText.parseBytes(m.group(1));
                current.summaryLine = number;
                current.summaryText = line;
                end();
            } else {
                command(line);
            }
        }

        private void psLine(String line, int number) {
            if (isPsColumns(line)) {
                nameColumn = line.indexOf("Name", line.indexOf("LastWriteTime"));
                int length = line.indexOf("Length");
                lengthEnd = length < 0 ? -1 : length + "Length".length();
                return;
            }
            Matcher mode = PS_MODE.matcher(line);
            if (!mode.find()) {
                command(line);
                return;
            }
            boolean dir = mode.group(1).charAt(0) == 'd';
            String name = null;
            String length = null;
            if (nameColumn > 0 && lengthEnd > 0 && lengthEnd < nameColumn && line.length() > nameColumn
                    && Character.isWhitespace(line.charAt(nameColumn - 1)) && !Character.isWhitespace(line.charAt(nameColumn))) {
                name = line.substring(nameColumn).strip();
                String[] tok = CaptureText.tokens(line.substring(0, lengthEnd));
                length = tok.length > 0 && CaptureText.isDigits(tok[tok.length - 1]) ? tok[tok.length - 1] : null;
            } else {
                Matcher row = PS_ROW.matcher(line);
                if (row.matches()) {
                    name = row.group(2);
                    length = row.group(1);
                }
            }
            if (name == null && dir) {
                Matcher row = PS_DIR_ROW.matcher(line);
                name = nameColumn > 0 && line.length() > nameColumn ? line.substring(nameColumn).strip()
                        : row.matches() ? row.group(1) : null;
            }
            if (dir && name != null && !name.isEmpty()) {
                folder(name, number, line);
                return;
            }
            if (name == null || dir || length == null) {
                return;
            }
            file(name, CaptureText.parseBytes(length), number, line);
        }

        /** A line outside listings: a command line tells whether the next listing is filtered to {@code *.tmp}. */
        private void command(String line) {
            if (line.toLowerCase(Locale.ROOT).contains("*.tmp")) {
                tmpFilter = true;
            } else if (PROMPT.matcher(line).matches()) {
                tmpFilter = false;
            }
        }

        private void start(String path, int number, String text, boolean powershell) {
            end();
            nameColumn = -1;
            lengthEnd = -1;
            current = new Listing(path, number, text, tmpFilter, powershell);
            add(new Fact("dir.listing", path, input.path(), number, text));
        }

        /** A subfolder row ({@code <DIR>}, {@code d----}); {@code .} and {@code ..} are not subfolders. */
        private void folder(String name, int number, String text) {
            if (name.equals(".") || name.equals("..")) {
                return;
            }
            String path = current.path;
            add(new Fact("dir.folder", path.endsWith("\\") ? path + name : path + "\\" + name, input.path(), number, text));
        }

        private void file(String name, long size, int number, String text) {
            Listing l = current;
            l.files++;
            String full = l.path.endsWith("\\") ? l.path + name : l.path + "\\" + name;
            if (name.toLowerCase(Locale.ROOT).endsWith(".tmp")) {
                l.tmp++;
            }
            if (l.fileFacts != null) {
                if (l.fileFacts.size() < MAX_FILE_FACTS) {
                    l.fileFacts.add(new Fact("dir.file", full, input.path(), number, text));
                } else {
                    l.fileFacts = null;
                }
            }
            if (size == 0) {
                add(new Fact("dir.file.empty", full, input.path(), number, text));
            }
        }

        void end() {
            Listing l = current;
            if (l == null) {
                return;
            }
            current = null;
            if (l.fileFacts != null) {
                l.fileFacts.forEach(this::add);
            } else {
                sink.note(input.path(), "listing of " + l.path + " at line " + l.line + " has " + l.files
                        + " files; file paths are listed only for listings of at most " + MAX_FILE_FACTS + " files");
            }
            if (l.windowsTemp) {
                boolean allTmp = l.files > 0 && l.tmp == l.files;
                if (l.summaryFiles >= 0 && (l.tmpFilter || allTmp)) {
                    add(new Fact("windows.temp.tmp.count", Long.toString(l.summaryFiles), input.path(), l.summaryLine,
                            l.summaryText));
                } else if (l.summaryFiles >= 0) {
                    add(new Fact("windows.temp.tmp.count", Long.toString(l.tmp), input.path(), l.summaryLine,
                            l.summaryText));
                } else {
                    add(new Fact("windows.temp.tmp.count", Long.toString(l.tmp), input.path(), l.line, l.text));
                }
            }
        }

        private void add(Fact f) {
            sink.fact(f);
            count++;
        }
    }

    private static String trimSlash(String path) {
        String p = path.strip();
        while (p.length() > 3 && p.endsWith("\\")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
