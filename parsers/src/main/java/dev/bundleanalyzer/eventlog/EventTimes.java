package dev.bundleanalyzer.eventlog;

import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.RecordSink;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the times of event-log exports, which are written in the exporting user's culture and in the local time
 * of the machine that exported them:
 * <ul>
 *   <li>en-US {@code 10/7/2016 06:38:24 PM}, {@code 10/7/2016 6:38:24 PM};</li>
 *   <li>de-DE {@code 27.10.2021 12:28:26} (and other cultures with {@code d.M.yyyy} or {@code d-M-yyyy});</li>
 *   <li>ko-KR {@code 2026-10-21 오전 11:02:21} ({@code 오전} AM, {@code 오후} PM; also {@code 2026. 10. 21.}),
 *       and the Japanese and Chinese day-half words;</li>
 *   <li>en-GB, fr-FR and others {@code 27/10/2021 12:28:26}: a day-first date;</li>
 *   <li>ISO {@code 2021-10-27T12:28:26.1234567}, local, or with {@code Z} or an offset, absolute.</li>
 * </ul>
 *
 * <p>A slash date whose order the text does not settle ({@code 10/7/2016}) is month first when the time has an
 * upper-case AM/PM (en-US) and day first otherwise (24-hour cultures; en-AU and en-NZ write a lower-case
 * {@code am}); within one file, a date that does settle it ({@code 10/13/2016}) decides the later ones.
 *
 * <p>One instance reads the times of one file: local times are converted with the machine's zone when the
 * bundle told it ({@link ParseInput#zone()}); otherwise they are read as UTC, marked as assumed, and the file
 * gets one note that says so. Not thread-safe.
 */
final class EventTimes {

    private static final String DAY_HALF = "AM|PM|am|pm|A\\.M\\.|P\\.M\\.|a\\.m\\.|p\\.m\\.|오전|오후|午前|午後|上午|下午";

    private static final Pattern TIME = Pattern.compile(
            "(\\d{1,4})(\\.\\s?|/|-)(\\d{1,2})\\2(\\d{1,4})\\.?"
            + "(?:T|\\s+)"
            + "(?:(" + DAY_HALF + ")\\s*)?"
            + "(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?"
            + "(?:\\s*(" + DAY_HALF + "))?"
            + "\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?");

    static final String ASSUMED_NOTE = "event times are local times of the machine that exported them; "
            + "local times read as UTC: the bundle does not say the machine's time zone";

    /**
     * A time as read from the text.
     *
     * @param local    the date and time as written
     * @param offset   the offset written with it, or {@code null} for a local time
     * @param dayFirst for a slash date: true when it is day first, false when month first, {@code null} when
     *                 the text itself does not tell (or it is not a slash date)
     */
    record Parsed(LocalDateTime local, ZoneOffset offset, Boolean dayFirst) {
    }

    private final String file;
    private final ZoneId zone;
    private final RecordSink sink;
    private boolean noted;
    /** The order of slash dates settled by an earlier date of the file, or {@code null}. */
    private Boolean dayFirst;

    EventTimes(ParseInput input, RecordSink sink) {
        this.file = input.path();
        this.zone = input.zone();
        this.sink = sink;
    }

    /**
     * Sets time, timeText and timeAssumed of a record from the time text of an export (local unless it
     * carries an offset). A blank or unreadable text leaves the time {@code null}.
     */
    void apply(LogEvent.Builder b, String text) {
        String t = EventLogs.blankToNull(text);
        b.timeText(t);
        if (t == null) {
            return;
        }
        Parsed p = parse(t, dayFirst);
        if (p == null) {
            return;
        }
        if (p.dayFirst() != null) {
            dayFirst = p.dayFirst();
        }
        if (p.offset() != null) {
            b.time(p.local().toInstant(p.offset()));
        } else if (zone != null) {
            b.time(p.local().atZone(zone).toInstant());
        } else {
            b.time(p.local().toInstant(ZoneOffset.UTC)).timeAssumed(true);
            if (!noted) {
                noted = true;
                sink.timeNote(file, ASSUMED_NOTE);
            }
        }
    }

    /** True when the text reads as a time of one of the forms above. */
    static boolean isTime(String text) {
        return text != null && parse(text.strip(), null) != null;
    }

    /**
     * Reads a time.
     *
     * @param text     the time text, stripped
     * @param dayFirst the order of slash dates already settled in the file, or {@code null}
     * @return the time, or {@code null} when the text is not one
     */
    static Parsed parse(String text, Boolean dayFirst) {
        if (text.length() < 8 || text.length() > 64) {
            return null;
        }
        Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String g1 = m.group(1);
        String sep = m.group(2);
        String g4 = m.group(4);
        int a = Integer.parseInt(g1);
        int b = Integer.parseInt(m.group(3));
        int c = Integer.parseInt(g4);
        String half = m.group(5) != null ? m.group(5) : m.group(10);
        int year;
        int month;
        int day;
        Boolean settled = null;
        if (g1.length() == 4) {
            if (g4.length() > 2) {
                return null;
            }
            year = a;
            month = b;
            day = c;
        } else {
            if (g4.length() != 4 && g4.length() != 2) {
                return null;
            }
            year = g4.length() == 2 ? 2000 + c : c;
            boolean df;
            if (!sep.equals("/")) {
                df = true; // 27.10.2021, 27-10-2021
            } else if (a > 12) {
                df = true;
                settled = true;
            } else if (b > 12) {
                df = false;
                settled = false;
            } else if (dayFirst != null) {
                df = dayFirst;
            } else {
                df = half == null || !isUpperLatin(half);
            }
            day = df ? a : b;
            month = df ? b : a;
        }
        int hour = Integer.parseInt(m.group(6));
        int minute = Integer.parseInt(m.group(7));
        int second = m.group(8) == null ? 0 : Integer.parseInt(m.group(8));
        int nanos = 0;
        if (m.group(9) != null) {
            String f = m.group(9);
            nanos = Integer.parseInt(f) * (int) Math.pow(10, 9 - f.length());
        }
        if (half != null) {
            if (hour < 1 || hour > 12) {
                return null;
            }
            boolean pm = switch (half) {
                case "PM", "pm", "P.M.", "p.m.", "오후", "午後", "下午" -> true;
                default -> false;
            };
            hour = hour % 12 + (pm ? 12 : 0);
        }
        ZoneOffset offset = null;
        if (m.group(11) != null) {
            String z = m.group(11);
            if (z.equals("Z")) {
                offset = ZoneOffset.UTC;
            } else {
                try {
                    offset = ZoneOffset.of(z.length() == 5 ? z.substring(0, 3) + ":" + z.substring(3) : z);
                } catch (DateTimeException e) {
                    return null;
                }
            }
        }
        try {
            return new Parsed(LocalDateTime.of(year, month, day, hour, minute, Math.min(second, 59), nanos),
                    offset, settled);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean isUpperLatin(String half) {
        return half.charAt(0) == 'A' || half.charAt(0) == 'P';
    }

    /** An instant from an XML {@code SystemTime} ({@code 2016-06-01T20:55:45.000000000Z}); UTC when no zone. */
    static Instant systemTime(String text) {
        String t = EventLogs.blankToNull(text);
        if (t == null) {
            return null;
        }
        Parsed p = parse(t, null);
        if (p == null) {
            return null;
        }
        return p.local().toInstant(p.offset() != null ? p.offset() : ZoneOffset.UTC);
    }
}
