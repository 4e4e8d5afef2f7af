package dev.bundleanalyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.report.TimelineChart.Mark;
import dev.bundleanalyzer.report.TimelineChart.Segment;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.Finding;
import dev.bundleanalyzer.rules.LocalizedText;
import dev.bundleanalyzer.rules.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The timeline's drawing: bar heights, marker positions, texts in both languages, and the SVG on the page. */
class TimelineChartTest {

    private static final Map<String, String> EN = HtmlReportWriter.messages("en");
    private static final Map<String, String> KO = HtmlReportWriter.messages("ko");

    private static TimelineChart chart(String lang) {
        return TimelineChart.of(TimelineTest.knownTimeline(), lang, lang.equals("en") ? EN : KO,
                HtmlReportWriter.locale(lang), Map.of("MARS-34513", "MARS-34513"));
    }

    @Test
    void barsStackLevelsMostSevereAtTheBottomOnANiceScale() {
        TimelineChart c = chart("en");
        assertEquals(3, c.bars().size(), "the empty hour has no bar");
        List<Segment> first = c.bars().get(0).segments();
        assertEquals(List.of("critical", "error", "info"), first.stream().map(Segment::level).toList());
        // 3 events at most: the scale goes to 5, so one event is a fifth of the 148-unit plot
        assertEquals(29.6, first.get(0).height());
        assertEquals(170.4, first.get(0).y());
        assertEquals(140.8, first.get(1).y());
        assertEquals(111.2, first.get(2).y());
        assertEquals(List.of("0", "5"), c.yTicks().stream().map(TimelineChart.Tick::label).toList());
        double slot = (TimelineChart.PLOT_RIGHT - TimelineChart.PLOT_LEFT) / 4;
        assertEquals(TimelineChart.PLOT_LEFT + 2 * slot, c.bars().get(1).segments().get(0).x()
                - (slot - c.bars().get(1).segments().get(0).width()) / 2, 0.1, "third hour's bar in the third slot");
        assertEquals("2026-10-21 10:00Z \u2013 2026-10-21 11:00Z: critical 1, error 1, information 1",
                c.bars().get(0).title());
    }

    @Test
    void markersSitAtTheirEvidenceTimeInTheirSeverityRow() {
        TimelineChart c = chart("en");
        assertEquals(2, c.markers().size());
        Mark first = c.markers().get(0);
        // 10:40 is 40 of the 240 minutes from 10:00: a sixth of the 888-unit plot after its left edge at 72
        assertEquals(72 + 148, first.x(), 0.05);
        assertEquals(72 + 888 * 185 / 240.0, c.markers().get(1).x(), 0.05, "13:05");
        assertEquals("error", first.severity());
        assertEquals(19, first.y(), "second row: error, below critical");
        assertEquals("MARS-34513", first.href());
        assertEquals("M216 15 L224 15 L220 23 Z", first.shape());
        assertEquals("MARS-34513 (error): MARS-34513 title \u2014 2026-10-21 10:40:00Z, 2 pieces of evidence in this bar",
                first.title());
        assertEquals("MARS-34513 (error): MARS-34513 title \u2014 2026-10-21 13:05:00Z", c.markers().get(1).title());
    }

    @Test
    void aCriticalFindingIsInTheTopRowAndOneWithoutAnchorHasNoLink() {
        Timeline.Builder b = new Timeline.Builder(TimelineTest.T, TimelineTest.T);
        b.mark(TimelineTest.finding("R-CRIT", Severity.CRITICAL, TimelineTest.T));
        b.mark(TimelineTest.finding("R-INFO", Severity.INFO, TimelineTest.T));
        TimelineChart c = TimelineChart.of(b.build(0), "en", EN, Locale.ENGLISH, Map.of());
        Mark critical = c.markers().stream().filter(m -> m.rule().equals("R-CRIT")).findFirst().orElseThrow();
        Mark info = c.markers().stream().filter(m -> m.rule().equals("R-INFO")).findFirst().orElseThrow();
        assertEquals(9, critical.y());
        assertEquals(39, info.y());
        assertNull(critical.href());
        assertEquals(TimelineChart.PLOT_LEFT + 888 * 15 / 60.0, critical.x(), 0.05, "10:15 in the 10:00 hour");
    }

    @Test
    void summaryGivesRangeBucketTotalsAndWhatIsLeftOut() {
        assertEquals("6 events with a time, from 2026-10-21 10:15:00Z to 2026-10-21 13:05:00Z, each bar covering "
                + "1 hour: critical 1, error 1, warning 1, information 2, other 1. 1 finding is marked where its "
                + "evidence falls. 1 event without a time is not drawn.", chart("en").summary());
        assertEquals("1 bar = 1 hour (UTC)", chart("en").axisLabel());
        String ko = chart("ko").summary();
        assertTrue(ko.startsWith("시각이 있는 이벤트 6건(2026-10-21 10:15:00Z ~ 2026-10-21 13:05:00Z), 막대 하나는 1시간 단위: "
                + "위험 1건, 오류 1건, 경고 1건, 정보 2건, 기타 1건."), ko);
        assertTrue(ko.contains("발견 사항 1건") && ko.contains("시각이 없는 이벤트 1건"), ko);
        assertEquals("막대 1개 = 1시간 (UTC)", chart("ko").axisLabel());
    }

