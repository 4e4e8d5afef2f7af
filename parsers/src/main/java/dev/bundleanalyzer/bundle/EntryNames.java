package dev.bundleanalyzer.bundle;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns archive entry names into display paths. The result is only ever shown and matched; the reader
 * never resolves it against the file system, so names such as {@code ../../x} cannot write anywhere.
 */
final class EntryNames {

    /** Separator between an archive's display path and the paths inside it. */
    static final String NESTED = "!/";

    private EntryNames() {
    }

    /**
     * {@code \} becomes {@code /}; leading {@code /}, {@code ./} and drive letters ({@code C:}) are dropped,
     * as are empty and {@code .} segments; {@code ..} segments are kept (display only); control characters
     * become {@code ?} and direction controls are written out ({@link dev.bundleanalyzer.parse.VisibleText}).
     * Returns {@code "(unnamed)"} when nothing is left.
     */
    static String display(String name) {
        if (name == null) {
            return "(unnamed)";
        }
        StringBuilder cleaned = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\') {
                cleaned.append('/');
            } else if (Character.isISOControl(c)) {
                cleaned.append('?');
            } else {
                cleaned.append(c);
            }
        }
        String s = dev.bundleanalyzer.parse.VisibleText.of(cleaned.toString());
        if (s.length() >= 2 && s.charAt(1) == ':' && isAsciiLetter(s.charAt(0))) {
            s = s.substring(2);
        }
        List<String> segments = new ArrayList<>();
        for (String segment : s.split("/")) {
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments.isEmpty() ? "(unnamed)" : String.join("/", segments);
    }

    /** Display path of an entry of the archive shown as {@code archivePath}; the bundle itself has prefix "". */
    static String child(String prefix, String entryName) {
        return prefix + display(entryName);
    }

    /** Prefix for the entries of a nested archive shown as {@code archivePath}. */
    static String prefixOf(String archivePath) {
        return archivePath + NESTED;
    }

    /** Name of the single file inside a gzip member: {@code x.log.gz} gives {@code x.log}. */
    static String gunzippedName(String archiveFileName, String headerName) {
        String lower = archiveFileName.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".tgz")) {
            return archiveFileName.substring(0, archiveFileName.length() - 4) + ".tar";
        }
        for (String suffix : new String[] {".gz", ".gzip"}) {
            if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
                return archiveFileName.substring(0, archiveFileName.length() - suffix.length());
            }
        }
        if (headerName != null && !headerName.isBlank()) {
            String header = display(headerName);
            return header.substring(header.lastIndexOf('/') + 1);
        }
        return archiveFileName + ".out";
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
