package dev.bundleanalyzer.rules;

import org.apache.lucene.search.Query;

/** What makes a rule fire: a query over events, a condition over facts, or a built-in check. */
public sealed interface RuleMatch {

    /** A Lucene query (classic syntax, default field {@code message}) over the events of the bundle. */
    record Events(String text, Query query) implements RuleMatch {
    }

    /** A condition over facts, see {@link FactExpression}. */
    record Facts(FactExpression condition) implements RuleMatch {
    }

    /** A check that cannot be said as data, implemented by a {@link BuiltinCheck} registered by name. */
    record Builtin(String name) implements RuleMatch {
    }
}
