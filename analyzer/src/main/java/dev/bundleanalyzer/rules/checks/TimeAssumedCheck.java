package dev.bundleanalyzer.rules.checks;

import dev.bundleanalyzer.parse.Note;
import dev.bundleanalyzer.rules.BuiltinCheck;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.RuleEngine;
import dev.bundleanalyzer.rules.RuleMatch;

/** Entries whose times had to be completed (a year, a zone): the parsers' notes. */
public final class TimeAssumedCheck implements BuiltinCheck {

    @Override
    public String name() {
        return "time-assumed";
    }

    @Override
    public Outcome run(RuleMatch.Builtin match, RuleEngine.Context context) {
        return Outcome.fired(context.notes().stream()
                .filter(Note::aboutTime)
                .map(n -> new Evidence(n.file(), 0, null, null, n.message()))
                .toList());
    }
}
