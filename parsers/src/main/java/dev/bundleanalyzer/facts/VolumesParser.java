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
 * Reads free and total space of volumes from any of these captures (several may follow each other in one file):
 * <ul>
 *   <li>{@code fsutil volume diskfree C:}, in all its shapes: bytes before the parentheses
 *       ({@code Total free bytes : 812,733,878,272 (756.9 GB)}), bytes inside them on older systems
 *       ({@code 890.5 GB (956,301,750,272 bytes)}), plain digits ({@code Total # of free bytes : 19048828928}),
 *       digit grouping of any locale and localised labels ({@code 可用字节总数}, {@code 사용 가능한 총 바이트 수}).
 *       Labels are not relied on: the first number is the free space, the second the total. The drive comes from the
 *       command echo ({@code C:\>fsutil volume diskfree D:}), else from the file name ({@code diskfree-D.txt},
 *       {@code fsutil_C.txt}), else it is {@code _};</li>
 *   <li>the {@code Get-Volume} table; DriveLetter and FriendlyName cells may be blank, SizeRemaining and Size are
 *       right-aligned with units ({@code 107.46 GB}), so the sizes are read from the right end of the row and the
 *       letter from the DriveLetter column:
 * <pre>
 * DriveLetter FriendlyName FileSystemType DriveType HealthStatus OperationalStatus SizeRemaining      Size
 * ----------- ------------ -------------- --------- ------------ ----------------- -------------      ----
 * C           Acer         NTFS           Fixed     Healthy      OK                    107.46 GB 475.67 GB
 *             Recovery     NTFS           Fixed     Healthy      OK                    428.83 MB   1024 MB
 * </pre>
 *       (Windows Server 2012 prints FileSystemLabel and FileSystem instead of FriendlyName and FileSystemType);</li>
 *   <li>{@code Get-Volume | Format-List} blocks ({@code DriveLetter : C}, {@code SizeRemaining : 35466014720},
 *       {@code Size : 511324794880}).</li>
 * </ul>
 *
 * <p>Facts, {@code <letter>} in lower case: {@code volume.<letter>.free.bytes} and {@code volume.<letter>.size.bytes},
 * bytes as integers (sizes printed with a unit are rounded to the byte). Volumes without a drive letter are
 * skipped. A negative free value (seen in faulty captures) is kept as printed, with a note.
 */
public final class VolumesParser implements Parser {

    public static final String KIND = "volumes";

    /** Letter used when the capture does not say which volume it is about. */
    public static final String UNKNOWN_LETTER = "_";

    /** {@code fsutil volume diskfree D:} in a command echo; group 1 is the argument. */
    private static final Pattern FSUTIL_ECHO = Pattern.compile("(?i)\\bfsutil(?:\\.exe)?\\s+volume\\s+diskfree\\b\\s*(\\S*)");
    private static final Pattern DRIVE_ARGUMENT = Pattern.compile("\"?([A-Za-z]):\\\\?\"?");
    /** A whole number with locale grouping: {@code 812,733,878,272}, {@code 9,18,86,24,75,264}, {@code 812 733 878 272}. */
    private static final Pattern GROUPED = Pattern.compile(
            "-?\\d+(?:[,.\\u00A0\\u202F' ]\\d{2,3})*[,.\\u00A0\\u202F' ]\\d{3}|-?\\d+");
    /** The leading number of {@code 956,301,750,272 bytes}. */
    private static final Pattern LEADING_NUMBER = Pattern.compile(
            "^(-?\\d+(?:[,.\\u00A0\\u202F' ]\\d{2,3})*(?:[,.\\u00A0\\u202F' ]\\d{3})?)(?![\\d.,])");
    /** Words for "bytes" in fsutil labels. */
    private static final List<String> BYTE_WORDS = List.of("byte", "octet", "字节", "位元組", "바이트", "バイト");
    private static final List<String> UNITS = List.of("B", "KB", "MB", "GB", "TB", "PB");

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
        boolean echo = FSUTIL_ECHO.matcher(text).find();
        boolean table = text.contains("DriveLetter");
        if (!echo && !table && text.indexOf(':') < 0) {
            return 0;
        }
        String[] lines = text.split("\r?\n", 400);
        int best = 0;
        boolean inTable = false;
        boolean listLetter = false;
        boolean listFree = false;
        int numbered = 0;
        boolean byteLabel = false;
        for (String line : lines) {
            String[] tok = CaptureText.tokens(line);
            if (isTableHeader(tok)) {
                inTable = true;
                best = Math.max(best, 70);
                continue;
            }
            if (tok.length == 0) {
                inTable = false;
                listLetter = listFree = false;
                numbered = 0;
                byteLabel = false;
                continue;
            }
            if (inTable) {
                if (isDashes(line)) {
                    continue;
                }
                long[] sizes = rightSizes(tok);
                if (sizes != null) {
                    return 90;
                }
                inTable = false;
                continue;
            }
            String[] lv = CaptureText.labelValue(line);
            if (lv == null) {
                numbered = 0;
                continue;
            }
            if (lv[0].equals("DriveLetter") && isDriveLetter(lv[1])) {
                listLetter = true;
            } else if (lv[0].equals("SizeRemaining") && CaptureText.parseBytes(lv[1]) >= 0) {
                listFree = true;
            }
            if (listLetter && listFree) {
                return 90;
            }
            if (fsutilBytes(lv[1]) != null) {
                if (numbered == 0) {
                    byteLabel = hasByteWord(lv[0]);
                }
                numbered++;
                if (numbered >= 2 && (byteLabel || echo)) {
                    return 90;
                }
            } else {
                numbered = 0;
            }
        }
        return best;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        List<String> lines = CaptureText.readLines(input);
        String nameLetter = letterFromName(input.path());
        boolean nameLetterUsed = false;
        long facts = 0;

        String echoLetter = null; // letter of the last fsutil echo not yet answered, "_" for an unreadable argument
        int fsutilFree = -1;       // line of the free-bytes value of the fsutil block being read
        String fsutilLetter = null;
        boolean fsutilDone = false;
        boolean inTable = false;
        int letterFrom = 0;
        int letterTo = 0;
        Map<String, Integer> list = new HashMap<>();

        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i) : "";
            String[] tok = CaptureText.tokens(line);
            if (tok.length == 0) {
                facts += flushList(list, lines, input, sink);
                inTable = false;
                fsutilFree = -1;
                fsutilDone = false;
                continue;
            }
            Matcher echo = FSUTIL_ECHO.matcher(line);
            if (echo.find()) {
                Matcher drive = DRIVE_ARGUMENT.matcher(echo.group(1));
                echoLetter = drive.matches() ? drive.group(1) : UNKNOWN_LETTER;
                fsutilFree = -1;
                fsutilDone = false;
                continue;
            }
            if (isTableHeader(tok)) {
                facts += flushList(list, lines, input, sink);
                inTable = true;
                letterFrom = line.indexOf("DriveLetter");
                letterTo = line.indexOf(tok[1], letterFrom + "DriveLetter".length());
                continue;
            }
            if (inTable) {
                if (isDashes(line)) {
                    continue;
                }
                long[] sizes = rightSizes(tok);
                if (sizes == null) {
                    inTable = false;
                    continue;
                }
                String cell = line.length() > letterFrom
                        ? line.substring(letterFrom, Math.min(letterTo, line.length())).strip() : "";
                if (isDriveLetter(cell)) {
                    facts += emit(cell, sizes[0], sizes[1], i, i, lines, input, sink);
                }
                continue;
            }
            String[] lv = CaptureText.labelValue(line);
            if (lv == null) {
                fsutilFree = -1;
                continue;
            }
            Long bytes = fsutilBytes(lv[1]);
            if (bytes != null && !fsutilDone && !list.containsKey("DriveLetter")
                    && (fsutilFree >= 0 || hasByteWord(lv[0]) || echoLetter != null)) {
                if (fsutilFree < 0) {
                    fsutilFree = i;
                    if (echoLetter != null) {
                        fsutilLetter = echoLetter;
                    } else if (nameLetter != null && !nameLetterUsed) {
                        fsutilLetter = nameLetter;
                        nameLetterUsed = true;
                    } else {
                        fsutilLetter = UNKNOWN_LETTER;
                        if (nameLetterUsed) {
                            sink.note(input.path(), "line " + (i + 1)
                                    + ": fsutil output without a command echo; the volume is recorded as _");
                        }
                    }
                    echoLetter = null;
                } else {
                    long free = fsutilBytes(CaptureText.labelValue(lines.get(fsutilFree))[1]);
                    facts += emit(fsutilLetter, free, bytes, fsutilFree, i, lines, input, sink);
                    fsutilDone = true;
                }
                continue;
            }
            list.putIfAbsent(lv[0], i);
        }
        return facts;
    }

    private static long flushList(Map<String, Integer> list, List<String> lines, ParseInput input, RecordSink sink) {
        if (list.isEmpty()) {
            return 0;
        }
        Integer letterLine = list.get("DriveLetter");
        Integer freeLine = list.get("SizeRemaining");
        Integer sizeLine = list.get("Size");
        long facts = 0;
        if (letterLine != null && freeLine != null && sizeLine != null) {
            String letter = CaptureText.labelValue(lines.get(letterLine))[1];
            long free = CaptureText.parseBytes(CaptureText.labelValue(lines.get(freeLine))[1]);
            long size = CaptureText.parseBytes(CaptureText.labelValue(lines.get(sizeLine))[1]);
            if (isDriveLetter(letter) && free >= 0 && size >= 0) {
                facts = emit(letter, free, size, freeLine, sizeLine, lines, input, sink);
            }
        }
        list.clear();
        return facts;
    }

    private static int emit(String letter, long free, long size, int freeLine, int sizeLine, List<String> lines,
            ParseInput input, RecordSink sink) {
        String l = letter.toLowerCase(Locale.ROOT);
        if (free < 0) {
            sink.note(input.path(), "line " + (freeLine + 1) + ": negative free space " + free
                    + " for volume " + letter + "; kept as printed");
        }
        sink.fact(CaptureText.fact("volume." + l + ".free.bytes", String.valueOf(free), input, lines, freeLine));
        sink.fact(CaptureText.fact("volume." + l + ".size.bytes", String.valueOf(size), input, lines, sizeLine));
        return 2;
    }

    /**
     * Bytes from an fsutil value: {@code 812,733,878,272 (756.9 GB)}, {@code 890.5 GB (956,301,750,272 bytes)},
     * {@code 19048828928}, {@code -1,234}; null when the value holds no such number.
     */
    static Long fsutilBytes(String value) {
        String v = value.strip();
        int open = v.indexOf('(');
        String outside = (open < 0 ? v : v.substring(0, open)).strip();
        if (GROUPED.matcher(outside).matches()) {
            return CaptureText.parseBytes(outside);
        }
        if (open >= 0) {
            int close = v.indexOf(')', open);
            String inside = v.substring(open + 1, close < 0 ? v.length() : close).strip();
            Matcher m = LEADING_NUMBER.matcher(inside);
            if (m.find() && GROUPED.matcher(m.group(1)).matches()) {
                return CaptureText.parseBytes(m.group(1));
            }
        }
        return null;
    }

    /**
     * SizeRemaining and Size from the right end of a Get-Volume row: {@code 107.46 GB 475.67 GB},
     * {@code 428.83 MB 1024 MB}, {@code 0 B 0 B}, or plain numbers; null when the row does not end with two sizes.
     */
    static long[] rightSizes(String[] tok) {
        int k = tok.length - 1;
        long[] out = new long[2];
        for (int n = 1; n >= 0; n--) {
            if (k < 0) {
                return null;
            }
            String t = tok[k];
            long b;
            if (isUnit(t) && k >= 1) {
                b = CaptureText.parseBytes(tok[k - 1] + " " + t);
                k -= 2;
            } else if (CaptureText.isDigits(t)) {
                b = Long.parseLong(t.length() > 18 ? t.substring(0, 18) : t);
                k -= 1;
            } else {
                return null;
            }
            if (b < 0) {
                return null;
            }
            out[n] = b;
        }
        return out;
    }

    /** True for one ASCII letter (the regex {@code [A-Za-z]}). */
    private static boolean isDriveLetter(String s) {
        if (s.length() != 1) {
            return false;
        }
        char c = s.charAt(0);
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    /** The single drive letter of a name such as {@code diskfree-D.txt} or {@code fsutil_C.txt}; null when none. */
    static String letterFromName(String path) {
        String name = path.substring(Math.max(path.lastIndexOf('/'), Math.max(path.lastIndexOf('\\'), path.lastIndexOf('!'))) + 1);
        int dot = name.lastIndexOf('.');
        String base = (dot > 0 ? name.substring(0, dot) : name).toLowerCase(Locale.ROOT);
        if (!base.contains("diskfree") && !base.contains("fsutil") && !base.contains("volume")
                && !base.contains("drive") && !base.contains("disk")) {
            return null;
        }
        String found = null;
        for (String part : base.split("[-_ .()\\[\\]]+")) {
            if (part.matches("[a-z]")) {
                if (found != null) {
                    return null;
                }
                found = part.toUpperCase(Locale.ROOT);
            }
        }
        return found;
    }

    private static boolean hasByteWord(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        for (String w : BYTE_WORDS) {
            if (l.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnit(String t) {
        return UNITS.contains(t.toUpperCase(Locale.ROOT));
    }

    private static boolean isTableHeader(String[] tok) {
        return tok.length >= 4 && tok[0].equals("DriveLetter") && tok[tok.length - 2].equals("SizeRemaining")
                && tok[tok.length - 1].equals("Size");
    }

    private static boolean isDashes(String s) {
        String t = s.strip();
        return !t.isEmpty() && t.chars().allMatch(c -> c == '-' || c == ' ' || c == '\t');
    }
}
