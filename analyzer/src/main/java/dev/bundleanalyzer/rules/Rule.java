package dev.bundleanalyzer.rules;

import java.util.List;
import java.util.Set;

/**
 * One rule of the catalogue, as declared in a rule file.
 *
 * @param id            canonical ID (shared/knowledge/conditions.md), e.g. {@code MARS-34513}
 * @param match         what makes the rule fire
 * @param inputs        kinds of file (see the parsers' {@code kind()}) of which at least one must be in the
 *                      bundle for an events rule to be evaluated; facts rules need the facts they read
 * @param missing       what to collect when the inputs are absent
 * @param evidenceLimit most evidence lines a finding lists
 * @param origin        {@code file:line} where the rule is declared, for error messages
 */
public record Rule(String id, Severity severity, RuleMatch match, Set<String> inputs, LocalizedText title,
                   LocalizedText summary, List<LocalizedText> causes, List<LocalizedText> actions,
                   List<String> references, LocalizedText missing, int evidenceLimit, List<RuleSample> samples,
                   String origin) {

    public Rule {
        inputs = Set.copyOf(inputs);
        causes = List.copyOf(causes);
        actions = List.copyOf(actions);
        references = List.copyOf(references);
        samples = List.copyOf(samples);
    }
}
