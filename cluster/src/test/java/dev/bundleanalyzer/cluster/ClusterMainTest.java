package dev.bundleanalyzer.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as the README shows it: analyze a folder, then ask the README's questions with sql. */
class ClusterMainTest {

    @TempDir
    Path tmp;

    /** What a command printed and returned. */
    private record Run(int code, String out, String err) {
    }

    @Test
    void analyzeThenTheReadmeQueries() throws IOException {
        Path share = Files.createDirectories(tmp.resolve("share"));
        Files.copy(Path.of("..", "samples", "contoso-fs01-bundle.zip"), share.resolve("contoso-fs01-bundle.zip"));
        Files.write(share.resolve("corrupt.zip"), "PK\u0003\u0004 not a zip".getBytes(StandardCharsets.US_ASCII));
        String out = tmp.resolve("tables").toString();

        Run analyze = run("analyze", "--master", "local[2]", "--input", share.toString(), "--output", out);
        assertEquals(ClusterMain.OK, analyze.code(), analyze.err());
        assertTrue(analyze.out().contains("analyzed    file:" + share.toAbsolutePath() + "/contoso-fs01-bundle.zip"),
                analyze.out());
        assertTrue(analyze.out().contains("failed      file:" + share.toAbsolutePath() + "/corrupt.zip"),
                "a failed bundle does not fail the run: " + analyze.out());
        assertTrue(analyze.out().contains("{analyzed=1, failed=1, retry-later=0, unchanged=0, duplicate=0, left=0}"),
                analyze.out());
        try (var runs = Files.list(tmp.resolve("tables").resolve("runs"))) {
            assertEquals(1, runs.filter(p -> p.toString().endsWith(".json")).count(), "the run is recorded");
        }

        List<String> args = new ArrayList<>(List.of("sql", "--master", "local[2]", "--tables", out));
        args.addAll(ClusterJobTest.readmeQueries());
        Run sql = run(args.toArray(String[]::new));
        assertEquals(ClusterMain.OK, sql.code(), sql.err());
        assertTrue(sql.out().contains("|MARS-0x1FC07"), "rules by count: " + sql.out());
        assertTrue(sql.out().contains("|2.0.9245.0   |1      |[FS01]|"), "servers by agent version: " + sql.out());
        assertTrue(sql.out().contains("|bundle|host|agent_version|analyzed_at|report|"),
                "bundles with no finding, none here: " + sql.out());
    }

    @Test
    void badQueryIsAUsageError() {
        Run sql = run("sql", "--master", "local[1]", "--tables", tmp.resolve("none").toString(),
                "SELECT nothing FROM findings");
        assertEquals(ClusterMain.USAGE, sql.code());
        assertTrue(sql.err().contains("bad query") && sql.err().contains("nothing"), sql.err());
    }

    @Test
    void missingInputStopsTheRunAndSaysWhich() {
        Path missing = tmp.resolve("no-such-share");
        Run analyze = run("analyze", "--master", "local[1]", "--input", missing.toString(), "--output",
                tmp.resolve("out").toString());
        assertEquals(ClusterMain.FAILED, analyze.code());
        assertTrue(analyze.err().contains(missing + " does not exist"), analyze.err());
    }

    @Test
    void unknownLanguageIsAUsageError() {
        Run analyze = run("analyze", "--input", "x", "--output", "y", "--lang", "fr");
        assertEquals(ClusterMain.USAGE, analyze.code());
        assertTrue(analyze.err().contains("--lang must be en or ko"), analyze.err());
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8)); // Spark's show() prints there
        int code;
        try {
            code = new CommandLine(new ClusterMain()).setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true)).execute(args);
        } finally {
            System.setOut(stdout);
        }
        return new Run(code, out + printed.toString(StandardCharsets.UTF_8), err.toString());
    }
}
