package dev.bundleanalyzer.report;

import dev.bundleanalyzer.bundle.InventoryItem;
import dev.bundleanalyzer.rules.Finding;
import dev.bundleanalyzer.rules.NotEvaluated;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a report shows, independent of its format.
 *
 * @param findings     sorted by severity (most severe first), then rule ID
 * @param machine      facts shown in the header (host, os, agent version, powershell version, time zone),
 *                     keyed by fact key; only those the bundle holds
 * @param timeFrom     earliest event time in the bundle, or {@code null}
 * @param timeTo       latest event time in the bundle, or {@code null}
 * @param notes        remarks about the analysis itself (assumed years or zones, limits reached)
 * @param timeline     events per time bucket and level, with the findings' evidence times; {@code null} when
 *                     nothing in the bundle has a time
 */
public record AnalysisReport(String analyzerVersion, BundleInfo bundle, List<Finding> findings,
                             List<NotEvaluated> notEvaluated, List<InventoryItem> inventory,
                             Map<String, String> machine, Instant timeFrom, Instant timeTo, long events,
                             List<String> notes, Timeline timeline) {

    public AnalysisReport {
        findings = List.copyOf(findings);
        notEvaluated = List.copyOf(notEvaluated);
        inventory = List.copyOf(inventory);
        // in the order given (the report header's order), so findings.json is the same on every run
        machine = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(machine));
        notes = List.copyOf(notes);
    }

    /** A report without a timeline. */
    public AnalysisReport(String analyzerVersion, BundleInfo bundle, List<Finding> findings,
                          List<NotEvaluated> notEvaluated, List<InventoryItem> inventory, Map<String, String> machine,
                          Instant timeFrom, Instant timeTo, long events, List<String> notes) {
        this(analyzerVersion, bundle, findings, notEvaluated, inventory, machine, timeFrom, timeTo, events, notes,
                null);
    }
}
