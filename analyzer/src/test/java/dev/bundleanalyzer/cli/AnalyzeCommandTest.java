package dev.bundleanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the command line on the sample bundles of samples/ (built by samples/make_samples.py, whose
 * comments mark each expected finding with its file and line) and checks what an engineer would read.
 */
class AnalyzeCommandTest {

    private static final Path SAMPLES = Path.of("..", "samples");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    private JsonNode analyze(String bundle, int expectedExit, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("analyze", SAMPLES.resolve(bundle).toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        assertEquals(expectedExit, Main.run(args.toArray(String[]::new)));
        return JSON.readTree(out.resolve("findings.json").toFile());
    }

    private static JsonNode finding(JsonNode report, String rule) {
        for (JsonNode f : report.get("findings")) {
            if (f.get("rule").asText().equals(rule)) {
                return f;
            }
        }
        return null;
    }

    private static List<String> evidence(JsonNode finding) {
        List<String> places = new ArrayList<>();
        finding.get("evidence").forEach(e -> places.add(e.get("file").asText() + ":" + e.get("line").asInt()));
        return places;
    }

    /** Evidence of event-log records: file, record ID and UTC time. */
    private static List<String> records(JsonNode finding) {
        List<String> places = new ArrayList<>();
        finding.get("evidence").forEach(e -> places.add(e.get("file").asText() + " record " + e.get("record").asLong()
                + " " + e.get("time").asText()));
        return places;
    }

    /** Rule, count and evidence places of every finding, in the report's order. */
    private static List<String> findingsOf(JsonNode report) {
        List<String> all = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            List<String> places = new ArrayList<>();
            f.get("evidence").forEach(e -> places.add(e.get("file").asText() + ":" + e.get("line").asLong() + ":"
                    + e.path("record").asLong() + ":" + e.path("time").asText()));
            all.add(f.get("rule").asText() + " x" + f.get("count").asLong() + " " + places);
        }
        return all;
    }

    @Test
    void withoutTheIndexTheFindingsAreTheSameAndNoIndexIsWritten(@TempDir Path quick) throws Exception {
        JsonNode indexed = analyze("contoso-fs01-bundle.zip", Main.FINDINGS);
        assertEquals(Main.FINDINGS, Main.run("analyze", SAMPLES.resolve("contoso-fs01-bundle.zip").toString(),
                "--out", quick.toString(), "--no-index", "--quiet"));
        JsonNode rulesOnly = JSON.readTree(quick.resolve("findings.json").toFile());
        assertEquals(findingsOf(indexed), findingsOf(rulesOnly));
        assertFalse(Files.exists(quick.resolve("index")), "no index folder");
        assertTrue(Files.isDirectory(out.resolve("index")));
        assertTrue(rulesOnly.get("notes").toString().contains("--no-index"), rulesOnly.get("notes").toString());
        assertTrue(finding(indexed, "MARS-34513").get("evidence").get(0).has("context"), "lines around the evidence");
        assertFalse(finding(rulesOnly, "MARS-34513").get("evidence").get(0).has("context"));
    }

    @Test
    void eachEventRuleIsAnnouncedOnStderrWhenItsFirstLineIsRead(@TempDir Path quiet) throws Exception {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        String loud;
        String silent;
        try {
            analyze("contoso-fs01-bundle.zip", Main.FINDINGS);
            loud = err.toString(java.nio.charset.StandardCharsets.UTF_8);
            err.reset();
            Main.run("analyze", SAMPLES.resolve("contoso-fs01-bundle.zip").toString(), "--out", quiet.toString(),
                    "--quiet");
            silent = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        } finally {
            System.setErr(saved);
        }
        assertTrue(loud.matches("(?s).*found critical MARS-0x1FC07 at Temp/CBEngineCurr\\.errlog:8 \\(\\d+\\.\\d s\\).*"), loud);
        assertTrue(loud.contains("found error    MARS-34513 at Temp/CBEngineCurr.errlog:4 ("), loud);
        assertFalse(loud.contains("COND-"), "facts conditions are decided at the end: " + loud);
        assertFalse(silent.contains("found "), silent);
    }

