package dev.bundleanalyzer.serve;

import dev.bundleanalyzer.analysis.BundleFingerprint;
import dev.bundleanalyzer.batch.ReportStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code POST /api/bundles}: one bundle in the multipart field {@code bundle}. Jetty spools the part to a file
 * under {@code .uploads} of the data folder as it arrives (past a small threshold nothing of it is held in
 * memory) and stops at the size limit; the part's file is then renamed, hashed, and handed to the queue, which
 * renames it into the job's folder. Whatever goes wrong, the spooled file is removed: Jetty deletes its own
 * part files when the request ends, and ours is deleted here unless the queue took it.
 */
final class UploadRoutes {

    static final String FIELD = "bundle";
    static final String SPOOL = ".uploads";
    /** Room for the multipart boundaries and headers around the bundle. */
    private static final long ENVELOPE = 64 << 10;
    /** Parts up to this size stay in memory: a form field, never a bundle of any size. */
    private static final int IN_MEMORY = 64 << 10;
    private static final String JETTY_MULTIPART_CONFIG = "org.eclipse.jetty.multipartConfig";

    private final Path spool;
    private final long maxBytes;
    private final JobQueue queue;
    private final BundleCatalog catalog;

    UploadRoutes(Path data, long maxBytes, JobQueue queue, BundleCatalog catalog) throws IOException {
        this.spool = Files.createDirectories(data.resolve(SPOOL));
        this.maxBytes = maxBytes;
        this.queue = queue;
        this.catalog = catalog;
        clearSpool();
    }

    /** Uploads a stopped server was receiving: none of them reached the queue. */
    private void clearSpool() throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                ReportStore.deleteTree(p);
            }
        }
    }

    void register(Javalin app) {
        app.post("/api/bundles", this::upload);
    }

    private void upload(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes + ENVELOPE) {
            tooLarge(ctx);
            return;
        }
        String type = ctx.req().getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            Problems.respond(ctx, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "send the bundle as multipart/form-data in the field '" + FIELD + "'");
            return;
        }
        ctx.req().setAttribute(JETTY_MULTIPART_CONFIG,
                new MultipartConfigElement(spool.toString(), maxBytes, maxBytes + ENVELOPE, IN_MEMORY));
        Part part;
        try {
            part = ctx.req().getPart(FIELD);
        } catch (IllegalStateException e) {
            // Jetty's words for a part or request past the limits it was given
            if (String.valueOf(e.getMessage()).contains("exceeds")) {
                tooLarge(ctx);
            } else {
                Problems.respond(ctx, HttpStatus.BAD_REQUEST, "the upload could not be read: " + e.getMessage());
            }
            return;
        } catch (IOException | ServletException e) {
            Problems.respond(ctx, HttpStatus.BAD_REQUEST, "the upload was cut short or is not valid multipart: "
                    + e.getMessage());
            return;
        }
        if (part == null || part.getSubmittedFileName() == null) {
            Problems.respond(ctx, HttpStatus.BAD_REQUEST, "no file in the field '" + FIELD + "'");
            return;
        }
        Path received = spool.resolve("upload-" + UUID.randomUUID());
        try {
            part.write(received.toString());
            long size = Files.size(received);
            if (size == 0) {
                Problems.respond(ctx, HttpStatus.BAD_REQUEST, "the file " + part.getSubmittedFileName() + " is empty");
                return;
            }
            String id = BundleFingerprint.of(received).sha256();
            queue.admit(received, id, part.getSubmittedFileName(), size);
            BundleStatus status = catalog.find(id).orElseThrow(() -> new IOException("bundle " + id + " vanished"));
            ctx.header("Location", "/api/bundles/" + id);
            // a bundle known already is not analyzed again: its current state (maybe done) is the answer, with the
            // same code, so that a script need not tell a first upload from a second
            ctx.status(HttpStatus.ACCEPTED).json(status);
        } finally {
            Files.deleteIfExists(received);
            part.delete();
        }
    }

    private void tooLarge(Context ctx) {
        // the rest of the body is not read: the connection is closed after the answer
        ctx.header("Connection", "close");
        Problems.respond(ctx, HttpStatus.CONTENT_TOO_LARGE, "the upload is larger than the limit of " + maxBytes
                + " bytes (--max-upload-bytes)", Map.of("maxUploadBytes", maxBytes));
    }
}
