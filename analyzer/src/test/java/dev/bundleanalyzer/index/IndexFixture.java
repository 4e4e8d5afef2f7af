package dev.bundleanalyzer.index;

import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.LogEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A small bundle index written for tests: a trace log of ten lines (line 3 blank, a stack trace under line 5, a
 * hostile line 7), a second file whose name differs only in case, a capture with facts, an event-log record and
 * one event without a time.
 */
public final class IndexFixture {

    public static final String LOG = "Temp/CBEngineCurr.errlog";
    public static final String SAME_NAME_OTHER_CASE = "temp/cbenginecurr.errlog";
    public static final String CAPTURE = "registry/AzureBackup-Setup.txt";
    public static final String EVTX = "Logs/CloudBackup%4Operational.evtx";
    public static final String HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(1)> ${x} {{ y }}";
    public static final Instant T0 = Instant.parse("2026-10-21T21:00:00Z");

    private IndexFixture() {
    }

    /** Writes the fixture's index into {@code dir} and opens it. */
    public static BundleIndex open(Path dir) throws IOException {
        try (BundleIndexWriter w = new BundleIndexWriter(dir)) {
            trace(w, 1, "NORMAL", "line 1 first");
            trace(w, 2, "NORMAL", "line 2");
            // line 3 is blank: no record
            trace(w, 4, "WARNING", "line 4");
            trace(w, 5, "FATAL", "line 5 exception\r\n   at System.Net.HttpWebRequest.GetResponse()");
            trace(w, 7, "NORMAL", "line 7 " + HOSTILE);
            trace(w, 8, "CRITICAL", "line 8 the evidence");
            trace(w, 9, "NORMAL", "line 9");
            trace(w, 10, "NORMAL", "line 10 last");
            w.event(LogEvent.builder(SAME_NAME_OTHER_CASE, 9).time(T0).level("NORMAL")
                    .message("other file").raw("other file line 9").build());
            w.fact(new Fact("install.path", "C:\\MARS", CAPTURE, 3, "    InstallPath    REG_SZ    C:\\MARS"));
            w.fact(new Fact("agent.version", "2.0.9245.0", CAPTURE, 4, "    CurrentVersion    REG_SZ    2.0.9245.0"));
            w.fact(new Fact("agent.version.short", "2.0", CAPTURE, 4, "    CurrentVersion    REG_SZ    2.0.9245.0"));
            w.event(LogEvent.builder(EVTX, 0).record(4711L).time(T0.plusSeconds(30)).level("Error")
                    .message("job failed").raw("job failed").build());
            w.event(LogEvent.builder("Temp/Untimed.errlog", 1).message("no time").raw("no time").build());
        }
        return BundleIndex.open(dir);
    }

    /** A trace line at {@code line}, one minute after {@link #T0} per line. */
    private static void trace(BundleIndexWriter w, long line, String level, String text) {
        w.event(LogEvent.builder(LOG, line).time(T0.plusSeconds(60 * line)).level(level).message(text)
                .raw("0B10\t1A2C\t" + text).build());
    }

    /** The raw text of a trace line as the fixture writes it. */
    public static String raw(String text) {
        return "0B10\t1A2C\t" + text;
    }
}