    @Test
    void sampleBundleNamesEveryKnownProblemWithItsEvidence() throws Exception {
        JsonNode report = analyze("contoso-fs01-bundle.zip", Main.FINDINGS);

        assertEquals(List.of("Temp/CBEngineCurr.errlog:4"), evidence(finding(report, "MARS-34513")),
                "the file count on line 2 and the longer ID on line 10 are near misses");
        assertEquals("2026-10-21T21:02:21.902Z", finding(report, "MARS-34513").get("evidence").get(0).get("time").asText());
        assertEquals(List.of("Temp/CBEngineCurr.errlog:5", "more/gateway-logs.zip!/Temp/GatewayProvider0.errlog:2"),
                evidence(finding(report, "MARS-100050")));
        assertEquals(2, finding(report, "MARS-100050").get("count").asInt());
        assertEquals(List.of("Temp/CBEngineCurr.errlog:8"), evidence(finding(report, "MARS-0x1FC07")));
        assertEquals("critical", finding(report, "MARS-0x1FC07").get("severity").asText());
        assertEquals(List.of("Temp/CBEngineCurr.errlog:9"), evidence(finding(report, "MARS-34506")));
        assertEquals(List.of("commands/output_01.txt:6"), evidence(finding(report, "COND-POWERSHELL-BELOW-3")));
        assertEquals(List.of("commands/Get-ExecutionPolicy.txt:9"), evidence(finding(report, "COND-EXECUTION-POLICY-RESTRICTED")));
        assertTrue(finding(report, "MARS-34513").get("evidence").get(0).get("text").asText().contains("(ID: 34513)"));

        // the CloudBackup event log (samples/evtx_writer.py): the last four days of the job history
        String log = "Logs/CloudBackup%4Operational.evtx";
        assertEquals(List.of(log + " record 4111 2026-10-18T13:20:12.963Z",
                log + " record 4112 2026-10-19T12:30:00.271Z",
                log + " record 4118 2026-10-21T13:47:55.123Z"), records(finding(report, "MARS-JOB-ERRORS")),
                "a job with warnings (10), a scheduled backup that did not start (18), a job with errors (11)");
        assertEquals(List.of(log + " record 4109 2026-10-18T00:00:15.887Z"),
                records(finding(report, "MARS-AGENT-UPGRADE-NOTICE")));
        JsonNode schedule = finding(report, "COND-SCHEDULED-FAILS-MANUAL-WORKS");
        assertEquals("error", schedule.get("severity").asText());
        assertEquals(List.of(log + " record 4112 2026-10-19T12:30:00.271Z",
                log + " record 4114 2026-10-20T03:38:47.662Z"), records(schedule),
                "the scheduled backup that did not start and the manual backup that completed the next day");
        assertNull(finding(report, "MARS-STORAGE-QUOTA"), "the quota event is older than the log's first record");

        // most severe first
        assertEquals("critical", report.get("findings").get(0).get("severity").asText());

        JsonNode bundle = report.get("bundle");
        assertEquals(64, bundle.get("sha256").asText().length());
        assertFalse(bundle.get("analyzedAt").asText().isEmpty());
    }

    @Test
    void inventoryListsEveryEntryIncludingNestedOnes() throws Exception {
        JsonNode report = analyze("contoso-fs01-bundle.zip", Main.FINDINGS);
        List<String> lines = new ArrayList<>();
        for (JsonNode item : report.get("inventory")) {
            lines.add(item.get("path").asText() + " " + item.get("kind").asText() + " " + item.get("status").asText());
            if (!item.get("status").asText().equals("parsed")) {
                assertFalse(item.get("reason").isNull(), item + " has no reason");
            }
        }
        assertTrue(lines.contains("Temp/CBEngineCurr.errlog errlog parsed"), lines.toString());
        assertTrue(lines.contains("commands/output_01.txt ps-version-table parsed"), lines.toString());
        assertTrue(lines.contains("commands/Get-ExecutionPolicy.txt execution-policy parsed"), lines.toString());
        assertTrue(lines.contains("more/gateway-logs.zip!/Temp/GatewayProvider0.errlog errlog parsed"), lines.toString());
        assertTrue(lines.contains("more/gateway-logs.zip!/notes.txt unknown skipped"), lines.toString());
        assertTrue(lines.contains("Logs/CloudBackup%4Operational.evtx evtx parsed"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("more/gateway-logs.zip ")), lines.toString());
        for (JsonNode item : report.get("inventory")) {
            if (item.get("path").asText().equals("Temp/CBEngineCurr.errlog")) {
                assertEquals("UTF-16LE", item.get("charset").asText());
                assertEquals(9, item.get("records").asInt(), "10 lines, one a continuation of the line before");
            }
            if (item.get("path").asText().equals("Logs/CloudBackup%4Operational.evtx")) {
                assertEquals(10, item.get("records").asInt(), "records 4109 to 4118");
                assertTrue(item.get("reason").isNull(), "a clean log has nothing to say: " + item);
            }
        }
    }

