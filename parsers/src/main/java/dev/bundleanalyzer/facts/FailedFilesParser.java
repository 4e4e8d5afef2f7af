package dev.bundleanalyzer.facts;

import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.ErrorCodes;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code LastBackupFailedFiles*.txt} lists the MARS agent leaves in its Temp folder: one file that could
 * not be backed up per line, with or without an error code. The layout is not documented, so all of these are read:
 * <pre>
 * D:\Share\Finance\budget.xlsx
 * D:\Share\Finance\locked.pst 0x80070005
 * D:\Share\Finance\gone.docx    (0x80070002)
 * 0x80070570	D:\Share\Finance\broken.dat
 * -2147024891	D:\Share\Finance\denied.txt
 * \\?\Volume{1b2c3d4e-0000-0000-0000-100000000000}\Data\x.bin	80070005
 * </pre>
 * The boiler-plate line {@code Consider adding these to exclusion list of backup policy.} (with or without dashes
 * after it), lines of dashes and lines without a path are not records.
 *
 * <p>Records: one {@link LogEvent} per failed file: level {@code WARNING}, component {@code LastBackupFailedFiles},
 * message and raw text the line, no time, and the error codes of the line in the normal form of {@link ErrorCodes}.
 * Codes are taken from the line outside the path (a path such as {@code D:\Error 2019\a.txt} is not a code), and a
 * code column the general scan does not recognise on its own is read too: a bare HRESULT {@code 80070005} and the
 * signed or unsigned decimal form of an HRESULT ({@code -2147024891}, {@code 2147942405}) are written
 * {@code 0x80070005}; another bare decimal ({@code 5}) is kept as a decimal code.
 *
 * <p>Found by name ({@code LastBackupFailedFiles*.txt}, any case: 95 for any text content, empty included) or, under
 * another name, by content: path lines with error codes, or path lines under the boiler-plate line (60).
 */
public final class FailedFilesParser implements Parser {

    public static final String KIND = "failed-files";
    public static final String COMPONENT = "LastBackupFailedFiles";
    public static final String LEVEL = "WARNING";

    /** Where a path starts: {@code D:\}, {@code \\?\}, {@code \\.\}, {@code \??\}, {@code \\server\share}. */
    private static final Pattern PATH_START = Pattern.compile(
            "(?<![\\w\\\\])(?:[A-Za-z]:\\\\|\\\\\\\\[?.]\\\\|\\\\\\?\\?\\\\|\\\\\\\\[^\\\\\\s]+\\\\)");
    /** A code in a column of its own: {@code 0x80070005}, {@code [0x80070005]}, {@code 80070005}, {@code -2147024891}. */
    private static final Pattern CODE_TOKEN = Pattern.compile(
            "[\\[(]?(0[xX][0-9A-Fa-f]{1,8}|[0-9A-Fa-f]{8}|-?\\d{1,10})[\\])]?[,;:.]?");
    /**
     * A code at the end of a line after a single blank or a separator. A short decimal is not taken here: it would
     * as likely be the end of a file name ({@code D:\Photos\Trip 2019}); HRESULT shapes are.
     */
    private static final Pattern TRAILING_CODE = Pattern.compile(
            "[\\s,;|]+\\(?\\[?(0[xX][0-9A-Fa-f]{1,8}|[89A-Fa-f][0-9A-Fa-f]{7}|-\\d{1,10}|\\d{10})\\]?\\)?\\s*$");
    /** A code at the start of a line before blanks or a separator. */
    private static final Pattern LEADING_CODE = Pattern.compile(
            "^\\s*\\(?\\[?(0[xX][0-9A-Fa-f]{1,8}|[0-9A-Fa-f]{8}|-?\\d{1,10})\\]?\\)?[\\s,;:|]+");
    /** Between the cells after the path: a tab or a run of two or more blanks. */
    private static final Pattern CELL_SEPARATOR = Pattern.compile("\\t|\\s{2,}");
    /** Separators left at the start of a cell. */
    private static final Pattern LEADING_SEPARATORS = Pattern.compile("^[,;|]+\\s*");
    private static final Pattern EIGHT_HEX_DIGITS = Pattern.compile("[0-9A-Fa-f]{8}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d+");
    private static final String BOILERPLATE = "consider adding these to exclusion list";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int detect(ContentSample sample) {
        if (!sample.isText()) {
            return 0;
        }
        if (isFailedFilesName(sample.name())) {
            return 95;
        }
        String text = sample.text();
        if (text.indexOf('\\') < 0) {
            return 0;
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", 400)));
        if (sample.head().length >= ContentDetector.SAMPLE_BYTES && lines.size() > 1) {
            lines.remove(lines.size() - 1); // cut by the end of the sample
        }
        int paths = 0;
        int withCode = 0;
        boolean boilerplate = false;
        for (String line : lines) {
            String s = line.strip();
            if (s.isEmpty() || isDashes(s)) {
                continue;
            }
            if (s.toLowerCase(Locale.ROOT).startsWith(BOILERPLATE)) {
                boilerplate = true;
                continue;
            }
            Entry e = entry(s);
            if (e == null) {
                return 0; // something other than a list of failed files
            }
            paths++;
            if (!e.codes.isEmpty()) {
                withCode++;
            }
        }
        if (paths == 0) {
            return 0;
        }
        return boilerplate || withCode * 2 >= paths ? 60 : 0;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        List<String> lines = CaptureText.readLines(input);
        long events = 0;
        int skipped = 0;
        int firstSkipped = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String s = line.strip();
            if (s.isEmpty() || isDashes(s) || s.toLowerCase(Locale.ROOT).startsWith(BOILERPLATE)) {
                continue;
            }
            Entry e = entry(s);
            if (e == null) {
                if (skipped++ == 0) {
                    firstSkipped = i + 1;
                }
                continue;
            }
            sink.event(LogEvent.builder(input.path(), i + 1)
                    .level(LEVEL)
                    .component(COMPONENT)
                    .errorCodes(e.codes)
                    .message(line)
                    .raw(line)
                    .build());
            events++;
        }
        if (skipped > 0) {
            sink.note(input.path(), skipped + " line(s) without a file path were not read as failed files"
                    + " (first: line " + firstSkipped + ")");
        }
        return events;
    }

