package dev.bundleanalyzer.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bundleanalyzer.cli.Main;
import dev.bundleanalyzer.search.TwoBundles.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search command over a batch of two reports from two machines ({@link TwoBundles}). */
class SearchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    static TwoBundles bundles;

    @TempDir
    Path scratch;

    @BeforeAll
    static void analyzeBoth() throws IOException {
        bundles = TwoBundles.analyze(work);
    }

    private static Run search(String query, String... options) {
        List<String> args = new ArrayList<>(List.of("search", bundles.batch.toString(), query));
        args.addAll(List.of(options));
        Run run = Run.of(args.toArray(String[]::new));
        assertEquals(Main.OK, run.exit(), "search " + query + " failed: " + run.err());
        return run;
    }

    private static JsonNode json(String query, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of(options));
        args.add("--json");
        return JSON.readTree(search(query, args.toArray(String[]::new)).out());
    }

    /** Each hit as {@code bundle file:line}, in the order listed. */
    private static List<String> places(JsonNode result) {
        List<String> places = new ArrayList<>();
        result.get("results").forEach(r -> places.add(r.get("bundle").asText() + " " + r.get("file").asText()
                + ":" + r.get("line").asLong()));
        return places;
    }

    private static List<String> places(String query, String... options) throws IOException {
        return places(json(query, options));
    }

    private static String alpha(int line) {
        return "alpha.zip " + TwoBundles.LOG + ":" + line;
    }

    private static String bravo(int line) {
        return "bravo.zip " + TwoBundles.LOG + ":" + line;
    }

    @Test
    void aReportWithoutItsIndexIsNamedNotSkippedSilently() {
        java.nio.file.Path quick = scratch.resolve("quick");
        assertEquals(Main.FINDINGS, Run.of("analyze", java.nio.file.Path.of("..", "samples", "contoso-fs01-bundle.zip")
                .toString(), "--out", quick.toString(), "--no-index", "--quiet").exit());
        for (java.nio.file.Path where : List.of(quick, scratch)) {
            Run run = Run.of("search", where.toString(), "errorCode:34513");
            assertEquals(Main.FAILED, run.exit(), run.err());
            assertTrue(run.err().contains(quick + " was analyzed without its index (--no-index): not searched"), run.err());
        }
    }

    @Test
    void findsAnErrorCodeInBothBundlesOldestFirst() {
        Run run = search("errorCode:34513");
        assertEquals(2, run.hits().size(), run.out());
        assertTrue(run.hits().get(0).startsWith("2026-10-20T09:15:00.000Z  alpha.zip (FS01)  Temp/CBEngineCurr.errlog:2  FATAL  "),
                run.hits().get(0));
        assertTrue(run.hits().get(0).endsWith("(ID: 34513)"), "the line as written, tabs shown as spaces: " + run.hits().get(0));
        assertTrue(run.hits().get(1).startsWith("2026-10-21T12:00:00.000Z  bravo.zip (SQL02)  Temp/CBEngineCurr.errlog:2  FATAL  "),
                run.hits().get(1));
        assertEquals("2 matches in all (2 reports searched), 2 shown", run.countLine());
    }

    @Test
    void keywordFieldsIgnoreCaseAndWordsMustAllMatch() throws IOException {
        assertEquals(List.of(alpha(2), bravo(2), alpha(3)), places("level:fatal"));
        assertEquals(List.of(bravo(3)), places("level:CRITICAL"));
        assertEquals(List.of(alpha(2), bravo(2), alpha(3)), places("component:cbengine AND Level:Fatal"),
                "field names ignore case too");
        assertEquals(List.of(alpha(2), bravo(2)), places("message:\"vault credentials\""));
        assertEquals(List.of(alpha(2), bravo(2)), places("Vault corrupted"), "bare words search the message, all of them");
        assertEquals(List.of(alpha(2), bravo(2), alpha(3)), places("vault OR 100050"));
        assertEquals(List.of(alpha(2), bravo(2), alpha(3), bravo(3), alpha(4)), places("file:*cbengine* -level:NORMAL"));
        assertEquals(List.of(bravo(3)), places("errorCode:34506 source:\"passphrasemgr.cs(45)\""));
        assertEquals(List.of(alpha(2), bravo(2)), places("34513"), "345130 is another number");
    }

    @Test
    void aQueryMayStartWithNot() throws IOException {
        assertEquals(List.of(alpha(2), bravo(2), alpha(3), bravo(3), alpha(4)), places("-level:NORMAL"));
    }

    @Test
    void lineRangesUsePoints() throws IOException {
        assertEquals(List.of(alpha(2), bravo(2), alpha(3), bravo(3)), places("line:[2 TO 3]"));
        assertEquals(List.of(alpha(2), bravo(2)), places("line:{1 TO 3}"));
        assertEquals(List.of(alpha(4)), places("line:[4 TO *]"));
        assertEquals(List.of(alpha(3)), places("line:3 AND level:FATAL host:FS01"));
    }

    @Test
    void hostAndBundlePickTheReports() throws IOException {
        assertEquals(List.of(alpha(2), alpha(3)), places("host:fs01 level:FATAL"));
        assertEquals(List.of(alpha(2), alpha(3)), places("level:FATAL AND host:FS01"));
        assertEquals(List.of(bravo(2)), places("level:FATAL -host:FS01"));
        assertEquals(List.of(alpha(2), bravo(2)), places("host:(FS01 OR sql02) errorCode:34513"));
        assertEquals(List.of(bravo(2)), places("host:SQL* errorCode:34513"));
        assertEquals(List.of(bravo(1), bravo(2), bravo(3)), places("bundle:BRAVO.zip"));
        assertEquals(List.of(), places("host:NOSUCH"));
        JsonNode none = json("host:NOSUCH");
        assertEquals(0, none.get("total").asInt());
        assertEquals(0, none.get("reports").asInt(), "no index is opened for a report of another host");
        for (JsonNode r : json("host:FS01").get("results")) {
            assertEquals("FS01", r.get("host").asText());
            assertEquals(bundles.alpha.toString(), r.get("reportDir").asText());
        }
    }

    @Test
    void hostInsideAnOrIsAnError() {
        for (String query : List.of("level:FATAL OR host:FS01", "level:FATAL AND (host:FS01 OR errorCode:34513)")) {
            Run run = Run.of("search", bundles.batch.toString(), query);
            assertEquals(Main.USAGE, run.exit(), query);
            assertTrue(run.err().contains("host: and bundle: choose which reports are searched"), run.err());
            assertTrue(run.err().contains("column " + (query.indexOf("host:") + "host:".length() + 1)), run.err());
            assertEquals("", run.out());
        }
    }

    @Test
    void sinceAndUntilBoundTheTime() throws IOException {
        assertEquals(List.of(bravo(2), alpha(3), bravo(3), alpha(4)), places("", "--since", "2026-10-21"));
        assertEquals(List.of(alpha(1), alpha(2), bravo(1)), places("", "--until", "2026-10-20"),
                "a day as --until includes that day");
        assertEquals(List.of(alpha(3), bravo(3)), places("", "--since", "2026-10-21T22:30", "--until", "2026-10-22T01:00Z"),
                "a minute as --until includes that minute");
        assertEquals(List.of(alpha(3)), places("", "--since", "2026-10-22T07:30+09:00", "--until", "2026-10-22T09:59:59+09:00"),
                "a zone offset moves the bound");
        assertEquals(List.of(bravo(2), alpha(3)), places("level:FATAL", "--since", "2026-10-21T00:00:00.000Z"));
        assertEquals(List.of(alpha(1), alpha(2), bravo(1)), places("time:[2026-10-20 TO 2026-10-20]"));
        assertEquals(List.of(alpha(3)), places("time:\"2026-10-21T22:30\""));
        assertEquals(List.of(bravo(2)), places("time:{2026-10-20 TO 2026-10-21T22:30}"));

        JsonNode window = json("", "--since", "2026-10-21", "--until", "2026-10-21");
        assertEquals("2026-10-21T00:00:00Z", window.get("since").asText());
        assertEquals("2026-10-21T23:59:59.999Z", window.get("until").asText());

        Run bad = Run.of("search", bundles.batch.toString(), "", "--since", "yesterday");
        assertEquals(Main.USAGE, bad.exit());
        assertTrue(bad.err().contains("'yesterday' is not a date or time"), bad.err());
        Run reversed = Run.of("search", bundles.batch.toString(), "", "--since", "2026-10-22", "--until", "2026-10-21");
        assertEquals(Main.USAGE, reversed.exit());
    }

    @Test
    void limitShowsTheEarliestAndCountsAll() throws IOException {
        Run run = search("", "--limit", "2");
        assertEquals(2, run.hits().size());
        assertTrue(run.hits().get(0).contains("alpha.zip (FS01)  Temp/CBEngineCurr.errlog:1  NORMAL"), run.out());
        assertTrue(run.hits().get(1).contains("alpha.zip (FS01)  Temp/CBEngineCurr.errlog:2  FATAL"), run.out());
        assertEquals("7 matches in all (2 reports searched), 2 shown (--limit N shows more)", run.countLine());

        JsonNode counted = json("", "--limit", "0");
        assertEquals(7, counted.get("total").asInt());
        assertEquals(0, counted.get("shown").asInt());
        assertEquals(0, counted.get("results").size());
        assertEquals("no match (2 reports searched)", search("nosuchword").countLine());
        assertEquals(List.of(alpha(1), alpha(2), bravo(1), bravo(2), alpha(3)), places("", "--limit", "5"),
                "the earliest of all reports, not the first report's");
    }

    @Test
    void jsonCarriesEveryField() throws IOException {
        JsonNode result = json("errorCode:34513 host:FS01");
        assertEquals("errorCode:34513 host:FS01", result.get("query").asText());
        assertEquals(1, result.get("total").asInt());
        assertEquals(1, result.get("shown").asInt());
        JsonNode hit = result.get("results").get(0);
        assertEquals("alpha.zip", hit.get("bundle").asText());
        assertEquals("FS01", hit.get("host").asText());
        assertEquals(bundles.alpha.toString(), hit.get("reportDir").asText());
        assertEquals("event", hit.get("type").asText());
        assertEquals(TwoBundles.LOG, hit.get("file").asText());
        assertEquals(2, hit.get("line").asInt());
        assertTrue(hit.get("record").isNull());
        assertEquals("2026-10-20T09:15:00Z", hit.get("time").asText());
        assertEquals("FATAL", hit.get("level").asText());
        assertEquals("CBEngine", hit.get("component").asText());
        assertTrue(hit.get("eventId").isNull());
        assertEquals("[\"34513\"]", hit.get("errorCode").toString());
        assertTrue(hit.get("text").asText().startsWith("0B10\t1A2C\t10/20\t09:15:00.000\t"), "the line as stored, whole");
        assertTrue(hit.get("text").asText().endsWith("(ID: 34513)"));
    }

    @Test
    void factsAreSearchedWhenTheQueryAsksForThem() throws IOException {
        JsonNode hosts = json("type:fact factKey:host.name");
        assertEquals(2, hosts.get("total").asInt());
        List<String> values = new ArrayList<>();
        for (JsonNode r : hosts.get("results")) {
            assertEquals("fact", r.get("type").asText());
            assertTrue(r.get("time").isNull());
            assertEquals("commands/systeminfo.txt", r.get("file").asText());
            values.add(r.get("factValue").asText());
        }
        assertEquals(List.of("FS01", "SQL02"), values);

        JsonNode mixed = json("errorCode:34513 OR factKey:host.name");
        assertEquals(4, mixed.get("total").asInt());
        assertFalse(mixed.get("results").get(1).get("time").isNull());
        assertTrue(mixed.get("results").get(2).get("time").isNull(), "untimed records come last");
        assertEquals(0, json("datacenter").get("total").asInt(), "a word search lists events, not facts");
        assertEquals(2, json("factValue:datacenter").get("total").asInt());
    }

    @Test
    void aSyntaxErrorNamesTheColumnWithoutAStackTrace() {
        Run run = Run.of("search", bundles.batch.toString(), "level:(FATAL OR");
        assertEquals(Main.USAGE, run.exit());
        List<String> err = run.err().lines().toList();
        assertEquals(3, err.size(), run.err());
        assertTrue(err.get(0).startsWith("bundle-analyzer: query error at column 16: "), err.get(0));
        assertEquals("  level:(FATAL OR", err.get(1));
        assertEquals("  " + " ".repeat("level:(FATAL OR".length()) + "^", err.get(2), "the caret after the end");
        assertFalse(run.err().contains("Exception"), run.err());

        Run unclosed = Run.of("search", bundles.batch.toString(), "message:\"vault credentials");
        assertEquals(Main.USAGE, unclosed.exit());
        assertTrue(unclosed.err().contains("column 9: the quote is not closed"), unclosed.err());

        Run path = Run.of("search", bundles.batch.toString(), "file:Temp/CBEngineCurr.errlog");
        assertEquals(Main.USAGE, path.exit());
        assertTrue(path.err().contains("in quotes"), path.err());
        assertEquals(1, places(Run.of("search", bundles.batch.toString(), "file:\"temp/cbenginecurr.errlog\" line:1 host:FS01",
                "--json")).size());

        Run field = Run.of("search", bundles.batch.toString(), "level:FATAL erorCode:34513");
        assertEquals(Main.USAGE, field.exit());
        assertTrue(field.err().contains("column 13: unknown field 'erorCode'"), field.err());

        Run number = Run.of("search", bundles.batch.toString(), "line:[1 TO x]");
        assertEquals(Main.USAGE, number.exit());
        assertTrue(number.err().contains("line takes a whole number, not 'x'"), number.err());
    }

    private static List<String> places(Run run) {
        try {
            return places(JSON.readTree(run.out()));
        } catch (IOException e) {
            throw new AssertionError(run.out(), e);
        }
    }

    @Test
    void everyCitedEvidenceLineIsFoundByItsErrorCode() throws IOException {
        for (Path report : List.of(bundles.alpha, bundles.bravo)) {
            assertTrue(EvidenceSearch.checkAll(report) >= 1, "the report cites at least one coded line: " + report);
        }
    }

    @Test
    void aDamagedIndexIsNamedAndSkipped() throws IOException {
        Path batch = copy(bundles.batch, scratch.resolve("batch"));
        Path broken = batch.resolve("site-b").resolve("bravo.zip.report").resolve("index");
        try (Stream<Path> files = Files.list(broken)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
                Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            }
        }
        Run run = Run.of("search", batch.toString(), "errorCode:34513");
        assertEquals(Main.OK, run.exit(), run.err());
        assertEquals(1, run.hits().size(), run.out());
        assertTrue(run.hits().get(0).contains("alpha.zip (FS01)"));
        assertTrue(run.err().contains("cannot search " + broken), run.err());
        assertTrue(run.err().contains("skipped"), run.err());
        assertEquals("1 match in all (1 report searched), 1 shown", run.countLine());

        Run only = Run.of("search", broken.getParent().toString(), "errorCode:34513");
        assertEquals(Main.FAILED, only.exit(), "nothing could be searched");
    }

    @Test
    void unfinishedWorkFoldersAreNotSearched() throws IOException {
        Path batch = copy(bundles.batch, scratch.resolve("batch"));
        copy(bundles.alpha, batch.resolve(".work-alpha").resolve("alpha.zip.report"));
        assertEquals(2, places(Run.of("search", batch.toString(), "errorCode:34513", "--json")).size());
    }

    @Test
    void oneReportFolderCanBeSearchedAlone() {
        Run run = search("", "--limit", "100");
        Run alone = Run.of("search", bundles.bravo.toString(), "");
        assertEquals(Main.OK, alone.exit());
        assertEquals(3, alone.hits().size());
        assertEquals(run.hits().stream().filter(h -> h.contains("bravo.zip")).toList(), alone.hits());
    }

    @Test
    void aFolderWithoutIndexFails() throws IOException {
        Files.createDirectories(scratch.resolve("empty").resolve("nothing-here"));
        Run run = Run.of("search", scratch.resolve("empty").toString(), "errorCode:34513");
        assertEquals(Main.FAILED, run.exit());
        assertTrue(run.err().contains("no report folder"), run.err());
        Run missing = Run.of("search", scratch.resolve("missing").toString(), "errorCode:34513");
        assertEquals(Main.FAILED, missing.exit());
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }
}
