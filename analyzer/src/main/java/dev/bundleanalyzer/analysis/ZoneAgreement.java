package dev.bundleanalyzer.analysis;

import dev.bundleanalyzer.eventlog.WindowsZones;
import dev.bundleanalyzer.parse.Fact;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Whether the machine's two statements of its time zone agree: {@code tzutil /g} (a zone ID) and systeminfo's
 * "Time Zone" (a display name with the standard offset). They disagree when their standard offsets differ,
 * which means one capture is from another machine or the zone was changed between them: either way, the local
 * times of the bundle cannot be trusted. Gives {@code timezone.consistent} when both are present.
 */
final class ZoneAgreement {

    static final String KEY = "timezone.consistent";

    private ZoneAgreement() {
    }

    static Optional<Fact> of(List<Fact> facts, Instant when) {
        Fact id = first(facts, "timezone.id");
        Fact display = first(facts, "timezone.display");
        if (id == null || display == null) {
            return Optional.empty();
        }
        Optional<ZoneId> a = WindowsZones.of(id.value());
        Optional<ZoneId> b = WindowsZones.of(display.value());
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        ZoneOffset offsetA = a.get().getRules().getStandardOffset(when);
        ZoneOffset offsetB = b.get().getRules().getStandardOffset(when);
        boolean agree = offsetA.equals(offsetB);
        String text = "tzutil '" + id.value() + "' (" + id.file() + ":" + id.line() + ", UTC" + offsetA.getId()
                .replace("Z", "+00:00") + ") " + (agree ? "agrees with" : "disagrees with") + " systeminfo '"
                + display.value() + "' (" + display.file() + ":" + display.line() + ", UTC"
                + offsetB.getId().replace("Z", "+00:00") + ")";
        return Optional.of(new Fact(KEY, Boolean.toString(agree), display.file(), display.line(), text));
    }

    private static Fact first(List<Fact> facts, String key) {
        return facts.stream().filter(f -> f.key().equals(key)).findFirst().orElse(null);
    }
}
