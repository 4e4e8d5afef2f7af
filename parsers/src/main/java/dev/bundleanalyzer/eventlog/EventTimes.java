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
        Parsed p = parseCommon(text, dayFirst);
        return p != null ? p : parseWithRegex(text, dayFirst);
    }

    /** {@link #parse} by the regex {@link #TIME} alone: what {@link #parseCommon} must agree with. */
    static Parsed parseWithRegex(String text, Boolean dayFirst) {
        if (text.length() < 8 || text.length() > 64) {
            return null;
        }
        Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String g1 = m.group(1);
        String g4 = m.group(4);
        int nanos = 0;
        if (m.group(9) != null) {
            String f = m.group(9);
            nanos = Integer.parseInt(f) * (int) Math.pow(10, 9 - f.length());
        }
        return build(Integer.parseInt(g1), g1.length(), m.group(2).equals("/"), Integer.parseInt(m.group(3)),
                Integer.parseInt(g4), g4.length(), m.group(5) != null ? m.group(5) : m.group(10),
                Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)),
                m.group(8) == null ? 0 : Integer.parseInt(m.group(8)), nanos, m.group(11), dayFirst);
    }

    /**
     * The fast path of {@link #parse}: a scan, without the regex, of the forms exports write (one blank or a
     * {@code T} between date and time, {@code /}, {@code -} or {@code .} in the date, at most one blank before a
     * day half or an offset), taking the same groups as {@link #TIME} would. {@code null} when the text is of
     * another shape or the groups make no time; the regex then decides, so that every text reads as by the regex.
     */
    static Parsed parseCommon(String s, Boolean dayFirst) {
        int n = s.length();
        // date: 1-4 digits, a separator, 1-2 digits, the same separator, 1-4 digits
        int i = digitsEnd(s, 0);
        int g1Length = i;
        if (g1Length < 1 || g1Length > 4 || i >= n) {
            return null;
        }
        char sep = s.charAt(i);
        if (sep != '/' && sep != '-' && sep != '.') {
            return null;
        }
        int from = ++i;
        i = digitsEnd(s, i);
        if (i - from < 1 || i - from > 2 || i >= n || s.charAt(i) != sep) {
            return null;
        }
        int b = number(s, from, i);
        from = ++i;
        i = digitsEnd(s, i);
        int g4Length = i - from;
        if (g4Length < 1 || g4Length > 4 || i + 1 >= n) {
            return null;
        }
        int c = number(s, from, i);
        // between date and time: T or one blank
        char between = s.charAt(i);
        if (between != 'T' && between != ' ') {
            return null;
        }
        i++;
        String half = null;
        if (!isDigit(s.charAt(i))) {
            half = dayHalfAt(s, i);
            if (half == null) {
                return null;
            }
            i += half.length();
            if (i < n && s.charAt(i) == ' ') {
                i++;
            }
        }
        // time: 1-2 digits, a colon, 2 digits, then maybe a colon and 2 digits and maybe a fraction of 1-9 digits
        from = i;
        i = digitsEnd(s, i);
        if (i - from < 1 || i - from > 2 || i >= n || s.charAt(i) != ':') {
            return null;
        }
        int hour = number(s, from, i);
        from = ++i;
        i = digitsEnd(s, i);
        if (i - from != 2) {
            return null;
        }
        int minute = number(s, from, i);
        int second = 0;
        int nanos = 0;
        if (i < n && s.charAt(i) == ':') {
            from = ++i;
            i = digitsEnd(s, i);
            if (i - from != 2) {
                return null;
            }
            second = number(s, from, i);
            if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                from = ++i;
                i = digitsEnd(s, i);
                int length = i - from;
                if (length < 1 || length > 9) {
                    return null;
                }
                nanos = number(s, from, i) * POWERS_OF_TEN[9 - length];
            }
        }
        // a day half after the time, then an offset, each after at most one blank
        int j = i < n && s.charAt(i) == ' ' ? i + 1 : i;
        String after = j < n ? dayHalfAt(s, j) : null;
        if (after != null) {
            i = j + after.length();
            if (half == null) {
                half = after;
            }
        }
        String zone = null;
        if (i < n) {
            j = s.charAt(i) == ' ' ? i + 1 : i;
            zone = offsetAt(s, j);
            if (zone == null) {
                return null;
            }
        }
        return build(number(s, 0, g1Length), g1Length, sep == '/', b, c, g4Length, half, hour, minute, second,
                nanos, zone, dayFirst);
    }

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};

    /** The alternatives of {@link #DAY_HALF} in its order; no two of them match at the same place. */
    private static final String[] DAY_HALVES = DAY_HALF.replace("\\", "").split("\\|");

    static String[] dayHalves() {
        return DAY_HALVES.clone();
    }

    /** The day half word that starts at {@code i}, or {@code null}. */
    private static String dayHalfAt(String s, int i) {
        for (String h : DAY_HALVES) {
            if (s.startsWith(h, i)) {
                return h;
            }
        }
        return null;
    }

    /** The whole rest of the text from {@code i} when it is {@code Z}, {@code +hh}, {@code +hhmm} or {@code +hh:mm}. */
    private static String offsetAt(String s, int i) {
        int n = s.length();
        if (i >= n) {
            return null;
        }
        char c = s.charAt(i);
        if (c == 'Z') {
            return i + 1 == n ? "Z" : null;
        }
        int rest = n - (i + 3);
        if ((c != '+' && c != '-') || rest < 0 || !isDigit(s.charAt(i + 1)) || !isDigit(s.charAt(i + 2))) {
            return null;
        }
        boolean ok = rest == 0
                || rest == 2 && isDigit(s.charAt(i + 3)) && isDigit(s.charAt(i + 4))
                || rest == 3 && s.charAt(i + 3) == ':' && isDigit(s.charAt(i + 4)) && isDigit(s.charAt(i + 5));
        return ok ? s.substring(i) : null;
    }

    /** Where the run of ASCII digits from {@code i} ends. */
    private static int digitsEnd(String s, int i) {
        int n = s.length();
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The value of the ASCII digits from {@code from} to {@code to} (at most 9 of them). */
    private static int number(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    /**
     * The time of the groups of {@link #TIME}: a, b and c the three numbers of the date (as written, first one
     * {@code g1Length} digits long, last one {@code g4Length}), {@code slash} when they are separated by slashes,
     * {@code half} the day half word or {@code null}, {@code zone} the offset text or {@code null}.
     */
    private static Parsed build(int a, int g1Length, boolean slash, int b, int c, int g4Length, String half,
                                int hour, int minute, int second, int nanos, String zone, Boolean dayFirst) {
        int year;
        int month;
        int day;
        Boolean settled = null;
        if (g1Length == 4) {
            if (g4Length > 2) {
                return null;
            }
            year = a;
            month = b;
            day = c;
        } else {
            if (g4Length != 4 && g4Length != 2) {
                return null;
            }
            year = g4Length == 2 ? 2000 + c : c;
            boolean df;
            if (!slash) {
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
        if (zone != null) {
            if (zone.equals("Z")) {
                offset = ZoneOffset.UTC;
            } else {
                try {
                    offset = ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
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
