package dev.bundleanalyzer.rules;

import dev.bundleanalyzer.bundle.InventoryItem;
import dev.bundleanalyzer.index.QueryRecorder;
import dev.bundleanalyzer.index.EventQueries;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.Note;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs rules over the index, facts and inventory of one bundle. Queries and facts conditions run first;
 * built-in checks last, so that those about the analysis itself (what could not be evaluated) see the rest.
 */
public final class RuleEngine {

    private final List<Rule> rules;
    private final Map<String, BuiltinCheck> builtins;

    public RuleEngine(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.builtins = BuiltinChecks.byName();
    }

    /**
     * What the rules see of a bundle.
     *
     * @param facts        facts by lower-case key
     * @param parsedKinds  kinds of file of which at least one entry gave records
     * @param rules        every rule being run (checks that explain the rest of the catalogue need them)
     * @param notEvaluated rules found not evaluable so far (filled in before built-in checks run)
     * @param findings     findings so far (complete for the checks that run last)
     */
    public record Context(EventQueries index, Map<String, List<Fact>> facts, List<InventoryItem> inventory,
                          List<Note> notes, Set<String> parsedKinds, List<Rule> rules, List<NotEvaluated> notEvaluated,
                          List<Finding> findings) {

        public Context(EventQueries index, Map<String, List<Fact>> facts, List<InventoryItem> inventory,
                       List<Note> notes, Set<String> parsedKinds) {
            this(index, facts, inventory, notes, parsedKinds, List.of(), List.of(), List.of());
        }

        Context with(List<Rule> allRules, List<NotEvaluated> soFar, List<Finding> found) {
            return new Context(index, facts, inventory, notes, parsedKinds, allRules, List.copyOf(soFar),
                    List.copyOf(found));
        }

        /** What became of a rule so far: its finding, "not evaluated", or (evaluated and quiet) neither. */
        public CheckItem.Verdict verdictOf(String ruleId) {
            if (findings.stream().anyMatch(f -> f.rule().equals(ruleId))) {
                return CheckItem.Verdict.FAILED;
            }
            if (notEvaluated.stream().anyMatch(n -> n.rule().equals(ruleId))) {
                return CheckItem.Verdict.NOT_EVALUATED;
            }
            return rules.stream().anyMatch(r -> r.id().equals(ruleId)) ? CheckItem.Verdict.PASSED
                    : CheckItem.Verdict.NOT_EVALUATED;
        }
    }

    /** Findings, most severe first, and the rules that could not be evaluated. */
    public record Outcome(List<Finding> findings, List<NotEvaluated> notEvaluated) {
    }

