package dev.bundleanalyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.bundle.InventoryItem;
import dev.bundleanalyzer.rules.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The English and Korean labels of the report: same keys, every one filled, every one the page uses present. */
class MessageBundleTest {

    private static final String DIR = "/dev/bundleanalyzer/templates/";

    @Test
    void bothLanguagesHaveTheSameKeys() {
        Map<String, String> en = HtmlReportWriter.messages("en");
        Map<String, String> ko = HtmlReportWriter.messages("ko");
        Set<String> onlyEn = new TreeSet<>(en.keySet());
        onlyEn.removeAll(ko.keySet());
        Set<String> onlyKo = new TreeSet<>(ko.keySet());
        onlyKo.removeAll(en.keySet());
        assertTrue(onlyEn.isEmpty() && onlyKo.isEmpty(), "only in en: " + onlyEn + ", only in ko: " + onlyKo);
        assertFalse(en.isEmpty());
    }

    @Test
    void everyValueIsFilled() {
        for (String lang : HtmlReportWriter.LANGUAGES) {
            HtmlReportWriter.messages(lang).forEach((k, v) -> assertFalse(v.isBlank(), lang + ": " + k + " is empty"));
        }
    }

    @Test
    void filesAreUtf8() throws IOException {
        for (String lang : HtmlReportWriter.LANGUAGES) {
            byte[] bytes = resource("messages_" + lang + ".properties");
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            } catch (CharacterCodingException e) {
                throw new AssertionError("messages_" + lang + ".properties is not UTF-8", e);
            }
        }
        // read as UTF-8, not as ISO-8859-1
        assertEquals("위험", HtmlReportWriter.messages("ko").get("severity.critical"));
    }

    @Test
    void placeholdersMatchAndParse() {
        Map<String, String> en = HtmlReportWriter.messages("en");
        Map<String, String> ko = HtmlReportWriter.messages("ko");
        for (String key : en.keySet()) {
            assertEquals(placeholders(en.get(key)), placeholders(ko.get(key)), key);
            if (!placeholders(en.get(key)).isEmpty()) {
                new MessageFormat(en.get(key));
                new MessageFormat(ko.get(key));
                assertFalse(new MessageFormat(ko.get(key)).format(new Object[] {"A", "B", "C", "D", "E"}).contains("{"),
                        key);
            }
        }
    }

    @Test
    void everyKeyThePageUsesExists() throws IOException {
        String template = new String(resource("report.ftlh"), StandardCharsets.UTF_8);
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("msg\\[\"([^\"]+)\"]|fmt\\(\"([^\"]+)\"").matcher(template);
        while (m.find()) {
            used.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        assertTrue(used.size() > 30, "template labels found: " + used);
        for (Severity s : Severity.values()) {
            used.add("severity." + s.label());
        }
        for (InventoryItem.Status s : InventoryItem.Status.values()) {
            used.add("status." + s.label());
        }
        used.addAll(Set.of("page.title", "size.exact", "duration.seconds", "duration.minutes", "duration.hours",
                "evidence.record", "machine.host", "machine.os", "machine.osVersion", "machine.agent",
                "machine.powershell", "machine.timezone"));
        // the timeline's texts, formatted by TimelineChart
        for (Timeline.Level l : Timeline.Level.values()) {
            used.add("timeline.level." + l.label());
        }
        used.addAll(Set.of("timeline.axis", "timeline.hour", "timeline.hours", "timeline.day", "timeline.days",
                "timeline.year", "timeline.years", "timeline.summary", "timeline.noTimedEvents", "timeline.levelCount",
                "timeline.markers", "timeline.untimed", "timeline.bar", "timeline.marker", "timeline.markerMany"));
        for (String lang : HtmlReportWriter.LANGUAGES) {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(HtmlReportWriter.messages(lang).keySet());
            assertTrue(missing.isEmpty(), lang + " lacks " + missing);
        }
    }

    @Test
    void koreanUsesTheTermsEngineersKnow() {
        Map<String, String> ko = HtmlReportWriter.messages("ko");
        assertEquals("발견 사항", ko.get("findings.heading"));
        assertEquals("증거", ko.get("evidence.heading"));
        assertEquals("평가되지 않음", ko.get("notEvaluated.heading"));
        assertEquals("고객에게 요청할 자료", ko.get("notEvaluated.missing"));
        assertEquals("파일 목록", ko.get("inventory.heading"));
        assertEquals("오류", ko.get("severity.error"));
        assertEquals("경고", ko.get("severity.warning"));
        assertEquals("정보", ko.get("severity.info"));
        assertEquals("분석됨", ko.get("status.parsed"));
        assertEquals("건너뜀", ko.get("status.skipped"));
        assertEquals("실패", ko.get("status.failed"));
    }

    private static Set<String> placeholders(String pattern) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\\{(\\d+)").matcher(pattern);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = MessageBundleTest.class.getResourceAsStream(DIR + name)) {
            assertNotNull(in, name + " on the class path");
            return in.readAllBytes();
        }
    }
}
