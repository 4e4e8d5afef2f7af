package dev.bundleanalyzer.rules;

import dev.bundleanalyzer.bundle.InventoryItem;
import dev.bundleanalyzer.index.BundleIndex;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.Note;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs rules over the index, facts and inventory of one bundle. */
public final class RuleEngine {

    private final List<Rule> rules;

    public RuleEngine(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * What the rules see of a bundle.
     *
     * @param facts       facts by key
     * @param parsedKinds kinds of file of which at least one entry was parsed
     */
    public record Context(BundleIndex index, Map<String, List<Fact>> facts, List<InventoryItem> inventory,
                          List<Note> notes, Set<String> parsedKinds) {
    }

    /** Findings, most severe first, and the rules that could not be evaluated. */
    public record Outcome(List<Finding> findings, List<NotEvaluated> notEvaluated) {
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
                        findings.add(eventFinding(rule, events, count, context.index()));
                    }
                }
            } else if (match instanceof RuleMatch.Facts facts) {
                FactExpression.Result result = facts.condition().evaluate(context.facts());
                if (result.truth() == FactExpression.Truth.UNKNOWN) {
                    notEvaluated.add(notEvaluated(rule));
                } else if (result.truth() == FactExpression.Truth.TRUE) {
                    List<Evidence> evidence = factEvidence(result.evidence());
                    findings.add(finding(rule, evidence.size(), evidence));
                }
            } else if (match instanceof RuleMatch.Builtin builtin) {
                List<Evidence> evidence = BuiltinCheck.run(builtin.name(), context);
                if (!evidence.isEmpty()) {
                    findings.add(finding(rule, evidence.size(), evidence));
                }
            }
        }
        findings.sort(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::rule));
        notEvaluated.sort(Comparator.comparing(NotEvaluated::severity).reversed().thenComparing(NotEvaluated::rule));
        return new Outcome(findings, notEvaluated);
    }

    private static NotEvaluated notEvaluated(Rule rule) {
        return new NotEvaluated(rule.id(), rule.severity(), rule.title(), rule.missing());
    }

    private static Finding eventFinding(Rule rule, RuleMatch.Events events, int count, BundleIndex index)
            throws IOException {
        List<Evidence> evidence = index.search(events.query(), rule.evidenceLimit(), false).stream()
                .map(h -> new Evidence(h.file(), h.line(), h.record(), h.time(), h.raw()))
                .toList();
        Instant first = evidence.stream().map(Evidence::time).filter(t -> t != null).findFirst().orElse(null);
        Instant last = index.latestTime(events.query());
        return new Finding(rule.id(), rule.severity(), rule.title(), rule.summary(), rule.causes(), rule.actions(),
                rule.references(), count, first, last, evidence);
    }

    private static Finding finding(Rule rule, long count, List<Evidence> evidence) {
        List<Evidence> shown = evidence.size() > rule.evidenceLimit()
                ? evidence.subList(0, rule.evidenceLimit()) : evidence;
        return new Finding(rule.id(), rule.severity(), rule.title(), rule.summary(), rule.causes(), rule.actions(),
                rule.references(), count, null, null, shown);
    }

    private static List<Evidence> factEvidence(List<Fact> facts) {
        // several facts of one line (LocalMachine and the effective policy) are one piece of evidence
        return facts.stream().map(f -> new Evidence(f.file(), f.line(), null, null, f.text())).distinct().toList();
    }
}
