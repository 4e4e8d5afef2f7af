package dev.bundleanalyzer.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.parse.ErrorCodes;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.rules.RuleEngine;
import dev.bundleanalyzer.rules.RuleLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events are indexed in blocks, and a query is answered by evaluating it on the events of the blocks its relaxed
 * form finds. The oracle is what Lucene answers on one document per event, with the very fields a query sees: on
 * varied events and on every kind of query a user or a rule writes, both must agree, event for event.
 */
class BlockSearchAgreementTest {

    private static final String[] WORDS = {"backup", "failed", "Backup", "FAILED", "0x1FC07", "34513", "100050",
            "2.0.9249.0", "vault", "credentials", "Invalid", "proxy", "CBEngine.exe", "can't", "x1_y", "\u212Aelvin",
            "\u0130stanbul", "백업", "실패", "日本語", "ünïcode", "e-mail", "a.b.c", "http://host:8080/path", "=", ",",
            "42", "007", "GUID{3F2504E0-4F89-11D3-9A0C-0305E82C3301}", "tab\there", "(paren)", "\"quoted\"", "⚠"};
    private static final String[] ACTIVITIES = {"3F2504E0-4F89-11D3-9A0C-0305E82C3301",
            "3F2504E0-0000-11D3-9A0C-0305E82C3301", "{7B1D9AAD-06F2-5A8F-55E1-F7330B79B8A7}", "3f25"};
    private static final String[] LEVELS = {"NORMAL", "WARNING", "FATAL", "Error", "Information", null};
    private static final String[] FILES = {"Temp/CBEngineCurr.errlog", "Temp/CBEngine1.errlog", "Logs/App.evtx",
            "TEMP/cbenginecurr.errlog"};

    static final List<String> QUERIES = List.of(
            "backup", "BACKUP", "failed", "backup AND failed", "backup OR vault", "backup -failed", "NOT backup",
            "\"backup failed\"", "\"invalid vault credentials\"", "0x1fc07", "34513", "2.0.9249.0", "\"2.0.9249.0\"",
            "cbengine.exe", "cbengine", "exe", "can't", "x1_y", "kelvin", "\u212Aelvin", "istanbul", "\u0130stanbul",
            "백업", "\"백업 실패\"", "日本語", "本", "ünïcode", "e-mail", "mail", "a.b.c", "host", "8080", "path",
            "back*", "*ail*", "b?ckup", "/ba.kup/", "backup~1", "guid*", "3f2504e0", "4f89", "quoted", "paren", "⚠",
            "level:error", "level:ERROR", "level:normal AND failed", "level:(fatal OR critical)", "-level:normal",
            "file:\"temp/cbenginecurr.errlog\"", "file:temp*", "errorCode:34513", "errorCode:0x1FC07",
            "eventId:7", "eventId:[3 TO 9]", "component:cbengine", "thread:0b10", "process:1a2c",
            "line:[10 TO 20]", "line:5", "record:[100 TO 120]", "time:[1792000000000 TO 1792000600000]",
            "type:event", "type:fact", "backup AND line:[1 TO 500]", "(backup OR vault) AND NOT level:normal",
            "+backup +(failed vault)", "activityId:3f2504e0-4f89-11d3-9a0c-0305e82c3301", "activityId:3f25",
            "activityId:3f25*", "activityId:\"{7b1d9aad-06f2-5a8f-55e1-f7330b79b8a7}\"", "0305e82c3301", "f207458957", "message:\"failed 0x1fc07\"~3", "*:*", "timeAssumed:true");

    @Test
    void blocksAnswerEveryQueryAsOneDocumentPerEvent(@TempDir Path dir) throws Exception {
        List<LogEvent> events = events(new Random(7), 3000);
        List<String> queries = new ArrayList<>(QUERIES);
        new RuleEngine(new RuleLoader().loadCatalogue()).demands().forEach(d -> queries.add(d.query().toString()));
        try (BundleIndexWriter writer = new BundleIndexWriter(dir)) {
            events.forEach(writer::event);
        }
        try (ByteBuffersDirectory oracleDir = new ByteBuffersDirectory()) {
            try (IndexWriter oracle = new IndexWriter(oracleDir, new IndexWriterConfig(IndexAnalyzers.message()))) {
                for (LogEvent e : events) {
                    Document doc = new Document();
                    EventDocument.searchable(e).forEach(doc::add);
                    oracle.addDocument(doc);
                }
            }
            int matching = 0;
            try (BundleIndex index = BundleIndex.open(dir); DirectoryReader reader = DirectoryReader.open(oracleDir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                for (String text : queries) {
                    Query q = BundleIndex.parse(text);
                    int expected = searcher.count(q);
                    assertEquals(expected, index.count(q), () -> "count of " + text + " (" + q + ")");
                    boolean direct = !text.contains("~");
                    if (QUERIES.contains(text)) {
                        // decided on each event's values, not in a one-document index, but for fuzzy and sloppy ones
                        assertEquals(direct, EventMatch.of(q) != null, () -> "direct form of " + text);
                    }
                    matching += expected > 0 ? 1 : 0;
                }
            }
            assertTrue(matching > QUERIES.size() * 2 / 3, "the events exercise most queries: " + matching);
        }
    }

    @Test
    void theLinesAroundEvidenceComeFromTheBlocks(@TempDir Path dir) throws Exception {
        List<LogEvent> events = events(new Random(3), 2000);
        try (BundleIndexWriter writer = new BundleIndexWriter(dir)) {
            events.forEach(writer::event);
        }
        try (BundleIndex index = BundleIndex.open(dir)) {
            for (LogEvent e : events.subList(1000, 1010)) {
                if (e.line() > 0) {
                    assertEquals(e.raw(), index.sourceLines(e.file(), e.line(), e.line()).get(e.line()),
                            () -> "line " + e.line() + " of " + e.file());
                }
            }
        }
    }

    /** Events of a few files in line order, as parsers give them, with texts of every kind of word. */
    static List<LogEvent> events(Random random, int n) {
        List<LogEvent> events = new ArrayList<>();
        long[] lines = new long[FILES.length];
        Instant t0 = Instant.ofEpochMilli(1_792_000_000_000L);
        for (int i = 0; i < n; i++) {
            int f = random.nextInt(FILES.length);
            StringBuilder message = new StringBuilder();
            for (int w = random.nextInt(8); w >= 0; w--) {
                message.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(4) == 0 ? ", " : " ");
            }
            String text = message.toString().strip();
            boolean evtx = FILES[f].endsWith(".evtx");
            lines[f] += 1 + random.nextInt(3);
            String raw = random.nextInt(10) == 0 ? text + " (raw differs)" : "0B10\t1A2C\t" + text;
            events.add(LogEvent.builder(FILES[f], evtx ? 0 : lines[f])
                    .record(evtx ? 100L + i % 40 : null)
                    .time(random.nextInt(12) == 0 ? null : t0.plusMillis(random.nextInt(1_200_000)))
                    .timeAssumed(random.nextInt(20) == 0)
                    .level(LEVELS[random.nextInt(LEVELS.length)])
                    .component(random.nextBoolean() ? "CBEngine" : null)
                    .process(random.nextBoolean() ? "1A2C" : "0FF0")
                    .thread(random.nextBoolean() ? "0B10" : null)
                    .activityId(random.nextInt(3) == 0 ? null : ACTIVITIES[random.nextInt(ACTIVITIES.length)])
                    .eventId(evtx ? random.nextInt(12) : null)
                    .errorCodes(ErrorCodes.extract(text))
                    .message(text)
                    .raw(raw)
                    .build());
        }
        return events;
    }
}
