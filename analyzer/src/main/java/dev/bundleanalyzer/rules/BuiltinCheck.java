package dev.bundleanalyzer.rules;

import dev.bundleanalyzer.index.QueryRecorder;
import java.util.List;

/**
 * A check that cannot be said as a query or a facts condition: one small class each, registered by name in
 * {@link BuiltinChecks} and used from a rule file as {@code match: {builtin: NAME, params: {...}}}. The rule's
 * text, thresholds and samples stay in the rule file.
 */
public interface BuiltinCheck {

    /** The name rule files use. */
    String name();

    /** True for checks about the other rules' outcomes (what could not be evaluated): they run after all others. */
    default boolean runsLast() {
        return false;
    }

    /**
     * The event queries the check will ask, and how many matches of each it reads: they are evaluated while the
     * bundle is read, so a query not declared here cannot be asked.
     *
     * @param rules every rule being run
     */
    default List<QueryRecorder.Demand> demands(RuleMatch.Builtin match, List<Rule> rules) {
        return List.of();
    }

    /** Runs the check on a bundle. */
    Outcome run(RuleMatch.Builtin match, RuleEngine.Context context);

    /**
     * What the check found.
     *
     * @param evaluated false when the bundle lacks the check's inputs (the rule is then "not evaluated")
     * @param evidence  the records that prove the finding; empty means the rule does not fire
     * @param count     how many matches, when more than the evidence shown
     * @param severity  a severity other than the rule's (a second threshold), or null
     */
    record Outcome(boolean evaluated, List<Evidence> evidence, long count, Severity severity, List<Group> groups,
                   List<CheckItem> checklist) {

        public Outcome {
            evidence = List.copyOf(evidence);
            groups = List.copyOf(groups);
            checklist = List.copyOf(checklist);
        }

        public static Outcome notEvaluated() {
            return new Outcome(false, List.of(), 0, null, List.of(), List.of());
        }

        public static Outcome clear() {
            return new Outcome(true, List.of(), 0, null, List.of(), List.of());
        }

        public static Outcome fired(List<Evidence> evidence) {
            return new Outcome(true, evidence, evidence.size(), null, List.of(), List.of());
        }

        public Outcome withSeverity(Severity raised) {
            return new Outcome(evaluated, evidence, count, raised, groups, checklist);
        }

        public Outcome withCount(long total) {
            return new Outcome(evaluated, evidence, total, severity, groups, checklist);
        }

        public Outcome withGroups(List<Group> byValue) {
            return new Outcome(evaluated, evidence, count, severity, byValue, checklist);
        }

        public Outcome withChecklist(List<CheckItem> items) {
            return new Outcome(evaluated, evidence, count, severity, groups, items);
        }

        public boolean fires() {
            return evaluated && (!evidence.isEmpty() || count > 0);
        }
    }
}
