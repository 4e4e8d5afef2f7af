package dev.bundleanalyzer.search;

import java.util.List;

/**
 * What a search found.
 *
 * @param total    how many records matched in all the reports searched
 * @param hits     the first of them by time, at most the limit asked for
 * @param searched how many report folders were searched
 * @param skipped  report folders whose index could not be read, each with the reason
 */
public record SearchResult(long total, List<SearchHit> hits, int searched, List<Skipped> skipped) {

    public record Skipped(ReportFolder folder, String reason) {
    }
}
