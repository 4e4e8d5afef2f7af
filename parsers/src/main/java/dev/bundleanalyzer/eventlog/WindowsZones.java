package dev.bundleanalyzer.eventlog;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time zone a Windows machine names:
 * <ul>
 *   <li>a Windows time-zone ID, as {@code tzutil /g} prints it and the registry stores it
 *       ({@code Korea Standard Time} → {@code Asia/Seoul}, {@code Pacific Standard Time} →
 *       {@code America/Los_Angeles}, {@code W. Europe Standard Time} → {@code Europe/Berlin}, {@code UTC} →
 *       UTC), after the CLDR windowsZones table (the zone of the ID's main territory), in any case;</li>
 *   <li>such an ID with {@code _dstoff} (daylight saving turned off): the zone's standard offset, fixed;</li>
 *   <li>a display name as {@code systeminfo} prints it, {@code (UTC+09:00) Seoul} or the same in any language
 *       ({@code (UTC+09:00) 서울}), and the older {@code (GMT+09:00) Seoul}: the fixed offset it starts with
 *       (the name does not say whether the machine observes daylight saving);</li>
 *   <li>an IANA zone ID ({@code Asia/Seoul}).</li>
 * </ul>
 * The table is {@code dev/bundleanalyzer/eventlog/windows-zones.properties}. Thread-safe.
 */
public final class WindowsZones {

    private static final String RESOURCE = "windows-zones.properties";
    private static final String DSTOFF = "_dstoff";
    private static final Pattern DISPLAY = Pattern.compile(
            "\\(\\s*(?:UTC|GMT)\\s*(?:([+-])\\s*(\\d{1,2})(?::(\\d{2}))?)?\\s*\\).*", Pattern.DOTALL);

    /** Lower-case Windows ID → IANA ID. */
    private static final Map<String, String> TABLE = load();

    private WindowsZones() {
    }

    /**
     * The zone named by a Windows time-zone ID or display name, or empty when the text names none.
     */
    public static Optional<ZoneId> of(String windowsZoneIdOrDisplayName) {
        if (windowsZoneIdOrDisplayName == null) {
            return Optional.empty();
        }
        String t = windowsZoneIdOrDisplayName.strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = DISPLAY.matcher(t);
        if (m.matches()) {
            if (m.group(1) == null) {
                return Optional.of(ZoneOffset.UTC);
            }
            int hours = Integer.parseInt(m.group(2));
            int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            int sign = m.group(1).equals("-") ? -1 : 1;
            try {
                return Optional.of(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        boolean dstOff = t.toLowerCase(Locale.ROOT).endsWith(DSTOFF);
        if (dstOff) {
            t = t.substring(0, t.length() - DSTOFF.length()).strip();
        }
        ZoneId zone = zone(t);
        if (zone == null) {
            return Optional.empty();
        }
        if (dstOff) {
            return Optional.of(zone.getRules().getStandardOffset(Instant.now()));
        }
        return Optional.of(zone);
    }

    private static ZoneId zone(String id) {
        String iana = TABLE.get(id.toLowerCase(Locale.ROOT));
        if (iana != null) {
            return iana.equals("Etc/UTC") ? ZoneOffset.UTC : ZoneId.of(iana);
        }
        if (id.indexOf('/') > 0) {
            try {
                return ZoneId.of(id);
            } catch (DateTimeException e) {
                return null;
            }
        }
        return null;
    }

    /** The table, Windows ID (as written in the resource) → IANA ID. */
    static Map<String, String> table() {
        Properties p = read();
        Map<String, String> out = new HashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k).strip()));
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, String> load() {
        Map<String, String> out = new HashMap<>();
        table().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return Map.copyOf(out);
    }

    private static Properties read() {
        Properties p = new Properties();
        try (InputStream in = WindowsZones.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
