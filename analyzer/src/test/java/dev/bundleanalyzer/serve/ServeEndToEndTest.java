package dev.bundleanalyzer.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API as a script or the page uses it: the sample bundle uploaded, analyzed, its report files served and
 * its records found by the search; the same bundle again; a corrupt one.
 */
class ServeEndToEndTest {

    @TempDir
    Path data;
    @TempDir
    Path client;

    @Test
    void anUploadedBundleIsAnalyzedAndItsReportServed() throws Exception {
        try (ServeFixture serve = ServeFixture.start(data)) {
            HttpResponse<String> accepted = serve.upload(ServeFixture.SAMPLE);
            assertEquals(202, accepted.statusCode(), accepted.body());
            JsonNode queued = ServeFixture.JSON.readTree(accepted.body());
            String id = queued.get("id").asText();
            assertTrue(BundleIds.valid(id), id);
            assertTrue(List.of("queued", "running").contains(queued.get("status").asText()), queued.toString());
            assertEquals("/api/bundles/" + id, accepted.headers().firstValue("Location").orElse(null));

            JsonNode done = serve.waitForEnd(id);
            assertEquals("done", done.get("status").asText(), done.toString());
            assertEquals("FS01", done.get("host").asText());
            assertEquals("critical", done.get("worst").asText());
            assertEquals("contoso-fs01-bundle.zip", done.get("name").asText());

            HttpResponse<String> report = serve.get(done.at("/links/report").asText());
            assertEquals(200, report.statusCode());
            assertTrue(report.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertTrue(report.body().contains("id=\"MARS-34513\""), "the report shows the finding");

            HttpResponse<String> findings = serve.get(done.at("/links/json").asText());
            assertEquals(200, findings.statusCode());
            List<String> rules = new ArrayList<>();
            ServeFixture.JSON.readTree(findings.body()).get("findings").forEach(f -> rules.add(f.get("rule").asText()));
            assertTrue(rules.contains("MARS-34513") && rules.contains("MARS-0x1FC07"), rules.toString());

            HttpResponse<String> summary = serve.get(done.at("/links/summary").asText());
            assertEquals(200, summary.statusCode());
            assertTrue(summary.body().contains("MARS-34513"), "the digest names the finding");

            JsonNode list = serve.getJson("/api/bundles");
            assertEquals(1, list.size());
            assertEquals(id, list.get(0).get("id").asText());
            assertTrue(list.get(0).get("findings").size() > 0 && list.get(0).get("findings").size() <= 5);

            JsonNode found = serve.getJson("/api/search?q=" + URLEncoder.encode("errorCode:34513", StandardCharsets.UTF_8));
            assertTrue(found.get("total").asLong() >= 1, found.toString());
            JsonNode hit = found.get("results").get(0);
            assertEquals(id, hit.get("id").asText());
            assertEquals("FS01", hit.get("host").asText());
            assertEquals(done.at("/links/report").asText() + "#MARS-34513", hit.at("/links/evidence").asText(),
                    "the hit is evidence of MARS-34513 and links to it");
            assertEquals(200, serve.get(hit.at("/links/evidence").asText().replaceAll("#.*", "")).statusCode());
        }
    }

    @Test
    void theSameBundleUploadedAgainKeepsItsIdAndIsAnalyzedOnce() throws Exception {
        try (ServeFixture serve = ServeFixture.start(data)) {
            String id = ServeFixture.JSON.readTree(serve.upload(ServeFixture.SAMPLE).body()).get("id").asText();
            JsonNode first = serve.waitForEnd(id);

            Path renamed = Files.copy(ServeFixture.SAMPLE, client.resolve("another-name.zip"));
            HttpResponse<String> again = serve.upload(renamed);
            assertEquals(202, again.statusCode(), again.body());
            JsonNode second = ServeFixture.JSON.readTree(again.body());
            assertEquals(id, second.get("id").asText());
            assertEquals("done", second.get("status").asText());
            assertEquals(first.get("analyzedAt").asText(), second.get("analyzedAt").asText(), "not analyzed again");

            assertEquals(1, serve.getJson("/api/bundles").size());
            try (Stream<Path> folders = Files.list(data)) {
                assertEquals(1, folders.filter(p -> !p.getFileName().toString().startsWith(".")).count(),
                        "one report folder");
            }
            assertEquals(List.of(), ServeFixture.files(data.resolve(JobQueue.DIR)), "nothing left queued");
            assertEquals(List.of(), ServeFixture.files(data.resolve(UploadRoutes.SPOOL)), "nothing left spooled");
        }
    }

    @Test
    void aCorruptUploadIsListedAsFailedWithTheEnginesReason() throws Exception {
        Path corrupt = client.resolve("corrupt.zip");
        Files.write(corrupt, "PK\u0003\u0004 this is not a zip at all".getBytes(StandardCharsets.US_ASCII));
        try (ServeFixture serve = ServeFixture.start(data)) {
            HttpResponse<String> accepted = serve.upload(corrupt);
            assertEquals(202, accepted.statusCode(), accepted.body());
            String id = ServeFixture.JSON.readTree(accepted.body()).get("id").asText();

            JsonNode failed = serve.waitForEnd(id);
            assertEquals("failed", failed.get("status").asText(), failed.toString());
            String reason = failed.get("reason").asText();
            assertTrue(reason.contains("corrupt.zip") && reason.toLowerCase().contains("zip"), reason);
            assertFalse(reason.contains(data.toString()), "the reason shows no path of the server: " + reason);
            assertFalse(failed.get("links").has("report"), "a failed bundle has no report to link");
            assertEquals(404, serve.get(ReportFileRoutes.path(id, ReportFileRoutes.HTML)).statusCode());
            assertEquals("failed", serve.getJson("/api/bundles").get(0).get("status").asText());
        }
    }
}
