package dev.bundleanalyzer.report;

import dev.bundleanalyzer.index.BundleIndex;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.Finding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Adds to every piece of evidence the lines of its file just before and after it, read back from the bundle's
 * index, so the report shows each line in its surroundings without opening the bundle again. Record-based
 * evidence (event logs: a record number, line 0) and whole-file evidence get none.
 */
public final class EvidenceContexts {

    /** Lines shown on each side of an evidence line. */
    public static final int RADIUS = 3;

    private EvidenceContexts() {
    }

    /** The findings, in the same order, with the context of each piece of evidence filled in. */
    public static List<Finding> attach(List<Finding> findings, BundleIndex index) throws IOException {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            List<Evidence> evidence = new ArrayList<>(f.evidence().size());
            for (Evidence e : f.evidence()) {
                evidence.add(e.withContext(around(e, index)));
            }
            out.add(f.withEvidence(evidence));
        }
        return out;
    }

    /**
     * Up to {@link #RADIUS} lines before the evidence's first line and after its last: a record of several
     * lines (a trace line and its stack trace) is followed by what comes after all of them.
     */
    static Evidence.Context around(Evidence e, BundleIndex index) throws IOException {
        if (e.record() != null || e.line() <= 0 || e.file() == null) {
            return Evidence.Context.NONE;
        }
        long first = e.line();
        long last = first + lineBreaks(e.text());
        SortedMap<Long, String> lines = index.sourceLines(e.file(), first - RADIUS, last + RADIUS);
        return new Evidence.Context(
                contextLines(lines.headMap(first)),
                contextLines(lines.tailMap(last + 1)));
    }

    private static List<Evidence.ContextLine> contextLines(Map<Long, String> lines) {
        return lines.entrySet().stream().map(l -> new Evidence.ContextLine(l.getKey(), l.getValue())).toList();
    }

    /** Line breaks inside a record's text, ignoring any at its end. */
    private static int lineBreaks(String text) {
        if (text == null) {
            return 0;
        }
        String t = text.stripTrailing();
        int n = 0;
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
