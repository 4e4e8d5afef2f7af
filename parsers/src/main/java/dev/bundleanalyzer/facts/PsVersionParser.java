package dev.bundleanalyzer.facts;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the console output of {@code $PSVersionTable.PSVersion}:
 * <pre>
 * Major  Minor  Build  Revision
 * -----  -----  -----  --------
 * 5      1      18362  145
 * </pre>
 * PowerShell 2.0 and 4.0 print {@code -1} for missing parts ({@code 2  0  -1  -1}); PowerShell 7 prints
 * {@code Major  Minor  Patch  PreReleaseLabel BuildLabel}, where the labels are often empty. The values are
 * placed in the columns the dashes mark, so empty labels do not shift later ones.
 *
 * <p>Facts: {@code powershell.version} (the parts joined with dots, {@code -1} parts left out, a pre-release
 * label after a dash: {@code 5.1.18362.145}, {@code 2.0}, {@code 7.5.0-preview.3}) and
 * {@code powershell.version.major}.
 */
public final class PsVersionParser implements Parser {

    public static final String KIND = "ps-version";

    private static final List<String> WINDOWS_HEADER = List.of("Major", "Minor", "Build", "Revision");
    private static final List<String> CORE_HEADER = List.of("Major", "Minor", "Patch", "PreReleaseLabel", "BuildLabel");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int detect(ContentSample sample) {
        if (!sample.isText() || !sample.text().contains("Major")) {
            return 0;
        }
        String[] lines = sample.text().split("\r?\n", 200);
        for (int i = 0; i < lines.length; i++) {
            if (header(lines[i]) != null) {
                String[] row = dataRow(lines, i + 1);
                return row != null && isInteger(CaptureText.tokens(row[0])[0]) ? 90 : 70;
            }
        }
        return 0;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        List<String> lines = CaptureText.readLines(input);
        String[] all = lines.toArray(new String[0]);
        long facts = 0;
        for (int i = 0; i < all.length; i++) {
            List<String> header = header(all[i]);
            if (header == null) {
                continue;
            }
            String[] row = dataRow(all, i + 1);
            if (row == null) {
                continue;
            }
            int rowIndex = Integer.parseInt(row[1]);
            String rowText = row[0];
            String dashes = rowIndex - 1 > i ? all[rowIndex - 1] : null;
            String[] values = columns(rowText, dashes, header.size());
            String version = version(header, values);
            if (version == null) {
                continue;
            }
            String file = input.path();
            sink.fact(new Fact("powershell.version", version, file, rowIndex + 1, rowText));
            sink.fact(new Fact("powershell.version.major", values[0].strip(), file, rowIndex + 1, rowText));
            facts += 2;
            i = rowIndex;
        }
        return facts;
    }

    private static List<String> header(String line) {
        List<String> tok = List.of(CaptureText.tokens(line));
        if (tok.equals(WINDOWS_HEADER)) {
            return WINDOWS_HEADER;
        }
        if (tok.equals(CORE_HEADER)) {
            return CORE_HEADER;
        }
        return null;
    }

    /** The first non-blank line after the header and its dashes: {text, index}; null when there is none. */
    private static String[] dataRow(String[] lines, int from) {
        for (int i = from; i < lines.length; i++) {
            String s = lines[i].strip();
            if (s.isEmpty()) {
                if (i > from) {
                    return null;
                }
                continue;
            }
            if (s.chars().allMatch(c -> c == '-' || c == ' ' || c == '\t')) {
                continue;
            }
            return new String[] {lines[i], String.valueOf(i)};
        }
        return null;
    }

    /**
     * Splits a row into {@code n} columns: by the column starts of the dashes line when there is one (a value
     * belongs to the column its first character falls in), else by blanks in order.
     */
    private static String[] columns(String row, String dashes, int n) {
        String[] out = new String[n];
        Arrays.fill(out, "");
        List<Integer> starts = new ArrayList<>();
        if (dashes != null) {
            for (int i = 0; i < dashes.length(); i++) {
                if (dashes.charAt(i) == '-' && (i == 0 || dashes.charAt(i - 1) != '-')) {
                    starts.add(i);
                }
            }
        }
        if (starts.size() != n) {
            String[] tok = CaptureText.tokens(row);
            System.arraycopy(tok, 0, out, 0, Math.min(n, tok.length));
            return out;
        }
        int i = 0;
        while (i < row.length()) {
            if (Character.isWhitespace(row.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < row.length() && !Character.isWhitespace(row.charAt(i))) {
                i++;
            }
            int col = 0;
            while (col + 1 < n && starts.get(col + 1) <= start) {
                col++;
            }
            out[col] = out[col].isEmpty() ? row.substring(start, i) : out[col] + " " + row.substring(start, i);
        }
        return out;
    }

    /** Parts joined with dots, -1 parts left out; null when Major or Minor is not a number. */
    private static String version(List<String> header, String[] values) {
        if (!isInteger(values[0]) || !isInteger(values[1])) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < values.length; k++) {
            String v = values[k];
            String name = header.get(k);
            if (name.equals("PreReleaseLabel")) {
                if (!v.isEmpty()) {
                    sb.append('-').append(v);
                }
                continue;
            }
            if (name.equals("BuildLabel")) {
                if (!v.isEmpty()) {
                    sb.append('+').append(v);
                }
                continue;
            }
            if (v.isEmpty() || v.startsWith("-") || !isInteger(v)) {
                if (k >= 2) {
                    break;
                }
                continue;
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(v);
        }
        return sb.toString();
    }

    private static boolean isInteger(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        int i = s.charAt(0) == '-' ? 1 : 0;
        if (i == s.length()) {
            return false;
        }
        for (; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
