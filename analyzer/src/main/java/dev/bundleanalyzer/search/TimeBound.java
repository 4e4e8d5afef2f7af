package dev.bundleanalyzer.search;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time as an engineer types it, read as the whole period it names: {@code 2026-10-21} is that day,
 * {@code 2026-10-21T22:30} that minute, {@code 2026-10-21T22:30:15.5} that tenth of a second. So "until the
 * 21st" includes the 21st, and "since 22:30" starts at 22:30:00.000. Without a zone the value is UTC, as
 * every time in the index is. A run of digits alone is epoch milliseconds, as the index stores times.
 *
 * @param first the first millisecond of the period (epoch millis, UTC)
 * @param last  its last millisecond, inclusive
 */
public record TimeBound(long first, long last) {

    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
                    + "\\s*([Zz]|[+-]\\d{2}(?::?\\d{2})?)?");
    private static final Pattern MILLIS = Pattern.compile("\\d{1,18}");

    /** What the error messages offer as examples. */
    public static final String FORMS = "2026-10-21, 2026-10-21T22:30, 2026-10-21T22:30:15Z or 2026-10-21T22:30+09:00";

    /** @throws IllegalArgumentException naming the value and the forms that are understood */
    public static TimeBound parse(String value) {
        String v = value.strip();
        if (MILLIS.matcher(v).matches()) {
            long millis = Long.parseLong(v);
            return new TimeBound(millis, millis);
        }
        Matcher m = ISO.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a date or time: write " + FORMS);
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            Duration period = Duration.ofDays(1);
            LocalTime time = LocalTime.MIDNIGHT;
            if (m.group(4) != null) {
                int seconds = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
                time = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), seconds);
                period = Duration.ofMinutes(1);
                if (m.group(6) != null) {
                    period = Duration.ofSeconds(1);
                }
                if (m.group(7) != null) {
                    String digits = m.group(7);
                    time = time.withNano(Integer.parseInt((digits + "000000000").substring(0, 9)));
                    period = Duration.ofNanos((long) Math.pow(10, 9 - digits.length()));
                }
            }
            ZoneOffset zone = m.group(8) == null || m.group(8).equalsIgnoreCase("Z") ? ZoneOffset.UTC : offset(m.group(8));
            Instant start = LocalDateTime.of(date, time).toInstant(zone);
            long first = start.toEpochMilli();
            // a period shorter than a millisecond still names the millisecond it falls in
            long last = Math.max(first, start.plus(period).toEpochMilli() - 1);
            return new TimeBound(first, last);
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + value + "' is not a valid date or time: " + e.getMessage());
        }
    }

    private static ZoneOffset offset(String text) {
        String t = text.length() == 3 ? text + ":00" : text.length() == 5 ? text.substring(0, 3) + ":" + text.substring(3) : text;
        return ZoneOffset.of(t);
    }
}
