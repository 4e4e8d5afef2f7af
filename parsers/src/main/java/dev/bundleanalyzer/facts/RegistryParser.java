package dev.bundleanalyzer.facts;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.Hex;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads registry values from the two forms a bundle holds them in.
 *
 * <p>{@code reg query <key> [/s]} console output: a key line at the start of a line, then one indented line per
 * value, name, type and data separated by four blanks (names and data may hold blanks; the line is split on the
 * {@code REG_} type token):
 * <pre>
 * HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows Azure Backup\Config
 *     ScratchLocation    REG_SZ    C:\Program Files\Microsoft Azure Recovery Services Agent\Scratch
 *     (Default)    REG_SZ    (value not set)
 *     Release    REG_DWORD    0x80ff4
 * </pre>
 *
 * <p>regedit exports ({@code Windows Registry Editor Version 5.00} or {@code REGEDIT4}): {@code [key]} sections
 * and {@code "Name"="data"}, {@code @="data"}, {@code "Name"=dword:00080ff4}, {@code "Name"=hex(b):...},
 * {@code hex(2):}/{@code hex(7):} (UTF-16LE bytes in version 5 files, ANSI bytes in REGEDIT4 files), lines
 * continued with a trailing {@code \}. Deleted keys and values ({@code [-key]}, {@code "Name"=-}) are ignored.
 *
 * <p>Facts: {@code registry.<key path>\<value name>} for every value, both lower-case, the hive shortened
 * ({@code hklm}, {@code hkcu}, {@code hku}, {@code hkcr}, {@code hkcc}), the unnamed value as {@code (default)}.
 * The value is the data as text: DWORD and QWORD in decimal, binary as hex digits, one fact per string of a
 * multi-string. E.g. {@code registry.hklm\software\microsoft\net framework setup\ndp\v4\full\release = 528372}.
 * A default value that is not set gives no fact.
 *
 * <p>Well-known values get a short key too (a {@code Wow6432Node} segment after {@code SOFTWARE} is accepted):
 * {@code scratch.location}, {@code scratch.location.cloudbackupprovider}, {@code agent.installpath},
 * {@code agent.version} (Setup value CurrentVersion, AgentVersion or ProductVersion that reads as a dotted
 * version), {@code dotnet.release}, {@code tls12.client.enabled}, {@code tls12.client.disabledbydefault},
 * {@code dotnet.schusestrongcrypto} (one fact per place: the 64-bit and the Wow6432Node key),
 * {@code proxy.wininet.server} and {@code proxy.wininet.enable} (Internet Settings of SYSTEM, {@code HKU\S-1-5-18}
 * or {@code HKU\.DEFAULT}, or the machine policy {@code HKLM\SOFTWARE\Policies\...}; an empty server is left out).
 */
public final class RegistryParser implements Parser {

    public static final String KIND = "registry";

    /** Name given to a key's unnamed value. */
    public static final String DEFAULT_NAME = "(default)";

