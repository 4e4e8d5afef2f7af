package dev.bundleanalyzer.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.errlog.ErrlogParser;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.RecordSink;
import dev.bundleanalyzer.parse.Skim;
import dev.bundleanalyzer.rules.RuleEngine;
import dev.bundleanalyzer.rules.RuleLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;

/**
 * A trace log read with the rules' skim (only the lines some query may match built as events, the others
 * counted) must leave the rules with what Lucene finds when every line is an event of its own: the same matches
 * of every query, the same number of events. The lines are varied on purpose: error codes written in every form the
 * normal form hides ({@code 0x0001FC07}, {@code HResult: 80780049}), phrases broken by punctuation, levels and
 * columns the queries name, continuation lines, text outside ASCII.
 */
class SkimAgreementTest {

    private static final String[] MESSAGES = {
        "Invalid vault credentials provided. The file is either corrupted (ID: 34513)",
        "Hr: = [0x0001FC07] : activation failed", "DetailedHResult: 80780049 while taking snapshot",
        "error code: 1b7afbe0", "Error 34506: encryption passphrase stored on this computer is not correctly configured",
        "Unable to connect to   Microsoft-Azure Backup.", "unable to create a snapshot of the selected volume",
        "CBPSourceSnapshotFailed", "mount failed during restore of volume", "Maximum number of servers reached for vault",
        "Registering server, error 34513", "PollAzureImportJob :: Import Job 'x' is pending",
        "cannot connect to CBEngine", "Transferred 734003200 bytes to cloud", "Retrying network call, attempt 2",
        "\u212Aelvin backup failed", "백업 실패 0x1FC07", "ünable to connect to microsoft azure backup",
        "407 Proxy Authentication Required", "limit exceeded on vault machines", "backup failed 0x1fc07",
        "can't x1_y e-mail a.b.c", "3F2504E0-4F89-11D3-9A0C-0305E82C3301 done", "HResult: 0x80070005 access denied",
        "failed to download the vault credential file (Error 403)", "credentials: [REDACTED]"};
    private static final String[] LEVELS = {"NORMAL", "WARNING", "FATAL", "CRITICAL", "Error", "fatal"};
    private static final String[] THREADS = {"0B10", "1A2C", "3F25", "44B4"};
    private static final String[] SOURCES = {"backupasync.cpp(1607)", "cbpsourcesnapshot.cpp(88)", "x.cs(1)"};
    private static final String[] ACTIVITIES = {"3F2504E0-4F89-11D3-9A0C-0305E82C3301",
        "0517B3DB-347D-45A8-9DAB-FD7D1EA7D134"};

    @Test
    void theRulesRecordTheSameWithTheSkimAsWithEveryEvent() throws Exception {
        byte[] log = traceLog(new Random(5), 1200);
        List<Query> queries = new ArrayList<>();
        for (String text : BlockSearchAgreementTest.QUERIES) {
            queries.add(BundleIndex.parse(text));
        }
        List<QueryRecorder.Demand> rules = new RuleEngine(new RuleLoader().loadCatalogue()).demands();
        rules.forEach(d -> queries.add(d.query()));
        int skimmedAny = 0;
        for (Query q : queries) {
            List<QueryRecorder.Demand> one = List.of(new QueryRecorder.Demand(q, 3, 3, java.util.Set.of()));
            skimmedAny += agree(log, "Temp/CBEngineCurr.errlog", one) > 0 ? 1 : 0;
        }
        assertTrue(skimmedAny > queries.size() / 2, "the skim let lines go for " + skimmedAny + " queries");
        // all the rules at once, as an analysis has them: the lines of no rule are only counted (a third of these)
        long skimmed = agree(log, "Temp/CBEngineCurr.errlog", rules);
        assertTrue(skimmed > 350, skimmed + " lines of 1200 skimmed");
    }

    @Test
    void aQueryThatNeedsNothingOrTheFilesOwnValueTakesEveryLine() throws Exception {
        QueryRecorder everything = new QueryRecorder(List.of(QueryRecorder.Demand.earliest(
                BundleIndex.parse("NOT level:normal"), 1)));
        assertNull(everything.skim("Temp/CBEngineCurr.errlog", "CBEngine"));
        QueryRecorder byComponent = new QueryRecorder(List.of(QueryRecorder.Demand.earliest(
                BundleIndex.parse("component:cbengine AND backup"), 1)));
        assertNull(byComponent.skim("Temp/CBEngineCurr.errlog", "CBEngine"));
        assertNotNull(byComponent.skim("Temp/GatewayProvider0.errlog", "GatewayProvider"));
        QueryRecorder byCode = new QueryRecorder(List.of(QueryRecorder.Demand.earliest(
                BundleIndex.parse("errorCode:0x*"), 1)));
        assertNull(byCode.skim("Temp/CBEngineCurr.errlog", "CBEngine"), "no digits of the code to look for");
    }

    @Test
    void anErrorCodesDigitsStandForItsNormalForm() {
        assertEquals("1fc07", LineSkims.codeHint("0x1fc07"));
        assertEquals("fc0", LineSkims.codeHint("xfc0"));
        assertEquals("34513", LineSkims.codeHint("34513"));
        assertNull(LineSkims.codeHint("0x"));
        assertNull(LineSkims.codeHint("0"));
    }

