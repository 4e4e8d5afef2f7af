package dev.bundleanalyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bundleanalyzer.analysis.BundleAnalyzer;
import dev.bundleanalyzer.bundle.BundleLimits;
import dev.bundleanalyzer.rules.RuleLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of the shipped sample bundle: every header field the bundle has is shown, in English and Korean;
 * the timeline and the evidence context come from its index; findings.json carries {@code more} and
 * {@code context}.
 */
class SampleBundleReportTest {

    private static final Path SAMPLE = Path.of("..", "samples", "contoso-fs01-bundle.zip");

    @TempDir
    static Path work;
    private static AnalysisReport report;

    @BeforeAll
    static void analyze() throws Exception {
        report = new BundleAnalyzer(new RuleLoader().loadCatalogue(), BundleLimits.DEFAULTS, 1)
                .analyze(SAMPLE, work.resolve("index"));
    }

    @Test
    void headerShowsEveryFactTheBundleHasInEnglish() throws Exception {
        String en = visibleText(new HtmlReportWriter().render(report, "en"));
        assertHeader(en, Map.of(
                "Host", "FS01",
                "Operating system", "Microsoft Windows Server 2019 Datacenter",
                "OS version", "10.0.17763 N/A Build 17763",
                "Agent version", "2.0.9245.0",
                "PowerShell version", "2.0",
                "Time zone", "Korea Standard Time",
                "Time range covered", "2026-10-18 00:00:15Z \u2013 2026-10-22 04:00:31Z",
                "Bundle", "contoso-fs01-bundle.zip",
                "Size", "5.3 KB (" + String.format(java.util.Locale.ENGLISH, "%,d", Files.size(SAMPLE)) + " bytes)",
                "SHA-256", sha256(SAMPLE)));
        assertHeader(en, Map.of("Analyzer version", BundleAnalyzer.version(), "Events", "21"));
        assertTrue(en.matches("(?s).*Analyzed at\\s*\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ.*"), "analysis time");
        assertTrue(en.matches("(?s).*Elapsed\\s*\\d+(\\.\\d)? s.*"), "elapsed time");
        assertFalse(en.contains("os.version"), "no fact key shown as a label");
    }

    @Test
    void headerShowsEveryFactTheBundleHasInKorean() throws Exception {
        String ko = visibleText(new HtmlReportWriter().render(report, "ko"));
        assertHeader(ko, Map.of(
                "호스트", "FS01",
                "운영 체제", "Microsoft Windows Server 2019 Datacenter",
                "OS 버전", "10.0.17763 N/A Build 17763",
                "에이전트 버전", "2.0.9245.0",
                "PowerShell 버전", "2.0",
                "표준 시간대", "Korea Standard Time",
                "로그 기간", "2026-10-18 00:00:15Z \u2013 2026-10-22 04:00:31Z",
                "번들", "contoso-fs01-bundle.zip",
                "SHA-256", sha256(SAMPLE),
                "분석기 버전", BundleAnalyzer.version()));
        assertTrue(ko.matches("(?s).*소요 시간\\s*\\d+(\\.\\d)?초.*"), "elapsed time");
        assertTrue(ko.contains("바이트)"), "size in Korean");
    }

    @Test
    void timelineOfTheSampleIsHourlyWithEveryTimedEventAndTheFindingsMarked() {
        Timeline t = report.timeline();
        assertNotNull(t);
        assertEquals(Duration.ofHours(1), t.bucket());
        assertEquals(101, t.buckets().size(), "2026-10-18 00:00 to 2026-10-22 04:59");
        assertEquals(report.events(), t.timed() + t.untimed());
        assertTrue(t.markers().stream().anyMatch(m -> m.rule().equals("MARS-34513")));
        assertTrue(t.markers().stream().anyMatch(m -> m.rule().equals("MARS-JOB-ERRORS")), "event-log evidence");
        assertFalse(t.markers().stream().anyMatch(m -> m.rule().equals("COND-POWERSHELL-BELOW-3")),
                "evidence without a time is not marked");
        String html = new HtmlReportWriter().render(report, "ko");
        assertTrue(html.contains("막대 1개 = 1시간 (UTC)"));
    }

    @Test
    void findingsJsonCarriesMoreAndContext() {
        JsonNode root = new JsonReportWriter().toJson(report, "en");
        for (JsonNode f : root.get("findings")) {
            assertTrue(f.get("more").isIntegralNumber(), f.get("rule").asText());
            assertEquals(Math.max(0, f.get("count").asLong() - f.get("evidence").size()), f.get("more").asLong());
        }
        JsonNode vault = finding(root, "MARS-34513").get("evidence").get(0);
        assertEquals(4, vault.get("line").asInt());
        JsonNode context = vault.get("context");
        assertEquals(List.of(1, 2, 3), lines(context.get("before")));
        assertEquals(List.of(5, 6, 7), lines(context.get("after")), "line 7 is the stack trace under line 6");
        assertTrue(context.get("after").get(2).get("text").asText().contains("System.Net.HttpWebRequest"));
        for (JsonNode e : finding(root, "MARS-JOB-ERRORS").get("evidence")) {
            assertFalse(e.has("context"), "event-log records have no lines around them");
        }
        assertEquals(18, finding(root, "BUNDLE-MISSING-INPUT").get("more").asInt());
    }

    private static JsonNode finding(JsonNode root, String rule) {
        for (JsonNode f : root.get("findings")) {
            if (f.get("rule").asText().equals(rule)) {
                return f;
            }
        }
        throw new AssertionError("no finding " + rule);
    }

    private static List<Integer> lines(JsonNode array) {
        List<Integer> out = new java.util.ArrayList<>();
        array.forEach(l -> out.add(l.get("line").asInt()));
        return out;
    }

    /** Each label is followed, after white space only, by its value. */
    private static void assertHeader(String text, Map<String, String> fields) {
        fields.forEach((label, value) -> assertTrue(
                text.matches("(?s).*\\Q" + label + "\\E\\s*\\Q" + value + "\\E.*"), label + " " + value));
    }

    private static String visibleText(String html) {
        String header = html.substring(html.indexOf("<header"), html.indexOf("</header>"));
        return header.replaceAll("<[^>]+>", "").replace("&middot;", "\u00b7");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
