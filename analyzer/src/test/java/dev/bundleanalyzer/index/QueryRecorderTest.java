package dev.bundleanalyzer.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.parse.ErrorCodes;
import dev.bundleanalyzer.rules.Rule;
import dev.bundleanalyzer.rules.RuleEngine;
import dev.bundleanalyzer.rules.RuleLoader;
import dev.bundleanalyzer.rules.RuleSample;
import dev.bundleanalyzer.parse.LogEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules' queries evaluated event by event give what the index gives for the same events: counts, the
 * earliest matches in order, latest times and groups, for every query of the catalogue.
 */
class QueryRecorderTest {

    private static final String[] LEVELS = {"NORMAL", "WARNING", "FATAL", "CRITICAL", "Error", "Information", null};
    private static final String[] CHANNELS = {"CloudBackup", "Microsoft-Windows-CloudBackup/Operational",
            "Application", null};
    private static final String[] FILES = {"Temp/CBEngineCurr.errlog", "Temp/CBEngine1.errlog",
            "Temp/MSDPMCurr.errlog.2016-06-01_20-55-45.Crash", "Logs/CloudBackup.evtx", "Temp/LastBackupFailedFilesxyz.txt"};

    @Test
    void everyCatalogueQueryAgreesWithTheIndex(@TempDir Path dir) throws Exception {
        List<Rule> rules = new RuleLoader().loadCatalogue();
        RuleEngine engine = new RuleEngine(rules);
        List<QueryRecorder.Demand> demands = engine.demands();
        QueryRecorder recorder = new QueryRecorder(demands);
        AtomicInteger firsts = new AtomicInteger();
        recorder.onFirstMatch(m -> firsts.incrementAndGet());
        List<LogEvent> events = events(rules);
        try (BundleIndexWriter writer = new BundleIndexWriter(dir)) {
            for (LogEvent e : events) {
                writer.event(e);
                recorder.see(e);
            }
        }
        int matched = 0;
        try (BundleIndex index = BundleIndex.open(dir)) {
            for (QueryRecorder.Demand d : demands) {
                Query q = d.query();
                int count = index.count(q);
                assertEquals(count, recorder.count(q), () -> "count of " + q);
                matched += count > 0 ? 1 : 0;
                assertEquals(index.latestTime(q), recorder.latestTime(q), () -> "latest time of " + q);
                if (d.earliest() > 0) {
                    List<BundleIndex.Hit> expected = index.search(q, d.earliest(), false);
                    List<BundleIndex.Hit> actual = recorder.search(q, d.earliest(), false);
                    assertEquals(expected.stream().map(BundleIndex.Hit::time).toList(),
                            actual.stream().map(BundleIndex.Hit::time).toList(), () -> "times of the earliest matches of " + q);
                    if (count <= d.earliest()) {
                        // the index orders equal times as it wrote them; the recorder by file and line
                        assertEquals(places(expected.stream().sorted(QueryRecorder.ORDER).toList()), places(actual),
                                () -> "earliest matches of " + q);
                    }
                }
                for (String field : d.groups()) {
                    assertEquals(index.groupCounts(q, field), recorder.groupCounts(q, field), () -> "groups of " + q);
                }
            }
        }
        assertTrue(matched >= demands.size() / 2, "the events exercise most queries: " + matched + " of " + demands.size());
        assertEquals(matched, firsts.get(), "one first match per query that matched");
    }

    @Test
    void aQueryNotDemandedCannotBeAsked() throws Exception {
        Query demanded = BundleIndex.parse("errorCode:34513");
        QueryRecorder recorder = new QueryRecorder(List.of(QueryRecorder.Demand.earliest(demanded, 2)));
        assertThrows(IllegalStateException.class, () -> recorder.count(BundleIndex.parse("message:other")));
        assertThrows(IllegalStateException.class, () -> recorder.search(demanded, 3, false), "more than kept");
        assertThrows(IllegalStateException.class, () -> recorder.groupCounts(demanded, "eventId"));
    }

    @Test
    void theNeedOfAQueryLetsEveryMatchThrough() throws Exception {
        // case, the Kelvin sign (lower case k) and punctuation between the words of a phrase
        Query q = BundleIndex.parse("message:\"invalid vault credentials\" OR message:kb123");
        QueryRecorder recorder = new QueryRecorder(List.of(QueryRecorder.Demand.earliest(q, 10)));
        recorder.see(event(1, "INVALID  Vault, credentials provided"));
        recorder.see(event(2, "see \u212AB123"));
        recorder.see(event(3, "invalid vault credential"));
        assertEquals(2, recorder.count(q));
        assertEquals(List.of("f:1", "f:2"), places(recorder.search(q, 10, false)));
        assertFalse(recorder.search(q, 10, false).isEmpty());
    }

    private static LogEvent event(long line, String message) {
        return LogEvent.builder("f", line).time(Instant.parse("2026-10-21T10:00:00Z").plusSeconds(line))
                .message(message).raw(message).errorCodes(ErrorCodes.extract(message)).build();
    }

    private static List<String> places(List<BundleIndex.Hit> hits) {
        return hits.stream().map(h -> h.file() + ":" + h.line()).toList();
    }

    /**
     * Every line of every rule sample, as trace lines and event-log records of varied levels, channels, event IDs
     * and times (some missing, some equal), upper-cased now and then: matches and near misses of every query.
     */
    private static List<LogEvent> events(List<Rule> rules) throws IOException {
        Random random = new Random(42);
        List<LogEvent> events = new ArrayList<>();
        Instant t0 = Instant.parse("2026-10-21T10:00:00Z");
        long line = 0;
        for (Rule rule : rules) {
            for (RuleSample sample : rule.samples()) {
                for (RuleSample.SampleFile f : sample.files()) {
                    if (f.encoding().equalsIgnoreCase("base64")) {
                        continue;
                    }
                    for (String text : f.text().split("\n")) {
                        if (text.isBlank()) {
                            continue;
                        }
                        line++;
                        String message = random.nextInt(5) == 0 ? text.toUpperCase(java.util.Locale.ROOT) : text;
                        Instant time = random.nextInt(10) == 0 ? null : t0.plusSeconds(random.nextInt(5000));
                        events.add(LogEvent.builder(FILES[random.nextInt(FILES.length)], line)
                                .time(time)
                                .level(LEVELS[random.nextInt(LEVELS.length)])
                                .component(random.nextBoolean() ? "CBEngine" : "LastBackupFailedFiles")
                                .channel(CHANNELS[random.nextInt(CHANNELS.length)])
                                .eventId(random.nextInt(3) == 0 ? null : random.nextInt(20))
                                .errorCodes(ErrorCodes.extract(message))
                                .message(message)
                                .raw(message)
                                .build());
                    }
                }
            }
        }
        return events;
    }
}
