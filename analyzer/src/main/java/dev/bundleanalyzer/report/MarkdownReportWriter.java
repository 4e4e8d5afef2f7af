package dev.bundleanalyzer.report;

import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.Finding;
import dev.bundleanalyzer.rules.LocalizedText;
import dev.bundleanalyzer.rules.NotEvaluated;
import dev.bundleanalyzer.rules.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code summary.md}: a short Markdown digest of a report to paste into a ticket, in English or Korean.
 *
 * <p>It holds a heading with the bundle and host name, one line of counts by severity, the most severe findings
 * (at most {@value #TOP}) each with its first evidence location and line and its numbered actions, one line on the
 * rules that were not evaluated with what to ask the customer for, and the analyzer version. Fixed words come from
 * the {@code summary.md.*} keys of the report's message bundles, rule texts from the rules.
 *
 * <p>Every text that is inserted (file names, evidence lines, host and bundle names, and rule texts too, which
 * {@code --rules} may bring from outside) is escaped with {@link #escape}, so a hostile line cannot inject markup,
 * links or HTML into the ticket. Instances are stateless and thread-safe.
 */
public final class MarkdownReportWriter {

    /** Most findings listed. */
    public static final int TOP = 10;
    /** Most distinct requests named in the not-evaluated line. */
    static final int TOP_REQUESTS = 3;
    /** Longest evidence line kept, in characters, before it is cut with an ellipsis. */
    static final int MAX_EVIDENCE = 200;
    /** Longest action kept, in characters (the report has them whole). */
    static final int MAX_ACTION = 160;

    private static final String SEP = " \u00b7 ";
    private static final Pattern EVENT_ID = Pattern.compile("<EventID(?:\\s[^>]*)?>\\s*(\\d+)\\s*</EventID>");
    private static final Pattern LIST_NUMBER = Pattern.compile("^\\d{1,9}(?=[.)])");

    /** Writes the digest for a language to a file (UTF-8). */
    public void write(AnalysisReport report, String lang, Path file) throws IOException {
        Files.writeString(file, render(report, lang), StandardCharsets.UTF_8);
    }

    /**
     * The digest for a language.
     *
     * @throws IllegalArgumentException for a language other than {@code en} or {@code ko}
     */
    public String render(AnalysisReport report, String lang) {
        Objects.requireNonNull(report, "report");
        Locale locale = HtmlReportWriter.locale(lang);
        Map<String, String> msg = HtmlReportWriter.messages(lang);
        StringBuilder md = new StringBuilder(4096);

        // heading: bundle and host
        String bundle = escape(report.bundle() == null ? "" : report.bundle().name());
        String host = report.machine().get("host.name");
        md.append("# ").append(host == null || host.isBlank()
                        ? format(msg, locale, "summary.md.heading", bundle)
                        : format(msg, locale, "summary.md.headingHost", bundle, escape(host.strip())))
                .append("\n\n");

        // counts by severity, most severe first
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        for (Finding f : report.findings()) {
            bySeverity.merge(f.severity(), 1L, Long::sum);
        }
        List<String> counts = new ArrayList<>();
        for (int i = Severity.values().length - 1; i >= 0; i--) {
            Severity s = Severity.values()[i];
            counts.add(format(msg, locale, "summary.md.severityCount", bySeverity.getOrDefault(s, 0L),
                    severity(msg, s)));
        }
        md.append(format(msg, locale, "summary.md.counts", String.join(SEP, counts))).append("\n\n");

        // the top findings
        List<Finding> findings = new ArrayList<>(report.findings());
        findings.sort(Comparator.comparing(Finding::severity).reversed());   // stable: keeps the report's order
        if (findings.isEmpty()) {
            md.append(escape(msg.get("summary.md.none"))).append("\n\n");
        } else {
            md.append("## ").append(escape(msg.get("summary.md.top"))).append("\n\n");
            int shown = Math.min(TOP, findings.size());
            for (int i = 0; i < shown; i++) {
                finding(md, i + 1, findings.get(i), lang, locale, msg);
            }
            if (findings.size() > shown) {
                md.append(format(msg, locale, "summary.md.moreFindings", (long) (findings.size() - shown)))
                        .append("\n\n");
            }
        }

        // rules not evaluated
        md.append(notEvaluated(report.notEvaluated(), lang, locale, msg)).append("\n\n");

        md.append(format(msg, locale, "summary.md.footer",
                escape(report.analyzerVersion() == null ? "" : report.analyzerVersion()))).append('\n');
        return md.toString();
    }

    private static void finding(StringBuilder md, int n, Finding f, String lang, Locale locale,
                                Map<String, String> msg) {
        String marker = n + ". ";
        String indent = " ".repeat(marker.length());
        Evidence first = f.evidence().isEmpty() ? null : f.evidence().get(0);
        md.append(marker)
                .append("**").append(severity(msg, f.severity())).append("**")
                .append(SEP).append(escape(f.rule()))
                .append(SEP).append(escape(text(f.title(), lang)))
                .append(SEP).append(format(msg, locale, "summary.md.matches", f.count()))
                .append(SEP).append(first == null ? escape(msg.get("summary.md.noEvidence"))
                        : location(first, locale, msg))
                .append("\n\n");
        String line = first == null ? "" : evidenceText(first.text(), locale, msg);
        if (!line.isEmpty()) {
            md.append(indent).append("> ").append(escapeBlockStart(shorten(line, MAX_EVIDENCE))).append("\n\n");
        }
        int a = 0;
        for (LocalizedText action : f.actions()) {
            String t = oneLine(text(action, lang));
            if (!t.isEmpty()) {
                md.append(indent).append(++a).append(". ").append(escapeBlockStart(shorten(t, MAX_ACTION))).append('\n');
            }
        }
        if (a > 0) {
            md.append('\n');
        }
    }

    /**
     * The evidence text on one line (not yet escaped). An event-log record kept as its XML shows as its event ID and
     * the text of its event data, not as the XML of its system part.
     */
    static String evidenceText(String text, Locale locale, Map<String, String> msg) {
        String line = oneLine(text);
        if (!line.startsWith("<Event")) {
            return line;
        }
        int system = line.indexOf("</System>");
        String data = oneLine(xmlText(system < 0 ? line : line.substring(system + "</System>".length())));
        Matcher id = EVENT_ID.matcher(line);
        if (!id.find()) {
            return data.isEmpty() ? line : data;
        }
        String event = format(msg, locale, "summary.md.event", id.group(1));
        return data.isEmpty() ? event : event + ": " + data;
    }

    /** The character data of an XML fragment: tags dropped (as spaces), the five predefined entities resolved. */
    private static String xmlText(String xml) {
        return xml.replaceAll("<[^>]*>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&apos;", "'").replace("&amp;", "&");
    }

    /** {@code file:line}, {@code file record N} (in the report language) or the file alone; escaped. */
    static String location(Evidence e, Locale locale, Map<String, String> msg) {
        String file = escape(e.file() == null ? "" : e.file());
        if (e.record() != null) {
            return format(msg, locale, "summary.md.record", file, Long.toString(e.record()));
        }
        return e.line() > 0 ? file + ":" + e.line() : file;
    }

    /**
     * The not-evaluated line: how many rules, and the requests that would let most of them run. Rules whose
     * "missing" text opens with the same sentence (what is missing) share one request: the rest of the text of
     * the most severe of them.
     */
    private static String notEvaluated(List<NotEvaluated> rules, String lang, Locale locale, Map<String, String> msg) {
        if (rules.isEmpty()) {
            return escape(msg.get("summary.md.allEvaluated"));
        }
        record Request(String text, int index, Severity severity, long[] rules) {
        }
        Map<String, Request> requests = new LinkedHashMap<>();
        for (NotEvaluated n : rules) {
            String missing = oneLine(text(n.missing(), lang));
            int split = sentenceEnd(missing);
            String what = split < 0 ? missing : missing.substring(0, split);
            String ask = split < 0 ? missing : missing.substring(split).strip();
            Request r = requests.computeIfAbsent(what,
                    k -> new Request(ask, requests.size(), n.severity(), new long[1]));
            r.rules()[0]++;
        }
        List<Request> order = new ArrayList<>(requests.values());
        order.sort(Comparator.comparingLong((Request r) -> r.rules()[0]).reversed()
                .thenComparing(Request::severity, Comparator.reverseOrder())
                .thenComparingInt(Request::index));
        List<String> items = new ArrayList<>();
        for (Request r : order.subList(0, Math.min(TOP_REQUESTS, order.size()))) {
            String ask = r.text().replaceAll("[.\u3002\\s]+$", "");
            items.add(escape(ask) + " (" + format(msg, locale, "summary.md.rules", r.rules()[0]) + ")");
        }
        if (order.size() > TOP_REQUESTS) {
            items.add(format(msg, locale, "summary.md.otherRequests", (long) (order.size() - TOP_REQUESTS)));
        }
        return format(msg, locale, "summary.md.notEvaluated", (long) rules.size(), String.join("; ", items));
    }

    /** Index just past the first sentence's full stop (a {@code .} followed by white space), or -1. */
    private static int sentenceEnd(String s) {
        for (int i = 1; i + 1 < s.length(); i++) {
            if (s.charAt(i) == '.' && Character.isWhitespace(s.charAt(i + 1)) && !Character.isWhitespace(s.charAt(i - 1))) {
                return i + 1;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------------------------------------------------
    // text

    /** ASCII punctuation that CommonMark lets a backslash escape. */
    private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    /** Characters escaped wherever they appear: emphasis, code, links, HTML, tables, strikethrough, math, entities. */
    private static final String SIGNIFICANT = "\\`*_[]<>|~#&$";

    /**
     * Escapes a one-line text for Markdown (CommonMark and GitHub flavour) so it shows as written: a backslash
     * goes before every character that could start markup ({@code \ ` * _ [ ] < > | ~ # & $}); a backslash
     * itself is doubled only where it would otherwise escape what follows (so Windows paths stay readable); line
     * breaks and other control characters become spaces, so the text stays on its line.
     */
    public static String escape(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                boolean last = i + 1 == s.length();
                boolean escapes = !last && ASCII_PUNCTUATION.indexOf(s.charAt(i + 1)) >= 0;
                b.append(last || escapes ? "\\\\" : "\\");
            } else if (SIGNIFICANT.indexOf(c) >= 0) {
                b.append('\\').append(c);
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(' ');                               // a line break would end the line's block
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * {@link #escape} for a text that opens a block (a quote or a list item): also escapes what would make it a
     * list, a rule or a heading underline there ({@code - + =} first, {@code 1.} or {@code 1)}).
     */
    static String escapeBlockStart(String s) {
        String e = escape(s);
        if (!e.isEmpty() && "-+=".indexOf(e.charAt(0)) >= 0) {
            return "\\" + e;
        }
        Matcher m = LIST_NUMBER.matcher(e);
        return m.find() ? e.substring(0, m.end()) + "\\" + e.substring(m.end()) : e;
    }

    /** One line: control characters, tabs and line breaks become single spaces; trimmed. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean blank = Character.isWhitespace(c) || Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (blank) {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    /** At most {@code max} characters, cut at a space where one is near, with an ellipsis. */
    static String shorten(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        int end = s.offsetByCodePoints(0, max);
        int space = s.lastIndexOf(' ', end);
        if (space > max * 3 / 4) {
            end = space;
        }
        return s.substring(0, end).stripTrailing() + "\u2026";
    }

    private static String severity(Map<String, String> msg, Severity s) {
        String label = msg.get("severity." + s.label());
        return escape(label == null ? s.label() : label);
    }

    private static String text(LocalizedText t, String lang) {
        return t == null ? "" : t.get(lang);
    }

    private static String format(Map<String, String> msg, Locale locale, String key, Object... args) {
        String pattern = msg.get(key);
        if (pattern == null) {
            throw new IllegalStateException("no message '" + key + "'");
        }
        return new MessageFormat(pattern, locale).format(args);
    }
}