    @Test
    void bucketLengthsAreSaidInWords() {
        Locale en = Locale.ENGLISH;
        assertEquals("3 hours", TimelineChart.bucketLength(Duration.ofHours(3), EN, en));
        assertEquals("1 day", TimelineChart.bucketLength(Duration.ofDays(1), EN, en));
        assertEquals("7 days", TimelineChart.bucketLength(Duration.ofDays(7), EN, en));
        assertEquals("5 years", TimelineChart.bucketLength(Duration.ofDays(5 * 365), EN, en));
        assertEquals("6시간", TimelineChart.bucketLength(Duration.ofHours(6), KO, Locale.KOREAN));
        assertEquals("1년", TimelineChart.bucketLength(Duration.ofDays(365), KO, Locale.KOREAN));
    }

    @Test
    void timeLabelsFallOnRoundHoursAndAreFewEnoughToRead() {
        Instant from = Instant.parse("2026-10-18T00:00:15Z");
        Timeline t = new Timeline.Builder(from, Instant.parse("2026-10-22T04:00:31Z")).build(0);
        TimelineChart c = TimelineChart.of(t, "en", EN, Locale.ENGLISH, Map.of());
        assertEquals(List.of("10-18 00:00", "10-19 00:00", "10-20 00:00", "10-21 00:00", "10-22 00:00"),
                c.xTicks().stream().map(TimelineChart.Tick::label).toList());
        Timeline years = new Timeline.Builder(Instant.parse("1601-01-01T00:00:00Z"), from).build(0);
        List<TimelineChart.Tick> ticks = TimelineChart.of(years, "en", EN, Locale.ENGLISH, Map.of()).xTicks();
        assertTrue(ticks.size() <= TimelineChart.MAX_X_LABELS && ticks.size() >= 3, "labels: " + ticks);
        assertTrue(ticks.get(0).label().matches("\\d{4}-\\d\\d-\\d\\d"), ticks.get(0).label());
        assertEquals(List.of(), TimelineChart.of(years, "en", EN, Locale.ENGLISH, Map.of()).bars(), "no events");
    }

    @Test
    void niceCeilings() {
        assertEquals(1, TimelineChart.niceCeiling(0));
        assertEquals(1, TimelineChart.niceCeiling(1));
        assertEquals(2, TimelineChart.niceCeiling(2));
        assertEquals(5, TimelineChart.niceCeiling(3));
        assertEquals(10, TimelineChart.niceCeiling(7));
        assertEquals(50, TimelineChart.niceCeiling(21));
        assertEquals(100_000, TimelineChart.niceCeiling(99_999));
    }

    @Test
    void thePageDrawsTheTimelineAsAnInlineSvgWithATextAlternative() {
        AnalysisReport report = reportWithTimeline(TimelineTest.finding("MARS-34513", Severity.ERROR,
                TimelineTest.at("10:40")));
        for (String lang : HtmlReportWriter.LANGUAGES) {
            String html = new HtmlReportWriter().render(report, lang);
            Matcher svg = Pattern.compile("(?s)<svg class=\"chart\"[^>]*>(.*?)</svg>").matcher(html);
            assertTrue(svg.find(), lang);
            String body = svg.group(1);
            assertTrue(svg.group().contains("role=\"img\"") && svg.group().contains("aria-labelledby=\"timeline-title timeline-desc\""));
            assertTrue(body.contains("<desc id=\"timeline-desc\">"), lang);
            assertEquals(3, count(body, "<rect class=\"lv-"), "critical, error and info of the first hour: " + lang);
            assertTrue(body.contains("<a href=\"#MARS-34513\"><g class=\"mk mk-error\">"), lang);
            assertTrue(body.contains("<path d=\"M216 15 L224 15 L220 23 Z\"/>"), lang);
            assertTrue(html.contains("<figcaption>"), lang);
            assertFalse(body.contains("http"), "no outside resource in the chart");
        }
    }

    @Test
    void aHostileFindingTitleIsTextInTheSvg() {
        String hostile = "<script>alert(1)</script><img src=x onerror=alert(1)> ${x} {{ y }}";
        Evidence e = new Evidence("Temp/CBEngineCurr.errlog", 1, null, TimelineTest.at("10:40"), "line");
        Finding f = new Finding("R-<b>", Severity.ERROR, new LocalizedText(hostile, hostile), null, List.of(),
                List.of(), List.of(), 1, null, null, List.of(e));
        String html = new HtmlReportWriter().render(reportWithTimeline(f), "en");
        Matcher svg = Pattern.compile("(?s)<svg class=\"chart\".*?</svg>").matcher(html);
        assertTrue(svg.find());
        String chart = svg.group();
        assertTrue(chart.contains("<title>R-&lt;b&gt; (error): &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x "
                + "onerror=alert(1)&gt; ${x} {{ y }} \u2014 2026-10-21 10:40:00Z</title>"), chart);
        assertFalse(chart.contains("<script") || chart.contains("<img") || chart.contains("<b>"));
    }

    private static AnalysisReport reportWithTimeline(Finding finding) {
        Timeline.Builder b = new Timeline.Builder(TimelineTest.T, TimelineTest.at("13:05"));
        TimeHistogram h = new TimeHistogram();
        h.count(TimelineTest.T.toEpochMilli(), "FATAL");
        h.count(TimelineTest.at("10:40").toEpochMilli(), "Error");
        h.count(TimelineTest.at("10:59").toEpochMilli(), "NORMAL");
        h.forEach(b::count);
        b.mark(finding);
        BundleInfo bundle = new BundleInfo("b.zip", "b.zip", 1, "00", TimelineTest.T, Duration.ofMillis(5));
        return new AnalysisReport("1.0", bundle, List.of(finding), List.of(), List.of(), Map.of(), TimelineTest.T,
                TimelineTest.at("13:05"), 3, List.of(), b.build(0));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
