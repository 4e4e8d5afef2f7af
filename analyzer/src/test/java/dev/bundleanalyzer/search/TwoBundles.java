package dev.bundleanalyzer.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bundleanalyzer.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Two small bundles from two machines, analyzed into a batch-like folder: {@code alpha.zip} (host FS01) at
 * {@code batch/alpha.zip.report}, {@code bravo.zip} (host SQL02) one level deeper at
 * {@code batch/site-b/bravo.zip.report}. Their trace lines, by time:
 * <pre>
 *   2026-10-20T08:00:00.000Z  alpha:1  NORMAL    service started
 *   2026-10-20T09:15:00.000Z  alpha:2  FATAL     vault credentials (ID: 34513)
 *   2026-10-20T10:00:00.000Z  bravo:1  NORMAL    service started
 *   2026-10-21T12:00:00.000Z  bravo:2  FATAL     vault credentials (ID: 34513)
 *   2026-10-21T22:30:00.015Z  alpha:3  FATAL     cannot connect (ID: 100050)
 *   2026-10-22T01:00:00.000Z  bravo:3  CRITICAL  passphrase, Error 34506
 *   2026-10-22T03:20:00.000Z  alpha:4  WARNING   Job 7 ... (ID: 345130), a near miss for 34513
 * </pre>
 */
final class TwoBundles {

    static final String LOG = "Temp/CBEngineCurr.errlog";
    private static final String GUID = "0517B3DB-347D-45A8-9DAB-FD7D1EA7D134";
    /** Trace lines carry no year: the analyzer takes it from the entry's time. */
    private static final Instant MODIFIED = Instant.parse("2026-10-22T06:30:00Z");
    private static final String STARTED = "CBEngine service started, agent version 2.0.9262.0";
    private static final String CREDENTIALS = "Invalid vault credentials provided. The file is either corrupted or"
            + " doesn't have the latest credentials associated with recovery service. (ID: 34513)";

    final Path batch;
    final Path alpha;
    final Path bravo;

    private TwoBundles(Path batch, Path alpha, Path bravo) {
        this.batch = batch;
        this.alpha = alpha;
        this.bravo = bravo;
    }

    static TwoBundles analyze(Path work) throws IOException {
        Path batch = work.resolve("batch");
        Path alpha = batch.resolve("alpha.zip.report");
        Path bravo = batch.resolve("site-b").resolve("bravo.zip.report");
        analyze(bundle(work.resolve("alpha.zip"), "FS01", List.of(
                trace("10/20", "08:00:00.000", "cbengine.cpp(120)", "NORMAL", STARTED),
                trace("10/20", "09:15:00.000", "registrationhelper.cs(240)", "FATAL", CREDENTIALS),
                trace("10/21", "22:30:00.015", "cbpnetworkcalls.cpp(412)", "FATAL", "The Microsoft Azure Recovery"
                        + " Service Agent was unable to connect to Microsoft Azure Backup. (ID: 100050)"),
                trace("10/22", "03:20:00.000", "cbpjob.cpp(301)", "WARNING", "Job 7 finished with status (ID: 345130)"))),
                alpha);
        analyze(bundle(work.resolve("bravo.zip"), "SQL02", List.of(
                trace("10/20", "10:00:00.000", "cbengine.cpp(120)", "NORMAL", STARTED),
                trace("10/21", "12:00:00.000", "registrationhelper.cs(240)", "FATAL", CREDENTIALS),
                trace("10/22", "01:00:00.000", "passphrasemgr.cs(45)", "CRITICAL", "Error 34506. The encryption"
                        + " passphrase stored on this computer is not correctly configured."))),
                bravo);
        return new TwoBundles(batch, alpha, bravo);
    }

    private static void analyze(Path bundle, Path out) {
        Run run = Run.of("analyze", bundle.toString(), "--out", out.toString());
        assertEquals(Main.FINDINGS, run.exit(), "both bundles have error findings: " + run.err());
    }

    private static String trace(String day, String time, String source, String level, String message) {
        return String.join("\t", "0B10", "1A2C", day, time, "03", source, "", GUID, level, message);
    }

    private static Path bundle(Path zip, String host, List<String> lines) throws IOException {
        String systeminfo = String.join("\r\n", "",
                "Host Name:                 " + host,
                "OS Name:                   Microsoft Windows Server 2019 Datacenter",
                "OS Version:                10.0.17763 N/A Build 17763",
                "System Boot Time:          10/18/2026, 7:02:11 AM",
                "Time Zone:                 (UTC+09:00) Seoul", "");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            entry(out, LOG, String.join("\r\n", lines) + "\r\n");
            entry(out, "commands/systeminfo.txt", systeminfo);
        }
        return zip;
    }

    private static void entry(ZipOutputStream out, String name, String text) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setLastModifiedTime(FileTime.from(MODIFIED));
        out.putNextEntry(entry);
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    /** One run of the command line, with what it printed. */
    record Run(int exit, String out, String err) {

        static Run of(String... args) {
            PrintStream stdout = System.out;
            PrintStream stderr = System.err;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                exit = Main.run(args);
            } finally {
                System.setOut(stdout);
                System.setErr(stderr);
            }
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }

        /** The hit lines, without the count line at the end. */
        List<String> hits() {
            List<String> lines = out.lines().toList();
            return lines.subList(0, Math.max(0, lines.size() - 1));
        }

        String countLine() {
            List<String> lines = out.lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }
}
