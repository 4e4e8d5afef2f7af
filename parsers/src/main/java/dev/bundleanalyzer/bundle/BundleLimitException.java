package dev.bundleanalyzer.bundle;

import java.io.IOException;

/** An entry or the whole bundle went past a configured limit (size, ratio, count, depth). */
public class BundleLimitException extends IOException {

    public BundleLimitException(String message) {
        super(message);
    }
}
