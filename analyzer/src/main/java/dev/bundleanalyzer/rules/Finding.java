package dev.bundleanalyzer.rules;

import java.time.Instant;
import java.util.List;

/**
 * A rule that fired on a bundle.
 *
 * @param rule      canonical rule ID, e.g. {@code MARS-34513}
 * @param count     how many records matched (evidence may list fewer)
 * @param first     time of the earliest matching record, or {@code null}
 * @param last      time of the latest matching record, or {@code null}
 * @param evidence  matching records in time order, at most the rule's evidence limit
 */
public record Finding(String rule, Severity severity, LocalizedText title, LocalizedText summary,
                      List<LocalizedText> causes, List<LocalizedText> actions, List<String> references,
                      long count, Instant first, Instant last, List<Evidence> evidence) {

    public Finding {
        causes = List.copyOf(causes);
        actions = List.copyOf(actions);
        references = List.copyOf(references);
        evidence = List.copyOf(evidence);
    }
}
