package dev.bundleanalyzer.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * Real-looking secrets in a bundle's trace log and command capture must not reach any output: report.html,
 * findings.json, summary.md, nor the Lucene index files; the finding that quotes the line still fires.
 */
class RedactionEndToEndTest {

    private static final String SAS = "sig=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg%3D%3D";
    private static final String PASSWORD = "Winter2026!Backup";
    private static final String KEY = "bXlTdG9yYWdlQWNjb3VudEtleVZhbHVlMTIzNDU2Nzg5MA==";
    private static final List<String> SECRETS = List.of("Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg", PASSWORD, KEY);

    @TempDir
    Path work;

    private Path bundle() throws Exception {
        Path zip = work.resolve("secrets.zip");
        String guid = "0517B3DB-347D-45A8-9DAB-FD7D1EA7D134";
        String log = String.join("\t", "0B10", "1A2C", "10/21", "21:02:21.902", "03", "registrationhelper.cs(211)", "",
                guid, "FATAL", "Upload to https://x.blob.core.windows.net/c?sv=2022&" + SAS
                        + " failed; Invalid vault credentials provided. (ID: 34513)") + "\r\n"
                + String.join("\t", "0B10", "1A2C", "10/21", "21:02:22.000", "03", "proxy.cs(12)", "", guid, "NORMAL",
                "Proxy connection string: Server=proxy01;User Id=svc;Password=" + PASSWORD + ";AccountKey=" + KEY)
                + "\r\n";
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("Temp/CBEngineCurr.errlog"));
            out.write(log.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return zip;
    }

    @Test
    void noSecretReachesAnyOutput() throws Exception {
        Path out = work.resolve("report");
        assertEquals(Main.FINDINGS, Main.run(new String[] {"analyze", bundle().toString(), "--out", out.toString()}));
        String json = Files.readString(out.resolve("findings.json"));
        assertTrue(json.contains("MARS-34513"), "the finding still fires");
        assertTrue(json.contains("[REDACTED:sas-signature]"), "the evidence shows where the value was");
        assertTrue(json.contains("secret value(s) redacted"), "the report says how many were redacted");
        for (String secret : SECRETS) {
            assertFalse(storedInIndex(out.resolve("index"), secret), secret + " is stored in the index");
        }
        assertNoSecretIn(out);
    }

    /** Without an index the events are not cleaned as they are read: the evidence that reaches the report is. */
    @Test
    void noSecretReachesTheReportWithoutAnIndex() throws Exception {
        Path out = work.resolve("no-index");
        assertEquals(Main.FINDINGS, Main.run(new String[] {"analyze", bundle().toString(), "--out", out.toString(),
                "--no-index"}));
        String json = Files.readString(out.resolve("findings.json"));
        assertTrue(json.contains("MARS-34513"), "the finding still fires");
        assertTrue(json.contains("[REDACTED:sas-signature]"), "the evidence shows where the value was");
        assertNoSecretIn(out);
    }

    @Test
    void noRedactKeepsThemAndSaysSo() throws Exception {
        Path out = work.resolve("raw");
        assertEquals(Main.FINDINGS, Main.run(new String[] {"analyze", bundle().toString(), "--out", out.toString(),
                "--no-redact"}));
        String json = Files.readString(out.resolve("findings.json"));
        assertTrue(json.contains(SAS));
        assertTrue(json.contains("redaction was turned off"));
        assertTrue(storedInIndex(out.resolve("index"), PASSWORD), "the index check sees an unredacted value");
    }

    /** No file of the output folder holds a secret, whatever its format. */
    private static void assertNoSecretIn(Path out) throws Exception {
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String secret : SECRETS) {
                    assertFalse(content.contains(secret), secret + " leaked into " + out.relativize(f));
                }
            }
        }
    }

    /** The index stores text compressed: read its records back rather than grep its files. */
    private static boolean storedInIndex(Path index, String secret) throws Exception {
        try (dev.bundleanalyzer.index.BundleIndex read = dev.bundleanalyzer.index.BundleIndex.open(index)) {
            dev.bundleanalyzer.index.BundleIndex.Found all = read.find(
                    new org.apache.lucene.search.MatchAllDocsQuery(), 100_000);
            assertTrue(all.count() >= 2, "both lines are indexed");
            for (dev.bundleanalyzer.index.BundleIndex.Record r : all.earliest()) {
                for (String text : new String[] {r.hit().raw(), r.hit().message(), r.factValue()}) {
                    if (text != null && text.contains(secret)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
