package dev.bundleanalyzer.rules;

/** Compares fact values: numbers and dotted versions part by part, anything else as text without case. */
public final class ValueComparison {

    private ValueComparison() {
    }

    /**
     * Ordering when both read as numbers or versions, else {@code null}. A signed value or one with an exponent
     * ({@code +0.0123}, {@code -300}) compares as a decimal; otherwise dotted values compare part by part, as
     * versions do ({@code 2.10 > 2.9}).
     */
    static Integer compareOrNull(String a, String b) {
        if (signed(a) || signed(b)) {
            java.math.BigDecimal x = decimal(a);
            java.math.BigDecimal y = decimal(b);
            return x == null || y == null ? null : x.compareTo(y);
        }
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

    /** Ordering of any two values: as numbers or versions when both read so, else as text without case. */
    public static int compare(String a, String b) {
        Integer c = compareOrNull(a, b);
        return c != null ? c : a.trim().compareToIgnoreCase(b.trim());
    }

    private static boolean signed(String text) {
        String t = text.trim();
        return !t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-');
    }

    private static java.math.BigDecimal decimal(String text) {
        try {
            return new java.math.BigDecimal(text.trim().replace(",", "").replaceFirst("^\\+", ""));
        } catch (NumberFormatException e) {
            return null;
        }
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
