package dev.bundleanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.bundle.BundleLimits;
import dev.bundleanalyzer.bundle.InventoryItem;
import dev.bundleanalyzer.report.AnalysisReport;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.Finding;
import dev.bundleanalyzer.rules.Group;
import dev.bundleanalyzer.rules.Rule;
import dev.bundleanalyzer.rules.RuleLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One CloudBackup job history (samples/make_samples.py, JOBS) in the four forms a bundle brings it in: the
 * .evtx itself, Event Viewer's CSV of a Korean Windows (local times), {@code wevtutil qe /f:xml} and
 * {@code wevtutil qe /f:text} (local times). Each is analyzed alone with the machine's {@code tzutil /g}, and the
 * four must tell the same story: the same records, the same findings with the same counts, and evidence at the
 * same UTC instants. Event Viewer's CSV has whole seconds only, so times are compared to the second.
 */
class EventFormatsTest {

    private static final Path JOBS = Path.of("src", "test", "resources", "dev", "bundleanalyzer", "analysis", "jobs");
    private static final int RECORDS = 18;

    /** Export file, the kind it must be read as, whether its records carry their record IDs. */
    private record Format(String file, String kind, boolean recordIds) {
    }

    private static final List<Format> FORMATS = List.of(
            new Format("CloudBackup-Operational.evtx", "evtx", true),
            new Format("CloudBackup%4Operational.csv", "eventlog-csv", false),
            new Format("CloudBackup-Operational.xml", "eventlog-xml", true),
            new Format("CloudBackup-Operational.txt", "eventlog-text", false));

    /** The jobs that ended with errors (11) or warnings (10) or failed to start (18), in UTC, with their records. */
    private static final Map<Instant, Long> JOB_ERRORS = new LinkedHashMap<>();

    static {
        JOB_ERRORS.put(Instant.parse("2026-10-15T13:41:10Z"), 4104L); // 11, 22:41:10 KST
        JOB_ERRORS.put(Instant.parse("2026-10-17T12:30:00Z"), 4108L); // 18
        JOB_ERRORS.put(Instant.parse("2026-10-18T13:20:12Z"), 4111L); // 10
        JOB_ERRORS.put(Instant.parse("2026-10-19T12:30:00Z"), 4112L); // 18
        JOB_ERRORS.put(Instant.parse("2026-10-21T13:47:55Z"), 4118L); // 11
    }

    private static final Instant UPGRADE_NOTICE = Instant.parse("2026-10-18T00:00:15Z"); // 14, 09:00:15 KST
    private static final Instant QUOTA = Instant.parse("2026-10-16T13:02:34Z");          // 16

    @TempDir
    static Path tmp;
    private static List<Rule> rules;
    private static final Map<String, AnalysisReport> REPORTS = new LinkedHashMap<>();

    @BeforeAll
    static void analyzeEachFormat() throws Exception {
        rules = new RuleLoader().loadCatalogue();
        for (Format f : FORMATS) {
            REPORTS.put(f.kind(), analyze(f.file(), true));
        }
    }

