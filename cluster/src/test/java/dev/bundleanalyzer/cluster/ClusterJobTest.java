package dev.bundleanalyzer.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bundleanalyzer.analysis.BundleAnalyzer;
import dev.bundleanalyzer.bundle.BundleLimits;
import dev.bundleanalyzer.report.AnalysisReport;
import dev.bundleanalyzer.rules.Finding;
import dev.bundleanalyzer.rules.RuleLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark application in local mode over the sample bundles, a corrupt one, a quiet one and a copy, as a
 * support organisation's nightly job sees it: the tables' rows, the report folders, a second run, the README's
 * queries, a task that fails once, a bundle that cannot be read, a forced run.
 */
class ClusterJobTest {

    private static final Path SAMPLES = Path.of("..", "samples");
    // two task attempts: a task that fails once is run again, as on a cluster
    private static final String MASTER = "local[2,2]";

    private static SparkSession spark;
    @TempDir
    static Path shared;
    private static Path input;
    private static String output;
    private static ClusterJob.Summary first;

    @BeforeAll
    static void firstRun() throws IOException {
        spark = SparkSession.builder().master(MASTER).appName("cluster-test")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.ui.enabled", "false")
                .config("spark.hadoop.fs.flaky.impl", FlakyFileSystem.class.getName())
                .config("spark.hadoop.fs.flaky.impl.disable.cache", "true")
                .getOrCreate();
        input = share(shared.resolve("share"));
        output = shared.resolve("out").toUri().toString();
        first = job(output, false).run(input.toString());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @BeforeEach
    void noFaults() {
        FlakyFileSystem.reset();
    }

    @Test
    void everyFileOfTheShareHasAnOutcome() {
        assertEquals(Map.of("analyzed", 3L, "failed", 1L, "retry-later", 0L, "unchanged", 0L, "duplicate", 1L,
                "left", 1L), first.counts());
        assertEquals(6, first.files().size(), "each file of the share, once: " + first.files());
        ClusterJob.Line copy = line(first, "same-again.zip");
        assertEquals("duplicate", copy.status());
        assertTrue(copy.detail().contains("contoso-fs01-bundle.zip"), copy.detail());
        assertTrue(line(first, "readme.txt").detail().contains("not named like a bundle archive"));
    }

    @Test
    void findingsTableHoldsWhatAnalyzeFinds() throws Exception {
        AnalysisReport direct = new BundleAnalyzer(new RuleLoader().loadCatalogue(), BundleLimits.DEFAULTS, 1, true)
                .withoutIndex().analyze(SAMPLES.resolve("contoso-fs01-bundle.zip"), shared.resolve("direct-index"));
        List<Row> rows = Tables.read(spark, output, Tables.FINDINGS)
                .filter("bundle = 'contoso-fs01-bundle.zip'").collectAsList();
        assertEquals(direct.findings().size(), rows.size(), "one row per finding");
        Map<String, Row> byRule = rows.stream().collect(Collectors.toMap(r -> r.getAs("rule"), r -> r));
        for (Finding f : direct.findings()) {
            Row r = byRule.get(f.rule());
            assertNotNull(r, "the table has " + f.rule());
            assertEquals(f.severity().label(), r.getAs("severity"));
            assertEquals(f.count(), (long) r.getAs("count"), f.rule());
            assertEquals(f.first(), instant(r.getAs("first_evidence")), f.rule());
            assertEquals(f.last(), instant(r.getAs("last_evidence")), f.rule());
            assertEquals(f.title().get("en"), r.getAs("title"));
        }
        Row activation = byRule.get("MARS-0x1FC07");
        assertNotNull(activation, "the sample's activation failure is a row");
        assertEquals("FS01", activation.getAs("host"));
        assertEquals("2.0.9245.0", activation.getAs("agent_version"));
        assertEquals(LocalDate.now(ZoneOffset.UTC), ((java.sql.Date) activation.getAs(Tables.PARTITION)).toLocalDate());
        assertTrue(Files.isDirectory(Path.of(java.net.URI.create(output)).resolve("findings")
                .resolve("analysis_date=" + LocalDate.now(ZoneOffset.UTC))), "partitioned by analysis date");
    }

    @Test
    void reportFolderIsTheSameAsAnalyzeWrites() throws IOException {
        String report = line(first, "contoso-fs01-bundle.zip").report();
        Path folder = Path.of(java.net.URI.create(report));
        for (String name : List.of("report.html", "findings.json", "summary.md", "batch.json")) {
            assertTrue(Files.isRegularFile(folder.resolve(name)), name + " in " + folder);
        }
        JsonNode findings = new ObjectMapper().readTree(folder.resolve("findings.json").toFile());
        Set<String> inJson = new TreeSet<>();
        findings.get("findings").forEach(f -> inJson.add(f.get("rule").asText()));
        Set<String> inTable = new TreeSet<>(Tables.read(spark, output, Tables.FINDINGS)
                .filter("bundle = 'contoso-fs01-bundle.zip'").select("rule").as(
                        org.apache.spark.sql.Encoders.STRING()).collectAsList());
        assertEquals(inJson, inTable);
        assertTrue(inTable.contains("MARS-34513"));
        try (Stream<Path> names = Files.list(folder.getParent())) {
            assertFalse(names.anyMatch(p -> p.getFileName().toString().startsWith(".work-")), "no upload left aside");
        }
    }

    @Test
    void failuresTableNamesTheCorruptBundle() {
        List<Row> failures = Tables.read(spark, output, Tables.FAILURES).collectAsList();
        assertEquals(1, failures.size(), failures.toString());
        Row corrupt = failures.get(0);
        assertEquals("corrupt.zip", corrupt.getAs("bundle"));
        String reason = corrupt.getAs("reason");
        assertTrue(reason.contains("zip central directory unreadable"), reason);
        assertTrue(reason.contains(input.resolve("2026-12-02").toUri().getPath()), "names the bundle where it is: "
                + reason);
        Row bundle = Tables.read(spark, output, Tables.BUNDLES).filter("bundle = 'corrupt.zip'").first();
        assertEquals("failed", bundle.getAs("status"));
    }

    @Test
    void secondRunAddsNothing() throws IOException {
        Set<String> before = tableFiles(output);
        long rows = Tables.read(spark, output, Tables.FINDINGS).count();
        ClusterJob.Summary again = job(output, false).run(input.toString());
        assertEquals(0, again.count("analyzed") + again.count("failed") + again.count("retry-later"), again.toString());
        assertEquals(5, again.count("unchanged"), "four known files, and the copy known by its content");
        assertEquals(before, tableFiles(output), "no file added to or removed from the tables");
        assertEquals(rows, Tables.read(spark, output, Tables.FINDINGS).count());
    }

    @Test
    void readmeQueriesAnswerFromTheTables() throws IOException {
        List<String> queries = readmeQueries();
        assertEquals(3, queries.size(), "the README shows three queries");
        Tables.registerViews(spark, output);
        List<Row> byRule = spark.sql(queries.get(0)).collectAsList();
        Row activation = byRule.stream().filter(r -> "MARS-0x1FC07".equals(r.getAs("rule"))).findFirst().orElseThrow();
        assertEquals(2L, (long) activation.getAs("bundles"), "the sample and its damaged twin, this month");
        List<Row> servers = spark.sql(queries.get(1)).collectAsList();
        assertEquals(1, servers.size(), servers.toString());
        assertEquals("2.0.9245.0", servers.get(0).getAs("agent_version"));
        assertEquals(1L, (long) servers.get(0).getAs("servers"));
        List<String> quiet = spark.sql(queries.get(2)).collectAsList().stream().map(r -> (String) r.getAs("bundle"))
                .toList();
        assertEquals(List.of("quiet.zip"), quiet);
    }

    @Test
    void taskThatFailsOnceLeavesNoDuplicateRows() throws IOException {
        Path share = share(shared.resolve("flaky-share"));
        String out = "flaky://" + shared.resolve("flaky-out").toUri().getPath();
        // the first attempt of one task loses its executor after its outcome row is written; the read of another
        // bundle fails once
        FlakyFileSystem.failClose("/_staging/", 1);
        FlakyFileSystem.failOpen("damaged-bundle.zip", 1);
        ClusterJob.Summary run = job(out, false).run("flaky://" + share.toUri().getPath());
        assertEquals(2, FlakyFileSystem.FAILED.get(), "both faults happened");
        assertEquals(3, run.count("analyzed"), run.toString());
        assertEquals(1, run.count("failed"));
        List<Row> bundles = Tables.read(spark, out, Tables.BUNDLES).collectAsList();
        assertEquals(4, bundles.size(), bundles.toString());
        assertEquals(4, bundles.stream().map(r -> r.getAs("sha256")).distinct().count(), "one row per content");
        long expected = Tables.read(spark, output, Tables.FINDINGS).count();
        assertEquals(expected, Tables.read(spark, out, Tables.FINDINGS).count(),
                "as many findings as the run without faults");
        assertEquals(expected, Tables.read(spark, out, Tables.FINDINGS).dropDuplicates("sha256", "rule").count());
    }

    @Test
    void unreadableBundleIsAFailureRowAndTriedAgain() throws IOException {
        Path share = Files.createDirectories(shared.resolve("unreadable-share"));
        Files.copy(SAMPLES.resolve("contoso-fs01-bundle.zip"), share.resolve("fs01.zip"));
        Files.copy(SAMPLES.resolve("damaged-bundle.zip"), share.resolve("lost.zip"));
        String out = shared.resolve("unreadable-out").toUri().toString();
        FlakyFileSystem.failOpen("lost.zip", 2);
        ClusterJob.Summary run = job(out, false).run("flaky://" + share.toUri().getPath());
        assertEquals(1, run.count("analyzed"));
        assertEquals(1, run.count("retry-later"), run.toString());
        Row failure = Tables.read(spark, out, Tables.FAILURES).first();
        assertEquals("lost.zip", failure.getAs("bundle"));
        assertEquals(2, (int) failure.getAs("attempts"));
        assertTrue(((String) failure.getAs("reason")).contains("cannot be read"), failure.toString());
        assertEquals(1, Tables.read(spark, out, Tables.BUNDLES).count(), "not analyzed: not in the bundles table");

        ClusterJob.Summary next = job(out, false).run("flaky://" + share.toUri().getPath());
        assertEquals(1, next.count("analyzed"), "readable now, so analyzed: " + next);
        assertEquals(0, Tables.read(spark, out, Tables.FAILURES).count(), "its old failure is gone");
    }

    @Test
    void forcedRunReplacesRowsRatherThanAddingThem() throws IOException {
        Path share = Files.createDirectories(shared.resolve("forced-share"));
        Files.copy(SAMPLES.resolve("contoso-fs01-bundle.zip"), share.resolve("contoso-fs01-bundle.zip"));
        Files.write(share.resolve("corrupt.zip"), "PK\u0003\u0004 not a zip".getBytes(StandardCharsets.US_ASCII));
        String out = shared.resolve("forced-out").toUri().toString();
        job(out, false).run(share.toString());
        long findings = Tables.read(spark, out, Tables.FINDINGS).count();
        java.sql.Timestamp before = Tables.read(spark, out, Tables.BUNDLES).first().getAs("analyzed_at");
        ClusterJob.Summary forced = job(out, true).run(share.toString());
        assertEquals(1, forced.count("analyzed"));
        assertEquals(1, forced.count("failed"));
        assertEquals(2, Tables.read(spark, out, Tables.BUNDLES).count(), "one row per bundle");
        assertEquals(findings, Tables.read(spark, out, Tables.FINDINGS).count());
        assertEquals(1, Tables.read(spark, out, Tables.FAILURES).count());
        java.sql.Timestamp after = Tables.read(spark, out, Tables.BUNDLES).first().getAs("analyzed_at");
        assertTrue(after.after(before), "the rows are the new analysis's");
    }

    @Test
    void listFileNamesBundlesAndSaysWhatIsMissing() throws IOException {
        Path lists = Files.createDirectories(shared.resolve("lists"));
        Files.writeString(lists.resolve("today.txt"), "# bundles of the day\n"
                + input.resolve("2026-12-01/contoso-fs01-bundle.zip").toUri() + "\n"
                + "\n"
                + input.resolve("2026-12-02/gone.zip") + "\n");
        String out = shared.resolve("list-out").toUri().toString();
        ClusterJob.Summary run = job(out, false).run(lists.resolve("today.txt").toString());
        assertEquals(1, run.count("analyzed"), run.toString());
        ClusterJob.Line gone = line(run, "gone.zip");
        assertEquals("left", gone.status());
        assertTrue(gone.detail().contains("line 4") && gone.detail().contains("does not exist"), gone.detail());
    }

    @Test
    void taskThatFailsInEveryAttemptCostsOnlyItsBundle() throws IOException {
        Path share = share(shared.resolve("poison-share"));
        String out = "flaky://" + shared.resolve("poison-out").toUri().getPath();
        String poison = "file:" + share.resolve("2026-12-01/damaged-bundle.zip").toAbsolutePath();
        // the task of one bundle loses its executor in both of its attempts, as a bundle that exhausts the
        // executor's memory does: Spark aborts that job
        FlakyFileSystem.failClose(OutcomeFiles.name(poison), 2);
        ClusterJob.Summary run = job(out, false).run(share.toString());
        assertEquals(2, FlakyFileSystem.FAILED.get());
        ClusterJob.Line lost = line(run, "damaged-bundle.zip");
        assertEquals("failed", lost.status(), run.toString());
        assertTrue(lost.detail().contains("its task failed 2 time(s)") && lost.detail().contains("injected"),
                lost.detail());
        assertEquals(Map.of("analyzed", 2L, "failed", 2L, "retry-later", 0L, "unchanged", 0L, "duplicate", 1L,
                "left", 1L), run.counts(), "the others are analyzed: " + run);
        Row failure = Tables.read(spark, out, Tables.FAILURES).filter("attempts = 2").first();
        assertEquals(poison, failure.getAs("source"));
        assertEquals(4, Tables.read(spark, out, Tables.BUNDLES).count());

        ClusterJob.Summary next = job(out, false).run(share.toString());
        assertEquals("unchanged", line(next, "damaged-bundle.zip").status(), "failed is failed, as in batch");
        ClusterJob.Summary forced = job(out, true).run(share.toString());
        assertEquals("analyzed", line(forced, "damaged-bundle.zip").status(), forced.toString());
        assertEquals(4, Tables.read(spark, out, Tables.BUNDLES).count(), "its row replaced, not added");
        assertEquals(0, Tables.read(spark, out, Tables.FAILURES).filter("attempts = 2").count());
    }

    @Test
    void secondRunOnTheSameOutputIsRefusedWhileOneRuns() throws IOException {
        String out = shared.resolve("locked-out").toUri().toString();
        Path lock = Files.createDirectories(Path.of(java.net.URI.create(out))).resolve("_RUNNING");
        Files.writeString(lock, "run x");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> job(out, false).run(input.toString()));
        assertTrue(e.getMessage().contains("another run is writing to") && e.getMessage().contains("_RUNNING"),
                e.getMessage());
        assertTrue(Files.exists(lock), "the other run's lock is left alone");
    }

