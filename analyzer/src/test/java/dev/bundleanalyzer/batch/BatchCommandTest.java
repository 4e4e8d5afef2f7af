package dev.bundleanalyzer.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bundleanalyzer.cli.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch over a share as a scheduled job sees it: good, damaged, corrupt, duplicate and still-copying
 * bundles, an extracted bundle folder, a second run that does nothing, a forced run, and a run killed halfway.
 */
class BatchCommandTest {

    private static final Path SAMPLES = Path.of("..", "samples");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private Path share;
    private Path out;

    /** The share: what arrives on it in a day. */
    private void fillShare() throws IOException {
        share = Files.createDirectories(work.resolve("share"));
        out = work.resolve("reports");
        Path day1 = Files.createDirectories(share.resolve("2026-12-01"));
        Path day2 = Files.createDirectories(share.resolve("2026-12-02"));
        Files.copy(SAMPLES.resolve("contoso-fs01-bundle.zip"), day1.resolve("contoso-fs01-bundle.zip"));
        Files.copy(SAMPLES.resolve("damaged-bundle.zip"), day1.resolve("damaged-bundle.zip"));
        Files.copy(SAMPLES.resolve("contoso-fs01-bundle.zip"), day2.resolve("same-again.zip"));
        Files.copy(SAMPLES.resolve("contoso-fs01-bundle.zip"), day2.resolve("incoming.zip.partial"));
        Files.write(day2.resolve("corrupt.zip"), "PK\u0003\u0004 this is not a zip at all".getBytes());
        Files.writeString(day2.resolve("readme.txt"), "not a bundle");
        unzip(SAMPLES.resolve("contoso-fs01-bundle.zip"), Files.createDirectories(day2.resolve("FS02-extracted")));
        Files.writeString(day2.resolve("FS02-extracted/Temp/extra.errlog"), "another file makes it another content\n");
    }

    private int batch(String... extra) {
        List<String> args = new ArrayList<>(List.of("batch", share.toString(), "--out", out.toString(), "--settle", "0s",
                "--jobs", "2"));
        args.addAll(List.of(extra));
        return Main.run(args.toArray(String[]::new));
    }

