package dev.bundleanalyzer.analysis;

import dev.bundleanalyzer.eventlog.WindowsZones;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.RecordSink;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The machine's time zone as the bundle tells it: tzutil's zone ID first, systeminfo's display name second. */
final class MachineZone {

    private MachineZone() {
    }

    /** The zone, or {@code null}; says in a note which one local times will be read in and why. */
    static ZoneId of(List<Fact> facts, RecordSink notes) {
        for (String key : List.of("timezone.id", "timezone.display")) {
            for (Fact fact : facts) {
                if (fact.key().equals(key)) {
                    Optional<ZoneId> zone = WindowsZones.of(fact.value());
                    if (zone.isPresent()) {
                        notes.timeNote(fact.file(), "local times of event-log exports are read in " + zone.get()
                                + " (from '" + fact.value() + "' at line " + fact.line() + ")");
                        return zone.get();
                    }
                }
            }
        }
        return null;
    }
}