    /**
     * Reads the log with every line an event, each query decided by Lucene on a one-document index of the event
     * (the oracle: no need, no skim), and again as an analysis reads it: the skim lets lines go, and the recorder
     * narrows what it tries. Both must agree on each demand. Returns how many lines the skim let go.
     */
    private static long agree(byte[] log, String file, List<QueryRecorder.Demand> demands) throws Exception {
        Oracle oracle = oracles.computeIfAbsent(log, k -> new Oracle(k, file));
        List<LogEvent> events = oracle.events;
        QueryRecorder skimming = new QueryRecorder(demands);
        long[] counted = new long[2];
        read(log, file, new Sink(skimming, counted));
        assertEquals(events.size(), counted[0] + counted[1], "events, counted or not");
        for (QueryRecorder.Demand d : demands) {
            Query q = d.query();
            List<LogEvent> matching = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                if (oracle.oneEach.get(i).count(q) > 0) {
                    matching.add(events.get(i));
                }
            }
            assertEquals(matching.size(), skimming.count(q), () -> "matches of " + q);
            List<Long> earliest = matching.stream().sorted(java.util.Comparator.comparing(
                    (LogEvent e) -> e.time() == null ? Instant.MAX : e.time()).thenComparingLong(LogEvent::line))
                    .limit(d.earliest()).map(LogEvent::line).toList();
            assertEquals(earliest, lines(skimming.search(q, d.earliest(), false)), () -> "earliest matches of " + q);
        }
        return counted[1];
    }

    private static final java.util.Map<byte[], Oracle> oracles = new java.util.IdentityHashMap<>();

    /** Every line of a log as an event, and a one-document index of each. */
    private static final class Oracle {
        final List<LogEvent> events = new ArrayList<>();
        final List<org.apache.lucene.search.IndexSearcher> oneEach = new ArrayList<>();

        Oracle(byte[] log, String file) {
            try {
                read(log, file, new RecordSink() {
                    @Override
                    public void event(LogEvent event) {
                        events.add(event);
                    }

                    @Override
                    public void fact(Fact fact) {
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            for (LogEvent e : events) {
                oneEach.add(org.apache.lucene.index.memory.MemoryIndex.fromDocument(EventDocument.searchable(e),
                        IndexAnalyzers.message()).createSearcher());
            }
        }
    }

    private static List<Long> lines(List<BundleIndex.Hit> hits) {
        return hits.stream().map(BundleIndex.Hit::line).toList();
    }

    private static void read(byte[] log, String file, RecordSink sink) throws Exception {
        new ErrlogParser().parse(new ParseInput(file, Instant.parse("2026-10-22T06:30:00Z"), StandardCharsets.UTF_8,
                new ByteArrayInputStream(log)), sink);
    }

    /** Counts events passed on in full ({@code counts[0]}) and skimmed ({@code counts[1]}). */
    private record Sink(QueryRecorder recorder, long[] counts) implements RecordSink {
        @Override
        public void event(LogEvent event) {
            recorder.see(event);
            counts[0]++;
        }

        @Override
        public void fact(Fact fact) {
        }

        @Override
        public Skim skim(String file, String component) {
            return recorder.skim(file, component);
        }

        @Override
        public void skimmed(long epochMillis, String level) {
            counts[1]++;
        }
    }

    /** Trace lines in both layouts, with continuation and blank lines among them. */
    private static byte[] traceLog(Random random, int lines) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            String message = random.nextInt(4) == 0 ? MESSAGES[random.nextInt(MESSAGES.length)]
                    : "Step " + random.nextInt(1000) + " of job " + Integer.toHexString(random.nextInt());
            String level = LEVELS[random.nextInt(LEVELS.length)];
            String thread = THREADS[random.nextInt(THREADS.length)];
            String date = String.format("10/%02d%s", 1 + random.nextInt(20), random.nextInt(5) == 0 ? "/2026" : "");
            String time = String.format("%02d:%02d:%02d.%03d", random.nextInt(24), random.nextInt(60),
                    random.nextInt(60), random.nextInt(1000));
            String source = SOURCES[random.nextInt(SOURCES.length)];
            String activity = random.nextBoolean() ? ACTIVITIES[random.nextInt(ACTIVITIES.length)] : "";
            if (random.nextInt(6) == 0) {
                out.append(String.join("  ", "1A2C", thread, date, time, "71", source, "[00000001]",
                        activity.isEmpty() ? ACTIVITIES[0] : activity, level, message));
            } else {
                out.append(String.join("\t", "1A2C", thread, date, time, "71", source,
                        random.nextBoolean() ? "" : "[000000001B73B830]", activity, level, message));
            }
            out.append(random.nextBoolean() ? "\r\n" : "\n");
            if (random.nextInt(15) == 0) {
                out.append("   at Microsoft.Internal.CloudBackup.Something() ")
                        .append(MESSAGES[random.nextInt(MESSAGES.length)]).append("\r\n");
            }
            if (random.nextInt(40) == 0) {
                out.append("\r\n");
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
