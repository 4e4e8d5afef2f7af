package dev.bundleanalyzer.serve;

import dev.bundleanalyzer.bundle.BundleLimits;
import java.nio.file.Path;

/**
 * How the web front runs.
 *
 * @param data           the report store (the same layout as {@code batch --out}); the server keeps its queue and
 *                       uploads in dot-folders inside it
 * @param bind           the address to listen on
 * @param port           the port, or 0 for any free one
 * @param jobs           bundles analyzed at once
 * @param token          the shared token every request must present, or null for none
 * @param maxUploadBytes largest bundle accepted
 * @param index          whether reports keep their full-text index (the search page needs it)
 */
public record ServeOptions(Path data, String bind, int port, int jobs, String token, long maxUploadBytes,
                           String lang, BundleLimits limits, boolean redact, boolean index) {

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 8L << 30;

    public ServeOptions {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("the upload limit must be at least 1 byte");
        }
        if (token != null && token.isEmpty()) {
            token = null;
        }
    }
}
