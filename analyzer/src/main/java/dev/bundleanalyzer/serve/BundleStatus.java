package dev.bundleanalyzer.serve;

import dev.bundleanalyzer.batch.ReportStore;
import dev.bundleanalyzer.batch.StoredBundle;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One bundle as the API and the page show it, wherever it is: in the queue or in the report store.
 *
 * @param status     {@code queued}, {@code running}, {@code done} or {@code failed}
 * @param reason     why it failed; null otherwise
 * @param received   when it arrived (for a bundle the batch found on a share, its modification time there)
 * @param worst      severity of its most severe finding, null when it has none or is not analyzed yet
 * @param findings   its most severe findings, at most {@link #TOP}
 * @param links      {@code self}, and once done {@code report}, {@code json} and {@code summary}
 */
record BundleStatus(String id, String name, long size, String status, String reason, Instant received,
                    Instant analyzedAt, String host, String worst, Instant dataFrom, Instant dataTo,
                    int findingCount, List<Finding> findings, Map<String, String> links) {

    static final int TOP = 5;
    static final String QUEUED = "queued";
    static final String RUNNING = "running";
    static final String DONE = "done";
    static final String FAILED = "failed";

    record Finding(String rule, String severity, String title, long count) {
    }

    static BundleStatus of(QueuedJob job) {
        String status = switch (job.state()) {
            case QUEUED -> QUEUED;
            case RUNNING -> RUNNING;
            case FAILED -> FAILED;
        };
        return new BundleStatus(job.id(), job.name(), job.size(), status, job.reason(), job.received(), null, null,
                null, null, null, 0, List.of(), links(job.id(), false));
    }

    static BundleStatus of(ReportStore.Stored stored, String lang) {
        StoredBundle b = stored.bundle();
        List<Finding> top = b.findings().stream().limit(TOP)
                .map(f -> new Finding(f.rule(), f.severity(), f.title(lang), f.count())).toList();
        // the engine names the file it read, which for an upload is its place in the queue on the server
        String reason = b.reason() == null || b.source() == null ? b.reason() : b.reason().replace(b.source(), b.name());
        return new BundleStatus(b.sha256(), b.name(), b.size(), b.failed() ? FAILED : DONE, reason, b.modified(),
                b.analyzedAt(), b.host(), b.worst(), b.dataFrom(), b.dataTo(), b.findings().size(), top,
                links(b.sha256(), !b.failed()));
    }

    private static Map<String, String> links(String id, boolean report) {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", "/api/bundles/" + id);
        if (report) {
            links.put("report", ReportFileRoutes.path(id, ReportFileRoutes.HTML));
            links.put("json", ReportFileRoutes.path(id, ReportFileRoutes.JSON));
            links.put("summary", ReportFileRoutes.path(id, ReportFileRoutes.MARKDOWN));
        }
        return Collections.unmodifiableMap(links);
    }
}
