package dev.bundleanalyzer.rules.checks;

/** Dotted version comparison for the checks ({@code 3.10.0 >= 3.7.0}). */
final class Versions {

    private Versions() {
    }

    static boolean atLeast(String version, String minimum) {
        String[] a = version.strip().split("\\.");
        String[] b = minimum.strip().split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            long x = i < a.length ? parse(a[i]) : 0;
            long y = i < b.length ? parse(b[i]) : 0;
            if (x != y) {
                return x > y;
            }
        }
        return true;
    }

    private static long parse(String part) {
        try {
            return Long.parseLong(part.replaceAll("\\D.*$", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
