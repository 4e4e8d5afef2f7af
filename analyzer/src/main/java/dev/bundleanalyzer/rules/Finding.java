package dev.bundleanalyzer.rules;

import java.time.Instant;
import java.util.List;

/**
 * A rule that fired on a bundle.
 *
 * @param rule      canonical rule ID, e.g. {@code MARS-34513}
 * @param count     how many records matched (evidence may list fewer; see {@link #more()})
 * @param first     time of the earliest matching record, or {@code null}
 * @param last      time of the latest matching record, or {@code null}
 * @param evidence  matching records in time order, at most the rule's evidence limit
 * @param groups    counts per value of the rule's grouping field (e.g. per error code), largest first; may be empty
 * @param checklist items checked on the way to this finding, each with its own verdict; may be empty
 */
public record Finding(String rule, Severity severity, LocalizedText title, LocalizedText summary,
                      List<LocalizedText> causes, List<LocalizedText> actions, List<String> references,
                      long count, Instant first, Instant last, List<Evidence> evidence, List<Group> groups,
                      List<CheckItem> checklist) {

    public Finding {
        causes = List.copyOf(causes);
        actions = List.copyOf(actions);
        references = List.copyOf(references);
        evidence = List.copyOf(evidence);
        groups = List.copyOf(groups);
        checklist = List.copyOf(checklist);
    }

    public Finding(String rule, Severity severity, LocalizedText title, LocalizedText summary,
                   List<LocalizedText> causes, List<LocalizedText> actions, List<String> references,
                   long count, Instant first, Instant last, List<Evidence> evidence) {
        this(rule, severity, title, summary, causes, actions, references, count, first, last, evidence, List.of(),
                List.of());
    }

    /** Matches not shown as evidence: 0 when every match is listed. */
    public long more() {
        return Math.max(0, count - evidence.size());
    }

    /** The same finding with other evidence (the same places, with their context lines added). */
    public Finding withEvidence(List<Evidence> replaced) {
        return new Finding(rule, severity, title, summary, causes, actions, references, count, first, last, replaced,
                groups, checklist);
    }
}
