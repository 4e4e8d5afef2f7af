package dev.bundleanalyzer.rules.checks;

import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.rules.BuiltinCheck;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.RuleEngine;
import dev.bundleanalyzer.rules.RuleMatch;
import java.util.List;
import java.util.Optional;

/** The two ScratchLocation registry values must name the same folder (case and a trailing backslash aside). */
public final class ScratchPathMismatchCheck implements BuiltinCheck {

    @Override
    public String name() {
        return "scratch-path-mismatch";
    }

    @Override
    public Outcome run(RuleMatch.Builtin match, RuleEngine.Context context) {
        Optional<Fact> config = MarsPaths.first(context.facts(), "scratch.location");
        Optional<Fact> provider = MarsPaths.first(context.facts(), "scratch.location.cloudbackupprovider");
        if (config.isEmpty() || provider.isEmpty()) {
            return Outcome.notEvaluated();
        }
        if (MarsPaths.same(config.get().value(), provider.get().value())) {
            return Outcome.clear();
        }
        return Outcome.fired(List.of(evidence(config.get()), evidence(provider.get())));
    }

    static Evidence evidence(Fact fact) {
        return new Evidence(fact.file(), fact.line(), null, null, fact.text());
    }
}