    private static final Pattern KEY_LINE = Pattern.compile(
            "^(HKEY_LOCAL_MACHINE|HKEY_CURRENT_USER|HKEY_USERS|HKEY_CLASSES_ROOT|HKEY_CURRENT_CONFIG|HKLM|HKCU|HKU|HKCR|HKCC)"
                    + "(\\\\.*)?$",
            Pattern.CASE_INSENSITIVE);
    /** Value line of reg query: indented name, type token, optional data. */
    private static final Pattern VALUE_LINE = Pattern.compile(
            "^\\s+(.*?)\\s+(REG_(?:SZ|EXPAND_SZ|MULTI_SZ|DWORD|DWORD_BIG_ENDIAN|DWORD_LITTLE_ENDIAN|QWORD"
                    + "|QWORD_LITTLE_ENDIAN|BINARY|NONE|LINK|RESOURCE_LIST|FULL_RESOURCE_DESCRIPTOR"
                    + "|RESOURCE_REQUIREMENTS_LIST))(?:\\s+(.*?))?\\s*$");
    /** The names reg.exe prints for the unnamed value, in the display languages seen in bundles. */
    private static final Set<String> DEFAULT_NAMES = Set.of("(default)", "(기본값)", "(standard)", "(par défaut)",
            "(predeterminado)", "(既定)", "(默认)", "(預設)", "(padrão)", "(predefinito)", "(по умолчанию)");
    /** What reg.exe prints as the data of an unnamed value that is not set. */
    private static final Set<String> NOT_SET = Set.of("(value not set)", "(값 설정 안 됨)", "(값을 설정하지 않음)",
            "(wert nicht festgelegt)", "(valeur non définie)", "(値の設定なし)", "(数值未设置)");
    private static final Pattern DOTTED_VERSION = Pattern.compile("\\d+(\\.\\d+){1,3}");
    /** The separator of the strings of a {@code REG_MULTI_SZ} in reg query output: a backslash and a zero. */
    private static final Pattern MULTI_SZ_SEPARATOR = Pattern.compile("\\\\0");
    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private static final String AZURE_BACKUP = "hklm\\software\\microsoft\\windows azure backup\\";
    private static final String INTERNET_SETTINGS = "\\software\\microsoft\\windows\\currentversion\\internet settings";
    private static final Set<String> PROXY_KEYS = Set.of(
            "hku\\s-1-5-18" + INTERNET_SETTINGS,
            "hku\\.default" + INTERNET_SETTINGS,
            "hklm\\software\\policies\\microsoft\\windows\\currentversion\\internet settings");

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
        String[] lines = text.split("\r\n|\r|\n", 400);
        String first = firstNonBlank(lines);
        if (first != null && isRegeditHeader(first)) {
            return 95;
        }
        if (!text.contains("HKEY_") && !text.contains("HKLM") && !text.contains("HKU")) {
            return 0;
        }
        boolean key = false;
        boolean keyFirst = false;
        for (String line : lines) {
            if (KEY_LINE.matcher(line).matches()) {
                keyFirst |= line == first;
                key = true;
            } else if (key && VALUE_LINE.matcher(line).matches()) {
                return 90;
            } else if (!line.isBlank()) {
                key = false;
            }
        }
        return keyFirst ? 70 : 0;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        List<String> lines = CaptureText.readLines(input);
        String first = firstNonBlank(lines.toArray(new String[0]));
        Emitter out = new Emitter(input, lines, sink);
        if (first != null && isRegeditHeader(first)) {
            boolean unicode = !first.strip().equalsIgnoreCase("REGEDIT4");
            parseRegedit(lines, unicode ? StandardCharsets.UTF_16LE : ansi(input), out);
        } else {
            parseRegQuery(lines, out);
        }
        return out.count;
    }

    // ---- reg query ----

    private static void parseRegQuery(List<String> lines, Emitter out) {
        String key = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (KEY_LINE.matcher(line).matches()) {
                key = normaliseKey(line.strip());
                continue;
            }
            if (key == null) {
                continue;
            }
            Matcher m = VALUE_LINE.matcher(line);
            if (!m.matches()) {
                if (!line.isBlank()) {
                    key = null; // something else: an error message, a prompt, the next command
                }
                continue;
            }
            String name = m.group(1).strip();
            String type = m.group(2);
            String data = m.group(3) == null ? "" : m.group(3);
            if (isDefaultName(name)) {
                if (NOT_SET.contains(data.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                name = DEFAULT_NAME;
            }
            switch (type) {
                case "REG_DWORD", "REG_DWORD_LITTLE_ENDIAN", "REG_DWORD_BIG_ENDIAN", "REG_QWORD",
                        "REG_QWORD_LITTLE_ENDIAN" -> out.value(key, name, hexNumber(data), i);
                case "REG_MULTI_SZ" -> {
                    String[] items = MULTI_SZ_SEPARATOR.split(data, -1);
                    int n = items.length;
                    while (n > 1 && items[n - 1].isEmpty()) {
                        n--;
                    }
                    for (int k = 0; k < n; k++) {
                        out.value(key, name, items[k], i);
                    }
                }
                default -> out.value(key, name, data, i);
            }
        }
    }

    /** {@code 0x80ff4} as unsigned decimal; the text unchanged when it is not a hex number. */
    private static String hexNumber(String data) {
        String d = data.strip();
        String digits = d.startsWith("0x") || d.startsWith("0X") ? d.substring(2) : null;
        if (digits == null || digits.isEmpty() || digits.length() > 16 || !allHex(digits)) {
            return d;
        }
        return Long.toUnsignedString(Long.parseUnsignedLong(digits, 16));
    }

    // ---- regedit export ----

    private static void parseRegedit(List<String> lines, Charset stringCharset, Emitter out) {
        String key = null;
        for (int i = 0; i < lines.size(); i++) {
            int start = i;
            String line = lines.get(i).strip();
            if (line.startsWith("[")) {
                int close = line.lastIndexOf(']');
                String path = close > 0 ? line.substring(1, close) : line.substring(1);
                key = path.startsWith("-") || !KEY_LINE.matcher(path).matches() ? null : normaliseKey(path);
                continue;
            }
            if (key == null || !(line.startsWith("\"") || line.startsWith("@"))) {
                continue;
            }
            // a hex value may continue over lines ending with a backslash
            StringBuilder full = new StringBuilder(line);
            while (endsWithContinuation(full) && i + 1 < lines.size() && isHexValue(full)) {
                full.setLength(full.length() - 1);
                full.append(lines.get(++i).strip());
            }
            String entry = full.toString();
            String name;
            int pos;
            if (entry.startsWith("@")) {
                name = DEFAULT_NAME;
                pos = 1;
            } else {
                int[] end = new int[1];
                name = quoted(entry, 0, end);
                if (name == null) {
                    continue;
                }
                pos = end[0];
                if (name.isEmpty()) {
                    name = DEFAULT_NAME;
                }
            }
            if (pos >= entry.length() || entry.charAt(pos) != '=') {
                continue;
            }
            String data = entry.substring(pos + 1).strip();
            if (data.equals("-")) {
                continue; // deletion
            }
            List<String> values = regeditData(data, stringCharset);
            if (values == null) {
                continue;
            }
            for (String v : values) {
                out.value(key, name, v, start);
            }
        }
    }

    private static boolean endsWithContinuation(StringBuilder s) {
        return s.length() > 0 && s.charAt(s.length() - 1) == '\\';
    }

    private static boolean isHexValue(StringBuilder s) {
        return s.indexOf("=hex") > 0;
    }

    /** The text of the data part of a regedit value line; several texts for a multi-string; null when unknown. */
    private static List<String> regeditData(String data, Charset stringCharset) {
        if (data.startsWith("\"")) {
            String s = quoted(data, 0, new int[1]);
            return s == null ? null : List.of(s);
        }
        String lower = data.toLowerCase(Locale.ROOT);
        if (lower.startsWith("dword:")) {
            String digits = data.substring(6).strip();
            if (digits.isEmpty() || digits.length() > 8 || !allHex(digits)) {
                return null;
            }
            return List.of(Long.toString(Long.parseLong(digits, 16)));
        }
        if (!lower.startsWith("hex")) {
            return null;
        }
        int colon = data.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String type = lower.substring(3, colon); // "", "(2)", "(7)", "(b)", ...
        byte[] bytes = hexBytes(data.substring(colon + 1));
        if (bytes == null) {
            return null;
        }
        switch (type) {
            case "(1)", "(2)" -> {
                return List.of(trimNul(new String(bytes, stringCharset)));
            }
            case "(7)" -> {
                String all = new String(bytes, stringCharset);
                List<String> items = new ArrayList<>(List.of(all.split("\0", -1)));
                while (items.size() > 1 && items.get(items.size() - 1).isEmpty()) {
                    items.remove(items.size() - 1);
                }
                return items;
            }
            case "(4)", "(b)" -> {
                if (bytes.length == 0 || bytes.length > 8) {
                    return null;
                }
                long v = 0;
                for (int k = bytes.length - 1; k >= 0; k--) {
                    v = (v << 8) | (bytes[k] & 0xFF);
                }
                return List.of(Long.toUnsignedString(v));
            }
            default -> {
                char[] hex = new char[bytes.length * 2];
                for (int k = 0; k < bytes.length; k++) {
                    hex[2 * k] = HEX_DIGITS[(bytes[k] >> 4) & 0xF];
                    hex[2 * k + 1] = HEX_DIGITS[bytes[k] & 0xF];
                }
                return List.of(new String(hex));
            }
        }
    }

    /**
     * The bytes of a comma-separated list of one- or two-digit hex numbers ({@code 4d,00,61}; blanks around a
     * number and empty items are ignored); null when an item is anything else.
     */
    static byte[] hexBytes(String list) {
        int n = list.length();
        byte[] out = new byte[n / 2 + 1]; // at most one byte per item, and an item takes a digit and a comma
        int count = 0;
        int from = 0;
        while (from <= n) {
            int comma = list.indexOf(',', from);
            int end = comma < 0 ? n : comma;
            int start = from;
            while (start < end && Character.isWhitespace(list.charAt(start))) {
                start++;
            }
            int stop = end;
            while (stop > start && Character.isWhitespace(list.charAt(stop - 1))) {
                stop--;
            }
            int length = stop - start;
            if (length > 0) {
                int high = length == 2 ? Hex.value(list.charAt(start)) : 0;
                int low = Hex.value(list.charAt(stop - 1));
                if (length > 2 || high < 0 || low < 0) {
                    return null;
                }
                out[count++] = (byte) (high << 4 | low);
            }
            from = end + 1;
        }
        return count == out.length ? out : Arrays.copyOf(out, count);
    }

    /** True when every char is an ASCII hex digit (true for an empty text). */
    private static boolean allHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Hex.value(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String trimNul(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\0') {
            end--;
        }
        return s.substring(0, end);
    }

    /** A regedit quoted string starting at {@code from}, unescaped; {@code end[0]} is set after the closing quote. */
    private static String quoted(String s, int from, int[] end) {
        if (from >= s.length() || s.charAt(from) != '"') {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = from + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                sb.append(s.charAt(++i));
            } else if (c == '"') {
                end[0] = i + 1;
                return sb.toString();
            } else {
                sb.append(c);
            }
        }
        return null;
    }

    // ---- shared ----

    private static boolean isRegeditHeader(String line) {
        String s = line.strip();
        return s.startsWith("Windows Registry Editor Version") || s.equalsIgnoreCase("REGEDIT4");
    }

    private static String firstNonBlank(String[] lines) {
        for (String l : lines) {
            String s = l.isEmpty() || l.charAt(0) != '\uFEFF' ? l : l.substring(1);
            if (!s.isBlank()) {
                return l;
            }
        }
        return null;
    }

    private static boolean isDefaultName(String name) {
        return DEFAULT_NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    private static Charset ansi(ParseInput input) {
        Charset c = input.charset();
        return c == null || c.name().startsWith("UTF-16") ? Charset.forName("windows-1252") : c;
    }

    /** {@code HKEY_LOCAL_MACHINE\SOFTWARE\X} as {@code hklm\software\x}; trailing backslashes removed. */
    static String normaliseKey(String path) {
        String p = path.strip();
        while (p.endsWith("\\")) {
            p = p.substring(0, p.length() - 1);
        }
        int cut = p.indexOf('\\');
        String hive = (cut < 0 ? p : p.substring(0, cut)).toUpperCase(Locale.ROOT);
        String rest = cut < 0 ? "" : p.substring(cut);
        String shortHive = switch (hive) {
            case "HKEY_LOCAL_MACHINE", "HKLM" -> "hklm";
            case "HKEY_CURRENT_USER", "HKCU" -> "hkcu";
            case "HKEY_USERS", "HKU" -> "hku";
            case "HKEY_CLASSES_ROOT", "HKCR" -> "hkcr";
            case "HKEY_CURRENT_CONFIG", "HKCC" -> "hkcc";
            default -> hive.toLowerCase(Locale.ROOT);
        };
        return shortHive + rest.toLowerCase(Locale.ROOT);
    }

    /** The short key of a well-known value, or null. {@code key} and {@code name} are lower-case. */
    static String shortName(String key, String name, String data) {
        String k = key.replace("\\software\\wow6432node\\", "\\software\\");
        if (k.equals(AZURE_BACKUP + "config") && name.equals("scratchlocation")) {
            return "scratch.location";
        }
        if (k.equals(AZURE_BACKUP + "config\\cloudbackupprovider") && name.equals("scratchlocation")) {
            return "scratch.location.cloudbackupprovider";
        }
        if (k.equals(AZURE_BACKUP + "setup")) {
            if (name.equals("installpath")) {
                return "agent.installpath";
            }
            if ((name.equals("currentversion") || name.equals("agentversion") || name.equals("productversion"))
                    && DOTTED_VERSION.matcher(data.strip()).matches()) {
                return "agent.version";
            }
            return null;
        }
        if (k.equals("hklm\\software\\microsoft\\net framework setup\\ndp\\v4\\full") && name.equals("release")) {
            return "dotnet.release";
        }
        if (k.equals("hklm\\software\\microsoft\\.netframework\\v4.0.30319") && name.equals("schusestrongcrypto")) {
            return "dotnet.schusestrongcrypto";
        }
        if (k.startsWith("hklm\\system\\") && k.endsWith("\\control\\securityproviders\\schannel\\protocols\\tls 1.2\\client")
                && k.indexOf('\\', "hklm\\system\\".length()) == k.indexOf("\\control\\securityproviders\\")) {
            if (name.equals("enabled")) {
                return "tls12.client.enabled";
            }
            if (name.equals("disabledbydefault")) {
                return "tls12.client.disabledbydefault";
            }
            return null;
        }
        if (PROXY_KEYS.contains(k)) {
            if (name.equals("proxyserver") && !data.isBlank()) {
                return "proxy.wininet.server";
            }
            if (name.equals("proxyenable")) {
                return "proxy.wininet.enable";
            }
        }
        return null;
    }

    /** Hands over the facts of one value. */
    private static final class Emitter {
        private final ParseInput input;
        private final List<String> lines;
        private final RecordSink sink;
        long count;

        Emitter(ParseInput input, List<String> lines, RecordSink sink) {
            this.input = input;
            this.lines = lines;
            this.sink = sink;
        }

        void value(String key, String name, String data, int index) {
            String lowerName = name.toLowerCase(Locale.ROOT);
            emit(new Fact("registry." + key + "\\" + lowerName, data, input.path(), index + 1, lines.get(index)));
            String shortKey = shortName(key, lowerName, data);
            if (shortKey != null) {
                emit(new Fact(shortKey, data, input.path(), index + 1, lines.get(index)));
            }
        }

        private void emit(Fact f) {
            sink.fact(f);
            count++;
        }
    }
}