    /** Every event query the rules will ask, with what they read of its matches: a {@link QueryRecorder}'s demands. */
    public List<QueryRecorder.Demand> demands() {
        List<QueryRecorder.Demand> demands = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.match() instanceof RuleMatch.Events events) {
                demands.add(new QueryRecorder.Demand(events.query(), rule.evidenceLimit(), 0,
                        events.group() == null ? Set.of() : Set.of(events.group())));
            } else if (rule.match() instanceof RuleMatch.Builtin builtin) {
                demands.addAll(builtins.get(builtin.name()).demands(builtin, rules));
            }
        }
        return demands;
    }

    public Outcome evaluate(Context context) throws IOException {
        List<Finding> findings = new ArrayList<>();
        List<NotEvaluated> notEvaluated = new ArrayList<>();
        for (Rule rule : rules) {
            RuleMatch match = rule.match();
            if (match instanceof RuleMatch.Events events) {
                if (rule.inputs().stream().noneMatch(context.parsedKinds()::contains)) {
                    notEvaluated.add(notEvaluated(rule));
                } else {
                    int count = context.index().count(events.query());
                    if (count > 0) {
                        findings.add(eventFinding(rule, events, count, context));
                    }
                }
            } else if (match instanceof RuleMatch.Facts facts) {
                if (rule.inputs().stream().noneMatch(key -> FactKeys.any(context.facts(), key))) {
                    notEvaluated.add(notEvaluated(rule));
                    continue;
                }
                FactExpression.Result result = facts.condition().evaluate(context.facts());
                if (result.holds()) {
                    List<Evidence> evidence = factEvidence(result.evidence());
                    findings.add(finding(rule, escalated(rule, context), evidence.size(), null, null, evidence,
                            List.of(), List.of()));
                }
            }
        }
        List<Rule> checks = rules.stream().filter(r -> r.match() instanceof RuleMatch.Builtin)
                .sorted(Comparator.comparing(r -> builtins.get(((RuleMatch.Builtin) r.match()).name()).runsLast()))
                .toList();
        for (Rule rule : checks) {
            if (rule.match() instanceof RuleMatch.Builtin builtin) {
                BuiltinCheck.Outcome outcome;
                try {
                    outcome = builtins.get(builtin.name()).run(builtin, context.with(rules, notEvaluated, findings));
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                if (!outcome.evaluated()) {
                    notEvaluated.add(notEvaluated(rule));
                } else if (outcome.fires()) {
                    Severity severity = outcome.severity() != null ? outcome.severity() : escalated(rule, context);
                    Instant first = outcome.evidence().stream().map(Evidence::time).filter(Objects::nonNull)
                            .min(Comparator.naturalOrder()).orElse(null);
                    Instant last = outcome.evidence().stream().map(Evidence::time).filter(Objects::nonNull)
                            .max(Comparator.naturalOrder()).orElse(null);
                    findings.add(finding(rule, severity, outcome.count(),
                            first, last, outcome.evidence(), outcome.groups(), outcome.checklist()));
                }
            }
        }
        findings.sort(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::rule));
        notEvaluated.sort(Comparator.comparing(NotEvaluated::severity).reversed().thenComparing(NotEvaluated::rule));
        return new Outcome(findings, notEvaluated);
    }

    /** The rule's severity, raised by the first escalation whose condition holds. */
    private static Severity escalated(Rule rule, Context context) {
        for (Rule.Escalation escalation : rule.escalations()) {
            if (escalation.condition().evaluate(context.facts()).holds()) {
                return escalation.severity();
            }
        }
        return rule.severity();
    }

    private static NotEvaluated notEvaluated(Rule rule) {
        LocalizedText missing = rule.missing() != null ? rule.missing()
                : new LocalizedText("The inputs of this check are not in the bundle.", "번들에 이 검사의 입력 자료가 없습니다.");
        return new NotEvaluated(rule.id(), rule.severity(), rule.title(), missing);
    }

    private static Finding eventFinding(Rule rule, RuleMatch.Events events, int count, Context context)
            throws IOException {
        EventQueries index = context.index();
        List<Evidence> evidence = index.search(events.query(), rule.evidenceLimit(), false).stream()
                .map(h -> new Evidence(h.file(), h.line(), h.record(), h.time(), h.raw()))
                .toList();
        Instant first = evidence.stream().map(Evidence::time).filter(Objects::nonNull).findFirst().orElse(null);
        Instant last = index.latestTime(events.query());
        List<Group> groups = events.group() == null ? List.of()
                : index.groupCounts(events.query(), events.group()).entrySet().stream()
                        .map(e -> new Group(e.getKey(), e.getValue())).toList();
        return finding(rule, escalated(rule, context), count, first, last, evidence, groups, List.of());
    }

    private static Finding finding(Rule rule, Severity severity, long count, Instant first, Instant last,
                                   List<Evidence> evidence, List<Group> groups, List<CheckItem> checklist) {
        List<Evidence> shown = evidence.size() > rule.evidenceLimit()
                ? evidence.subList(0, rule.evidenceLimit()) : evidence;
        return new Finding(rule.id(), severity, rule.title(), rule.summary(), rule.causes(), rule.actions(),
                rule.references(), count, first, last, shown, groups, checklist);
    }

    /** Several facts of one line (LocalMachine and the effective policy) are one piece of evidence. */
    private static List<Evidence> factEvidence(List<Fact> facts) {
        return facts.stream().map(f -> new Evidence(f.file(), f.line(), null, null, f.text())).distinct().toList();
    }
}
