package dev.bundleanalyzer.rules;

/**
 * One item of a checklist a finding carries (for example the schedule checklist), with its own verdict.
 *
 * @param name    what was checked
 * @param verdict passed, failed or not evaluated
 * @param detail  what was seen, or what is missing to decide
 */
public record CheckItem(LocalizedText name, Verdict verdict, LocalizedText detail) {

    public enum Verdict {
        PASSED, FAILED, NOT_EVALUATED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
