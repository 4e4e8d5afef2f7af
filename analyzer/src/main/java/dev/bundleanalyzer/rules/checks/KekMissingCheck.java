package dev.bundleanalyzer.rules.checks;

import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.rules.BuiltinCheck;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.FactKeys;
import dev.bundleanalyzer.rules.RuleEngine;
import dev.bundleanalyzer.rules.RuleMatch;
import java.util.List;
import java.util.Optional;

/** A listing of the scratch folder that lacks OnlineBackup.KEK. */
public final class KekMissingCheck implements BuiltinCheck {

    private static final String KEK = "onlinebackup.kek";

    @Override
    public String name() {
        return "kek-missing";
    }

    @Override
    public Outcome run(RuleMatch.Builtin match, RuleEngine.Context context) {
        MarsPaths.Folder scratch = MarsPaths.scratch(context.facts());
        Optional<Fact> listing = FactKeys.select(context.facts(), "dir.listing").stream()
                .filter(f -> MarsPaths.same(f.value(), scratch.path()))
                .findFirst();
        if (listing.isEmpty()) {
            return Outcome.notEvaluated();
        }
        boolean present = FactKeys.select(context.facts(), "dir.file").stream()
                .anyMatch(f -> MarsPaths.same(f.value(), scratch.path() + "\\" + KEK));
        if (present) {
            return Outcome.clear();
        }
        Evidence where = ScratchPathMismatchCheck.evidence(listing.get());
        List<Evidence> evidence = scratch.source() == null ? List.of(where)
                : List.of(ScratchPathMismatchCheck.evidence(scratch.source()), where);
        return Outcome.fired(evidence).withCount(1);
    }
}