    /**
     * A zip of the export (under EventLogs/) and, when asked, the machine's tzutil /g output: after the export, so
     * that the readers of local times must wait for it (see LocalTimeReadersTest).
     */
    private static AnalysisReport analyze(String export, boolean withZone) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "bundle");
        Path zip = dir.resolve("bundle.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            add(out, "EventLogs/" + export, JOBS.resolve(export));
            if (withZone) {
                add(out, "commands/tzutil.txt", JOBS.resolve("tzutil.txt"));
            }
        }
        return new BundleAnalyzer(rules, BundleLimits.DEFAULTS, 1).analyze(zip, dir.resolve("index"));
    }

    private static void add(ZipOutputStream out, String entry, Path file) throws IOException {
        out.putNextEntry(new ZipEntry(entry));
        Files.copy(file, out);
        out.closeEntry();
    }

    private static Finding finding(AnalysisReport report, String rule) {
        return report.findings().stream().filter(f -> f.rule().equals(rule)).findFirst().orElse(null);
    }

    private static List<Instant> seconds(Finding f) {
        List<Instant> times = new ArrayList<>();
        for (Evidence e : f.evidence()) {
            assertNotNull(e.time(), f.rule() + " evidence without a time: " + e);
            times.add(e.time().truncatedTo(ChronoUnit.SECONDS));
        }
        return times;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"evtx", "eventlog-csv", "eventlog-xml", "eventlog-text"})
    void theInventoryListsTheExportWithItsKindAndEveryRecord(String kind) {
        Format format = FORMATS.stream().filter(f -> f.kind().equals(kind)).findFirst().orElseThrow();
        AnalysisReport report = REPORTS.get(kind);
        InventoryItem item = report.inventory().stream()
                .filter(i -> i.path().equals("EventLogs/" + format.file())).findFirst().orElseThrow();
        assertEquals(kind, item.kind(), item.toString());
        assertEquals(InventoryItem.Status.PARSED, item.status(), item.toString());
        assertEquals(RECORDS, item.records(), item.toString());
        assertNull(item.reason(), "a clean export has nothing to say: " + item);
        assertEquals(RECORDS, report.events(), "every record is indexed");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"evtx", "eventlog-csv", "eventlog-xml", "eventlog-text"})
    void theCloudBackupRulesFireOnTheSameEventsAtTheSameInstants(String kind) {
        AnalysisReport report = REPORTS.get(kind);
        Finding jobs = finding(report, "MARS-JOB-ERRORS");
        assertNotNull(jobs, kind + ": " + report.findings().stream().map(Finding::rule).toList());
        assertEquals(5, jobs.count(), kind);
        assertEquals(List.of(new Group("11", 2), new Group("18", 2), new Group("10", 1)), jobs.groups(), kind);
        assertEquals(new ArrayList<>(JOB_ERRORS.keySet()), seconds(jobs), kind + ": UTC times of the job errors");

        Finding upgrade = finding(report, "MARS-AGENT-UPGRADE-NOTICE");
        assertNotNull(upgrade, kind);
        assertEquals(1, upgrade.count(), kind);
        assertEquals(List.of(UPGRADE_NOTICE), seconds(upgrade), kind);

        Finding quota = finding(report, "MARS-STORAGE-QUOTA");
        assertNotNull(quota, kind);
        assertEquals(1, quota.count(), kind);
        assertEquals(List.of(QUOTA), seconds(quota), kind);

        for (Finding f : List.of(jobs, upgrade, quota)) {
            for (Evidence e : f.evidence()) {
                assertEquals("EventLogs/" + FORMATS.stream().filter(x -> x.kind().equals(kind)).findFirst()
                        .orElseThrow().file(), e.file(), kind);
            }
        }
    }

    @Test
    void theFourFormatsGiveTheSameFindings() {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        REPORTS.forEach((kind, report) -> {
            Map<String, Long> byRule = new LinkedHashMap<>();
            for (Finding f : report.findings()) {
                if (f.rule().startsWith("MARS-") || f.rule().equals("COND-SCHEDULED-FAILS-MANUAL-WORKS")) {
                    byRule.put(f.rule(), f.count());
                }
            }
            counts.put(kind, byRule);
        });
        Map<String, Long> evtx = counts.get("evtx");
        assertTrue(evtx.containsKey("COND-SCHEDULED-FAILS-MANUAL-WORKS"),
                "event 18 and a completed job (3) in the same week: " + evtx);
        counts.forEach((kind, byRule) -> assertEquals(evtx, byRule, kind + " against evtx"));
    }

    @Test
    void evtxAndXmlEvidenceNamesTheRecordTheExportsWithoutRecordIdsDoNot() {
        for (Format f : FORMATS) {
            Finding jobs = finding(REPORTS.get(f.kind()), "MARS-JOB-ERRORS");
            List<Long> records = jobs.evidence().stream().map(Evidence::record).toList();
            if (f.recordIds()) {
                assertEquals(new ArrayList<>(JOB_ERRORS.values()), records, f.kind());
            } else {
                assertTrue(records.stream().allMatch(r -> r == null), f.kind() + ": " + records);
                assertTrue(jobs.evidence().stream().allMatch(e -> e.line() > 0), f.kind() + " evidence has its line");
            }
        }
    }

    @Test
    void theEvtxIsReadWithoutAnyNote() {
        AnalysisReport report = REPORTS.get("evtx");
        assertTrue(report.notes().stream().noneMatch(n -> n.contains("CloudBackup-Operational.evtx")),
                "checksums, sizes and records of the written file are all as Windows writes them: " + report.notes());
    }

    @Test
    void withoutTheMachineZoneTheCsvTimesAreReadAsUtcAndTheReportSaysSo() throws Exception {
        AnalysisReport report = analyze("CloudBackup%4Operational.csv", false);
        Finding jobs = finding(report, "MARS-JOB-ERRORS");
        assertNotNull(jobs);
        assertEquals(5, jobs.count());
        // the local wall-clock times of Korea (UTC+9), taken for UTC
        List<Instant> shifted = JOB_ERRORS.keySet().stream().map(t -> t.plus(9, ChronoUnit.HOURS)).toList();
        assertEquals(shifted, seconds(jobs));

        Finding assumed = finding(report, "BUNDLE-TIME-ASSUMED");
        assertNotNull(assumed, report.findings().stream().map(Finding::rule).toList().toString());
        assertTrue(assumed.evidence().stream().anyMatch(e -> e.file().equals("EventLogs/CloudBackup%4Operational.csv")
                && e.text().contains("read as UTC")), assumed.evidence().toString());
    }

    @Test
    void withTheMachineZoneNoExportTimeIsAssumed() {
        for (String kind : List.of("eventlog-csv", "eventlog-text")) {
            Finding assumed = finding(REPORTS.get(kind), "BUNDLE-TIME-ASSUMED");
            if (assumed != null) {
                assertFalse(assumed.evidence().stream().anyMatch(e -> e.file().startsWith("EventLogs/")),
                        kind + ": " + assumed.evidence());
            }
        }
    }
}