    /** True for {@code LastBackupFailedFiles*.txt} in any case. */
    static boolean isFailedFilesName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith("lastbackupfailedfiles") && n.endsWith(".txt");
    }

    /** A failed-file line read: the path and the codes around it. */
    record Entry(String path, List<String> codes) {
    }

    /** The path and codes of a line, or null when the line holds no path. */
    static Entry entry(String line) {
        Matcher start = PATH_START.matcher(line);
        if (!start.find()) {
            return null;
        }
        String before = line.substring(0, start.start());
        String rest = line.substring(start.start());
        List<String> codes = new ArrayList<>();
        // code columns before the path
        if (!before.isBlank()) {
            Matcher lead = LEADING_CODE.matcher(before + " ");
            if (lead.find() && lead.end() >= before.length()) {
                addCode(codes, lead.group(1));
            } else {
                codes.addAll(ErrorCodes.extract(before));
            }
        }
        // the path ends at a tab, or at two blanks, when something follows it
        String path = rest;
        String after = "";
        int cut = columnEnd(rest);
        if (cut >= 0) {
            path = rest.substring(0, cut).strip();
            after = rest.substring(cut);
        }
        Matcher trail = TRAILING_CODE.matcher(path);
        if (after.isEmpty() && trail.find()) {
            after = path.substring(trail.start());
            path = path.substring(0, trail.start());
        }
        if (!after.isBlank()) {
            for (String cell : CELL_SEPARATOR.split(after.strip())) {
                String c = LEADING_SEPARATORS.matcher(cell.strip()).replaceFirst("");
                Matcher token = CODE_TOKEN.matcher(c);
                if (token.matches()) {
                    addCode(codes, token.group(1));
                } else {
                    for (String code : ErrorCodes.extract(c)) {
                        if (!codes.contains(code)) {
                            codes.add(code);
                        }
                    }
                }
            }
        }
        return new Entry(path.strip(), List.copyOf(codes));
    }

    /** Where the path column ends: the first tab, or the first run of two blanks; -1 when it runs to the end. */
    private static int columnEnd(String rest) {
        int tab = rest.indexOf('\t');
        int blanks = rest.indexOf("  ");
        if (tab < 0) {
            return blanks;
        }
        return blanks < 0 ? tab : Math.min(tab, blanks);
    }

    /** Adds a code column in normal form; HRESULTs written in decimal or as bare hex become {@code 0x...}. */
    private static void addCode(List<String> codes, String token) {
        String code;
        if (token.startsWith("0x") || token.startsWith("0X")) {
            code = ErrorCodes.normalize(token);
        } else if (EIGHT_HEX_DIGITS.matcher(token).matches() && "89ABCDEFabcdef".indexOf(token.charAt(0)) >= 0) {
            code = ErrorCodes.normalize("0x" + token);
        } else if (WHOLE_NUMBER.matcher(token).matches()) {
            long v = Long.parseLong(token);
            if (v < 0 && v >= Integer.MIN_VALUE) {
                code = ErrorCodes.normalize(String.format("0x%08X", (int) v));
            } else if (v >= 0x8000_0000L && v <= 0xFFFF_FFFFL) {
                code = ErrorCodes.normalize(String.format("0x%08X", v));
            } else {
                code = ErrorCodes.normalize(token);
            }
        } else {
            code = ErrorCodes.normalize(token);
        }
        if (code != null && !codes.contains(code)) {
            codes.add(code);
        }
    }

    private static boolean isDashes(String s) {
        return s.chars().allMatch(c -> c == '-' || c == '=' || c == ' ' || c == '\t');
    }
}
