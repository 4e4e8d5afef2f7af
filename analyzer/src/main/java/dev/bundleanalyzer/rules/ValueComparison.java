package dev.bundleanalyzer.rules;

/** Compares fact values: numbers and dotted versions part by part, anything else as text without case. */
final class ValueComparison {

    private ValueComparison() {
    }

    /** Ordering when both read as numbers or versions, else {@code null}. */
    static Integer compareOrNull(String a, String b) {
        long[] x = version(a);
        long[] y = version(b);
        if (x == null || y == null) {
            return null;
        }
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? x[i] : 0;
            long q = i < y.length ? y[i] : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    static int compare(String a, String b) {
        Integer c = compareOrNull(a, b);
        return c != null ? c : a.trim().compareToIgnoreCase(b.trim());
    }

    /** {@code 5.1.17763.1} → [5, 1, 17763, 1]; digit grouping (1,234) is accepted; else null. */
    private static long[] version(String text) {
        String t = text.trim().replace(",", "");
        if (t.isEmpty() || t.startsWith(".") || t.endsWith(".")) {
            return null;
        }
        String[] parts = t.split("\\.", -1);
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 18) {
                return null;
            }
            for (int k = 0; k < p.length(); k++) {
                if (!Character.isDigit(p.charAt(k)) && !(k == 0 && i == 0 && p.charAt(k) == '-' && p.length() > 1)) {
                    return null;
                }
            }
            out[i] = Long.parseLong(p);
        }
        return out;
    }
}
