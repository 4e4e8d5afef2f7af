package dev.bundleanalyzer.facts;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the console output of {@code Test-NetConnection -ComputerName X [-Port 443]}, one block per test, several
 * tests per file:
 * <pre>
 * WARNING: TCP connect to (20.190.128.1 : 443) failed
 *
 * ComputerName           : login.microsoftonline.com
 * RemoteAddress          : 20.190.128.1
 * RemotePort             : 443
 * InterfaceAlias         : Ethernet
 * SourceAddress          : 10.0.0.4
 * PingSucceeded          : False
 * PingReplyDetails (RTT) : 0 ms
 * TcpTestSucceeded       : False
 * </pre>
 * The property names are not localised; the warnings are ({@code 경고:} on a Korean system). A name that does
 * not resolve gives {@code WARNING: Name resolution of X failed} and a block with an empty RemoteAddress.
 *
 * <p>Facts, {@code <computer>} being the ComputerName in lower case:
 * <ul>
 *   <li>{@code netconn.<computer>.tcp}: TcpTestSucceeded, {@code true}/{@code false};</li>
 *   <li>{@code netconn.<computer>.ping}: PingSucceeded, only for a block without a TCP test;</li>
 *   <li>{@code netconn.<computer>.resolved}: {@code false} on a name-resolution warning (the name taken from the
 *       warning; in Korean, the first host name of a {@code 경고:} line that mentions {@code 이름}) or, without
 *       such a warning, on an empty RemoteAddress; {@code true} on a RemoteAddress with a value.</li>
 * </ul>
 */
public final class NetConnectionParser implements Parser {

    public static final String KIND = "net-connection";

    private static final Pattern NAME_RESOLUTION = Pattern.compile(
            "(?i).*name resolution of (\\S+?)[.,]? failed.*");
    /** A dotted host name (not an IPv4 address, checked apart). */
    private static final Pattern HOST = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int detect(ContentSample sample) {
        if (!sample.isText() || !sample.text().contains("ComputerName") && !sample.text().contains("resolution")) {
            return 0;
        }
        boolean computer = false;
        boolean result = false;
        boolean address = false;
        boolean local = false;
        boolean warning = false;
        for (String line : sample.text().split("\r?\n", 400)) {
            String[] lv = row(line);
            if (lv == null) {
                continue;
            }
            switch (lv[0]) {
                case "ComputerName" -> computer = true;
                case "TcpTestSucceeded", "PingSucceeded" -> result = true;
                case "RemoteAddress" -> address = true;
                case "InterfaceAlias", "SourceAddress" -> local = true;
                default -> warning |= resolutionFailure(line) != null;
            }
        }
        if (computer && result) {
            return 90;
        }
        if (computer && address && local) {
            return 80;
        }
        return warning ? 60 : 0;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        List<String> lines = CaptureText.readLines(input);
        Set<String> unresolved = new HashSet<>();
        Block block = new Block();
        long facts = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String failed = resolutionFailure(line);
            if (failed != null) {
                facts += block.flush(input, lines, sink, unresolved);
                String name = failed.toLowerCase(Locale.ROOT);
                unresolved.add(name);
                sink.fact(CaptureText.fact("netconn." + name + ".resolved", "false", input, lines, i));
                facts++;
                continue;
            }
            if (line.isBlank()) {
                facts += block.flush(input, lines, sink, unresolved);
                continue;
            }
            String[] lv = row(line);
            if (lv == null) {
                continue;
            }
            switch (lv[0]) {
                case "ComputerName" -> {
                    facts += block.flush(input, lines, sink, unresolved);
                    if (!lv[1].isEmpty()) {
                        block.computer = lv[1].toLowerCase(Locale.ROOT);
                    }
                }
                case "RemoteAddress" -> block.remote = i;
                case "TcpTestSucceeded" -> block.tcp = i;
                case "PingSucceeded" -> block.ping = i;
                default -> {
                }
            }
        }
        facts += block.flush(input, lines, sink, unresolved);
        return facts;
    }

    /** The name a resolution warning says did not resolve, or null when the line is no such warning. */
    static String resolutionFailure(String line) {
        String s = line.strip();
        Matcher m = NAME_RESOLUTION.matcher(s);
        if (m.matches()) {
            return m.group(1);
        }
        if (s.startsWith("경고:") && s.contains("이름")) {
            Matcher h = HOST.matcher(s);
            while (h.find()) {
                if (!IPV4.matcher(h.group()).matches()) {
                    return h.group();
                }
            }
        }
        return null;
    }

    /** A {@code Name : value} row at the margin of the list view; null otherwise. */
    private static String[] row(String line) {
        if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
            return null;
        }
        return CaptureText.labelValue(line);
    }

    /** The rows of one result block that give facts, by line index. */
    private static final class Block {
        String computer;
        int remote = -1;
        int tcp = -1;
        int ping = -1;

        long flush(ParseInput input, List<String> lines, RecordSink sink, Set<String> unresolved) {
            if (computer == null) {
                reset();
                return 0;
            }
            String prefix = "netconn." + computer;
            List<Fact> out = new ArrayList<>();
            if (remote >= 0) {
                String address = CaptureText.labelValue(lines.get(remote))[1];
                if (!address.isEmpty()) {
                    out.add(CaptureText.fact(prefix + ".resolved", "true", input, lines, remote));
                } else if (!unresolved.contains(computer)) {
                    out.add(CaptureText.fact(prefix + ".resolved", "false", input, lines, remote));
                }
            }
            if (tcp >= 0) {
                add(out, prefix + ".tcp", tcp, input, lines);
            } else if (ping >= 0) {
                add(out, prefix + ".ping", ping, input, lines);
            }
            out.sort(Comparator.comparingLong(Fact::line));
            out.forEach(sink::fact);
            reset();
            return out.size();
        }

        private static void add(List<Fact> out, String key, int line, ParseInput input, List<String> lines) {
            String value = CaptureText.labelValue(lines.get(line))[1].toLowerCase(Locale.ROOT);
            if (value.equals("true") || value.equals("false")) {
                out.add(CaptureText.fact(key, value, input, lines, line));
            }
        }

        private void reset() {
            computer = null;
            remote = -1;
            tcp = -1;
            ping = -1;
        }
    }
}
