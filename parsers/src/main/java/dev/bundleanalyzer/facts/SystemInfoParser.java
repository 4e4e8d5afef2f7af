package dev.bundleanalyzer.facts;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the console output of {@code systeminfo} (also when cut down with {@code findstr}):
 * <pre>
 * Host Name:                 FS03
 * OS Name:                   Microsoft Windows Server 2019 Datacenter
 * OS Version:                10.0.17763 N/A Build 17763
 * System Boot Time:          10/18/2026, 7:02:11 AM
 * Time Zone:                 (UTC+09:00) Seoul
 * </pre>
 * with English or Korean labels ({@code 호스트 이름}, {@code OS 이름}, {@code OS 버전}, {@code 시스템 부트 시간},
 * {@code 표준 시간대}). Every other row (hotfixes, network cards, ...) is ignored. Labels of other languages are
 * recognised by the shape of the values: a value starting with {@code Microsoft Windows} is the OS name, the row
 * before it the host name and the row after it the OS version when it reads {@code 10.0.17763 ... 17763}; a value
 * starting with {@code (UTC} is the time zone. The boot time needs a known label.
 *
 * <p>Facts, values as printed: {@code host.name}, {@code os.name}, {@code os.version}, {@code os.boot.time}
 * ({@code 10/18/2026, 7:02:11 AM}, {@code 2026-10-18, 오전 7:02:11}) and {@code timezone.display}
 * ({@code (UTC+09:00) Seoul}). A file holding several captures gives facts for each.
 */
public final class SystemInfoParser implements Parser {

    public static final String KIND = "systeminfo";

    /** Known labels, lower case, to the key of their fact. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("host name", "host.name"),
            Map.entry("os name", "os.name"),
            Map.entry("os version", "os.version"),
            Map.entry("system boot time", "os.boot.time"),
            Map.entry("time zone", "timezone.display"),
            Map.entry("호스트 이름", "host.name"),
            Map.entry("os 이름", "os.name"),
            Map.entry("os 버전", "os.version"),
            Map.entry("시스템 부트 시간", "os.boot.time"),
            Map.entry("표준 시간대", "timezone.display"));

    /** {@code 10.0.17763 N/A Build 17763}, {@code 6.3.9600 N/A 빌드 9600}. */
    private static final Pattern VERSION_SHAPE = Pattern.compile("\\d+\\.\\d+\\.\\d+\\s.*\\d+");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int detect(ContentSample sample) {
        if (!sample.isText()) {
            return 0;
        }
        String[] lines = sample.text().split("\r?\n", 400);
        Set<String> keys = new HashSet<>();
        boolean shape = false;
        for (int i = 0; i < lines.length; i++) {
            String[] lv = CaptureText.labelValue(lines[i]);
            if (lv == null || lv[1].isEmpty() || Character.isWhitespace(lines[i].charAt(0))) {
                continue;
            }
            String key = LABELS.get(normalise(lv[0]));
            if (key != null) {
                keys.add(key);
            } else if (isOsName(lv[1]) && i > 0 && i + 1 < lines.length && row(lines[i - 1]) != null) {
                String[] next = row(lines[i + 1]);
                shape |= next != null && VERSION_SHAPE.matcher(next[1]).matches();
            }
        }
        if (keys.size() >= 3 && (keys.contains("host.name") || keys.contains("os.name"))) {
            return 90;
        }
        if (shape || keys.size() >= 2) {
            return 70;
        }
        return 0;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        List<String> lines = CaptureText.readLines(input);
        long facts = 0;
        for (int i = 0; i < lines.size(); i++) {
            String[] lv = row(lines.get(i));
            if (lv == null || lv[1].isEmpty()) {
                continue;
            }
            String key = LABELS.get(normalise(lv[0]));
            if (key != null) {
                sink.fact(CaptureText.fact(key, lv[1], input, lines, i));
                facts++;
                continue;
            }
            if (isTimeZone(lv[1])) {
                sink.fact(CaptureText.fact("timezone.display", lv[1], input, lines, i));
                facts++;
            } else if (isOsName(lv[1])) {
                // a label of another language: the host name is the row before, the version the row after
                String[] before = i > 0 ? row(lines.get(i - 1)) : null;
                if (before == null || before[1].isEmpty() || LABELS.containsKey(normalise(before[0]))) {
                    continue;
                }
                sink.fact(CaptureText.fact("host.name", before[1], input, lines, i - 1));
                sink.fact(CaptureText.fact("os.name", lv[1], input, lines, i));
                facts += 2;
                String[] after = i + 1 < lines.size() ? row(lines.get(i + 1)) : null;
                if (after != null && !LABELS.containsKey(normalise(after[0]))
                        && VERSION_SHAPE.matcher(after[1]).matches()) {
                    sink.fact(CaptureText.fact("os.version", after[1], input, lines, i + 1));
                    facts++;
                    i++;
                }
            }
        }
        return facts;
    }

    /** A {@code Label: value} row starting at the margin (indented rows continue a list); null otherwise. */
    private static String[] row(String line) {
        if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
            return null;
        }
        return CaptureText.labelValue(line);
    }

    private static String normalise(String label) {
        return CaptureText.BLANKS.matcher(label).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    private static boolean isOsName(String value) {
        return value.startsWith("Microsoft Windows") || value.startsWith("Microsoft® Windows");
    }

    private static boolean isTimeZone(String value) {
        return value.startsWith("(UTC") || value.startsWith("(GMT");
    }
}