    private JsonNode summary() throws IOException {
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    /** Report folder name -> its batch.json status. */
    private Map<String, String> reportFolders() throws IOException {
        Map<String, String> folders = new TreeMap<>();
        try (Stream<Path> list = Files.list(out)) {
            for (Path p : list.filter(Files::isDirectory).toList()) {
                folders.put(p.getFileName().toString(), Files.exists(p.resolve(ReportStore.RECORD))
                        ? JSON.readTree(p.resolve(ReportStore.RECORD).toFile()).get("status").asText() : "no record");
            }
        }
        return folders;
    }

    @Test
    void aShareBecomesOneReportPerContentAndASummary() throws Exception {
        fillShare();
        assertEquals(BatchRunner.SOME_FAILED, batch(), "a corrupt bundle makes it 5, over the findings' 4");

        Map<String, String> folders = reportFolders();
        assertEquals(4, folders.size(), folders.toString());
        assertEquals(List.of("FS02-extracted=analyzed", "contoso-fs01-bundle.zip=analyzed", "corrupt.zip=failed",
                "damaged-bundle.zip=analyzed"), folders.entrySet().stream()
                .map(e -> e.getKey().substring(0, e.getKey().lastIndexOf('-')) + "=" + e.getValue()).toList());
        assertTrue(folders.keySet().stream().anyMatch(n -> n.startsWith("FS02-extracted-")), "the folder bundle");
        assertTrue(folders.keySet().stream().noneMatch(n -> n.startsWith("incoming") || n.startsWith("same-again")),
                "no report for a bundle being copied, nor a second one for the same content");
        for (Map.Entry<String, String> f : folders.entrySet()) {
            if (f.getValue().equals("analyzed")) {
                for (String file : List.of("report.html", "findings.json", "summary.md", "index")) {
                    assertTrue(Files.exists(out.resolve(f.getKey()).resolve(file)), f.getKey() + "/" + file);
                }
            }
        }

        JsonNode summary = summary();
        assertEquals(4, summary.get("bundleCount").asInt());
        assertEquals(1, summary.get("failedCount").asInt());
        JsonNode corrupt = bundle(summary, "corrupt.zip");
        assertEquals("failed", corrupt.get("status").asText());
        assertTrue(corrupt.get("reason").asText().contains("zip central directory unreadable"), corrupt.toString());
        JsonNode contoso = bundle(summary, "contoso-fs01-bundle.zip");
        assertEquals("FS01", contoso.get("host").asText());
        assertEquals("critical", contoso.get("worst").asText());
        assertEquals("MARS-0x1FC07", contoso.get("findings").get(0).get("rule").asText(), "most severe first");
        assertTrue(contoso.get("report").asText().endsWith("/report.html"));
        JsonNode rule = null;
        for (JsonNode r : summary.get("rules")) {
            if (r.get("rule").asText().equals("MARS-34513")) {
                rule = r;
            }
        }
        assertEquals(3, rule.get("bundles").size(), "MARS-34513 fired in the three readable bundles");
        assertTrue(summary.get("days").size() >= 1);
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("corrupt.zip") && html.contains("MARS-34513"), "index.html lists bundles and rules");

        // the batch folder is searchable as a whole: the evidence the reports cite is found in every bundle
        java.io.StringWriter found = new java.io.StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new Main());
        cli.setOut(new java.io.PrintWriter(found));
        assertEquals(Main.OK, cli.execute("search", out.toString(), "errorCode:34513", "--json"));
        JsonNode hits = JSON.readTree(found.toString());
        assertEquals(3, hits.get("total").asInt(), "one cited line in each readable bundle: " + hits);
        for (JsonNode hit : hits.get("results")) {
            assertEquals("Temp/CBEngineCurr.errlog", hit.get("file").asText());
            assertEquals(4, hit.get("line").asInt());
        }
    }

    @Test
    void withoutIndexesTheReportsHaveTheSameFindings() throws Exception {
        fillShare();
        batch();
        JsonNode indexed = summary();
        Path quick = out;
        out = work.resolve("quick-reports");
        batch("--no-index");
        assertEquals(indexed.get("bundleCount"), summary().get("bundleCount"));
        assertEquals(indexed.get("rules").toString(), summary().get("rules").toString(), "the same rules fired");
        try (Stream<Path> list = Files.list(out)) {
            List<Path> analyzed = list.filter(p -> Files.exists(p.resolve("findings.json"))).toList();
            assertEquals(3, analyzed.size(), "the sample, the damaged bundle and the extracted folder");
            analyzed.forEach(p -> assertFalse(Files.exists(p.resolve("index")), p + " has no index"));
        }
        try (Stream<Path> list = Files.list(quick)) {
            assertTrue(list.anyMatch(p -> Files.isDirectory(p.resolve("index"))), "a plain batch keeps the indexes");
        }
    }

    @Test
    void aSecondRunDoesNothingAndForceDoesItAgain() throws Exception {
        fillShare();
        batch();
        Map<String, FileTime> before = reportTimes();

        assertEquals(Main.OK, batch(), "nothing analyzed: nothing to report");
        assertEquals(before, reportTimes(), "no report folder was touched");
        assertEquals(4, summary().get("bundleCount").asInt());

        assertEquals(BatchRunner.SOME_FAILED, batch("--force"));
        assertEquals(before.keySet(), reportTimes().keySet(), "the same folders, written again");
        assertFalse(before.equals(reportTimes()), "forced: written again");
    }

    @Test
    void sinceLeavesOlderBundlesAndABundleStillGrowingIsLeftForTheNextRun() throws Exception {
        fillShare();
        Files.setLastModifiedTime(share.resolve("2026-12-01/damaged-bundle.zip"),
                FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Path growing = share.resolve("2026-12-02/growing.zip");
        Files.copy(SAMPLES.resolve("contoso-fs01-bundle.zip"), growing);
        java.util.concurrent.atomic.AtomicBoolean copied = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writer = new Thread(() -> {
            try (OutputStream append = Files.newOutputStream(growing, StandardOpenOption.APPEND)) {
                while (!copied.get()) {
                    append.write(new byte[1024]);
                    append.flush();
                    Thread.sleep(20);
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        Main.run("batch", share.toString(), "--out", out.toString(), "--settle", "300ms", "--since", "2026-06-01");
        copied.set(true);
        writer.join();

        Map<String, String> folders = reportFolders();
        assertTrue(folders.keySet().stream().noneMatch(n -> n.startsWith("damaged-bundle")), "older than --since");
        assertTrue(folders.keySet().stream().noneMatch(n -> n.startsWith("growing")), "still being written");
        assertTrue(folders.keySet().stream().anyMatch(n -> n.startsWith("contoso-fs01-bundle")));
    }

    @Test
    void aRunKilledHalfwayLeavesNoHalfReportAndTheNextRunFinishes() throws Exception {
        share = Files.createDirectories(work.resolve("share"));
        out = work.resolve("reports");
        Path big = share.resolve("big.zip");
        Process gen = new ProcessBuilder("python3", Path.of("..", "..", "shared", "tools", "gen_perf_bundle.py")
                .toAbsolutePath().normalize().toString(), big.toString(), "40").inheritIO().start();
        assertEquals(0, gen.waitFor(), "the generator of large bundles ran");
        for (int i = 0; i < 3; i++) {
            Files.copy(SAMPLES.resolve("contoso-fs01-bundle.zip"), share.resolve("small" + i + ".zip"));
            try (OutputStream o = Files.newOutputStream(share.resolve("small" + i + ".zip"), StandardOpenOption.APPEND)) {
                o.write(i); // a different content each
            }
        }
        Process batch = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "batch", share.toString(), "--out",
                out.toString(), "--settle", "0s", "--jobs", "1").redirectErrorStream(true)
                .redirectOutput(work.resolve("batch.log").toFile()).start();
        // kill it while a report is being written aside
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!workInProgress() && System.nanoTime() < deadline && batch.isAlive()) {
            Thread.sleep(20);
        }
        assertTrue(batch.isAlive(), "the batch was still running when killed: " + Files.readString(work.resolve("batch.log")));
        batch.destroyForcibly().waitFor();

        for (Map.Entry<String, String> f : reportFolders().entrySet()) {
            if (!f.getKey().startsWith(".")) {
                assertEquals("analyzed", f.getValue(), f.getKey() + " is a complete report or is not there");
                assertTrue(Files.exists(out.resolve(f.getKey()).resolve("report.html")), f.getKey());
            }
        }
        assertEquals(Main.FINDINGS, batch(), "the next run finishes the job (the bundles have error findings)");
        Map<String, String> folders = reportFolders();
        assertEquals(4, folders.size(), folders.toString());
        assertTrue(folders.keySet().stream().noneMatch(n -> n.startsWith(".")), "no work folder is left");
    }

    @Test
    void aShareOfTheSampleAndHostileBundlesIsAnalyzedOnceAndSummarized() throws Exception {
        share = Files.createDirectories(work.resolve("share"));
        out = work.resolve("reports");
        Process gen = new ProcessBuilder("python3", SAMPLES.resolve("make_hostile.py").toString(),
                share.resolve("hostile").toString(), "--long-line-mb", "2").redirectErrorStream(true)
                .redirectOutput(work.resolve("gen.log").toFile()).start();
        assertEquals(0, gen.waitFor(), "make_hostile.py ran: " + Files.readString(work.resolve("gen.log")));
        Files.copy(SAMPLES.resolve("contoso-fs01-bundle.zip"), share.resolve("contoso-fs01-bundle.zip"));
        Files.copy(SAMPLES.resolve("damaged-bundle.zip"), share.resolve("damaged-bundle.zip"));

        assertEquals(BatchRunner.SOME_FAILED, batch(), "the unreadable hostile bundles make it 5");
        JsonNode summary = summary();
        JsonNode cases = JSON.readTree(share.resolve("hostile/cases.json").toFile()).get("cases");
        for (JsonNode c : cases) {
            JsonNode b = bundle(summary, c.get("file").asText());
            String expected = c.get("exit").asInt() == Main.FAILED ? "failed" : "analyzed";
            assertEquals(expected, b.get("status").asText(), c.get("name").asText() + ": " + b);
        }
        assertEquals("analyzed", bundle(summary, "contoso-fs01-bundle.zip").get("status").asText());
        assertEquals(Main.OK, batch(), "a second run does nothing");
    }

    private boolean workInProgress() throws IOException {
        if (!Files.isDirectory(out)) {
            return false;
        }
        try (Stream<Path> list = Files.list(out)) {
            return list.anyMatch(p -> p.getFileName().toString().startsWith(".work-"));
        }
    }

    private Map<String, FileTime> reportTimes() throws IOException {
        Map<String, FileTime> times = new TreeMap<>();
        for (String folder : reportFolders().keySet()) {
            times.put(folder, Files.getLastModifiedTime(out.resolve(folder).resolve(ReportStore.RECORD)));
        }
        return times;
    }

    private static JsonNode bundle(JsonNode summary, String name) {
        for (JsonNode b : summary.get("bundles")) {
            if (b.get("name").asText().equals(name)) {
                return b;
            }
        }
        throw new AssertionError(name + " is not in summary.json");
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into) || e.isDirectory()) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.copy(in, target);
            }
        }
    }
}
