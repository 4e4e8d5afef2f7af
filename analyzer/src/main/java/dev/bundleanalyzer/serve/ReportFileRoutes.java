package dev.bundleanalyzer.serve;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The files of a stored report, and nothing else: the id must be a bundle's SHA-256 the store knows, and the
 * file one of three names; the path is then built from the store's own folder, never from the request.
 */
final class ReportFileRoutes {

    static final String HTML = "report.html";
    static final String JSON = "findings.json";
    static final String MARKDOWN = "summary.md";
    private static final Map<String, String> TYPES = Map.of(
            HTML, "text/html; charset=utf-8",
            JSON, "application/json; charset=utf-8",
            MARKDOWN, "text/markdown; charset=utf-8");

    private final BundleCatalog catalog;

    ReportFileRoutes(BundleCatalog catalog) {
        this.catalog = catalog;
    }

    static String path(String id, String file) {
        return "/reports/" + id + "/" + file;
    }

    void register(Javalin app) {
        app.get("/reports/{id}/{file}", this::serve);
        app.get("/reports/{id}", ctx -> ctx.redirect(reportOf(ctx.pathParam("id"))));
        app.get("/reports/{id}/", ctx -> ctx.redirect(reportOf(ctx.pathParam("id"))));
    }

    private static String reportOf(String id) {
        return BundleIds.valid(id) ? path(id, HTML) : "/";
    }

    private void serve(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        String file = ctx.pathParam("file");
        String type = TYPES.get(file);
        if (!BundleIds.valid(id) || type == null) {
            Problems.respond(ctx, HttpStatus.NOT_FOUND, "no such report file");
            return;
        }
        Optional<Path> folder = catalog.reportFolder(id);
        Path path = folder.map(f -> f.resolve(file)).orElse(null);
        if (path == null || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            Problems.respond(ctx, HttpStatus.NOT_FOUND, "no report " + file + " for " + id);
            return;
        }
        ctx.contentType(type);
        ctx.result(Files.newInputStream(path));
    }
}