    @Test
    void writesHtmlReportAndLuceneIndex() throws Exception {
        analyze("contoso-fs01-bundle.zip", Main.FINDINGS);
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("id=\"MARS-34513\""), "deep link anchor");
        assertTrue(html.replaceAll("<[^>]+>", "").contains("Temp/CBEngineCurr.errlog:4"), "evidence file:line");
        assertFalse(html.contains("<script src"), "self-contained");
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(out.resolve("index")))) {
            assertTrue(reader.numDocs() >= 21, "9 + 2 trace lines, 10 event records and the facts are indexed: "
                    + reader.numDocs());
        }
    }

    @Test
    void koreanReport() throws Exception {
        JsonNode report = analyze("contoso-fs01-bundle.zip", Main.FINDINGS, "--lang", "ko");
        assertTrue(finding(report, "MARS-34513").get("title").asText().contains("자격 증명"));
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("lang=\"ko\""));
        assertTrue(html.contains("자격 증명"));
    }

    @Test
    void damagedEntryIsNamedAndTheRestIsAnalyzed() throws Exception {
        JsonNode report = analyze("damaged-bundle.zip", Main.FINDINGS);
        JsonNode damaged = null;
        for (JsonNode item : report.get("inventory")) {
            if (item.get("path").asText().equals("commands/output_01.txt")) {
                damaged = item;
            }
        }
        assertEquals("failed", damaged.get("status").asText());
        assertFalse(damaged.get("reason").asText().isBlank());
        assertEquals(List.of("commands/output_01.txt:0"), evidence(finding(report, "BUNDLE-FILE-UNREADABLE")));
        assertNull(finding(report, "COND-POWERSHELL-BELOW-3"));
        boolean notEvaluated = false;
        for (JsonNode n : report.get("notEvaluated")) {
            notEvaluated |= n.get("rule").asText().equals("COND-POWERSHELL-BELOW-3") && n.get("missing").asText().contains("$PSVersionTable");
        }
        assertTrue(notEvaluated, "the PowerShell rule says what to collect instead of passing");
        assertEquals(List.of("Temp/CBEngineCurr.errlog:4"), evidence(finding(report, "MARS-34513")), "the rest is analyzed");
    }

    @Test
    void exitCodes(@TempDir Path tmp) throws Exception {
        assertEquals(Main.FAILED, Main.run("analyze", tmp.resolve("nope.zip").toString(), "--out", out.toString()));
        Path text = Files.writeString(tmp.resolve("readme.zip"), "not an archive at all");
        assertEquals(Main.FAILED, Main.run("analyze", text.toString(), "--out", out.toString()));
        assertEquals(Main.USAGE, Main.run("analyze"));
        assertEquals(Main.USAGE, Main.run("analyze", SAMPLES.resolve("contoso-fs01-bundle.zip").toString(), "--lang", "fr"));
        assertEquals(Main.USAGE, Main.run("analyze", SAMPLES.resolve("contoso-fs01-bundle.zip").toString(), "--bogus"));
        Path quiet = Files.createDirectories(tmp.resolve("quiet"));
        Files.writeString(quiet.resolve("notes.txt"), "nothing to see");
        assertEquals(Main.OK, Main.run("analyze", quiet.toString(), "--out", out.resolve("q").toString()));
        assertEquals(Main.USAGE, Main.run("analyze", quiet.toString(), "--out", quiet.resolve("report").toString()),
                "an output folder inside the bundle folder would be read as it is written");
        assertEquals(Main.USAGE, Main.run("analyze", quiet.toString(), "--max-bundle-time", "soon"));
        assertEquals(Main.USAGE, Main.run("analyze", quiet.toString(), "--max-line-chars", "0"));
    }

    @Test
    void badUserRuleFileIsAUsageError(@TempDir Path rules) throws Exception {
        Files.writeString(rules.resolve("bad.yaml"), "- id: X-1\n  severity: loud\n");
        assertEquals(Main.USAGE, Main.run("analyze", SAMPLES.resolve("contoso-fs01-bundle.zip").toString(),
                "--out", out.toString(), "--rules", rules.toString()));
    }
}
