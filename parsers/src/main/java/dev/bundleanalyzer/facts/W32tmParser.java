package dev.bundleanalyzer.facts;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the console output of the Windows Time tool:
 * <ul>
 *   <li>{@code w32tm /query /status}, English or Korean labels:
 * <pre>
 * Leap Indicator: 3(not synchronized)          도약 표시기: 3(동기화 안 됨)
 * Stratum: 0 (unspecified)                     계층: 0 (지정되지 않음)
 * Last Successful Sync Time: unspecified       마지막으로 동기화에 성공한 시간: 지정되지 않음
 * Source: Local CMOS Clock                     원본: Local CMOS Clock
 * </pre></li>
 *   <li>{@code w32tm /stripchart /computer:X /dataonly}: {@code 22:31:05, +00.0123456s} per sample
 *       ({@code 22:31:09, error: 0x800705B4} when the server did not answer), and without {@code /dataonly}:
 *       {@code 11:09:38 AM, d:+00.0010001s o:-00.0008254s  [   *   ]};</li>
 *   <li>{@code w32tm /query /source}: a single line, recognised when it is {@code Local CMOS Clock},
 *       {@code Free-running System Clock} or {@code VM IC Time Synchronization Provider};</li>
 *   <li>the {@code (0x80070426)} error w32tm prints when the Windows Time service is stopped (in a file whose
 *       name starts with {@code w32tm}).</li>
 * </ul>
 *
 * <p>Facts:
 * <ul>
 *   <li>{@code time.source}: the Source row as printed ({@code Local CMOS Clock}, {@code time.windows.com,0x9});</li>
 *   <li>{@code time.synchronized}: {@code false} when the source is the local clock ({@code Local CMOS Clock},
 *       {@code Free-running System Clock}; the fact points at the Source row), or the Leap Indicator is 3 (it points
 *       at that row), or the service is stopped; else {@code true}. One per status capture;</li>
 *   <li>{@code time.lastsync}: the Last Successful Sync Time row as printed ({@code unspecified} included);</li>
 *   <li>{@code time.offset.seconds}: the offset of the last stripchart sample of the file, signed, without
 *       leading zeros ({@code +00.0123456s} gives {@code +0.0123456}); error samples are skipped.</li>
 * </ul>
 */
public final class W32tmParser implements Parser {

    public static final String KIND = "w32tm";

    private static final Set<String> LEAP = Set.of("leap indicator", "도약 표시기");
    private static final Set<String> SOURCE = Set.of("source", "원본");
    private static final Set<String> LAST_SYNC = Set.of("last successful sync time", "마지막으로 동기화에 성공한 시간");
    /** Rows of {@code /query /status} other than Source, which many captures have. */
    private static final Set<String> STATUS = Set.of("leap indicator", "stratum", "precision", "root delay",
            "root dispersion", "referenceid", "last successful sync time", "poll interval", "phase offset",
            "clockrate", "state machine", "time source flags", "last sync error", "time since last good sync time",
            "도약 표시기", "계층", "정밀도", "루트 지연", "루트 분산", "참조 id", "마지막으로 동기화에 성공한 시간",
            "폴링 간격");
    /** Sources that mean the clock is not synchronised with anything. */
    private static final Set<String> LOCAL_CLOCKS = Set.of("local cmos clock", "free-running system clock");
    private static final Set<String> KNOWN_SOURCES = Set.of("local cmos clock", "free-running system clock",
            "vm ic time synchronization provider");

