package dev.bundleanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bundleanalyzer.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limits on time and memory, seen from the command line: what the engineer reads when one is reached. */
class ResourceLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GUID = "0517B3DB-347D-45A8-9DAB-FD7D1EA7D134";

    @TempDir
    Path work;

    private static String traceLine(String time, String level, String message) {
        return String.join("\t", "0B10", "1A2C", "10/21", time, "03", "registrationhelper.cs(211)", "", GUID, level,
                message) + "\r\n";
    }

    private Path zip(String name, String... entries) throws Exception {
        Path zip = work.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < entries.length; i += 2) {
                out.putNextEntry(new ZipEntry(entries[i]));
                out.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    private JsonNode analyze(Path bundle, Path out, int exit, String... extra) throws Exception {
        String[] args = Stream.concat(Stream.of("analyze", bundle.toString(), "--out", out.toString()), Stream.of(extra))
                .toArray(String[]::new);
        assertEquals(exit, Main.run(args));
        return JSON.readTree(out.resolve("findings.json").toFile());
    }

    private static JsonNode line(JsonNode report, String path) {
        for (JsonNode item : report.get("inventory")) {
            if (item.get("path").asText().equals(path)) {
                return item;
            }
        }
        throw new AssertionError(path + " is not in the inventory");
    }

    @Test
    void aLineLongerThanTheLimitIsCutSaidOnItsInventoryLineAndTheLinesAfterItAreRead() throws Exception {
        String log = traceLine("21:00:01.004", "NORMAL", "Service started")
                + traceLine("21:00:02.000", "NORMAL", "payload " + "Q".repeat(300_000))
                + traceLine("21:02:21.902", "FATAL", "Invalid vault credentials provided. (ID: 34513)");
        JsonNode report = analyze(zip("long.zip", "Temp/CBEngineCurr.errlog", log), work.resolve("out"), Main.FINDINGS,
                "--max-line-chars", "1000");

        JsonNode item = line(report, "Temp/CBEngineCurr.errlog");
        assertEquals("parsed", item.get("status").asText());
        assertTrue(item.get("reason").asText().startsWith("line 2 is longer than 1000 characters: cut to that length"),
                item.get("reason").asText());
        assertTrue(report.toString().contains("MARS-34513"), "the line after the long one is still read");
    }

    @Test
    void theBundleTimeLimitEndsWithAReportThatSaysWhatWasNotFinished() throws Exception {
        String log = traceLine("21:02:21.902", "FATAL", "Invalid vault credentials provided. (ID: 34513)");
        String[] entries = new String[40];
        for (int i = 0; i < 20; i++) {
            entries[2 * i] = "Temp/CBEngine" + i + ".errlog";
            entries[2 * i + 1] = log;
        }
        Path out = work.resolve("out");
        JsonNode report = analyze(zip("many.zip", entries), out, Main.OK, "--max-bundle-time", "1ms", "--jobs", "1");

        String notes = report.get("notes").toString();
        assertTrue(notes.contains("WARNING: the bundle was not read to its end (the bundle time limit of 1 ms was"
                + " reached): the findings cover what was read"), notes);
        JsonNode whole = report.get("inventory").get(0);
        assertEquals("many.zip", whole.get("path").asText());
        assertTrue(whole.get("reason").asText().startsWith("the bundle time limit of 1 ms was reached"),
                whole.get("reason").asText());
        assertTrue(Files.exists(out.resolve("report.html")), "the report is written all the same");
    }

    @Test
    void waitingEntriesAreSpooledInsideTheOutputFolderAndRemoved() throws Exception {
        // an Event Viewer CSV writes local times: it waits in a spool file for the machine's time zone
        String csv = "Level,Date and Time,Source,Event ID,Task Category\r\n"
                + "Error,10/21/2026 9:02:21 PM,CloudBackup,5,None,\"Backup failed\"\r\n";
        Path out = work.resolve("out");
        String[] args = {"analyze", zip("csv.zip", "Logs/CloudBackup.csv", csv).toString(), "--out", out.toString()};
        Main.run(args);
        JsonNode report = JSON.readTree(out.resolve("findings.json").toFile());
        assertEquals("parsed", line(report, "Logs/CloudBackup.csv").get("status").asText());
        try (Stream<Path> files = Files.list(out)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("findings.json", "index", "report.html", "summary.md"), names);
        }
    }
}
