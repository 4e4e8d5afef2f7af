package dev.bundleanalyzer.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scan of {@link EventTimes#parseCommon} against the regex it stands in for. */
class EventTimesTest {

    private static final Boolean[] ORDERS = {null, true, false};

    /** Every text reads the same through {@link EventTimes#parse} as through the regex, whatever the file settled. */
    private static void agrees(String text) {
        for (Boolean dayFirst : ORDERS) {
            EventTimes.Parsed regex = EventTimes.parseWithRegex(text, dayFirst);
            assertEquals(regex, EventTimes.parse(text, dayFirst), () -> "'" + text + "' dayFirst " + dayFirst);
            EventTimes.Parsed fast = EventTimes.parseCommon(text, dayFirst);
            if (fast != null) {
                assertEquals(regex, fast, () -> "fast path of '" + text + "' dayFirst " + dayFirst);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // en-US, 12 h with AM/PM: both digits and one, midnight and noon, no seconds, a fraction
        "10/7/2016 06:38:24 PM", "10/7/2016 6:38:24 AM", "1/1/2016 12:00:00 AM", "1/1/2016 12:00:00 PM",
        "12/31/2016 11:59:59 PM", "10/13/2016 1:05 PM", "10/7/2016 6:38:24.5 PM", "10/7/2016 6:38:24PM",
        "10/7/2016 6:38:24 pm", "10/7/2016 6:38:24 a.m.", "10/7/2016 6:38:24 P.M.", "7/10/16 6:38:24 PM",
        // day first: 24 h, dots, dashes, slashes
        "27.10.2021 12:28:26", "27.10.2021 00:00:00", "1.2.2021 3:04:05", "27-10-2021 12:28:26",
        "27/10/2021 12:28:26", "7/10/2016 18:38:24", "7/10/2016 18:38", "27.10.21 12:28:26",
        // ISO, local and absolute, fractions of 1 to 9 digits, both fraction marks
        "2021-10-27T12:28:26.1234567", "2016-06-01T20:55:45.000000000Z", "2016-06-01T20:55:45Z",
        "2016-06-01T20:55:45.1Z", "2021-10-27 12:28:26", "2021-10-27 12:28:26,123", "2021-10-27T12:28",
        "2021-10-27T12:28:26+09:00", "2021-10-27T12:28:26-0530", "2021-10-27T12:28:26+09",
        "2021-10-27T12:28:26.5 +09:00", "2021-10-27 12:28:26 Z", "2021/10/27 12:28:26",
        // Korean, Japanese and Chinese day halves, before and after the time
        "2026-10-21 오전 11:02:21", "2026-10-21 오후 12:02:21", "2026-10-21 오후 1:02:21", "2026-10-21 오전 12:15:00",
        "2026-10-21 午前 9:00:00", "2026-10-21 午後 9:00:00", "2026-10-21 上午 9:00:00", "2026-10-21 下午 9:00:00",
        "2026-10-21 오후1:02:21", "2026-10-21 오전 11:02:21 PM",
    })
    void theFastPathReadsTheCommonFormsAsTheRegexDoes(String text) {
        agrees(text);
        assertNotNull(EventTimes.parseCommon(text, null), "the fast path reads " + text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // shapes the fast path leaves to the regex
        "2026. 10. 21. 오후 1:02:21", "2026. 10. 21 오후 1:02:21", "27.10.2021. 12:28:26", "10/7/2016  6:38:24 PM",
        "10/7/2016\t6:38:24 PM", "10/7/2016 6:38:24  PM", "2021-10-27T12:28:26  +09:00", "10/7/2016 6:38:24 PM ",
        "2026-10-21 오전  11:02:21", "10/7/2016 6:38:24.1234567890 PM",
        // not times, or times that are not dates
        "10/7/2016", "13/13/2016 10:00:00", "2016-02-30 10:00:00", "10:00:00", "None", "10/7/2016 13:00:00 PM",
        "10/7/2016 0:30:00 AM", "1.2.3 4:5", "2016-10-7 10:00:00", "2016-10-2016 10:00:00", "10/7/201 10:00:00",
        "10/7-2016 10:00:00", "12345/7/2016 10:00", "10/123/2016 10:00", "10/7/12345 10:00", "10/7/2016 123:00",
        "10/7/2016 1:2:3", "10/7/2016 10:00:0", "10/7/2016 10:000", "10/7/2016 10:00:00.", "10/7/2016 10:00:00 Pm",
        "2021-10-27T12:28:26+9", "2021-10-27T12:28:26+09:0", "2021-10-27T12:28:26+19:00", "2021-10-27T12:28:26z",
        "2021-10-27t12:28:26", "2021-10-27T12:28:26 +0900x", "2021-10-27T12:28:60", "2021-10-27T24:00:00",
        "2021-10-27T12:28:26ZZ", "２０２１-10-27 12:28:26", "2021-10-27 12:28:2６", "10/7/2016 6:38:24 AMPM",
    })
    void otherShapesReadAsTheRegexReadsThem(String text) {
        agrees(text);
    }

    @Test
    void aDateThatSettlesTheOrderSaysSo() {
        assertEquals(Boolean.TRUE, EventTimes.parseCommon("13/10/2016 10:00:00", null).dayFirst());
        assertEquals(Boolean.FALSE, EventTimes.parseCommon("10/13/2016 10:00:00 AM", null).dayFirst());
        assertNull(EventTimes.parseCommon("10/7/2016 10:00:00 AM", null).dayFirst());
        assertEquals(10, EventTimes.parseCommon("10/7/2016 10:00:00", false).local().getMonthValue());
        assertEquals(7, EventTimes.parseCommon("10/7/2016 10:00:00", true).local().getMonthValue());
    }

    /** Texts put together from the pieces of every shape, near misses among them, read as by the regex. */
    @Test
    void generatedTextsReadAsTheRegexReadsThem() {
        // each place: the shapes the fast path reads, then near misses and the shapes it leaves to the regex
        String[][][] parts = {
            {{"1", "10", "27", "2016"}, {"", "12345", "x"}},
            {{"/", "-", "."}, {". ", ":", " ", ""}},
            {{"1", "7", "10", "13"}, {"123", ""}},
            {{"/", "-", "."}, {". ", ""}},
            {{"16", "2016", "2021", "1"}, {"123", "20210"}},
            {{" ", "T"}, {"", ".", "  ", "\t", "t"}},
            {{"", "", "", "오전 ", "오후", "AM ", "午後 ", "a.m. "}, {" ", "오전  ", "Am "}},
            {{"0", "6", "06", "12", "13", "24"}, {"123", ""}},
            {{":"}, {"", "."}},
            {{"00", "38", "60"}, {"5", "123"}},
            {{"", ":24", ":60"}, {":5", ":245", ":"}},
            {{"", "", ".5", ",123", ".1234567", ".123456789"}, {".1234567890", "."}},
            {{"", "", " PM", "PM", " am", " P.M.", " 오후"}, {"  PM", " pm ", " Pm"}},
            {{"", "", "Z", " Z", "+09:00", "-0530", "+09", " +09:00", "+19:00"}, {"+9", "+09:0", "z", "+09:00 "}},
        };
        Random random = new Random(42);
        int fast = 0;
        for (int round = 0; round < 200_000; round++) {
            StringBuilder text = new StringBuilder();
            for (String[][] place : parts) {
                String[] choices = place[random.nextInt(100) < (round % 2 == 0 ? 97 : 80) ? 0 : 1];
                text.append(choices[random.nextInt(choices.length)]);
            }
            String s = text.toString();
            agrees(s);
            if (EventTimes.parseCommon(s, null) != null) {
                fast++;
            }
        }
        // the table makes times often enough that the fast path is exercised, not only the fallback
        assertTrue(fast > 2000, "fast-path reads: " + fast);
    }

    @Test
    void theDayHalvesAreTheRegexAlternativesInOrder() {
        assertEquals(Arrays.asList("AM", "PM", "am", "pm", "A.M.", "P.M.", "a.m.", "p.m.", "오전", "오후", "午前", "午後",
                "上午", "下午"), Arrays.asList(EventTimes.dayHalves()));
    }
}