    @Test
    void outputInsideTheInputIsNotReadAsInput() throws IOException {
        Path share = Files.createDirectories(shared.resolve("nested-share"));
        Files.copy(SAMPLES.resolve("contoso-fs01-bundle.zip"), share.resolve("fs01.zip"));
        String out = share.resolve("analysis").toUri().toString();
        job(out, false).run(share.toString());
        // the second run sees the report folders and tables under the share, and must leave them out
        ClusterJob.Summary again = job(out, false).run(share.toString());
        assertEquals(List.of("fs01.zip"), again.files().stream().map(l -> l.source()
                .substring(l.source().lastIndexOf('/') + 1)).toList(), again.toString());
    }

    @Test
    void extractedBundleFolderIsOneBundleAsBatchSeesIt() throws IOException {
        Path share = Files.createDirectories(shared.resolve("extracted-share"));
        Path fs02 = Files.createDirectories(share.resolve("cases/FS02-extracted"));
        unzip(SAMPLES.resolve("contoso-fs01-bundle.zip"), fs02);
        Files.copy(SAMPLES.resolve("damaged-bundle.zip"), fs02.resolve("more-logs.zip")); // part of FS02, not a bundle
        String out = shared.resolve("extracted-out").toUri().toString();
        ClusterJob.Summary run = job(out, false).run(share.toString());
        assertEquals(1, run.files().size(), run.toString());
        ClusterJob.Line line = run.files().get(0);
        assertEquals("analyzed", line.status(), line.toString());
        assertTrue(line.source().endsWith("/cases/FS02-extracted"), line.source());
        Row bundle = Tables.read(spark, out, Tables.BUNDLES).first();
        assertEquals(dev.bundleanalyzer.analysis.BundleFingerprint.of(fs02).sha256(), bundle.getAs("sha256"),
                "the same identity as batch gives the folder");
        assertEquals("FS01", bundle.getAs("host"));
        assertTrue(((String) bundle.getAs("report")).contains("/reports/FS02-extracted-"), bundle.toString());

        // a list file may name the extracted bundle itself
        Path list = shared.resolve("extracted-list.txt");
        Files.writeString(list, fs02.toUri() + "\n");
        ClusterJob.Summary listed = job(shared.resolve("extracted-list-out").toUri().toString(), false)
                .run(list.toString());
        assertEquals(1, listed.count("analyzed"), listed.toString());
        assertEquals(0, job(out, false).run(share.toString()).count("analyzed"), "known the next time");
    }

