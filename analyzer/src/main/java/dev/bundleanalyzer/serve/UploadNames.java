package dev.bundleanalyzer.serve;

import java.util.regex.Pattern;

/**
 * The file name an upload is kept under: the name the browser sent, reduced to letters, digits, dot, dash and
 * underscore, so that whatever a client claims, it names one file inside the job's own folder.
 */
final class UploadNames {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");
    private static final int MAX = 100;

    private UploadNames() {
    }

    static String safe(String submitted) {
        String name = submitted == null ? "" : submitted;
        // some browsers send the whole client path
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.startsWith(".")) {
            name = "_" + name.substring(1);
        }
        if (name.length() > MAX) {
            name = name.substring(name.length() - MAX); // the end keeps the extension
            name = name.startsWith(".") ? "_" + name.substring(1) : name;
        }
        return name.isEmpty() ? "bundle" : name;
    }

    static boolean isSafe(String name) {
        return name != null && SAFE.matcher(name).matches();
    }
}
