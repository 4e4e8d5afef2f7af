package dev.bundleanalyzer.facts;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the console output of {@code netsh winhttp show proxy} (and of {@code set proxy}, {@code reset proxy},
 * {@code import proxy}, which print the same):
 * <pre>
 * Current WinHTTP proxy settings:              현재 WinHTTP 프록시 설정:
 *
 *     Direct access (no proxy server).             직접 액세스(프록시 서버 없음).
 * </pre>
 * <pre>
 * Current WinHTTP proxy settings:              현재 WinHTTP 프록시 설정:
 *
 *     Proxy Server(s) :  corp.proxy:8080           프록시 서버:  proxy.contoso.local:8080
 *     Bypass List     :  (none)                    바이패스 목록     :  (없음)
 * </pre>
 * The output is localised. A capture starts at a header line that names WinHTTP and ends in a colon (true of the
 * English, Korean, Russian, French ... headers). English, Korean and Russian body lines are known by their
 * labels; in other languages the first indented line after the header is the proxy when its value after the colon
 * looks like {@code host:port} or {@code http=...;https=...}, the indented line after it the bypass list, and an
 * indented sentence ending in a full stop means direct access.
 *
 * <p>Facts: {@code proxy.winhttp.direct = true}, or {@code proxy.winhttp.server} (as printed:
 * {@code corp.proxy:8080}, {@code http=corp.proxy:8080;https=corp.proxy:8443}) and {@code proxy.winhttp.bypass}
 * (as printed; none when the list is {@code (none)}, {@code (없음)} or any other single parenthesised word).
 * A file holding several captures gives facts for each.
 */
public final class WinHttpProxyParser implements Parser {

    public static final String KIND = "winhttp-proxy";

    private static final Set<String> SERVER_LABELS = Set.of("proxy server(s)", "proxy server", "프록시 서버",
            "прокси-сервер", "прокси-сервер(ы)");
    private static final Set<String> BYPASS_LABELS = Set.of("bypass list", "바이패스 목록", "список обхода");
    private static final List<String> DIRECT = List.of("direct access", "직접 액세스", "прямой доступ");

    /** {@code host:port}, {@code http://host:port}, {@code http=host:port;https=host:port}. */
    private static final Pattern PROXY_VALUE = Pattern.compile("\\S*:\\d+\\S*|\\S+=\\S+");
    /** {@code (none)}, {@code (없음)}, {@code (нет)}, {@code (aucun)}: an empty list in any language. */
    private static final Pattern NONE = Pattern.compile("\\([^\\s.*;<>]*\\)");

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
        boolean header = false;
        boolean serverLabel = false;
        boolean bypassLabel = false;
        for (int i = 0; i < lines.length; i++) {
            if (isHeader(lines[i])) {
                int body = nextNonBlank(lines, i + 1);
                if (body < 0) {
                    header = true;
                    continue;
                }
                String first = lines[body];
                if (first.strip().startsWith("{")) {
                    continue; // show advproxy prints JSON
                }
                if (isDirect(first) || serverValue(first, true) != null) {
                    return 90;
                }
                header = true;
            }
            String[] lv = CaptureText.labelValue(lines[i]);
            if (lv != null) {
                serverLabel |= SERVER_LABELS.contains(normalise(lv[0]));
                bypassLabel |= BYPASS_LABELS.contains(normalise(lv[0]));
            }
        }
        return header ? 70 : serverLabel && bypassLabel ? 75 : 0;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        List<String> lines = CaptureText.readLines(input);
        long facts = 0;
        int serverLine = -1;
        int firstBody = -1;
        boolean inCapture = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (isHeader(line)) {
                inCapture = true;
                serverLine = -1;
                firstBody = -1;
                continue;
            }
            if (!inCapture || line.isBlank()) {
                continue;
            }
            boolean first = firstBody < 0;
            if (first) {
                firstBody = i;
            }
            if (isDirect(line) || first && indented(line) && line.indexOf(':') < 0 && line.strip().endsWith(".")) {
                sink.fact(CaptureText.fact("proxy.winhttp.direct", "true", input, lines, i));
                facts++;
                continue;
            }
            String server = serverValue(line, first);
            if (server != null) {
                sink.fact(CaptureText.fact("proxy.winhttp.server", server, input, lines, i));
                facts++;
                serverLine = i;
                continue;
            }
            String[] lv = CaptureText.labelValue(line);
            if (lv == null) {
                continue;
            }
            boolean bypass = BYPASS_LABELS.contains(normalise(lv[0]))
                    || serverLine >= 0 && i == serverLine + 1 && indented(line);
            if (bypass && !lv[1].isEmpty() && !NONE.matcher(lv[1]).matches()) {
                sink.fact(CaptureText.fact("proxy.winhttp.bypass", lv[1], input, lines, i));
                facts++;
            }
        }
        return facts;
    }

    /** {@code Current WinHTTP proxy settings:} in any language (not the JSON of {@code show advproxy}). */
    private static boolean isHeader(String line) {
        String s = line.strip();
        return s.endsWith(":") && s.contains("WinHTTP") && !line.startsWith(" ") && s.length() < 80;
    }

    private static boolean isDirect(String line) {
        String s = line.strip().toLowerCase(Locale.ROOT);
        for (String d : DIRECT) {
            if (s.startsWith(d)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The proxy of a line labelled as the proxy server, or, when {@code firstBodyLine}, of any indented
     * {@code label : value} line whose value looks like a proxy; null otherwise.
     */
    private static String serverValue(String line, boolean firstBodyLine) {
        String[] lv = CaptureText.labelValue(line);
        if (lv == null || lv[1].isEmpty()) {
            return null;
        }
        if (SERVER_LABELS.contains(normalise(lv[0]))) {
            return lv[1];
        }
        return firstBodyLine && indented(line) && PROXY_VALUE.matcher(lv[1]).matches() ? lv[1] : null;
    }

    private static boolean indented(String line) {
        return !line.isEmpty() && Character.isWhitespace(line.charAt(0));
    }

    private static int nextNonBlank(String[] lines, int from) {
        for (int i = from; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                return i;
            }
        }
        return -1;
    }

    private static String normalise(String label) {
        return CaptureText.BLANKS.matcher(label).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
