package dev.bundleanalyzer.rules.checks;

import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.rules.BuiltinCheck;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.FactKeys;
import dev.bundleanalyzer.rules.RuleEngine;
import dev.bundleanalyzer.rules.RuleMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Windows Server Backup schedule that starts within {@code windowMinutes} (rule file) of a MARS schedule,
 * comparing the time of day of the tasks' triggers.
 */
public final class WsbScheduleConflictCheck implements BuiltinCheck {

    private static final Pattern TIME_OF_DAY = Pattern.compile("T(\\d{2}):(\\d{2})");

    @Override
    public String name() {
        return "wsb-schedule-conflict";
    }

    @Override
    public Outcome run(RuleMatch.Builtin match, RuleEngine.Context context) {
        Map<String, List<Fact>> facts = context.facts();
        if (!FactKeys.any(facts, "task.onlinebackup.present")) {
            return Outcome.notEvaluated();
        }
        if (!enabled(facts, "onlinebackup") || !enabled(facts, "wsb")) {
            return Outcome.clear();
        }
        double window = match.number("windowMinutes");
        List<Evidence> evidence = new ArrayList<>();
        for (Fact mars : FactKeys.select(facts, "task.onlinebackup.start")) {
            for (Fact wsb : FactKeys.select(facts, "task.wsb.start")) {
                int a = minuteOfDay(mars.value());
                int b = minuteOfDay(wsb.value());
                if (a < 0 || b < 0) {
                    continue;
                }
                int distance = Math.abs(a - b);
                if (Math.min(distance, 24 * 60 - distance) <= window) {
                    evidence.add(ScratchPathMismatchCheck.evidence(mars));
                    evidence.add(ScratchPathMismatchCheck.evidence(wsb));
                }
            }
        }
        return Outcome.fired(evidence.stream().distinct().toList());
    }

    private static boolean enabled(Map<String, List<Fact>> facts, String task) {
        boolean present = FactKeys.any(facts, "task." + task + ".present");
        boolean disabled = FactKeys.select(facts, "task." + task + ".enabled").stream()
                .anyMatch(f -> f.value().equalsIgnoreCase("false"))
                || FactKeys.select(facts, "task." + task + ".triggers.enabled").stream()
                .anyMatch(f -> f.value().equalsIgnoreCase("false"));
        return present && !disabled;
    }

    private static int minuteOfDay(String startBoundary) {
        Matcher m = TIME_OF_DAY.matcher(startBoundary);
        return m.find() ? Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2)) : -1;
    }
}
