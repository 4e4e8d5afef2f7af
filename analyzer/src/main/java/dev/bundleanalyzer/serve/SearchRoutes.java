package dev.bundleanalyzer.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bundleanalyzer.batch.ReportStore;
import dev.bundleanalyzer.search.BundleSearch;
import dev.bundleanalyzer.search.QueryProblem;
import dev.bundleanalyzer.search.ReportFolder;
import dev.bundleanalyzer.search.ReportFolders;
import dev.bundleanalyzer.search.SearchHit;
import dev.bundleanalyzer.search.SearchQuery;
import dev.bundleanalyzer.search.SearchResult;
import dev.bundleanalyzer.search.TimeBound;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/search?q=&since=&until=&limit=}: the {@code search} command over every report of the store,
 * with its query syntax and fields. Each hit links to its report, and to the finding whose evidence it is when
 * it is one.
 */
final class SearchRoutes {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReportStore store;

    SearchRoutes(ReportStore store) {
        this.store = store;
    }

    void register(Javalin app) {
        app.get("/api/search", this::search);
    }

    /** What the API answers: the search command's JSON, with ids and links in place of folders on the server. */
    record Answer(String query, Instant since, Instant until, long total, int shown, int reports,
                  List<String> skipped, List<Hit> results) {
    }

    record Hit(String id, String bundle, String host, String type, String file, long line, Long record, Instant time,
               String level, String component, Integer eventId, List<String> errorCode, String message, String text,
               String factKey, String factValue, Map<String, String> links) {
    }

    private void search(Context ctx) throws IOException {
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q");
        TimeBound since;
        TimeBound until;
        int limit;
        try {
            since = bound(ctx.queryParam("since"));
            until = bound(ctx.queryParam("until"));
            limit = ctx.queryParam("limit") == null || ctx.queryParam("limit").isBlank() ? DEFAULT_LIMIT
                    : Integer.parseInt(ctx.queryParam("limit").strip());
        } catch (IllegalArgumentException e) {
            Problems.respond(ctx, HttpStatus.BAD_REQUEST, e.getMessage());
            return;
        }
        if (limit < 0 || limit > MAX_LIMIT) {
            Problems.respond(ctx, HttpStatus.BAD_REQUEST, "limit must be between 0 and " + MAX_LIMIT);
            return;
        }
        SearchQuery query;
        try {
            query = SearchQuery.parse(q, since, until);
        } catch (QueryProblem e) {
            Problems.respond(ctx, HttpStatus.BAD_REQUEST, e.headline(), Map.of("column", e.column()));
            return;
        }
        List<String> skipped = new ArrayList<>();
        List<ReportFolder> folders = ReportFolders.find(store.dir(), skipped::add);
        SearchResult result = BundleSearch.run(folders, query, limit);
        result.skipped().forEach(s -> skipped.add(s.folder().dir().getFileName() + ": " + s.reason()));

        Map<Path, String> ids = new HashMap<>();
        for (ReportStore.Stored s : store.all()) {
            ids.put(s.folder().toAbsolutePath().normalize(), s.bundle().sha256());
        }
        Map<String, Map<String, String>> evidence = new HashMap<>();
        List<Hit> hits = new ArrayList<>();
        for (SearchHit h : result.hits()) {
            String id = ids.get(h.reportDir().toAbsolutePath().normalize());
            Map<String, String> links = new LinkedHashMap<>();
            if (id != null) {
                String report = ReportFileRoutes.path(id, ReportFileRoutes.HTML);
                links.put("report", report);
                String rule = evidence.computeIfAbsent(id, k -> evidenceOf(h.reportDir())).get(place(h.file(),
                        h.line(), h.record()));
                if (rule != null) {
                    links.put("evidence", report + "#" + rule.strip().replaceAll("\\s+", "-"));
                }
            }
            hits.add(new Hit(id, h.bundle(), h.host(), h.type(), h.file(), h.line(), h.record(), h.time(), h.level(),
                    h.component(), h.eventId(), h.errorCodes(), h.message(), h.text(), h.factKey(), h.factValue(),
                    links));
        }
        ctx.json(new Answer(q, instant(query.since()), instant(query.until()), result.total(), hits.size(),
                result.searched(), skipped, hits));
    }

    private static TimeBound bound(String value) {
        return value == null || value.isBlank() ? null : TimeBound.parse(value);
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    /** Where each piece of evidence of a report is, and the first rule it is evidence of. */
    private static Map<String, String> evidenceOf(Path reportDir) {
        Map<String, String> places = new HashMap<>();
        try {
            JsonNode root = JSON.readTree(reportDir.resolve(ReportFileRoutes.JSON).toFile());
            for (JsonNode finding : root.path("findings")) {
                String rule = finding.path("rule").asText(null);
                for (JsonNode e : finding.path("evidence")) {
                    Long record = e.hasNonNull("record") ? e.get("record").asLong() : null;
                    places.putIfAbsent(place(e.path("file").asText(), e.path("line").asLong(), record), rule);
                }
            }
        } catch (IOException e) {
            // a report without readable findings: its hits link to the report alone
        }
        return places;
    }

    private static String place(String file, long line, Long record) {
        return file + "\u0000" + (record != null ? "record " + record : "line " + line);
    }
}
