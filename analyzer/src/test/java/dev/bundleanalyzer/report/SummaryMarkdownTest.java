package dev.bundleanalyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bundleanalyzer.cli.Main;
import dev.bundleanalyzer.rules.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * summary.md, the Markdown digest of a report: what an engineer pastes into a ticket, in English and Korean, and
 * what a hostile bundle cannot do to it.
 */
class SummaryMarkdownTest {

    private static final Path SAMPLES = Path.of("..", "samples");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A finding line: {@code 1. **critical** · MARS-0x1FC07 · title · 1 match · file:line}. */
    private static final Pattern FINDING_LINE = Pattern.compile("^(\\d+)\\. \\*\\*([^*]+)\\*\\* \u00b7 (\\S+) \u00b7 (.*)$");

    @TempDir
    Path out;

    /** Runs the CLI writing findings.json and summary.md; returns the summary's lines. */
    private List<String> summary(Path bundle, String lang, int expectedExit) throws Exception {
        assertEquals(expectedExit, Main.run("analyze", bundle.toString(), "--out", out.toString(), "--lang", lang,
                "--format", "json,md"));
        return Files.readAllLines(out.resolve("summary.md"), StandardCharsets.UTF_8);
    }

    private JsonNode findingsJson() throws Exception {
        return JSON.readTree(out.resolve("findings.json").toFile());
    }

    @Test
    void englishDigestOfTheSampleBundle() throws Exception {
        List<String> md = summary(SAMPLES.resolve("contoso-fs01-bundle.zip"), "en", Main.FINDINGS);
        JsonNode report = findingsJson();
        String text = String.join("\n", md);

        assertEquals("# Support bundle analysis: contoso-fs01-bundle.zip (host FS01)", md.get(0));
        assertEquals("Findings by severity: " + counts(report, "%d critical \u00b7 %d error \u00b7 %d warning \u00b7 %d info"),
                line(md, "Findings by severity: "));

        List<Matcher> findings = findingLines(md);
        assertEquals(Math.min(10, report.get("findings").size()), findings.size(), text);
        Matcher top = findings.get(0);
        assertEquals("1", top.group(1));
        assertEquals("critical", top.group(2));
        assertEquals("MARS-0x1FC07", top.group(3));
        assertTrue(top.group(4).endsWith(" \u00b7 1 match \u00b7 Temp/CBEngineCurr.errlog:8"), top.group(0));
        assertTrue(top.group(4).startsWith("Activation did not complete (0x1FC07)"), top.group(0));
        assertMostSevereFirst(findings, Map.of("critical", 3, "error", 2, "warning", 1, "info", 0));

        // the finding's evidence line and its numbered actions, indented under it
        List<String> block = block(md, top.group(0));
        assertTrue(block.stream().anyMatch(l -> l.startsWith("   > ") && l.contains("0x1FC07")), block.toString());
        JsonNode actions = finding(report, "MARS-0x1FC07").get("actions");
        assertTrue(actions.size() >= 2);
        for (int i = 0; i < actions.size(); i++) {
            String expected = "   " + (i + 1) + ". " + MarkdownReportWriter.escape(prefix(actions.get(i).asText(), 40));
            assertTrue(block.stream().anyMatch(l -> l.startsWith(expected)), expected + " in " + block);
        }

        // other places: an errlog line and an event-log record, an event shown by its ID and data, not its XML
        assertTrue(text.contains(" \u00b7 MARS-34513 \u00b7 Vault credentials were rejected (ID 34513) \u00b7 1 match \u00b7 "
                + "Temp/CBEngineCurr.errlog:4"), text);
        assertTrue(text.contains(" \u00b7 COND-SCHEDULED-FAILS-MANUAL-WORKS \u00b7 ")
                && text.contains(" \u00b7 Logs/CloudBackup%4Operational.evtx record 4112\n"), text);
        assertTrue(text.contains("> event ID 18: "), text);
        assertFalse(text.contains("EventRecordID"), "no event XML in the digest");

        if (report.get("findings").size() > 10) {
            assertTrue(text.contains((report.get("findings").size() - 10) + " more finding"), text);
        }
        int notEvaluated = report.get("notEvaluated").size();
        String ne = line(md, notEvaluated + " rules not evaluated: ");
        assertTrue(ne.contains("Most wanted: Ask for "), ne);
        assertTrue(ne.matches(".*\\(\\d+ rules?\\).*"), ne);
        assertEquals("Generated offline by bundle-analyzer " + report.get("analyzerVersion").asText() + ".",
                md.get(md.size() - 1));
    }