    /** A stripchart sample: the time (with AM/PM, 오전/오후), then the offset; {@code d:... o:} without /dataonly. */
    private static final Pattern SAMPLE = Pattern.compile(
            "\\s*(?:\\S+\\s)?\\d{1,2}:\\d{2}:\\d{2}(?:\\s?[AaPp][Mm])?,?\\s+(?:d:[+-]?\\d+[.,]\\d+s\\s+o:)?"
                    + "([+-])(\\d+)[.,](\\d+)s(?:\\s.*)?");
    /** {@code Tracking time.windows.com [20.101.57.9:123].} in any language. */
    private static final Pattern TRACKING = Pattern.compile(".*\\S+ \\[[^\\]]+:123\\].*");
    private static final String SERVICE_STOPPED = "0x80070426";
    /** A line that starts with a time: a stripchart sample, whose errors are about the server, not the service. */
    /** Zeros before the last digit of a whole number. */
    private static final Pattern LEADING_ZEROS = Pattern.compile("^0+(?=\\d)");
    private static final Pattern TIMED = Pattern.compile("\\s*(?:\\S+\\s)?\\d{1,2}:\\d{2}:\\d{2}.*");

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
        String[] lines = text.split("\r?\n", 400);
        Set<String> status = new HashSet<>();
        boolean source = false;
        boolean tracking = false;
        int samples = 0;
        for (String line : lines) {
            String[] lv = CaptureText.labelValue(line);
            if (lv != null) {
                String label = normalise(lv[0]);
                if (STATUS.contains(label)) {
                    status.add(label);
                } else if (SOURCE.contains(label)) {
                    source = true;
                }
            }
            if (SAMPLE.matcher(line).matches()) {
                samples++;
            } else if (TRACKING.matcher(line).matches()) {
                tracking = true;
            }
        }
        boolean named = sample.name().toLowerCase(Locale.ROOT).startsWith("w32tm");
        if (status.size() >= 3 || status.size() >= 2 && source) {
            return 90;
        }
        if (samples > 0 && tracking) {
            return 90;
        }
        if (samples >= 2) {
            return 80;
        }
        if (samples == 1) {
            return named ? 75 : 60;
        }
        String only = text.strip();
        if (KNOWN_SOURCES.contains(only.toLowerCase(Locale.ROOT))) {
            return 80;
        }
        if (named && text.contains(SERVICE_STOPPED)) {
            return 75;
        }
        return 0;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        List<String> lines = CaptureText.readLines(input);
        long facts = 0;
        Block block = new Block();
        int lastSample = -1;
        String lastOffset = null;
        boolean singleLine = lines.stream().filter(l -> !l.isBlank()).count() == 1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = SAMPLE.matcher(line);
            if (m.matches()) {
                lastSample = i;
                lastOffset = offset(m.group(1), m.group(2), m.group(3));
                continue;
            }
            if (line.contains(SERVICE_STOPPED) && !TIMED.matcher(line).matches()) {
                facts += block.flush(input, lines, sink);
                sink.fact(CaptureText.fact("time.synchronized", "false", input, lines, i));
                facts++;
                continue;
            }
            String[] lv = CaptureText.labelValue(line);
            if (lv == null) {
                if (singleLine) {
                    facts += querySource(line, i, input, lines, sink);
                }
                continue;
            }
            String label = normalise(lv[0]);
            if (LEAP.contains(label)) {
                if (block.leap >= 0) {
                    facts += block.flush(input, lines, sink);
                }
                block.leap = i;
                block.leapUnsynchronised = lv[1].startsWith("3");
            } else if (SOURCE.contains(label) && !lv[1].isEmpty()) {
                if (block.source >= 0) {
                    facts += block.flush(input, lines, sink);
                }
                block.source = i;
                block.sourceValue = lv[1];
                sink.fact(CaptureText.fact("time.source", lv[1], input, lines, i));
                facts++;
            } else if (LAST_SYNC.contains(label) && !lv[1].isEmpty()) {
                sink.fact(CaptureText.fact("time.lastsync", lv[1], input, lines, i));
                facts++;
            }
        }
        facts += block.flush(input, lines, sink);
        if (lastOffset != null) {
            sink.fact(CaptureText.fact("time.offset.seconds", lastOffset, input, lines, lastSample));
            facts++;
        }
        return facts;
    }

    /** {@code w32tm /query /source} naming the local clock: the source and that it is not synchronised. */
    private static long querySource(String line, int i, ParseInput input, List<String> lines, RecordSink sink) {
        String value = line.strip();
        if (!KNOWN_SOURCES.contains(value.toLowerCase(Locale.ROOT))) {
            return 0;
        }
        sink.fact(CaptureText.fact("time.source", value, input, lines, i));
        boolean local = LOCAL_CLOCKS.contains(value.toLowerCase(Locale.ROOT));
        sink.fact(CaptureText.fact("time.synchronized", String.valueOf(!local), input, lines, i));
        return 2;
    }

    /** {@code +}, {@code 00}, {@code 0123456} as {@code +0.0123456}. */
    private static String offset(String sign, String whole, String fraction) {
        String w = LEADING_ZEROS.matcher(whole).replaceFirst("");
        return sign + w + "." + fraction;
    }

    private static String normalise(String label) {
        return CaptureText.BLANKS.matcher(label).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** The rows of one {@code /query /status} capture that decide whether the clock is synchronised. */
    private static final class Block {
        int leap = -1;
        boolean leapUnsynchronised;
        int source = -1;
        String sourceValue;

        long flush(ParseInput input, List<String> lines, RecordSink sink) {
            if (leap < 0 && source < 0) {
                return 0;
            }
            String value;
            int at;
            if (source >= 0 && LOCAL_CLOCKS.contains(sourceValue.toLowerCase(Locale.ROOT))) {
                value = "false";
                at = source;
            } else if (leap >= 0 && leapUnsynchronised) {
                value = "false";
                at = leap;
            } else {
                value = "true";
                at = source >= 0 ? source : leap;
            }
            sink.fact(CaptureText.fact("time.synchronized", value, input, lines, at));
            leap = -1;
            source = -1;
            sourceValue = null;
            leapUnsynchronised = false;
            return 1;
        }
    }
}
