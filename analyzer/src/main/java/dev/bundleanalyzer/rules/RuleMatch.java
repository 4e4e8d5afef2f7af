package dev.bundleanalyzer.rules;

import java.util.Map;
import org.apache.lucene.search.Query;

/** What makes a rule fire: a query over events, a condition over facts, or a built-in check. */
public sealed interface RuleMatch {

    /**
     * A Lucene query (classic syntax, default field {@code message}) over the events of the bundle.
     *
     * @param group a keyword field whose values the finding counts separately (e.g. {@code errorCode}), or null
     */
    record Events(String text, Query query, String group) implements RuleMatch {
    }

    /** A condition over facts, see {@link FactExpression}. */
    record Facts(FactExpression condition) implements RuleMatch {
    }

    /**
     * A check that cannot be said as data, implemented by a {@link BuiltinCheck} registered by name, with its
     * thresholds given here from the rule file.
     */
    record Builtin(String name, Map<String, String> params) implements RuleMatch {

        public Builtin {
            params = Map.copyOf(params);
        }

        /** A query parameter of the rule file, in the index's query syntax. */
        public org.apache.lucene.search.Query query(String key) {
            String v = params.get(key);
            if (v == null) {
                throw new IllegalStateException("builtin " + name + " needs parameter '" + key + "' in its rule file");
            }
            try {
                return dev.bundleanalyzer.index.BundleIndex.parse(v);
            } catch (dev.bundleanalyzer.index.QuerySyntaxException e) {
                throw new IllegalStateException("builtin " + name + ", parameter '" + key + "': " + e.getMessage(), e);
            }
        }

        /** A numeric parameter of the rule file. */
        public double number(String key) {
            String v = params.get(key);
            if (v == null) {
                throw new IllegalStateException("builtin " + name + " needs parameter '" + key + "' in its rule file");
            }
            return Double.parseDouble(v);
        }
    }
}
