package dev.bundleanalyzer.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A driver that dies while it adds a run's rows: the next run finishes or forgets the step, never half of it. */
class PublisherTest {

    private static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[1]").appName("publisher-test")
                .config("spark.sql.session.timeZone", "UTC").config("spark.ui.enabled", "false").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void runThatDiedAfterItsManifestIsFinishedByTheNext() throws IOException {
        String out = tmp.toUri().toString();
        Publisher publisher = new Publisher(spark, out);
        publisher.publish("run-1", List.of(outcome("a.zip", "aa")), Set.of());
        assertEquals(1, Tables.read(spark, out, Tables.BUNDLES).count());

        // run 2 got as far as its manifest: its files are staged and the manifest says where they go
        Path staging = Path.of(java.net.URI.create(publisher.staging("run-2")));
        Path stagedDir = Files.createDirectories(staging.resolve("add"));
        spark.createDataFrame(List.of(Publisher.bundleRow(outcome("b.zip", "bb"))), Tables.BUNDLES_SCHEMA).coalesce(1).write()
                .partitionBy(Tables.PARTITION).parquet(stagedDir.resolve("bundles").toString());
        List<Publisher.Step> steps = new ArrayList<>();
        try (Stream<Path> files = Files.walk(stagedDir.resolve("bundles"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                Path target = tmp.resolve("bundles").resolve(stagedDir.resolve("bundles").relativize(f).toString());
                steps.add(new Publisher.Step(f.toUri().toString(), target.toUri().toString()));
            }
        }
        assertEquals(1, steps.size());
        new ObjectMapper().writeValue(staging.resolve("_MANIFEST.json").toFile(), steps);

        List<String> recovered = publisher.recover();
        assertEquals(List.of("run-2: its rows were added to the tables"), recovered);
        assertEquals(Set.of("a.zip", "b.zip"), Set.copyOf(Tables.read(spark, out, Tables.BUNDLES).select("bundle")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList()));
        assertFalse(Files.exists(staging), "the staging folder is gone");
        assertEquals(List.of(), publisher.recover(), "nothing left to do");
    }

    @Test
    void runThatDiedBeforeItsManifestLeavesTheTablesAsTheyWere() throws IOException {
        String out = tmp.toUri().toString();
        Publisher publisher = new Publisher(spark, out);
        publisher.publish("run-1", List.of(outcome("a.zip", "aa")), Set.of());
        Path staging = Path.of(java.net.URI.create(publisher.staging("run-2")));
        spark.createDataFrame(List.of(Publisher.bundleRow(outcome("b.zip", "bb"))), Tables.BUNDLES_SCHEMA).write()
                .partitionBy(Tables.PARTITION).parquet(staging.resolve("add/bundles").toString());

        List<String> recovered = publisher.recover();
        assertEquals(1, recovered.size());
        assertTrue(recovered.get(0).contains("analyzed again"), recovered.get(0));
        assertEquals(1, Tables.read(spark, out, Tables.BUNDLES).count(), "run 2's rows are not in the table");
        assertFalse(Files.exists(staging));
    }

    @Test
    void rowsAnalyzedAgainAreReplacedAndNoOtherRowOfTheirDayIsLost() throws IOException {
        String out = tmp.toUri().toString();
        Publisher publisher = new Publisher(spark, out);
        BundleOutcome unreadable = new BundleOutcome(BundleOutcome.Kind.RETRY_LATER, null, "lost.zip",
                "file:/share/lost.zip", 10, null, "cannot be read", 2, null, null, null, null, null, null,
                Instant.now(), List.of());
        BundleOutcome neverDone = new BundleOutcome(BundleOutcome.Kind.FAILED, null, "poison.zip",
                "file:/share/poison.zip", 10, null, "its task failed 4 time(s)", 4, null, null, null, null, null,
                null, Instant.now(), List.of());
        publisher.publish("run-1", List.of(outcome("a.zip", "aa"), unreadable, neverDone), Set.of());
        assertEquals(3, Tables.read(spark, out, Tables.BUNDLES).count() + Tables.read(spark, out, Tables.FAILURES)
                .filter("sha256 IS NULL AND bundle = 'lost.zip'").count());

        // a.zip analyzed again (forced): its rows are replaced, in the same day's partition as the others
        publisher.publish("run-2", List.of(outcome("a.zip", "aa")), Set.of("aa".repeat(32)));
        assertEquals(List.of("a.zip", "poison.zip"), Tables.read(spark, out, Tables.BUNDLES).select("bundle")
                .orderBy("bundle").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        assertEquals(List.of("lost.zip", "poison.zip"), Tables.read(spark, out, Tables.FAILURES).select("bundle")
                .orderBy("bundle").as(org.apache.spark.sql.Encoders.STRING()).collectAsList(),
                "failures without a SHA-256 stay when their day is written anew");

        // poison.zip analyzed at last: its row without a SHA-256 and its failure go
        BundleOutcome poison = outcome("poison.zip", "pp");
        publisher.publish("run-3", List.of(poison), Set.of());
        assertEquals(List.of("a.zip", "poison.zip"), Tables.read(spark, out, Tables.BUNDLES).select("bundle")
                .orderBy("bundle").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        assertEquals(0, Tables.read(spark, out, Tables.BUNDLES).filter("sha256 IS NULL").count());
        assertEquals(List.of("lost.zip"), Tables.read(spark, out, Tables.FAILURES).select("bundle")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    }

    private static BundleOutcome outcome(String name, String sha) {
        return new BundleOutcome(BundleOutcome.Kind.ANALYZED, sha.repeat(32), name, "file:/share/" + name, 10,
                Instant.parse("2026-12-01T10:00:00Z"), null, 1, "FS01", "2.0.9245.0", null, "file:/out/reports/x",
                null, null, Instant.now(), List.of());
    }
}
