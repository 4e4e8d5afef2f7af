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

/**
 * Reads the console output of {@code $PSVersionTable}:
 * <pre>
 * Name                           Value
 * ----                           -----
 * PSVersion                      5.1.17134.228
 * PSEdition                      Desktop
 * BuildVersion                   10.0.17134.228
 * CLRVersion                     4.0.30319.42000
 * </pre>
 * and the Key/Value/Name blocks PowerShell 2.0 prints when the table is mixed with other output
 * ({@code Key : PSVersion}, {@code Value : 2.0}, {@code Name : PSVersion}). Row order varies and rows may be
 * missing (PowerShell 4.0 has no PSEdition); a row is a name, blanks, and the value.
 *
 * <p>Facts:
 * <ul>
 *   <li>{@code powershell.version}: PSVersion, e.g. {@code 5.1.17763.1};</li>
 *   <li>{@code powershell.version.major}: its first number, e.g. {@code 5};</li>
 *   <li>{@code powershell.edition}: PSEdition;</li>
 *   <li>{@code powershell.clr.version}: CLRVersion;</li>
 *   <li>{@code powershell.build.version}: BuildVersion;</li>
 *   <li>{@code powershell.table.<name in lower case>}: every other row, e.g. {@code powershell.table.wsmanstackversion}.</li>
 * </ul>
 * Rows without a value give no fact. Found by content whatever the file name: a {@code Name  Value} header
 * with a {@code PSVersion} row.
 */
public final class PsVersionTableParser implements Parser {

    public static final String KIND = "ps-version-table";

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
        if (!text.contains("PSVersion")) {
            return 0; // cheap exit for the many entries that are not this
        }
        boolean inTable = false;
        boolean blockName = false;
        boolean blockValue = false;
        boolean headerOnly = false;
        for (String line : text.split("\r?\n", 200)) {
            String[] tok = CaptureText.tokens(line);
            if (isHeader(tok)) {
                inTable = true;
            } else if (tok.length == 0) {
                inTable = false;
            } else if (inTable && tok[0].equals("PSVersion")) {
                if (tok.length >= 2 && startsWithDigit(tok[1])) {
                    return 90;
                }
                headerOnly = true;
            } else if (!inTable) {
                String[] kv = keyValue(line);
                if (kv != null && kv[1].equals("PSVersion")) {
                    blockName = true;
                } else if (kv != null && kv[0].equals("value") && startsWithDigit(kv[1])) {
                    blockValue = true;
                }
            }
        }
        return blockName && blockValue ? 85 : headerOnly ? 70 : 0;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        List<String> lines = CaptureText.readLines(input);
        String file = input.path();
        long facts = 0;
        boolean inTable = false;
        // Key/Value/Name block being read
        String blockName = null;
        String blockValue = null;
        int blockLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String[] tok = CaptureText.tokens(line);
            if (isHeader(tok)) {
                inTable = true;
                continue;
            }
            if (tok.length == 0) {
                inTable = false;
                if (blockName != null && blockValue != null) {
                    facts += emit(sink, file, blockLine, lines.get(blockLine - 1), blockName, blockValue);
                }
                blockName = null;
                blockValue = null;
                continue;
            }
            if (inTable) {
                if (isDashes(tok)) {
                    continue;
                }
                String name = tok[0];
                if (!isIdentifier(name)) {
                    inTable = false;
                    continue;
                }
                String value = line.strip().substring(name.length()).strip();
                if (value.isEmpty()) {
                    continue;
                }
                facts += emit(sink, file, i + 1, line, name, value);
                continue;
            }
            String[] kv = keyValue(line);
            if (kv == null) {
                continue;
            }
            if (kv[0].equals("value")) {
                blockValue = kv[1].isEmpty() ? null : kv[1];
                blockLine = i + 1;
            } else if (isIdentifier(kv[1])) {
                blockName = kv[1];
            }
        }
        if (blockName != null && blockValue != null) {
            facts += emit(sink, file, blockLine, lines.get(blockLine - 1), blockName, blockValue);
        }
        return facts;
    }

    private static int emit(RecordSink sink, String file, long line, String text, String name, String value) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "psversion": {
                sink.fact(new Fact("powershell.version", value, file, line, text));
                String major = majorOf(value);
                if (major != null) {
                    sink.fact(new Fact("powershell.version.major", major, file, line, text));
                    return 2;
                }
                return 1;
            }
            case "psedition":
                sink.fact(new Fact("powershell.edition", value, file, line, text));
                return 1;
            case "clrversion":
                sink.fact(new Fact("powershell.clr.version", value, file, line, text));
                return 1;
            case "buildversion":
                sink.fact(new Fact("powershell.build.version", value, file, line, text));
                return 1;
            default:
                sink.fact(new Fact("powershell.table." + name.toLowerCase(Locale.ROOT), value, file, line, text));
                return 1;
        }
    }

    /** The digits before the first dot of a version, or null when it does not start with a digit. */
    static String majorOf(String version) {
        int i = 0;
        while (i < version.length() && Character.isDigit(version.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return null;
        }
        String digits = version.substring(0, i);
        return String.valueOf(Integer.parseInt(digits.length() > 9 ? digits.substring(0, 9) : digits));
    }

    private static boolean isHeader(String[] tok) {
        return tok.length == 2 && tok[0].equals("Name") && tok[1].equals("Value");
    }

    private static boolean isDashes(String[] tok) {
        for (String t : tok) {
            if (!t.chars().allMatch(c -> c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code Key : PSVersion} as {"key", "PSVersion"}; the label in lower case; null for other lines. */
    private static String[] keyValue(String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String label = line.substring(0, colon).strip();
        if (!label.equals("Key") && !label.equals("Value") && !label.equals("Name")) {
            return null;
        }
        return new String[] {label.toLowerCase(Locale.ROOT), line.substring(colon + 1).strip()};
    }

    private static boolean isIdentifier(String s) {
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithDigit(String s) {
        return !s.isEmpty() && Character.isDigit(s.charAt(0));
    }

}
