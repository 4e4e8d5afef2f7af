package dev.bundleanalyzer.rules;

import java.util.Locale;

/** How bad a finding is; declared from the least to the most severe. */
public enum Severity {
    INFO, WARNING, ERROR, CRITICAL;

    /** Lower-case form used in rule files, findings.json and the report. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown severity '" + text + "' (expected info, warning, error or critical)");
        }
    }
}
