package dev.bundleanalyzer.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-pass {@link EventLogs#unixLines(String, boolean)} against the replaces and cut it stands in for. */
class EventLogsUnixLinesTest {

    private static String before(String s, boolean dropLastEnd) {
        String t = s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n").replace('\r', '\n');
        return dropLastEnd && t.endsWith("\n") ? t.substring(0, t.length() - 1) : t;
    }

    @Test
    void givesTheTextOfTheReplacesWhateverTheLineEnds() {
        String[] pieces = {"a", "bc", "\r", "\n", "\r\n", "\n\r", "\r\r", "한", ",\"", ""};
        Random random = new Random(17);
        for (int round = 0; round < 100_000; round++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(10);
            for (int i = 0; i < n; i++) {
                s.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = s.toString();
            for (boolean drop : new boolean[] {false, true}) {
                assertEquals(before(text, drop), EventLogs.unixLines(text, drop), () -> "'" + text.replace("\r", "\\r")
                        .replace("\n", "\\n") + "' drop " + drop);
            }
            assertEquals(before(text, false), EventLogs.unixLines(text));
        }
    }

    @Test
    void aTextWithNothingToChangeIsReturnedAsItIs() {
        String row = "Error,10/7/2016 6:38:24 PM,CloudBackup,11,None,text";
        assertSame(row, EventLogs.unixLines(row, true));
        assertSame(row, EventLogs.unixLines(row, false));
        assertEquals(row, EventLogs.unixLines(row + "\r\n", true));
        assertEquals("a\nb", EventLogs.unixLines("a\r\nb\r\n", true));
        assertNull(EventLogs.unixLines(null, true));
    }
}
