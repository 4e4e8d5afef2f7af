package dev.bundleanalyzer.search;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Search results for a terminal: one line a hit, then the counts. Every text from a bundle is made safe to
 * print first: a log line may hold escape sequences that would move the cursor or recolour the terminal.
 */
public final class TextOutput {

    /** Longest text shown for one hit, in characters; the index keeps the whole line. */
    static final int MAX_TEXT = 300;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** Stands for the time of an untimed record, as wide as a time so that the columns stay aligned. */
    private static final String NO_TIME = "-" + " ".repeat(23);

    private TextOutput() {
    }

    public static void print(PrintWriter out, SearchResult result) {
        for (SearchHit hit : result.hits()) {
            out.println(line(hit));
        }
        out.println(counts(result));
        out.flush();
    }

    static String line(SearchHit hit) {
        String time = hit.time() == null ? NO_TIME : TIME.format(hit.time());
        String who = hit.host() == null ? hit.bundle() : hit.bundle() + " (" + hit.host() + ")";
        String level = hit.level() == null ? "" : "  " + safe(hit.level());
        return time + "  " + safe(who) + "  " + safe(hit.place()) + level + "  " + shorten(safe(shown(hit)));
    }

    static String counts(SearchResult r) {
        String reports = r.searched() == 1 ? "1 report searched" : r.searched() + " reports searched";
        if (r.total() == 0) {
            return "no match (" + reports + ")";
        }
        String matches = r.total() == 1 ? "1 match" : r.total() + " matches";
        String line = matches + " in all (" + reports + "), " + r.hits().size() + " shown";
        return r.hits().size() < r.total() ? line + " (--limit N shows more)" : line;
    }

    /**
     * The line as written, its first physical line; for an event-log record, whose stored text is its XML,
     * the message, which is what Event Viewer would show.
     */
    private static String shown(SearchHit hit) {
        String text = hit.record() != null && hit.message() != null ? hit.message()
                : hit.text() != null ? hit.text() : hit.message();
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        return first.endsWith("\r") ? first.substring(0, first.length() - 1) : first;
    }

    /** Tabs become spaces; other control and bidirectional-override characters become U+FFFD. */
    static String safe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c == '\t') {
                b.append(' ');
            } else if (Character.isISOControl(c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                b.append('\uFFFD');
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    private static String shorten(String s) {
        if (s.codePointCount(0, s.length()) <= MAX_TEXT) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, MAX_TEXT - 1)) + "…";
    }
}
