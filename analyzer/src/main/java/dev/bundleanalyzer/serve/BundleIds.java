package dev.bundleanalyzer.serve;

import java.util.regex.Pattern;

/**
 * A bundle's id on the web front is the SHA-256 of its content, as the report store knows it: the same bundle
 * uploaded twice has one id. Every id taken from a request is checked against this before it names anything.
 */
final class BundleIds {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    private BundleIds() {
    }

    static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