    @Test
    void koreanDigestOfTheSampleBundle() throws Exception {
        List<String> md = summary(SAMPLES.resolve("contoso-fs01-bundle.zip"), "ko", Main.FINDINGS);
        JsonNode report = findingsJson();
        String text = String.join("\n", md);

        assertEquals("# 지원 번들 분석 결과: contoso-fs01-bundle.zip (호스트 FS01)", md.get(0));
        assertEquals("심각도별 발견 사항: " + counts(report, "위험 %d건 \u00b7 오류 %d건 \u00b7 경고 %d건 \u00b7 정보 %d건"),
                line(md, "심각도별 발견 사항: "));
        assertTrue(text.contains("## 주요 발견 사항"), text);

        List<Matcher> findings = findingLines(md);
        Matcher top = findings.get(0);
        assertEquals("위험", top.group(2));
        assertEquals("MARS-0x1FC07", top.group(3));
        assertTrue(top.group(4).startsWith(finding(report, "MARS-0x1FC07").get("title").asText()), top.group(0));
        assertTrue(top.group(4).endsWith(" \u00b7 1건 \u00b7 Temp/CBEngineCurr.errlog:8"), top.group(0));
        assertMostSevereFirst(findings, Map.of("위험", 3, "오류", 2, "경고", 1, "정보", 0));
        assertTrue(text.contains("Logs/CloudBackup%4Operational.evtx 레코드 4112"), text);
        assertTrue(text.contains("> 이벤트 ID 18: "), text);

        List<String> block = block(md, top.group(0));
        String action = finding(report, "MARS-0x1FC07").get("actions").get(0).asText();
        assertTrue(block.contains("   1. " + MarkdownReportWriter.escape(action)), block.toString());
        assertTrue(action.contains("업그레이드"), "the actions are the Korean texts of the rule: " + action);

        assertTrue(line(md, "평가되지 않은 규칙 " + report.get("notEvaluated").size() + "개: ").contains("고객에게 요청"), text);
        assertTrue(md.get(md.size() - 1).contains("오프라인으로 생성했습니다"), md.get(md.size() - 1));
        assertTrue(md.stream().filter(l -> !l.startsWith("   > ") && !l.startsWith("    > "))
                .noneMatch(l -> l.contains(" match") || l.contains("rules not evaluated")), "no English word: " + text);
    }

    @Test
    void hostileEvidenceCannotInjectMarkup(@TempDir Path tmp) throws Exception {
        String hostile = "<script>alert(1)</script> | **x** _y_ [a](http://e/) `c` ~~s~~ $x$ &lt; \\*b\\* (ID: 34513)";
        Path bundle = Files.createDirectories(tmp.resolve("bundle_<b>*x*"));
        Path temp = Files.createDirectories(bundle.resolve("Temp"));
        String errlog = "0B10\t1A2C\t10/21\t21:02:20.100\t03\tregistrationhelper.cs(200)\t\t"
                + "0517B3DB-347D-45A8-9DAB-FD7D1EA7D134\tNORMAL\tRegistering the server\r\n"
                + "0B10\t1A2C\t10/21\t21:02:21.902\t03\tregistrationhelper.cs(211)\t\t"
                + "0517B3DB-347D-45A8-9DAB-FD7D1EA7D134\tFATAL\t" + hostile + "\r\n";
        Files.writeString(temp.resolve("CBEngine_[1]*Curr.errlog"), errlog, StandardCharsets.UTF_8);

        List<String> md = summary(bundle, "en", Main.FINDINGS);
        String text = String.join("\n", md);

        assertEquals("# Support bundle analysis: bundle\\_\\<b\\>\\*x\\*", md.get(0));
        Matcher line = findingLines(md).stream().filter(m -> m.group(3).equals("MARS-34513")).findFirst()
                .orElseThrow(() -> new AssertionError(text));
        assertTrue(line.group(4).endsWith(" \u00b7 Temp/CBEngine\\_\\[1\\]\\*Curr.errlog:2"), line.group(0));
        String quote = block(md, line.group(0)).stream().filter(l -> l.startsWith("   > ")).findFirst()
                .orElseThrow(() -> new AssertionError(text));
        assertTrue(quote.endsWith(" FATAL \\<script\\>alert(1)\\</script\\> \\| \\*\\*x\\*\\* \\_y\\_ "
                + "\\[a\\](http://e/) \\`c\\` \\~\\~s\\~\\~ \\$x\\$ \\&lt; \\\\\\*b\\\\\\* (ID: 34513)"), quote);

        // nowhere outside the digest's own markup is a significant character left unescaped
        for (String l : md) {
            String content = l.replaceFirst("^#+ ", "").replaceFirst("^ *(\\d+\\. )?(> )?", "")
                    .replaceFirst("^\\*\\*[^*\\\\]+\\*\\* ", "");
            for (char c : "<>|*_[]`~$&".toCharArray()) {
                assertEquals(-1, unescaped(content, c), "unescaped " + c + " in: " + l);
            }
        }
        assertFalse(text.contains("<script>"));
    }