    // --- the share and helpers

    /** Two days of a share: the samples, a corrupt archive, a quiet bundle, a copy and a file that is no bundle. */
    private static Path share(Path root) throws IOException {
        Path day1 = Files.createDirectories(root.resolve("2026-12-01"));
        Path day2 = Files.createDirectories(root.resolve("2026-12-02"));
        Files.copy(SAMPLES.resolve("contoso-fs01-bundle.zip"), day1.resolve("contoso-fs01-bundle.zip"));
        Files.copy(SAMPLES.resolve("damaged-bundle.zip"), day1.resolve("damaged-bundle.zip"));
        Files.copy(SAMPLES.resolve("contoso-fs01-bundle.zip"), day2.resolve("same-again.zip"));
        Files.write(day2.resolve("corrupt.zip"), "PK\u0003\u0004 this is not a zip at all"
                .getBytes(StandardCharsets.US_ASCII));
        Files.writeString(day2.resolve("readme.txt"), "not a bundle");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(day2.resolve("quiet.zip")))) {
            zip.putNextEntry(new ZipEntry("Temp/CBEngineCurr.errlog"));
            zip.write(("0B10\t1A2C\t10/21\t09:12:01.123\t03\tregistrationhelper.cs(211)\t\t"
                    + "0517B3DB-347D-45A8-9DAB-FD7D1EA7D134\tNORMAL\tRegistration started\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return root;
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = into.resolve(e.getName()).normalize();
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
    }

    private static ClusterJob job(String out, boolean force) {
        return new ClusterJob(spark, new JobSettings(out, force, "en", true, false, Duration.ofMinutes(10),
                ClusterMain.maxAttempts(spark)));
    }

    private static ClusterJob.Line line(ClusterJob.Summary summary, String name) {
        return summary.files().stream().filter(l -> l.source().endsWith("/" + name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + summary.files()));
    }

    private static Set<String> tableFiles(String out) throws IOException {
        Path root = Path.of(java.net.URI.create(out));
        Set<String> files = new TreeSet<>();
        for (String table : Tables.ALL) {
            try (Stream<Path> walk = Files.walk(root.resolve(table))) {
                walk.filter(Files::isRegularFile).forEach(p -> files.add(root.relativize(p).toString()));
            }
        }
        return files;
    }

    /** The Spark SQL blocks of the README, in order. */
    static List<String> readmeQueries() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> queries = new java.util.ArrayList<>();
        while (m.find()) {
            queries.add(m.group(1).strip().replaceAll(";$", ""));
        }
        return queries;
    }

    private static java.time.Instant instant(Object value) {
        return value == null ? null : ((java.sql.Timestamp) value).toInstant();
    }
}
