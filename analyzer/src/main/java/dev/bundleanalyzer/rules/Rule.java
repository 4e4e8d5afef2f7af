package dev.bundleanalyzer.rules;

import java.util.List;
import java.util.Set;

/**
 * One rule of the catalogue, as declared in a rule file.
 *
 * @param id            canonical ID (shared/knowledge/conditions.md), e.g. {@code MARS-34513}
 * @param match         what makes the rule fire
 * @param inputs        what must be in the bundle for the rule to be evaluated: for an events rule, kinds of
 *                      file (the parsers' {@code kind()}), at least one parsed; for a facts rule, fact key
 *                      patterns ({@code *} for any text), at least one present
 * @param escalations   conditions over facts that raise the severity of a finding, checked in order
 * @param missing       what to collect when the inputs are absent
 * @param evidenceLimit most evidence lines a finding lists
 * @param origin        {@code file:line} where the rule is declared, for error messages
 */
public record Rule(String id, Severity severity, RuleMatch match, Set<String> inputs, LocalizedText title,
                   LocalizedText summary, List<LocalizedText> causes, List<LocalizedText> actions,
                   List<String> references, LocalizedText missing, int evidenceLimit, List<RuleSample> samples,
                   List<Escalation> escalations, String origin) {

    /** Raise the finding to {@code severity} when {@code condition} holds. */
    public record Escalation(Severity severity, FactExpression condition) {
    }

    public Rule {
        inputs = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(inputs));
        escalations = List.copyOf(escalations);
        causes = List.copyOf(causes);
        actions = List.copyOf(actions);
        references = List.copyOf(references);
        samples = List.copyOf(samples);
    }
}
