package dev.bundleanalyzer.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** A time limit as an engineer writes it: {@code 90s}, {@code 15m}, {@code 2h}, {@code 500ms}, or ISO {@code PT15M}. */
class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})\\s*(ms|s|sec|m|min|h)");

    @Override
    public Duration convert(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(v);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s", "sec" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } else {
            try {
                d = Duration.parse(value.strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a time: write e.g. 90s, 15m or 2h");
            }
        }
        if (d.isNegative() || (d.isZero() && !allowsZero())) {
            throw new CommandLine.TypeConversionException("'" + value + "' must be a positive time");
        }
        return d;
    }

    boolean allowsZero() {
        return false;
    }

    /** For waits, where zero means not to wait. */
    static final class OrZero extends DurationConverter {
        @Override
        boolean allowsZero() {
            return true;
        }
    }
}
