package dev.bundleanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle holding every real .evtx file of the shared corpus (damaged ones included, one of them under a name
 * that does not say what it is) and the event-log export samples: every record must be accounted for in the
 * inventory, at least as many as the lower of the two reference parsers found (shared/corpus/evtx/REFERENCE.md),
 * and every damaged file must say what was wrong with it where the engineer reads the inventory.
 */
class EventLogBundleTest {

    private static final Path CORPUS = Path.of("..", "..", "shared", "corpus", "evtx");
    private static final Path EXPORTS = Path.of("..", "parsers", "src", "test", "resources", "dev", "bundleanalyzer",
            "eventlog");
    private static final String RENAMED = "Logs/copy-of-system.dat";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    private static JsonNode report;
    private static String html;

    @BeforeAll
    static void analyzeTheBundle() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(CORPUS),
                "the shared EVTX corpus is not beside this checkout: " + CORPUS.toAbsolutePath());
        Path bundle = work.resolve("eventlogs.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bundle))) {
            for (String name : reference().keySet()) {
                String entry = name.equals("system.evtx") ? RENAMED : "Logs/" + name;
                add(zip, entry, CORPUS.resolve(name));
            }
            for (String export : List.of("viewer-en.csv", "viewer-de.csv", "viewer-ko.csv", "exportcsv-type.csv",
                    "exportcsv-semicolon.csv", "wevtutil-events.xml", "wevtutil-rooted.xml", "wevtutil-text.txt")) {
                add(zip, "Exports/" + export, EXPORTS.resolve(export));
            }
        }
        Path out = work.resolve("report");
        int exit = Main.run(new String[] {"analyze", bundle.toString(), "--out", out.toString()});
        assertTrue(exit == Main.OK || exit == Main.FINDINGS, "exit " + exit);
        report = JSON.readTree(out.resolve("findings.json").toFile());
        html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    }

    private static void add(ZipOutputStream zip, String entry, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(entry));
        Files.copy(file, zip);
        zip.closeEntry();
    }

    /** Lower record count of the two reference parsers, per corpus file, as REFERENCE.md gives them. */
    private static Map<String, Integer> reference() throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (Stream<String> lines = Files.lines(CORPUS.resolve("REFERENCE.md"))) {
            lines.filter(l -> l.startsWith("| ") && l.contains(".evtx")).forEach(l -> {
                String[] cells = l.split("\\|");
                counts.put(cells[1].strip(), Math.min(Integer.parseInt(cells[2].strip()),
                        Integer.parseInt(cells[3].strip())));
            });
        }
        assertTrue(counts.size() >= 8, "REFERENCE.md lists the corpus: " + counts);
        return counts;
    }

    private static JsonNode item(String path) {
        for (JsonNode item : report.get("inventory")) {
            if (item.get("path").asText().equals(path)) {
                return item;
            }
        }
        throw new AssertionError(path + " is not in the inventory");
    }

    @Test
    void everyCorpusFileGivesAtLeastTheReferenceRecords() throws IOException {
        for (Map.Entry<String, Integer> ref : reference().entrySet()) {
            String path = ref.getKey().equals("system.evtx") ? RENAMED : "Logs/" + ref.getKey();
            JsonNode item = item(path);
            assertEquals("evtx", item.get("kind").asText(), path);
            assertEquals("parsed", item.get("status").asText(), path);
            assertTrue(item.get("records").asInt() >= ref.getValue(),
                    path + ": " + item.get("records") + " records, reference " + ref.getValue());
        }
    }

    @Test
    void damagedFilesSayWhatWasWrongInTheInventory() {
        assertTrue(item("Logs/sample_with_a_bad_chunk_magic.evtx").get("reason").asText().contains("problems"));
        assertTrue(report.get("notes").toString().contains("no ElfChnk magic"), "the skipped chunk is named");
        assertTrue(item("Logs/Application_no_crc32.evtx").get("reason").asText().contains("checksum"));
        assertTrue(item("Logs/security_bad_string_cache.evtx").get("reason").asText().contains("checksum"));
        assertTrue(item("Logs/new-user-security.evtx").get("reason").isNull(), "an undamaged file has nothing to say");
    }

    @Test
    void exportsAreReadWithTheirKindAndRecords() {
        Map<String, Object[]> expected = new LinkedHashMap<>();
        expected.put("Exports/viewer-ko.csv", new Object[] {"eventlog-csv", 5});
        expected.put("Exports/wevtutil-events.xml", new Object[] {"eventlog-xml", 5});
        expected.put("Exports/wevtutil-text.txt", new Object[] {"eventlog-text", 3});
        expected.put("Exports/exportcsv-type.csv", new Object[] {"eventlog-exportcsv", 3});
        for (Map.Entry<String, Object[]> e : expected.entrySet()) {
            JsonNode item = item(e.getKey());
            assertEquals(e.getValue()[0], item.get("kind").asText(), e.getKey());
            assertEquals(e.getValue()[1], item.get("records").asInt(), e.getKey());
        }
    }

    @Test
    void everyRecordOfTheInventoryIsIndexedAndEveryFileIsInTheReport() {
        long records = 0;
        for (JsonNode item : report.get("inventory")) {
            assertNotNull(item.get("kind"));
            assertTrue(!item.get("status").asText().equals("failed"), item.toString());
            records += item.get("records").asLong();
            assertTrue(html.contains(item.get("path").asText()), item.get("path") + " is listed in report.html");
        }
        assertEquals(records, report.get("events").asLong(), "events indexed = records of the inventory");
    }

    @Test
    void cloudBackupErrorsOfTheExportsPointAtFileAndRecord() {
        JsonNode jobs = null;
        for (JsonNode f : report.get("findings")) {
            if (f.get("rule").asText().equals("MARS-JOB-ERRORS")) {
                jobs = f;
            }
        }
        assertNotNull(jobs, "the exports hold CloudBackup event 11");
        boolean xmlWithRecord = false;
        for (JsonNode e : jobs.get("evidence")) {
            if (e.get("file").asText().endsWith(".xml")) {
                xmlWithRecord |= e.hasNonNull("record") && e.get("record").asLong() > 0;
            }
        }
        assertTrue(xmlWithRecord, "XML evidence names its EventRecordID: " + jobs.get("evidence"));
    }
}
