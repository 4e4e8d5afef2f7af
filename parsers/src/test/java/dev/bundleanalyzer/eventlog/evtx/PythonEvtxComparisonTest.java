package dev.bundleanalyzer.eventlog.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bundleanalyzer.parse.LogEvent;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Record by record against python-evtx ({@code evtx_dump.py}, Debian package {@code python3-evtx}): same records
 * in the same order with the same EventRecordID, EventID, TimeCreated (within the rounding of python-evtx) and
 * provider, on the corpus and on the CloudBackup log that samples/evtx_writer.py writes. Skipped when the tool is
 * not installed.
 */
class PythonEvtxComparisonTest {

    private static final Pattern RECORD_ID = Pattern.compile("<EventRecordID>(\\d+)</EventRecordID>");
    private static final Pattern EVENT_ID = Pattern.compile("<EventID[^>]*>(\\d+)</EventID>");
    private static final Pattern TIME = Pattern.compile("<TimeCreated SystemTime=\"([^\"]+)\"");
    private static final Pattern PROVIDER = Pattern.compile("<Provider Name=\"([^\"]*)\"");

    record Expected(long recordId, int eventId, LocalDateTime time, String provider) {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"system.evtx", "security.evtx", "sysmon.evtx", "new-user-security.evtx",
        "sample-with-irregular-bool-values.evtx", "Application_no_crc32.evtx"})
    void sameRecordsAsPythonEvtx(String name) throws Exception {
        compare(EvtxCorpus.file(name), name);
    }

    /** The log samples/evtx_writer.py writes for the job-history tests (samples/make_samples.py). */
    @Test
    void sameRecordsAsPythonEvtxOnTheWrittenCloudBackupLog() throws Exception {
        Path file = Path.of("..", "analyzer", "src", "test", "resources", "dev", "bundleanalyzer", "analysis", "jobs",
                "CloudBackup-Operational.evtx");
        assumeTrue(Files.isRegularFile(file), "not found: " + file.toAbsolutePath().normalize());
        compare(file, "CloudBackup-Operational.evtx");
    }

    private static void compare(Path file, String name) throws Exception {
        Path tool = findTool();
        assumeTrue(tool != null, "evtx_dump.py not installed (apt-get install python3-evtx)");
        List<Expected> expected = dump(tool, file);
        List<LogEvent> ours = EvtxCorpus.parse(file, name).events;
        assertTrue(expected.size() >= 4, "python-evtx gave " + expected.size() + " records");
        assertEquals(expected.size(), ours.size(), "record count");
        for (int i = 0; i < expected.size(); i++) {
            Expected e = expected.get(i);
            LogEvent o = ours.get(i);
            String where = name + " record #" + i + " (" + e.recordId() + ")";
            assertEquals(e.recordId(), o.record(), where);
            assertEquals(e.eventId(), o.eventId(), where);
            assertEquals(e.provider(), o.component(), where);
            LocalDateTime mine = LocalDateTime.ofInstant(o.time(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            long diff = Math.abs(ChronoUnit.MICROS.between(e.time(), mine));
            // python-evtx converts FILETIME through a double: a few microseconds of rounding
            assertTrue(diff <= 10, where + ": " + mine + " vs " + e.time());
        }
    }

    private static List<Expected> dump(Path tool, Path file) throws IOException, InterruptedException {
        Path out = Files.createTempFile("evtx-dump", ".xml");
        Path err = Files.createTempFile("evtx-dump", ".err");
        try {
            // run through its own interpreter line: the python3 first on the PATH may lack the module
            ProcessBuilder pb = new ProcessBuilder(command(tool, file))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("PYTHONIOENCODING", "utf-8");
            Process p = pb.start();
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "evtx_dump.py timed out");
            assertEquals(0, p.exitValue(), () -> "evtx_dump.py failed: " + readQuietly(err));
            String xml = Files.readString(out, StandardCharsets.UTF_8);
            List<Expected> records = new ArrayList<>();
            for (String part : xml.split("<Event xmlns=")) {
                Matcher id = RECORD_ID.matcher(part);
                if (!id.find()) {
                    continue;
                }
                Matcher ev = EVENT_ID.matcher(part);
                Matcher time = TIME.matcher(part);
                Matcher provider = PROVIDER.matcher(part);
                assertTrue(ev.find() && time.find() && provider.find(), part);
                String t = time.group(1).replace(' ', 'T');
                records.add(new Expected(Long.parseLong(id.group(1)), Integer.parseInt(ev.group(1)),
                        LocalDateTime.parse(t), provider.group(1)));
            }
            return records;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static List<String> command(Path tool, Path file) throws IOException {
        String first;
        try (var reader = Files.newBufferedReader(tool, StandardCharsets.UTF_8)) {
            first = reader.readLine();
        }
        List<String> cmd = new ArrayList<>();
        if (first != null && first.startsWith("#!")) {
            cmd.addAll(List.of(first.substring(2).trim().split("\\s+")));
        } else {
            cmd.add("python3");
        }
        cmd.add(tool.toString());
        cmd.add(file.toString());
        return cmd;
    }

    private static String readQuietly(Path p) {
        try {
            String s = Files.readString(p, StandardCharsets.UTF_8);
            return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Path findTool() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "evtx_dump.py");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
