package dev.bundleanalyzer.rules;

import java.util.Objects;

/** A text in the languages of the report: English and Korean. */
public record LocalizedText(String en, String ko) {

    public LocalizedText {
        Objects.requireNonNull(en, "en");
        Objects.requireNonNull(ko, "ko");
    }

    /** The text for a language code ({@code en} or {@code ko}); English for any other. */
    public String get(String lang) {
        return "ko".equals(lang) ? ko : en;
    }
}
