package dev.bundleanalyzer.rules.checks;

import dev.bundleanalyzer.rules.BuiltinCheck;
import dev.bundleanalyzer.rules.CheckItem;
import dev.bundleanalyzer.rules.LocalizedText;
import dev.bundleanalyzer.rules.NotEvaluated;
import dev.bundleanalyzer.rules.RuleEngine;
import dev.bundleanalyzer.rules.RuleMatch;
import java.util.List;

/**
 * One finding that gathers what to collect from the customer: an item per rule the bundle could not
 * evaluate, with what is missing.
 */
public final class MissingInputCheck implements BuiltinCheck {

    @Override
    public String name() {
        return "missing-input";
    }

    @Override
    public boolean runsLast() {
        return true;
    }

    @Override
    public Outcome run(RuleMatch.Builtin match, RuleEngine.Context context) {
        List<NotEvaluated> missing = context.notEvaluated();
        List<CheckItem> items = missing.stream()
                .map(n -> new CheckItem(new LocalizedText(n.rule() + " · " + n.title().en(), n.rule() + " · " + n.title().ko()),
                        CheckItem.Verdict.NOT_EVALUATED, n.missing()))
                .toList();
        return Outcome.clear().withCount(missing.size()).withChecklist(items);
    }
}
