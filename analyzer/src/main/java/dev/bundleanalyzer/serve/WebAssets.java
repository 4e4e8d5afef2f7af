package dev.bundleanalyzer.serve;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pages and their script and style, served from the jar: no file system path and no network behind them.
 * Read once at start; a missing one is a broken build, not a request's problem.
 */
final class WebAssets {

    private static final String BASE = "/dev/bundleanalyzer/serve/";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String SCRIPT = "text/javascript; charset=utf-8";

    /** A resource beside this class and the type it is served as. */
    private record Asset(String resource, String type) {
    }

    private static final Map<String, Asset> ROUTES = new LinkedHashMap<>();

    static {
        ROUTES.put("/", new Asset("index.html", HTML));
        ROUTES.put("/search", new Asset("search.html", HTML));
        ROUTES.put("/assets/style.css", new Asset("style.css", "text/css; charset=utf-8"));
        ROUTES.put("/assets/common.js", new Asset("common.js", SCRIPT));
        ROUTES.put("/assets/upload.js", new Asset("upload.js", SCRIPT));
        ROUTES.put("/assets/search.js", new Asset("search.js", SCRIPT));
    }

    private WebAssets() {
    }

    static void register(Javalin app) {
        ROUTES.forEach((route, asset) -> {
            byte[] body = read(asset.resource());
            app.get(route, ctx -> ctx.contentType(asset.type()).header("Cache-Control", "no-cache").result(body));
        });
    }

    private static byte[] read(String name) {
        try (InputStream in = WebAssets.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + BASE + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