    @Test
    void formatsAreChosenOnTheCommandLine(@TempDir Path tmp) throws Exception {
        Path bundle = SAMPLES.resolve("contoso-fs01-bundle.zip");
        Path htmlJson = tmp.resolve("hj");
        assertEquals(Main.FINDINGS, Main.run("analyze", bundle.toString(), "--out", htmlJson.toString(),
                "--format", "html,json"));
        assertTrue(Files.exists(htmlJson.resolve("report.html")) && Files.exists(htmlJson.resolve("findings.json")));
        assertFalse(Files.exists(htmlJson.resolve("summary.md")), "md was not asked for");

        Path all = tmp.resolve("all");
        assertEquals(Main.FINDINGS, Main.run("analyze", bundle.toString(), "--out", all.toString()));
        for (String f : List.of("report.html", "findings.json", "summary.md")) {
            assertTrue(Files.exists(all.resolve(f)), f + " is written by default");
        }

        assertEquals(Main.USAGE, Main.run("analyze", bundle.toString(), "--out", tmp.resolve("x").toString(),
                "--format", "html,pdf"));
        assertEquals(Main.USAGE, Main.run("analyze", bundle.toString(), "--out", tmp.resolve("y").toString(),
                "--format", "markdown"));
    }

    @Test
    void quietBundleSaysSoAndStillNamesWhatToAskFor(@TempDir Path tmp) throws Exception {
        Path quiet = Files.createDirectories(tmp.resolve("quiet"));
        Files.writeString(quiet.resolve("notes.txt"), "nothing to see");
        List<String> md = summary(quiet, "en", Main.OK);
        String text = String.join("\n", md);
        assertEquals("# Support bundle analysis: quiet", md.get(0));
        assertTrue(text.contains("Findings by severity: 0 critical \u00b7 0 error \u00b7 0 warning \u00b7"), text);
        assertTrue(text.contains(" rules not evaluated: ask the customer for what is missing."), text);
    }

    @Test
    void escapingKeepsWindowsPathsReadable() {
        assertEquals("C:\\Program Files\\Agent\\Temp", MarkdownReportWriter.escape("C:\\Program Files\\Agent\\Temp"));
        assertEquals("C:\\Windows\\Temp\\\\\\*.tmp", MarkdownReportWriter.escape("C:\\Windows\\Temp\\*.tmp"));
        assertEquals("ends with \\\\", MarkdownReportWriter.escape("ends with \\"));
        assertEquals("a \\# b", MarkdownReportWriter.escape("a # b"));
        assertEquals("1\\. not a list", MarkdownReportWriter.escapeBlockStart("1. not a list"));
        assertEquals("\\- not a bullet", MarkdownReportWriter.escapeBlockStart("- not a bullet"));
        assertEquals("\\=== not an underline", MarkdownReportWriter.escapeBlockStart("=== not an underline"));
        assertEquals("two lines", MarkdownReportWriter.oneLine("two\r\n\tlines\u0007"));
        assertEquals("a \\# b", MarkdownReportWriter.escape("a\n# b"), "a line break cannot start a heading");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static String counts(JsonNode report, String pattern) {
        long[] n = new long[Severity.values().length];
        report.get("findings").forEach(f -> n[Severity.parse(f.get("severity").asText()).ordinal()]++);
        return String.format(Locale.ROOT, pattern, n[Severity.CRITICAL.ordinal()], n[Severity.ERROR.ordinal()],
                n[Severity.WARNING.ordinal()], n[Severity.INFO.ordinal()]);
    }

    private static JsonNode finding(JsonNode report, String rule) {
        for (JsonNode f : report.get("findings")) {
            if (f.get("rule").asText().equals(rule)) {
                return f;
            }
        }
        throw new AssertionError("no finding " + rule);
    }

    private static String line(List<String> md, String start) {
        return md.stream().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + start + "' in\n" + String.join("\n", md)));
    }

    private static List<Matcher> findingLines(List<String> md) {
        List<Matcher> out = new ArrayList<>();
        for (String l : md) {
            Matcher m = FINDING_LINE.matcher(l);
            if (m.matches()) {
                out.add(m);
            }
        }
        return out;
    }

    private static void assertMostSevereFirst(List<Matcher> findings, Map<String, Integer> rank) {
        int previous = Integer.MAX_VALUE;
        for (Matcher m : findings) {
            int r = rank.get(m.group(2));
            assertTrue(r <= previous, "most severe first: " + m.group(0));
            previous = r;
        }
    }

    /** The lines under a finding line, up to the next unindented line. */
    private static List<String> block(List<String> md, String findingLine) {
        int at = md.indexOf(findingLine);
        List<String> out = new ArrayList<>();
        for (int i = at + 1; i < md.size() && (md.get(i).isEmpty() || md.get(i).startsWith(" ")); i++) {
            if (!md.get(i).isEmpty()) {
                out.add(md.get(i));
            }
        }
        return out;
    }

    private static String prefix(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }

    /** Index of the first {@code c} not escaped by a backslash, or -1. */
    private static int unescaped(String s, char c) {
        boolean escaped = false;
        for (int i = 0; i < s.length(); i++) {
            char x = s.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (x == '\\') {
                escaped = true;
            } else if (x == c) {
                return i;
            }
        }
        return -1;
    }
}
