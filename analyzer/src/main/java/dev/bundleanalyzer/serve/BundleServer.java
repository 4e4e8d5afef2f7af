package dev.bundleanalyzer.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bundleanalyzer.batch.BatchRunner;
import dev.bundleanalyzer.batch.ReportStore;
import dev.bundleanalyzer.rules.Rule;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * The web front: the pages, the API and the report files over one report store, with the uploads analyzed by
 * a few workers on the same engine as {@code batch}. Started by {@code serve}; tests start it on a free port.
 */
public final class BundleServer implements AutoCloseable {

    /** How long a stop waits for the analyses under way before leaving them to the next start. */
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none';"
            + " base-uri 'none'";

    private final Javalin app;
    private final Workers workers;
    private final String host;

    private BundleServer(Javalin app, Workers workers, String host) {
        this.app = app;
        this.workers = workers;
        this.host = host;
    }

    /** Starts the server with the catalogue's rules, analyzing as {@code batch} does; it listens on return. */
    public static BundleServer start(ServeOptions options, List<Rule> rules, PrintWriter log) throws IOException {
        Files.createDirectories(options.data());
        ReportStore store = ReportStore.open(options.data());
        BatchRunner runner = new BatchRunner(rules, new BatchRunner.Options(options.data(), options.data(),
                options.jobs(), true, null, options.lang(), options.limits(), options.redact(), Duration.ZERO,
                options.index()));
        return start(options, store, (job, bundle) -> runner.analyzeOne(store, bundle, job.id()), log);
    }

    static BundleServer start(ServeOptions options, ReportStore store, Analyst analyst, PrintWriter log)
            throws IOException {
        JobQueue queue = JobQueue.open(options.data(), store);
        BundleCatalog catalog = new BundleCatalog(queue, store, options.lang());
        UploadRoutes uploads = new UploadRoutes(options.data(), options.maxUploadBytes(), queue, catalog);
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            // report files are streamed as they are; compressing them would hold nothing back but CPU
            config.http.disableCompression();
        });
        new AccessGuard(options.token(), isLoopback(options.bind())).register(app);
        app.after(ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
            if (!ctx.path().startsWith("/reports/")) {
                // a report brings its own policy (its inline script's hash); a second one would block that script
                ctx.header("Content-Security-Policy", PAGE_POLICY);
            }
        });
        WebAssets.register(app);
        uploads.register(app);
        app.get("/api/info", ctx -> ctx.json(java.util.Map.of("version", dev.bundleanalyzer.analysis.BundleAnalyzer
                .version(), "maxUploadBytes", options.maxUploadBytes(), "jobs", options.jobs())));
        app.get("/api/bundles", ctx -> ctx.json(catalog.all()));
        app.get("/api/bundles/{id}", ctx -> {
            String id = ctx.pathParam("id");
            var status = BundleIds.valid(id) ? catalog.find(id) : java.util.Optional.<BundleStatus>empty();
            if (status.isPresent()) {
                ctx.json(status.get());
            } else {
                Problems.respond(ctx, HttpStatus.NOT_FOUND, "no bundle " + id);
            }
        });
        new ReportFileRoutes(catalog).register(app);
        new SearchRoutes(store).register(app);
        app.exception(Exception.class, (e, ctx) -> {
            log.println("serve: " + ctx.method() + " " + ctx.path() + " failed: " + e);
            log.flush();
            Problems.respond(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "the server failed: " + e.getMessage());
        });
        Workers workers = new Workers(queue, analyst, options.jobs(), log);
        app.start(options.bind(), options.port());
        workers.start();
        return new BundleServer(app, workers, options.bind());
    }

    public int port() {
        return app.port();
    }

    /** The address to open in a browser. */
    public String url() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + (shown.equals("0.0.0.0") || shown.equals("[::]") ? "localhost" : shown) + ":" + port() + "/";
    }

    public static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Stops listening, then lets the analyses under way finish for a few seconds; queued ones wait for the next start. */
    @Override
    public void close() {
        app.stop();
        workers.stop(GRACE);
    }

    /** As {@link #close()}, waiting {@code grace} for the analyses under way. */
    void close(Duration grace) {
        app.stop();
        workers.stop(grace);
    }
}
