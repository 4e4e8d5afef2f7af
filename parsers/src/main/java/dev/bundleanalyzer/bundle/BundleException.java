package dev.bundleanalyzer.bundle;

/** The bundle as a whole cannot be read: missing, not an archive, or unreadable from the first byte. */
public class BundleException extends Exception {

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
