package dev.bundleanalyzer.rules.checks;

import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.rules.BuiltinCheck;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.RuleEngine;
import dev.bundleanalyzer.rules.RuleMatch;
import dev.bundleanalyzer.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Free space of the scratch folder's volume against two thresholds of the rule file: below
 * {@code errorPercent} of the volume is the rule's severity, below {@code warningPercent} a warning.
 * (The protected data size, the better base, is not in bundles today.)
 */
public final class ScratchFreeSpaceCheck implements BuiltinCheck {

    @Override
    public String name() {
        return "scratch-free-space";
    }

    @Override
    public Outcome run(RuleMatch.Builtin match, RuleEngine.Context context) {
        MarsPaths.Folder scratch = MarsPaths.scratch(context.facts());
        String letter = scratch.letter();
        if (letter == null) {
            return Outcome.notEvaluated();
        }
        Optional<Fact> free = MarsPaths.first(context.facts(), "volume." + letter + ".free.bytes");
        Optional<Fact> size = MarsPaths.first(context.facts(), "volume." + letter + ".size.bytes");
        if (free.isEmpty() || size.isEmpty()) {
            return Outcome.notEvaluated();
        }
        double freeBytes;
        double sizeBytes;
        try {
            freeBytes = Double.parseDouble(free.get().value());
            sizeBytes = Double.parseDouble(size.get().value());
        } catch (NumberFormatException e) {
            return Outcome.notEvaluated();
        }
        if (sizeBytes <= 0) {
            return Outcome.notEvaluated();
        }
        double percent = 100 * freeBytes / sizeBytes;
        if (percent >= match.number("warningPercent")) {
            return Outcome.clear();
        }
        List<Evidence> evidence = new ArrayList<>();
        if (scratch.source() != null) {
            evidence.add(ScratchPathMismatchCheck.evidence(scratch.source()));
        }
        evidence.add(ScratchPathMismatchCheck.evidence(free.get()));
        if (!size.get().text().equals(free.get().text())) {
            evidence.add(ScratchPathMismatchCheck.evidence(size.get()));
        }
        Outcome fired = Outcome.fired(evidence.stream().distinct().toList()).withCount(1);
        return percent < match.number("errorPercent") ? fired : fired.withSeverity(Severity.WARNING);
    }
}
