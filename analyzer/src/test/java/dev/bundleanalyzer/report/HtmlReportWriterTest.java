package dev.bundleanalyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.bundle.InventoryItem;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.Finding;
import dev.bundleanalyzer.rules.LocalizedText;
import dev.bundleanalyzer.rules.NotEvaluated;
import dev.bundleanalyzer.rules.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTest {

    static final String HOSTILE_SCRIPT = "<script>alert(1)</script>";
    static final String HOSTILE_IMG = "<img src=x onerror=alert(1)>";
    static final String HOSTILE_LINE = "2026-10-21 21:02:21 ERROR " + HOSTILE_SCRIPT + " " + HOSTILE_IMG
            + " ${x} {{ constructor.constructor('alert(1)')() }} [0x1FC07]";
    static final String HOSTILE_CONTEXT = "<img src=x onerror=alert(2)> {{ 7*7 }} ${7*7} </td></tr><script>alert(2)</script>";
    static final String FAILED_REASON = "corrupt deflate stream at byte 4096";
    static final String REFERENCE = "https://learn.microsoft.com/en-us/azure/backup/backup-azure-mars-troubleshoot";

    private final HtmlReportWriter writer = new HtmlReportWriter();

    /** A report as the analyzer would produce it: two findings, one rule not evaluated, three kinds of file. */
    static AnalysisReport sampleReport() {
        Finding activation = new Finding("MARS-0x1FC07", Severity.CRITICAL,
                new LocalizedText("Agent activation did not complete", "에이전트 활성화가 완료되지 않음"),
                new LocalizedText("Registration stopped with an internal service error (0x1FC07).",
                        "등록 중 내부 서비스 오류(0x1FC07)로 중단되었습니다."),
                List.of(new LocalizedText("The scratch folder is on a volume without enough space.",
                                "스크래치 폴더가 있는 볼륨의 공간이 부족합니다."),
                        new LocalizedText("The scratch location is invalid.", "스크래치 위치가 올바르지 않습니다.")),
                List.of(new LocalizedText("Move the scratch folder to a volume with at least 5 % free space.",
                                "스크래치 폴더를 여유 공간이 5% 이상인 볼륨으로 옮기십시오."),
                        new LocalizedText("Register the server again.", "서버를 다시 등록하십시오.")),
                List.of(REFERENCE, "javascript:alert(1)", "MARS troubleshooting guide (2019), section 4"),
                2, Instant.parse("2026-10-21T21:02:21Z"), Instant.parse("2026-10-21T21:05:00Z"),
                List.of(new Evidence("Windows/Logs/CBEngineCurr.errlog", 1234, null,
                                Instant.parse("2026-10-21T21:02:21Z"), HOSTILE_LINE, new Evidence.Context(
                                        List.of(new Evidence.ContextLine(1232, "context before, two lines up"),
                                                new Evidence.ContextLine(1233, HOSTILE_CONTEXT)),
                                        List.of(new Evidence.ContextLine(1235, "context after\u0007")))),
                        new Evidence("EventLogs/CloudBackup.evtx", 0, 4711L,
                                Instant.parse("2026-10-21T21:05:00Z"),
                                "Activation failed with error 0x1FC07\r\nsecond line\u0007")));
        List<Evidence> vaultEvidence = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            vaultEvidence.add(new Evidence("Temp/LastBackupFailedFilesxxxx.txt", 10 + i, null,
                    Instant.parse("2026-10-20T08:00:0" + i + "Z"),
                    "Invalid vault credentials provided. (ID: 34513) " + "x".repeat(400)));
        }
        Finding vault = new Finding("MARS-34513", Severity.ERROR,
                new LocalizedText("Vault credentials are invalid", "자격 증명 모음 자격 증명이 잘못됨"),
                new LocalizedText("The vault credentials file is corrupt, expired or from another vault.",
                        "자격 증명 모음 자격 증명 파일이 손상되었거나 만료되었거나 다른 자격 증명 모음의 파일입니다."),
                List.of(new LocalizedText("The file is older than 10 days.", "파일이 발급된 지 10일이 지났습니다.")),
                List.of(new LocalizedText("Download fresh vault credentials from the portal.",
                        "포털에서 자격 증명 모음 자격 증명을 새로 다운로드하십시오.")),
                List.of(), 15, Instant.parse("2026-10-20T08:00:00Z"), Instant.parse("2026-10-21T20:00:00Z"),
                vaultEvidence);
        NotEvaluated powershell = new NotEvaluated("COND-POWERSHELL-BELOW-3", Severity.ERROR,
                new LocalizedText("PowerShell too old for the backup cmdlets", "백업 cmdlet에 비해 PowerShell 버전이 낮음"),
                new LocalizedText("No $PSVersionTable capture: ask for the output of $PSVersionTable.",
                        "$PSVersionTable 캡처가 없습니다. 고객에게 $PSVersionTable 출력을 요청하십시오."));
        List<InventoryItem> inventory = List.of(
                new InventoryItem("Windows/Logs/CBEngineCurr.errlog", "errlog", "UTF-16LE", 12_345_678, 40_211,
                        InventoryItem.Status.PARSED, null),
                new InventoryItem("EventLogs/CloudBackup.evtx", "evtx", null, 1_052_672, 312,
                        InventoryItem.Status.PARSED, null),
                InventoryItem.skipped("Temp/screenshot.png", "image", 88_000, "not a log or capture"),
                InventoryItem.failed("Logs/old.zip", "archive", -1, FAILED_REASON));
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("host.name", "BACKUP-SRV01");
        machine.put("os.name", "Windows Server 2019 Datacenter 10.0.17763");
        machine.put("agent.version", "2.0.9262.0");
        machine.put("powershell.version", "5.1.17763.1");
        machine.put("timezone.id", "Korea Standard Time " + HOSTILE_IMG);
        BundleInfo bundle = new BundleInfo("/cases/1234/bundle <evil>.zip", "bundle <evil>.zip", 48_234_551,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                Instant.parse("2026-10-22T01:00:00Z"), Duration.ofMillis(12_340));
        return new AnalysisReport("0.1.0-SNAPSHOT", bundle, List.of(activation, vault), List.of(powershell),
                inventory, machine, Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-10-21T21:05:00Z"),
                40_523, List.of("Years of errlog lines assumed from the file time " + HOSTILE_SCRIPT));
    }

    @Test
    void rendersEnglishAndKorean() {
        String en = writer.render(sampleReport(), "en");
        assertTrue(en.startsWith("<!DOCTYPE html>"), en.substring(0, 40));
        assertTrue(en.contains("<html lang=\"en\">"));
        assertTrue(en.contains("<meta charset=\"utf-8\">"));
        assertTrue(en.contains("Malgun Gothic") && en.contains("Apple SD Gothic Neo") && en.contains("Noto Sans KR"));
        for (String s : List.of("Findings", "Evidence", "Not evaluated", "What to ask the customer for",
                "Files in the bundle", "Agent activation did not complete", "Possible causes", "What to do",
                "BACKUP-SRV01", "5.1.17763.1", "2.0.9262.0", "46 MB (48,234,551 bytes)", "12.3 s", "40,523")) {
            assertTrue(en.contains(s), s);
        }
        String ko = writer.render(sampleReport(), "ko");
        assertTrue(ko.contains("<html lang=\"ko\">"));
        for (String s : List.of("발견 사항", "증거", "평가되지 않음", "고객에게 요청할 자료", "파일 목록",
                ">위험<", ">오류<", ">분석됨<", ">건너뜀<", ">실패<", "에이전트 활성화가 완료되지 않음",
                "서버를 다시 등록하십시오.", "12.3초", "48,234,551바이트")) {
            assertTrue(ko.contains(s), s);
        }
        assertFalse(ko.contains("Possible causes"));
        assertFalse(ko.contains("Agent activation did not complete"));
    }

    @Test
    void dataFromTheBundleIsShownAsText() {
        for (String lang : HtmlReportWriter.LANGUAGES) {
            String html = writer.render(sampleReport(), lang);
            assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), lang);
            assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), lang);
            assertTrue(html.contains("${x}"), "template syntax in data is printed as is");
            assertTrue(html.contains("{{ constructor.constructor(&#39;alert(1)&#39;)() }}"), lang);
            assertTrue(html.contains("bundle &lt;evil&gt;.zip"), lang);
            assertFalse(html.contains("<script>alert"), lang);
            assertFalse(html.contains("<img"), lang);
            assertFalse(html.contains("onerror=alert(1)>"), lang);
            assertFalse(html.contains("<evil>"), lang);
            assertEquals(1, count(html, "<script"), "only the page's own filter script");
            // control characters made visible, CR LF kept as a line break
            assertTrue(html.contains("0x1FC07\nsecond line\\x07"), lang);
        }
    }

    @Test
    void findingsCanBeLinkedToByRuleId() {
        String html = writer.render(sampleReport(), "en");
        assertTrue(html.contains("id=\"MARS-0x1FC07\""));
        assertTrue(html.contains("id=\"MARS-34513\""));
        assertTrue(html.contains("id=\"COND-POWERSHELL-BELOW-3\""));
        assertTrue(html.contains("href=\"#MARS-34513\""));
        assertTrue(html.indexOf("id=\"MARS-0x1FC07\"") < html.indexOf("id=\"MARS-34513\""), "order as given");
        List<String> ids = all(html, "\\sid=\"([^\"]*)\"");
        assertEquals(ids.size(), new HashSet<>(ids).size(), "ids are unique: " + ids);
        for (String href : all(html, "href=\"#([^\"]*)\"")) {
            assertTrue(ids.contains(href), "anchor target exists: " + href);
        }
    }

    @Test
    void evidenceShowsWhereAndWhen() {
        String en = visibleText(writer.render(sampleReport(), "en"));
        assertTrue(en.contains("Windows/Logs/CBEngineCurr.errlog:1234"));
        assertTrue(en.contains("EventLogs/CloudBackup.evtx record 4711"));
        assertFalse(en.contains("CloudBackup.evtx:0"));
        assertTrue(en.contains("2026-10-21 21:02:21Z"));
        assertTrue(en.contains("Temp/LastBackupFailedFilesxxxx.txt:12"));
        String ko = visibleText(writer.render(sampleReport(), "ko"));
        assertTrue(ko.contains("EventLogs/CloudBackup.evtx 레코드 4711"));
        assertTrue(writer.render(sampleReport(), "en").contains("<span class=\"at\">:1234</span>"),
                "line number kept on one line");
    }

    @Test
    void evidenceShowsTheLinesAroundIt() {
        for (String lang : HtmlReportWriter.LANGUAGES) {
            String html = writer.render(sampleReport(), lang);
            Matcher row = Pattern.compile("(?s)<td class=\"text with-context\">(.*?)</td>").matcher(html);
            assertTrue(row.find(), "the errlog evidence has context");
            String cell = row.group(1);
            int before = cell.indexOf("<span class=\"ln\">1232</span>");
            int hit = cell.indexOf("<div class=\"hit\"><span class=\"ln\">1234</span>");
            int after = cell.indexOf("<span class=\"ln\">1235</span>");
            assertTrue(before >= 0 && before < cell.indexOf("1233") && cell.indexOf("1233") < hit && hit < after,
                    cell);
            assertTrue(cell.contains("context after\\x07"), "control characters made visible in context too");
            assertFalse(row.find(), "evidence without context (event log, failed files) is shown alone");
            assertEquals(1, count(html, "class=\"text with-context\""));
        }
    }

    @Test
    void contextLinesAreShownAsText() {
        for (String lang : HtmlReportWriter.LANGUAGES) {
            String html = writer.render(sampleReport(), lang);
            assertTrue(html.contains("<span class=\"tx\">&lt;img src=x onerror=alert(2)&gt; {{ 7*7 }} ${7*7} "
                    + "&lt;/td&gt;&lt;/tr&gt;&lt;script&gt;alert(2)&lt;/script&gt;</span>"), lang);
            assertFalse(html.contains("alert(2)</script>"), lang);
            assertFalse(html.contains("onerror=alert(2)>"), lang);
        }
    }

    @Test
    void saysHowManyMatchesAreNotShown() {
        String en = writer.render(sampleReport(), "en");
        assertTrue(en.contains("12 more matches not shown."), "15 matches, 3 shown");
        assertEquals(1, count(en, "more matches not shown"), "none for a finding whose evidence is complete");
        String ko = writer.render(sampleReport(), "ko");
        assertTrue(ko.contains("일치 항목이 12건 더 있습니다."));
    }

    @Test
    void inventoryShowsStatusAndReason() {
        for (String lang : HtmlReportWriter.LANGUAGES) {
            String html = writer.render(sampleReport(), lang);
            Matcher failed = Pattern.compile("<tr class=\"st-failed\"[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(html);
            assertTrue(failed.find(), "failed row styled");
            assertTrue(failed.group(1).contains("Logs/old.zip"));
            assertTrue(failed.group(1).contains(FAILED_REASON));
            Matcher skipped = Pattern.compile("<tr class=\"st-skipped\"[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(html);
            assertTrue(skipped.find(), "skipped row styled");
            assertTrue(skipped.group(1).contains("not a log or capture"));
            assertEquals(2, count(html, "<tr class=\"st-parsed\""));
        }
        String en = writer.render(sampleReport(), "en");
        assertTrue(en.contains("12 MB"), "human-readable size");
        assertTrue(en.contains("title=\"12,345,678\""), "exact size on hover");
    }

    @Test
    void loadsNothingFromOutside() {
        for (String lang : HtmlReportWriter.LANGUAGES) {
            String html = writer.render(sampleReport(), lang);
            String lower = html.toLowerCase();
            for (String bad : List.of("src=\"http", "src='http", "src=http", "@import", "url(", "<link",
                    "<iframe", "<object", "<embed", "srcset", "//cdn", "fonts.googleapis", "href=\"javascript")) {
                assertFalse(lower.contains(bad), lang + ": " + bad);
            }
            Set<String> external = new HashSet<>();
            Matcher m = Pattern.compile("(?:href|src|action)\\s*=\\s*\"([^\"]*)\"").matcher(html);
            while (m.find()) {
                if (!m.group(1).startsWith("#")) {
                    external.add(m.group(1));
                }
            }
            assertEquals(Set.of(REFERENCE), external, "only the finding's references leave the page");
            assertTrue(html.contains(">MARS troubleshooting guide (2019), section 4<"), "non-URL reference as text");
            assertTrue(html.contains("<li>javascript:alert(1)</li>"), "a script address is shown, never linked");
            assertTrue(html.contains("default-src 'none'"), "content security policy");
        }
    }

    @Test
    void contentSecurityPolicyAllowsExactlyThePageScript() {
        String html = writer.render(sampleReport(), "en");
        Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertTrue(script.find());
        String hash = HtmlReportWriter.sha256Base64(script.group(1));
        assertTrue(html.contains("script-src 'sha256-" + hash + "'"), "CSP hash of the inline script");
        assertTrue(html.indexOf("Content-Security-Policy") < html.indexOf("<style>"), "CSP comes first");
    }

    @Test
    void mainElementsAreBalanced() {
        for (String lang : HtmlReportWriter.LANGUAGES) {
            String html = writer.render(sampleReport(), lang);
            assertBalanced(html);
        }
        assertBalanced(writer.render(emptyReport(), "en"));
    }

    @Test
    void reportWithoutFindingsSaysSoWithoutClaimingHealth() {
        String en = writer.render(emptyReport(), "en");
        assertTrue(en.contains("No rule fired on this bundle."));
        assertTrue(en.contains("Every rule could be evaluated."));
        assertTrue(en.contains("The bundle holds no files."));
        assertTrue(en.contains("The bundle holds no machine facts."));
        assertFalse(en.contains("id=\"notes\""));
        String ko = writer.render(emptyReport(), "ko");
        assertTrue(ko.contains("감지된 문제가 없습니다"));
    }

    @Test
    void rejectsUnknownLanguage() {
        AnalysisReport r = sampleReport();
        assertThrows(IllegalArgumentException.class, () -> writer.render(r, "fr"));
        assertThrows(IllegalArgumentException.class, () -> writer.render(r, "EN"));
        assertThrows(IllegalArgumentException.class, () -> writer.render(r, null));
        assertThrows(IllegalArgumentException.class, () -> writer.write(r, "de", Path.of("unused.html")));
    }

    @Test
    void writesUtf8File(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out/report.html");
        writer.write(sampleReport(), "ko", file);
        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(writer.render(sampleReport(), "ko"), html);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
        writer.write(sampleReport(), "en", file);
        assertTrue(Files.readString(file, StandardCharsets.UTF_8).contains("<html lang=\"en\">"), "replaced");
    }

    @Test
    void formatsSizesAndTimes() {
        assertEquals("980 B", HtmlReportWriter.humanSize(980));
        assertEquals("1.0 KB", HtmlReportWriter.humanSize(1024));
        assertEquals("46 MB", HtmlReportWriter.humanSize(48_234_551));
        assertEquals("1.5 GB", HtmlReportWriter.humanSize(1_610_612_736L));
        assertEquals("2026-10-21 21:02:21Z", HtmlReportWriter.time(Instant.parse("2026-10-21T21:02:21.987Z")));
        Map<String, String> en = HtmlReportWriter.messages("en");
        Map<String, String> ko = HtmlReportWriter.messages("ko");
        assertEquals("2 min 5 s", HtmlReportWriter.duration(Duration.ofSeconds(125), en, java.util.Locale.ENGLISH));
        assertEquals("1시간 1분", HtmlReportWriter.duration(Duration.ofSeconds(3670), ko, java.util.Locale.KOREAN));
    }

    /** Writes the sample report in both languages when -Dreport.sampleDir=DIR is given, for looking at it. */
    @Test
    void writesSampleWhenAsked() throws IOException {
        String dir = System.getProperty("report.sampleDir");
        if (dir == null || dir.isBlank()) {
            return;
        }
        for (String lang : HtmlReportWriter.LANGUAGES) {
            writer.write(sampleReport(), lang, Path.of(dir, "report-" + lang + ".html"));
        }
    }

    static AnalysisReport emptyReport() {
        BundleInfo bundle = new BundleInfo("empty.zip", "empty.zip", 22, "e3b0c442", Instant.parse("2026-10-22T01:00:00Z"),
                Duration.ofMillis(80));
        return new AnalysisReport("0.1.0", bundle, List.of(), List.of(), List.of(), Map.of(), null, null, 0, List.of());
    }

    private static final Set<String> CHECKED = Set.of("html", "head", "body", "header", "main", "section", "article",
            "footer", "div", "table", "thead", "tbody", "tr", "td", "th", "ul", "ol", "li", "dl", "dt", "dd", "p",
            "h1", "h2", "h3", "h4", "span", "a", "style", "script", "title", "label", "button", "colgroup");

    private static void assertBalanced(String html) {
        String body = html.replaceAll("(?s)<style>.*?</style>", "<style></style>")
                .replaceAll("(?s)<script>.*?</script>", "<script></script>");
        Matcher m = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)\\b[^>]*>").matcher(body);
        Deque<String> open = new ArrayDeque<>();
        while (m.find()) {
            String name = m.group(2).toLowerCase();
            if (!CHECKED.contains(name)) {
                continue;
            }
            if (m.group(1).isEmpty()) {
                open.push(name);
            } else {
                String top = open.poll();
                assertEquals(name, top, "closing </" + name + "> at " + m.start() + " but <" + top + "> is open");
            }
        }
        assertTrue(open.isEmpty(), "unclosed: " + open);
    }

    /** The page as a reader sees it: tags removed (entities left as they are). */
    private static String visibleText(String html) {
        return html.replaceAll("(?s)<style>.*?</style>|<script>.*?</script>", "").replaceAll("<[^>]+>", "");
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private static List<String> all(String s, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(s);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
